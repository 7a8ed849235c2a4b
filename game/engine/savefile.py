"""The save format: a PlayState as versioned JSON, and back, for any text a player's storage may hold.

Version history (a reader accepts every version from OLDEST_READABLE to SAVE_VERSION):
  1  place, flags, held evidence, visits, choices taken, history (plain dicts), verdicts, undo count
  2  adds the turn counter, a turn on every history record, the undo marks (undo survives a resume) and
     the evidence the last step gained (still shown as new after a resume), the time played, and each
     verdict's written reasoning and rebuttal
     (optional in any version, read leniently: "pins", a list of evidence ids, and "notes", an object of
     evidence id -> the player's short note; "judgements", the student's own grade of each source in
     sourcing practice; "seed", the order of shuffled interpretations. Absent means none, and a value
     that cannot be read is dropped)

A save is untrusted input: it passes `safejson.read_json` (size, depth, numbers, text), then every field is
checked for type and range before it is used. What the current scenario can no longer represent (a renamed
evidence item, a removed scene) is dropped with a note, and the result says it was lossy so the caller can
keep the original text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeGuard

from game.engine.model import CONFIDENCES, RELIABILITIES
from game.engine.notes import clean_note
from game.engine.safejson import UnsafeJSON, read_json
from game.engine.scoring import Verdict, score_verdict
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

if TYPE_CHECKING:
    from game.engine.model import Scenario

SAVE_FORMAT = "verdict-save"
SAVE_VERSION = 2
OLDEST_READABLE = 1
MAX_NAME = 200  # ids and flag names: the checker allows far less
MAX_COUNT = 10**9


class SaveError(ValueError):
    """A save that cannot be used at all; the message says why in words a player understands."""


@dataclass(frozen=True)
class SaveHeader:
    version: int
    scenario: str
    content_hash: str


@dataclass
class Decoded:
    state: PlayState
    notes: list[str] = field(default_factory=list)
    lossy: bool = False  # something in the save was dropped: keep the original text


def read_header(text: str) -> SaveHeader:
    """Check that text is a save this version can read, and say whose; SaveError otherwise."""
    return _header(_parse(text))


def _parse(text: str) -> dict[str, Any]:
    try:
        data = read_json(text)
    except UnsafeJSON as err:
        raise SaveError(f"the save is damaged ({err})") from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError("this is not a Verdict save")
    return data


def _header(data: Mapping[str, Any]) -> SaveHeader:
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < OLDEST_READABLE:
        raise SaveError("the save has no valid version number")
    if version > SAVE_VERSION:
        raise SaveError(f"the save was made by a newer version of Verdict (save format {version})")
    scenario, content_hash = data.get("scenario"), data.get("content_hash", "")
    if not _is_name(scenario):
        raise SaveError("the save does not say which case it belongs to")
    return SaveHeader(version, scenario, content_hash if isinstance(content_hash, str) else "")


def encode(scenario: Scenario, state: PlayState) -> str:
    # Optional keys are written only when they hold something, so a save of a plain play is unchanged.
    optional: dict[str, Any] = {}
    if state.judgements:
        optional["judgements"] = [[e, j.trust, j.why] for e, j in state.judgements.items()]
    if state.seed:
        optional["seed"] = state.seed
    if state.pins:
        optional["pins"] = list(state.pins)
    if state.notes:
        optional["notes"] = dict(state.notes)
    return json.dumps(
        {
            **optional,
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "scenario": scenario.id,
            "content_hash": scenario.content_hash,
            "scene": state.scene,
            "flags": state.flags,
            "held": state.held,
            "visits": state.visits,
            "taken": [list(t) for t in state.taken],
            "history": [_record_out(r) for r in state.history],
            "verdicts": {
                q: {"interpretation": v.interpretation_id, "cited": list(v.cited), "confidence": v.confidence,
                    "reasoning": v.reasoning, "rebuttal": v.rebuttal, "held": list(v.held)}
                for q, v in state.verdicts.items()
            },
            "undo": [_mark_out(m) for m in state.undo],
            "undo_count": state.undo_count,
            "turn": state.turn,
            "gained": list(state.gained),
            "seconds": state.seconds,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def decode(scenario: Scenario, text: str) -> Decoded:
    """The PlayState in text for this scenario; SaveError when nothing of it can be used."""
    data = _parse(text)
    header = _header(data)
    if header.scenario != scenario.id:
        raise SaveError(f"the save belongs to case '{header.scenario}', not '{scenario.id}'")
    try:
        return _Reader(scenario, data, header).read()
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise SaveError(f"the save is damaged ({type(err).__name__})") from None


def _is_name(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and 0 < len(value) <= MAX_NAME


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT


def _is_flag_value(value: object) -> TypeGuard[int | bool]:
    return isinstance(value, bool) or (isinstance(value, int) and abs(value) <= MAX_COUNT)


class _Reader:
    def __init__(self, scenario: Scenario, data: Mapping[str, Any], header: SaveHeader):
        self.scenario, self.data, self.version = scenario, data, header.version
        self.edited = header.content_hash != scenario.content_hash
        self.notes: list[str] = []
        self.lossy = False

    def drop(self, note: str) -> None:
        self.notes.append(note)
        self.lossy = True

    def read(self) -> Decoded:
        sc, data = self.scenario, self.data
        if self.edited:
            self.notes.append("The case has been edited since this save; restoring what still fits.")
        state = PlayState(scene=sc.start)
        scene = data["scene"]  # a save without a place is no save at all
        if not isinstance(scene, str):
            raise TypeError("scene")
        if scene in sc.scenes:
            state.scene = scene
        else:
            self.drop(f"The scene you were in ('{_clip(scene)}') no longer exists; you resume at the start.")
        state.flags = self._flags(data.get("flags", {}))
        for eid in _list(data.get("held")):
            if isinstance(eid, str) and eid in sc.evidence:
                if eid not in state.held:
                    state.held.append(eid)
            else:
                self.drop(f"Evidence '{_clip(eid)}' is no longer in the case and was dropped.")
        state.visits = {s: n for s, n in _dict(data.get("visits")).items() if s in sc.scenes and _is_count(n)}
        state.taken = [
            (s, i)
            for s, i in (_pair(t) for t in _list(data.get("taken")))
            if s in sc.scenes and 0 <= i < len(sc.scenes[s].choices)
        ]
        state.history = [r for r in (self._record(h, n) for n, h in enumerate(_list(data.get("history"))))
                         if r is not None]
        undo_count = data.get("undo_count", 0)
        state.undo_count = undo_count if _is_count(undo_count) else 0
        seconds = data.get("seconds", 0)
        state.seconds = seconds if _is_count(seconds) else 0
        turn = data.get("turn", len(state.history))
        state.turn = turn if _is_count(turn) else len(state.history)
        state.gained = tuple(e for e in dict.fromkeys(_list(data.get("gained"))) if e in state.held)
        state.verdicts = self._verdicts(_dict(data.get("verdicts")), state.held, state.history)
        state.undo = self._undo(_list(data.get("undo")), state) if not self.edited else []
        state.judgements = self._judgements(_list(data.get("judgements")))
        seed = data.get("seed", 0)
        state.seed = seed if _is_count(seed) else 0
        self._note_rescored(state)
        state.pins, state.notes = self._pins(data.get("pins")), self._notes(data.get("notes"))
        return Decoded(state, self.notes, self.lossy)

    def _pins(self, raw: object) -> list[str]:
        """The pinned items still in the case; anything else in the list is left out."""
        pins: list[str] = []
        for eid in _list(raw):
            if not isinstance(eid, str) or eid in pins:
                continue
            if eid in self.scenario.evidence:
                pins.append(eid)
            else:
                self.drop(f"A pin on '{_clip(eid)}' was dropped: that evidence is no longer in the case.")
        return pins

    def _notes(self, raw: object) -> dict[str, str]:
        """The player's notes on items still in the case, cleaned as when written; others are dropped."""
        notes: dict[str, str] = {}
        for eid, text in _dict(raw).items():
            note = clean_note(text) if isinstance(text, str) else ""
            if not note:
                continue
            if eid in self.scenario.evidence:
                notes[eid] = note
            else:
                self.drop(f"Your note on '{_clip(eid)}' was dropped: that evidence is no longer in the case.")
        return notes

    def _flags(self, raw: object) -> dict[str, FlagValue]:
        flags: dict[str, FlagValue] = {}
        for name, value in _dict(raw).items():
            if _is_name(name) and _is_flag_value(value):
                flags[name] = value
            else:
                self.drop(f"A flag in the save ('{_clip(name)}') could not be read and was dropped.")
        return flags

    def _record(self, raw: object, n: int) -> HistoryRecord | None:
        if not isinstance(raw, dict):
            return None
        turn = raw.get("turn", n + 1)
        turn = turn if _is_count(turn) else n + 1
        if "verdict" in raw:
            cited = tuple(e for e in _list(raw.get("cited")) if isinstance(e, str))
            score = raw.get("score")
            return VerdictRecord(turn, str(raw["verdict"]), str(raw.get("interpretation", "")), cited,
                                 str(raw.get("confidence", "")), score if _is_count(score) else 0)
        scene, choice, goto = raw.get("scene"), raw.get("choice"), raw.get("goto")
        if not (isinstance(scene, str) and _is_count(choice) and isinstance(goto, str)):
            return None
        return ChoiceRecord(turn, scene, choice, str(raw.get("label", "")), goto)

    def _verdicts(self, raw: Mapping[str, Any], held: list[str], history: list[HistoryRecord]
                  ) -> dict[str, Verdict]:
        sc, out = self.scenario, {}
        # JSON objects are written with sorted keys: the history gives the order the verdicts were filed in.
        filed = [r.question for r in history if isinstance(r, VerdictRecord)]
        def order(item: tuple[str, Any]) -> int:
            return filed.index(item[0]) if item[0] in filed else len(filed)

        for qid, v in sorted(raw.items(), key=order):
            question = sc.questions.get(qid)
            iid = v.get("interpretation") if isinstance(v, dict) else None
            if question is None or not isinstance(iid, str) or iid not in question.interpretations:
                self.drop(f"Your verdict on '{_clip(qid)}' no longer fits the case and was removed.")
                continue
            # Scored against what was held when it was filed (saves before version 2: what is held now).
            then = [e for e in dict.fromkeys(_list(v.get("held"))) if isinstance(e, str) and e in held]
            basis = then if "held" in v else list(held)
            wanted = [e for e in _list(v.get("cited")) if isinstance(e, str)]
            cited = [e for e in dict.fromkeys(wanted) if e in basis][: question.max_cite]
            if len(cited) < len(wanted):
                self.drop(f"Some evidence you cited on '{question.id}' is no longer in the case.")
            confidence = v.get("confidence")
            if confidence not in CONFIDENCES:
                confidence = "possible"
            report = score_verdict(sc, question, iid, cited, confidence, basis)
            out[qid] = Verdict(qid, iid, tuple(cited), confidence, report, _text(v.get("reasoning")),
                               _text(v.get("rebuttal")), tuple(basis))
        return out

    def _judgements(self, raw: list[Any]) -> dict[str, Judgement]:
        """[[evidence id, trust, why], ...], read leniently: a judgement that does not fit is left out.

        Read against the case's evidence, not what is held: undo can take an item away, and its judgement
        stays (it was made once, before the case's grade was shown), as in the play that was saved."""
        out: dict[str, Judgement] = {}
        for item in raw:
            if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
                continue
            eid, trust, why = item
            if eid in self.scenario.evidence and trust in RELIABILITIES and eid not in out:
                out[eid] = Judgement(trust, _text(why, MAX_WHY))
        return out

    def _undo(self, raw: list[Any], state: PlayState) -> list[UndoMark]:
        marks = []
        for m in raw:
            mark = _mark_in(m, self.scenario)
            if mark is None or mark.held > len(state.held) or mark.taken > len(state.taken):
                return []  # a damaged undo trail is dropped whole: half of one would rewind wrongly
            marks.append(mark)
        return marks

    def _note_rescored(self, state: PlayState) -> None:
        recorded = {r.question: r.score for r in state.history if isinstance(r, VerdictRecord)}
        if not self.edited and any(
            recorded.get(q) is not None and recorded[q] != v.report.total for q, v in state.verdicts.items()
        ):
            self.notes.append("Scores were recalculated.")


def _record_out(record: HistoryRecord) -> dict[str, Any]:
    if isinstance(record, VerdictRecord):
        return {"turn": record.turn, "verdict": record.question, "interpretation": record.interpretation,
                "cited": list(record.cited), "confidence": record.confidence, "score": record.score}
    return {"turn": record.turn, "scene": record.scene, "choice": record.choice, "label": record.label,
            "goto": record.goto}


def _mark_out(mark: UndoMark) -> dict[str, Any]:
    return {"scene": mark.scene, "flags": dict(mark.flags), "held": mark.held, "entered": mark.entered,
            "visits": mark.visits, "taken": mark.taken, "history": mark.history, "gained": list(mark.gained)}


def _mark_in(raw: object, scenario: Scenario) -> UndoMark | None:
    if not isinstance(raw, dict):
        return None
    scene, entered, flags = raw.get("scene"), raw.get("entered"), raw.get("flags")
    held, taken, history, visits = raw.get("held"), raw.get("taken"), raw.get("history"), raw.get("visits")
    gained = raw.get("gained", [])
    if not (scene in scenario.scenes and entered in scenario.scenes and isinstance(flags, dict)
            and _is_count(held) and _is_count(taken) and _is_count(history)
            and (visits is None or _is_count(visits)) and isinstance(gained, list)):
        return None
    if not all(_is_name(k) and _is_flag_value(v) for k, v in flags.items()):
        return None
    return UndoMark(str(scene), tuple(flags.items()), held, str(entered), visits, taken, history,
                    tuple(e for e in gained if isinstance(e, str) and e in scenario.evidence))


def _text(value: object, limit: int = 2000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _pair(value: object) -> tuple[str, int]:
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and _is_count(value[1]):
        return value[0], value[1]
    return "", -1


def _clip(value: object, limit: int = 60) -> str:
    """A value from the save, short and printable, for a note the player reads."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
