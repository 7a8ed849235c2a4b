"""One player's way through one scenario: the rules of play over a PlayState (see state.py).

The session owns no state of its own beyond the scenario and its PlayState; saving is `savefile`'s job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.engine import savefile
from game.engine.debrief import Debrief, build_debrief
from game.engine.expr import Assign, Effect, Gain, evaluate, truthy
from game.engine.model import CONFIDENCES, RELIABILITIES, Choice, Question, Scenario, Scene
from game.engine.notes import clean_note
from game.engine.prose import Paragraph, parse_prose
from game.engine.savefile import SaveError
from game.engine.scoring import ScoreReport, Verdict, score_verdict
from game.engine.sourcing import SourcingScore, sourcing_score
from game.engine.state import (
    MAX_WHY,
    ChoiceRecord,
    FlagValue,
    HistoryRecord,
    Judgement,
    PlayState,
    UndoMark,
    VerdictRecord,
)

__all__ = ["ChoiceView", "Restored", "SaveError", "SceneView", "Session", "Verdict", "VerdictError"]


MAX_REASONING = 2000  # characters: a few paragraphs
FLAG_LIMIT = 10**9  # the largest flag value a save accepts (savefile.MAX_COUNT)


def _clean(text: str) -> str:
    return " ".join(text.split())[:MAX_REASONING]


class VerdictError(ValueError):
    """A verdict that cannot be taken: unknown ids, evidence not held, too many citations."""


@dataclass(frozen=True)
class ChoiceView:
    index: int
    label: str
    goto: str
    source_index: int = -1  # the choice's place in the scene's file order: stable while others come and go


@dataclass(frozen=True)
class SceneView:
    scene_id: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    choices: tuple[ChoiceView, ...]
    checkpoint: Question | None
    is_ending: bool
    gained: tuple[str, ...]


@dataclass(frozen=True)
class Restored:
    session: Session
    notes: tuple[str, ...]
    lossy: bool = False  # the save held something this scenario cannot represent: keep the original


class Session:
    def __init__(self, scenario: Scenario, state: PlayState | None = None, *, seed: int = 0):
        """seed: this play's own number (options.new_seed), which fixes the order of shuffled
        interpretations; a given state keeps its own."""
        self.scenario = scenario
        if state is None:
            self.state = PlayState(scene=scenario.start, seed=seed)
            self._enter(scenario.start)
        else:
            self.state = state

    @classmethod
    def starting_at(cls, scenario: Scenario, scene_id: str, held: Sequence[str] = (),
                    flags: dict[str, FlagValue] | None = None) -> Session:
        """A session that enters scene_id holding `held` with `flags` set (an author's preview)."""
        session = cls(scenario, PlayState(scene=scene_id, flags=dict(flags or {}), held=list(held)))
        session._enter(scene_id, keep_gained_from=len(session.state.held))
        return session

    # ---- the expression context -----------------------------------------------------------------

    def has(self, evidence_id: str) -> bool:
        return evidence_id in self.state.held

    def visits(self, scene_id: str) -> int:
        return self.state.visits.get(scene_id, 0)

    def answered(self, question_id: str) -> bool:
        return question_id in self.state.verdicts

    def concluded(self, question_id: str, interpretation_id: str) -> bool:
        verdict = self.state.verdicts.get(question_id)
        return verdict is not None and verdict.interpretation_id == interpretation_id

    def score(self, question_id: str) -> int:
        verdict = self.state.verdicts.get(question_id)
        return verdict.report.total if verdict else 0

    def held_count(self) -> int:
        return len(self.state.held)

    def flag(self, name: str) -> FlagValue:
        return self.state.flags.get(name, 0)

    # ---- reading the state (copies: the state changes only through the methods below) -------------

    @property
    def scene(self) -> Scene:
        return self.scenario.scenes[self.state.scene]

    @property
    def scene_id(self) -> str:
        return self.state.scene

    @property
    def held(self) -> tuple[str, ...]:
        return tuple(self.state.held)

    @property
    def flags(self) -> dict[str, FlagValue]:
        return dict(self.state.flags)

    @property
    def history(self) -> tuple[HistoryRecord, ...]:
        return tuple(self.state.history)  # the records are frozen

    @property
    def verdicts(self) -> dict[str, Verdict]:
        return dict(self.state.verdicts)

    @property
    def judgements(self) -> dict[str, Judgement]:
        """Sourcing practice: evidence id -> the student's own grade of it, in the order judged."""
        return dict(self.state.judgements)

    @property
    def seed(self) -> int:
        return self.state.seed

    @property
    def undo_count(self) -> int:
        return self.state.undo_count

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def visited_scenes(self) -> set[str]:
        return {s for s, n in self.state.visits.items() if n > 0}

    @property
    def taken(self) -> frozenset[tuple[str, int]]:
        """(scene id, choice index in file order) of every choice taken: front ends mark them."""
        return frozenset(self.state.taken)

    @property
    def pending_question(self) -> Question | None:
        checkpoint = self.scene.checkpoint
        if checkpoint is not None and checkpoint not in self.state.verdicts:
            return self.scenario.questions[checkpoint]
        return None

    @property
    def is_over(self) -> bool:
        return self.scene.ending

    @property
    def can_undo(self) -> bool:
        return bool(self.state.undo)

    def available(self) -> list[Choice]:
        if self.pending_question is not None or self.scene.ending:
            return []
        scene, taken = self.scene, self.state.taken
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
        choices = tuple(ChoiceView(i, c.label, c.goto, c.index) for i, c in enumerate(self.available()))
        return SceneView(
            scene.id,
            scene.title,
            tuple(paragraphs),
            choices,
            self.pending_question,
            scene.ending,
            self.state.gained,
        )

    # ---- acting -------------------------------------------------------------------------------

    def choose(self, index: int) -> tuple[str, ...]:
        """Take the index-th available choice; returns the evidence ids it gained."""
        options = self.available()
        if not 0 <= index < len(options):
            raise IndexError(f"no choice {index + 1} here")
        choice = options[index]
        state = self.state
        state.undo.append(
            UndoMark(
                state.scene,
                tuple(state.flags.items()),
                len(state.held),
                choice.goto,
                state.visits.get(choice.goto),
                len(state.taken),
                len(state.history),
                state.gained,
            )
        )
        before = len(state.held)
        state.turn += 1
        state.taken.append((self.scene.id, choice.index))
        state.history.append(ChoiceRecord(state.turn, self.scene.id, choice.index, choice.label, choice.goto))
        self._apply(choice.effects)
        self._enter(choice.goto, keep_gained_from=before)
        return state.gained

    def undo(self) -> None:
        state = self.state
        if not state.undo:
            raise RuntimeError("nothing to undo")
        mark = state.undo.pop()
        state.scene, state.flags, state.gained = mark.scene, dict(mark.flags), mark.gained
        del state.held[mark.held :], state.taken[mark.taken :], state.history[mark.history :]
        if mark.visits is None:
            state.visits.pop(mark.entered, None)
        else:
            state.visits[mark.entered] = mark.visits
        state.turn -= 1  # a choice is the only step undo can take back
        state.undo_count += 1

    def submit_verdict(
        self, question_id: str, interpretation_id: str, cited: Sequence[str], confidence: str,
        reasoning: str = "", rebuttal: str = "",
    ) -> ScoreReport:
        question = self.scenario.questions.get(question_id)
        state = self.state
        if question is None:
            raise VerdictError(f"there is no question '{question_id}'")
        if question_id in state.verdicts:
            raise VerdictError("you have already given your verdict on this question")
        if interpretation_id not in question.interpretations:
            raise VerdictError(f"'{interpretation_id}' is not an interpretation of this question")
        if confidence not in CONFIDENCES:
            raise VerdictError(f"confidence must be one of {', '.join(CONFIDENCES)}")
        cited = list(dict.fromkeys(cited))
        if len(cited) > question.max_cite:
            raise VerdictError(f"you may cite at most {question.max_cite} items here")
        for eid in cited:
            if eid not in state.held:
                raise VerdictError(f"you do not hold '{eid}'")
        report = score_verdict(self.scenario, question, interpretation_id, cited, confidence, state.held)
        verdict = Verdict(question_id, interpretation_id, tuple(cited), confidence, report,
                          _clean(reasoning), _clean(rebuttal), tuple(state.held))
        state.verdicts[question_id] = verdict
        state.turn += 1
        state.history.append(
            VerdictRecord(state.turn, question_id, interpretation_id, tuple(cited), confidence, report.total)
        )
        state.undo.clear()  # a verdict is final: undo cannot reach back past it
        return report

    def judge(self, evidence_id: str, trust: str, why: str = "") -> Judgement:
        """Record the student's own grade of a source they hold, once (sourcing practice).

        Raises VerdictError for evidence not held, a grade that is not one of the case's, or a second
        judgement of the same item: the case's grade is shown after the first, so a second would copy it.
        """
        if evidence_id not in self.state.held:
            raise VerdictError(f"you do not hold '{evidence_id}'")
        if trust not in RELIABILITIES:
            raise VerdictError(f"trust must be one of {', '.join(RELIABILITIES)}")
        if evidence_id in self.state.judgements:
            raise VerdictError("you have already judged this document")
        judgement = Judgement(trust, " ".join(why.split())[:MAX_WHY])
        self.state.judgements[evidence_id] = judgement
        return judgement

    def debrief(self) -> Debrief:
        return build_debrief(self.scenario, self.scene, self.state.verdicts, self.held, self.undo_count)

    # ---- the player's marks on the casebook (never read by the rules; undo leaves them alone) ----------

    @property
    def pins(self) -> tuple[str, ...]:
        """Evidence ids the player pinned, in the order pinned."""
        return tuple(self.state.pins)

    @property
    def notes(self) -> dict[str, str]:
        """The player's note on each evidence item that has one (a copy)."""
        return dict(self.state.notes)

    def pinned(self, evidence_id: str) -> bool:
        return evidence_id in self.state.pins

    def note(self, evidence_id: str) -> str:
        return self.state.notes.get(evidence_id, "")

    def pin(self, evidence_id: str, on: bool = True) -> None:
        """Pin a held item (on) or unpin it; pinning twice keeps one pin."""
        self._markable(evidence_id)
        pins = self.state.pins
        if on and evidence_id not in pins:
            pins.append(evidence_id)
        elif not on and evidence_id in pins:
            pins.remove(evidence_id)

    def annotate(self, evidence_id: str, text: str) -> str:
        """Keep a short note on a held item (whitespace collapsed, clipped); an empty text removes it.

        Returns the note as kept.
        """
        self._markable(evidence_id)
        note = clean_note(text)
        if note:
            self.state.notes[evidence_id] = note
        else:
            self.state.notes.pop(evidence_id, None)
        return note

    def _markable(self, evidence_id: str) -> None:
        if evidence_id not in self.state.held:
            raise VerdictError(f"you do not hold '{evidence_id}'")

    def sourcing(self) -> SourcingScore:
        """The student's judgements of the sources beside the case's grades, scored (engine.sourcing)."""
        return sourcing_score(self.scenario, self.state.judgements, self.state.held)

    def spend(self, seconds: float) -> None:
        """Add time played (the controller measures it between actions)."""
        self.state.seconds += max(0, int(seconds))

    # ---- internals ----------------------------------------------------------------------------

    def _enter(self, scene_id: str, keep_gained_from: int | None = None) -> None:
        state = self.state
        before = len(state.held) if keep_gained_from is None else keep_gained_from
        state.scene = scene_id
        state.visits[scene_id] = state.visits.get(scene_id, 0) + 1
        self._apply(self.scenario.scenes[scene_id].on_enter)
        state.gained = tuple(state.held[before:])

    def _apply(self, effects: Sequence[Effect]) -> None:
        state = self.state
        for effect in effects:
            if isinstance(effect, Gain):
                if effect.evidence_id not in state.held:
                    state.held.append(effect.evidence_id)
            elif isinstance(effect, Assign):
                value = evaluate(effect.value, self)
                if effect.op != "=":
                    sign = 1 if effect.op == "+=" else -1
                    value = int(state.flags.get(effect.flag, 0)) + sign * int(value)
                if not isinstance(value, bool):
                    # A counter a case keeps doubling would grow past what a save can hold: clamp it.
                    value = max(-FLAG_LIMIT, min(FLAG_LIMIT, int(value)))
                state.flags[effect.flag] = value

    # ---- saves (the format is savefile's) -------------------------------------------------------

    def to_json(self) -> str:
        return savefile.encode(self.scenario, self.state)

    @classmethod
    def restore(cls, scenario: Scenario, text: str) -> Restored:
        decoded = savefile.decode(scenario, text)
        return Restored(cls(scenario, decoded.state), tuple(decoded.notes), decoded.lossy)
