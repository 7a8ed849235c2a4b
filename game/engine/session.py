"""One player's way through one scenario: place, flags, evidence, verdicts, undo and saves."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from game.engine.debrief import Debrief, build_debrief
from game.engine.expr import Assign, Effect, Gain, evaluate, truthy
from game.engine.model import CONFIDENCES, Choice, Question, Scenario, Scene
from game.engine.prose import Paragraph, parse_prose
from game.engine.scoring import ScoreReport, score_verdict

SAVE_FORMAT = "verdict-save"
SAVE_VERSION = 1


class VerdictError(ValueError):
    """A verdict that cannot be taken: unknown ids, evidence not held, too many citations."""


class SaveError(ValueError):
    """A save that cannot be used at all; the message says why in words a player understands."""


@dataclass(frozen=True)
class ChoiceView:
    index: int
    label: str
    goto: str


@dataclass(frozen=True)
class SceneView:
    scene_id: str
    title: str
    paragraphs: list[Paragraph]
    choices: list[ChoiceView]
    checkpoint: Question | None
    is_ending: bool
    gained: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    question_id: str
    interpretation_id: str
    cited: tuple[str, ...]
    confidence: str
    report: ScoreReport


@dataclass(frozen=True)
class Restored:
    session: Session
    notes: list[str]


@dataclass
class _State:
    scene: str
    flags: dict[str, int | bool] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)
    visits: dict[str, int] = field(default_factory=dict)
    taken: list[tuple[str, int]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    gained: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Mark:
    """The state before one choice, as far as the choice can change it (lists only grow within a step)."""

    scene: str
    flags: dict[str, int | bool]
    held: int
    entered: str
    visits: int | None  # visits of the entered scene before, None if it had none
    taken: int
    history: int
    gained: tuple[str, ...]


class Session:
    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.verdicts: dict[str, Verdict] = {}
        self.undo_count = 0
        self._undo: list[_Mark] = []
        self._state = _State(scene=scenario.start)
        self._enter(scenario.start)

    # ---- the expression context -----------------------------------------------------------------

    def has(self, evidence_id: str) -> bool:
        return evidence_id in self._state.held

    def visits(self, scene_id: str) -> int:
        return self._state.visits.get(scene_id, 0)

    def answered(self, question_id: str) -> bool:
        return question_id in self.verdicts

    def concluded(self, question_id: str, interpretation_id: str) -> bool:
        verdict = self.verdicts.get(question_id)
        return verdict is not None and verdict.interpretation_id == interpretation_id

    def score(self, question_id: str) -> int:
        verdict = self.verdicts.get(question_id)
        return verdict.report.total if verdict else 0

    def held_count(self) -> int:
        return len(self._state.held)

    def flag(self, name: str) -> int | bool:
        return self._state.flags.get(name, 0)

    # ---- reading the state --------------------------------------------------------------------

    @property
    def scene(self) -> Scene:
        return self.scenario.scenes[self._state.scene]

    @property
    def scene_id(self) -> str:
        return self._state.scene

    @property
    def held(self) -> tuple[str, ...]:
        return tuple(self._state.held)

    @property
    def flags(self) -> dict[str, int | bool]:
        return dict(self._state.flags)

    @property
    def history(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self._state.history)

    @property
    def visited_scenes(self) -> set[str]:
        return {s for s, n in self._state.visits.items() if n > 0}

    @property
    def pending_question(self) -> Question | None:
        checkpoint = self.scene.checkpoint
        if checkpoint is not None and checkpoint not in self.verdicts:
            return self.scenario.questions[checkpoint]
        return None

    @property
    def is_over(self) -> bool:
        return self.scene.ending

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def available(self) -> list[Choice]:
        if self.pending_question is not None or self.scene.ending:
            return []
        scene, taken = self.scene, self._state.taken
        return [
            c
            for c in scene.choices
            if not (c.once and (scene.id, c.index) in taken)
            and (c.condition is None or truthy(evaluate(c.condition, self)))
        ]

    def view(self) -> SceneView:
        scene = self.scene
        paragraphs = parse_prose(scene.text)
        for passage in scene.passages:
            if truthy(evaluate(passage.condition, self)):
                paragraphs.extend(parse_prose(passage.text))
        choices = [ChoiceView(i, c.label, c.goto) for i, c in enumerate(self.available())]
        return SceneView(
            scene.id,
            scene.title,
            paragraphs,
            choices,
            self.pending_question,
            scene.ending,
            self._state.gained,
        )

    # ---- acting -------------------------------------------------------------------------------

    def choose(self, index: int) -> tuple[str, ...]:
        """Take the index-th available choice; returns the evidence ids it gained."""
        options = self.available()
        if not 0 <= index < len(options):
            raise IndexError(f"no choice {index + 1} here")
        choice = options[index]
        state = self._state
        # Undo keeps what this step changes, not a copy of the whole state: a copy grows with the history,
        # and long playtests would slow down with every step.
        self._undo.append(
            _Mark(
                state.scene,
                dict(state.flags),
                len(state.held),
                choice.goto,
                state.visits.get(choice.goto),
                len(state.taken),
                len(state.history),
                state.gained,
            )
        )
        before = len(state.held)
        state.taken.append((self.scene.id, choice.index))
        state.history.append(
            {"scene": self.scene.id, "choice": choice.index, "label": choice.label, "goto": choice.goto}
        )
        self._apply(choice.effects)
        self._enter(choice.goto, keep_gained_from=before)
        return state.gained

    def undo(self) -> None:
        if not self._undo:
            raise RuntimeError("nothing to undo")
        mark, state = self._undo.pop(), self._state
        state.scene, state.flags, state.gained = mark.scene, mark.flags, mark.gained
        del state.held[mark.held :], state.taken[mark.taken :], state.history[mark.history :]
        if mark.visits is None:
            state.visits.pop(mark.entered, None)
        else:
            state.visits[mark.entered] = mark.visits
        self.undo_count += 1

    def submit_verdict(
        self, question_id: str, interpretation_id: str, cited: Sequence[str], confidence: str
    ) -> ScoreReport:
        question = self.scenario.questions.get(question_id)
        if question is None:
            raise VerdictError(f"there is no question '{question_id}'")
        if question_id in self.verdicts:
            raise VerdictError("you have already given your verdict on this question")
        if interpretation_id not in question.interpretations:
            raise VerdictError(f"'{interpretation_id}' is not an interpretation of this question")
        if confidence not in CONFIDENCES:
            raise VerdictError(f"confidence must be one of {', '.join(CONFIDENCES)}")
        cited = list(dict.fromkeys(cited))
        if len(cited) > question.max_cite:
            raise VerdictError(f"you may cite at most {question.max_cite} items here")
        for eid in cited:
            if eid not in self._state.held:
                raise VerdictError(f"you do not hold '{eid}'")
        report = score_verdict(
            self.scenario, question, interpretation_id, cited, confidence, self._state.held
        )
        self.verdicts[question_id] = Verdict(question_id, interpretation_id, tuple(cited), confidence, report)
        self._state.history.append(
            {
                "verdict": question_id,
                "interpretation": interpretation_id,
                "cited": cited,
                "confidence": confidence,
                "score": report.total,
            }
        )
        self._undo.clear()  # a verdict is final: undo cannot reach back past it
        return report

    def debrief(self) -> Debrief:
        return build_debrief(self.scenario, self.scene, self.verdicts, self.held, self.undo_count)

    # ---- internals ----------------------------------------------------------------------------

    def _enter(self, scene_id: str, keep_gained_from: int | None = None) -> None:
        state = self._state
        before = len(state.held) if keep_gained_from is None else keep_gained_from
        state.scene = scene_id
        state.visits[scene_id] = state.visits.get(scene_id, 0) + 1
        self._apply(self.scenario.scenes[scene_id].on_enter)
        state.gained = tuple(state.held[before:])

    def _apply(self, effects: Sequence[Effect]) -> None:
        state = self._state
        for effect in effects:
            if isinstance(effect, Gain):
                if effect.evidence_id not in state.held:
                    state.held.append(effect.evidence_id)
            elif isinstance(effect, Assign):
                value = evaluate(effect.value, self)
                if effect.op == "=":
                    state.flags[effect.flag] = value
                else:
                    sign = 1 if effect.op == "+=" else -1
                    state.flags[effect.flag] = int(state.flags.get(effect.flag, 0)) + sign * int(value)

    # ---- saves --------------------------------------------------------------------------------

    def to_json(self) -> str:
        state = self._state
        return json.dumps(
            {
                "format": SAVE_FORMAT,
                "version": SAVE_VERSION,
                "scenario": self.scenario.id,
                "content_hash": self.scenario.content_hash,
                "scene": state.scene,
                "flags": state.flags,
                "held": state.held,
                "visits": state.visits,
                "taken": [list(t) for t in state.taken],
                "history": state.history,
                "verdicts": {
                    q: {
                        "interpretation": v.interpretation_id,
                        "cited": list(v.cited),
                        "confidence": v.confidence,
                    }
                    for q, v in self.verdicts.items()
                },
                "undo_count": self.undo_count,
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def restore(cls, scenario: Scenario, text: str) -> Restored:
        try:
            data = json.loads(text)
        except (ValueError, TypeError):
            raise SaveError("the save is damaged (not readable JSON)") from None
        if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
            raise SaveError("this is not a Verdict save")
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise SaveError("the save has no valid version number")
        if version > SAVE_VERSION:
            raise SaveError(f"the save was made by a newer version of Verdict (save format {version})")
        if data.get("scenario") != scenario.id:
            raise SaveError(f"the save belongs to case '{data.get('scenario')}', not '{scenario.id}'")
        try:
            return _restore_v1(cls, scenario, data)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise SaveError(f"the save is damaged ({type(err).__name__})") from None


def _restore_v1(cls: type[Session], scenario: Scenario, data: dict[str, Any]) -> Restored:
    notes: list[str] = []
    session = cls(scenario)
    edited = data.get("content_hash") != scenario.content_hash
    if edited:
        notes.append("The case has been edited since this save; restoring what still fits.")
    state = _State(scene=scenario.start)
    scene = data["scene"]
    if scene in scenario.scenes:
        state.scene = scene
    else:
        notes.append(f"The scene you were in ('{scene}') no longer exists; you resume at the start.")
    state.flags = {str(k): v for k, v in dict(data.get("flags", {})).items() if isinstance(v, int | bool)}
    for eid in data.get("held", []):
        if eid in scenario.evidence:
            state.held.append(eid)
        else:
            notes.append(f"Evidence '{eid}' is no longer in the case and was dropped.")
    state.visits = {s: int(n) for s, n in dict(data.get("visits", {})).items() if s in scenario.scenes}
    state.taken = [(str(s), int(i)) for s, i in data.get("taken", []) if s in scenario.scenes]
    state.history = [h for h in data.get("history", []) if isinstance(h, dict)]
    session._state = state
    session.undo_count = int(data.get("undo_count", 0))
    for qid, v in dict(data.get("verdicts", {})).items():
        question = scenario.questions.get(qid)
        if question is None or v.get("interpretation") not in question.interpretations:
            notes.append(f"Your verdict on '{qid}' no longer fits the case and was removed.")
            continue
        cited = [e for e in v.get("cited", []) if e in state.held and e in scenario.evidence][
            : question.max_cite
        ]
        confidence = v.get("confidence") if v.get("confidence") in CONFIDENCES else "possible"
        report = score_verdict(scenario, question, v["interpretation"], cited, confidence, state.held)
        session.verdicts[qid] = Verdict(qid, v["interpretation"], tuple(cited), confidence, report)
    if (
        not edited
        and session.verdicts
        and any(
            session.verdicts[q].report.total != h.get("score")
            for h in state.history
            if "verdict" in h and (q := h["verdict"]) in session.verdicts
        )
    ):
        notes.append("Scores were recalculated.")
    return Restored(session, notes)
