"""One student's report as the class summary uses it: every field checked and typed, its text made visible.

A report is untrusted input (a student can open it in an editor), so nothing is taken on trust: each
field the summary reads must be there with the right type, or the report is refused with the key that is
wrong. Text is passed through `visible` here, once, so no control character or direction override reaches
the page, the markbook or the terminal from a report. The checksum is judged on the data as read, before
any of that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game.engine.model import STANCE_WORDS
from game.engine.report import is_untouched
from game.engine.safetext import visible

NAME_LIMIT = 120  # what the hand-in form keeps
SHORT_LIMIT = 300  # titles, prompts, claims
LONG_LIMIT = 4000  # reasoning: the verdict form keeps 2,000 characters; an edited file may hold more
ID_LIMIT = 80


def shown(text: str, limit: int | None = None, *, lines: bool = False) -> str:
    """`visible`, with a shortcut for the usual text: a printable string has nothing for it to replace
    (every character it replaces is one str.isprintable refuses), and checking that is far quicker."""
    if text.isprintable() and (limit is None or len(text) <= limit):
        return text
    return visible(text, limit, keep_newlines=lines)


class DamagedReport(ValueError):
    """A field the summary needs is missing or of the wrong kind; the message names its key."""


@dataclass(frozen=True)
class Cited:
    id: str
    title: str
    stance: int  # -2 strongly undermines ... +2 strongly supports, toward the claim the student chose
    coerced: bool
    reliability: str

    @property
    def weak(self) -> str:
        """Why the source cannot carry a claim on its own ('' when it can), as the scoring judges it."""
        if self.coerced:
            return "obtained under duress"
        return "low reliability" if self.reliability == "low" else ""


@dataclass(frozen=True)
class VerdictEntry:
    question: str
    prompt: str
    disputed: bool
    interpretation: str
    claim: str
    official: bool
    confidence: str
    cited: tuple[Cited, ...]
    score: int
    reasoning: str
    rebuttal: str


@dataclass(frozen=True)
class StudentReport:
    scenario: str
    title: str
    content_hash: str
    name: str
    klass: str
    handed_in: str
    seconds_played: int
    finished: bool
    case_score: int | None
    verdicts: tuple[VerdictEntry, ...]
    evidence_found: tuple[str, ...]
    untouched: bool  # the keyed checksum matches: nobody changed the file since the game wrote it
    sourcing: str = ""  # the sourcing practice line ("Sourcing: 7 of 9 documents ..."); "" when none

    @property
    def who(self) -> str:
        return self.name or "(no name given)"


class _Fields:
    """Typed reads from one JSON object; a wrong field raises DamagedReport naming its full key."""

    def __init__(self, data: Mapping[str, Any], where: str = "") -> None:
        self.data = data
        self.where = where

    def _damaged(self, key: str, expected: str) -> DamagedReport:
        return DamagedReport(f"its '{self.where}{key}' is missing or damaged (expected {expected})")

    def text(self, key: str, limit: int = SHORT_LIMIT, *, lines: bool = False) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise self._damaged(key, "text")
        return shown(value.strip(), limit, lines=lines)

    def ident(self, key: str) -> str:
        value = self.text(key, ID_LIMIT)
        if not value:
            raise self._damaged(key, "a name")
        return value

    def whole(self, key: str, low: int = 0, high: int | None = None) -> int:
        value = self.data.get(key)
        # JSON true/false read as Python bools, which are ints: refuse them as counts.
        if type(value) is not int or value < low or (high is not None and value > high):
            span = f"a whole number from {low}" + (f" to {high}" if high is not None else "")
            raise self._damaged(key, span)
        return value

    def maybe_whole(self, key: str, low: int, high: int) -> int | None:
        return None if self.data.get(key) is None else self.whole(key, low, high)

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            raise self._damaged(key, "true or false")
        return value

    def objects(self, key: str) -> list[_Fields]:
        value = self.data.get(key)
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self._damaged(key, "a list of entries")
        return [_Fields(item, f"{self.where}{key}[{n}].") for n, item in enumerate(value)]

    def object(self, key: str) -> _Fields:
        value = self.data.get(key)
        if not isinstance(value, dict):
            raise self._damaged(key, "an entry")
        return _Fields(value, f"{self.where}{key}.")

    def idents(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._damaged(key, "a list of names")
        return tuple(shown(item, ID_LIMIT) for item in value)

    def stance(self, key: str) -> int:
        value = self.data.get(key)
        if not isinstance(value, str) or value not in STANCE_WORDS:
            raise self._damaged(key, "one of " + ", ".join(f"'{w}'" for w in STANCE_WORDS))
        return STANCE_WORDS[value]


def _cited(f: _Fields) -> Cited:
    return Cited(f.ident("id"), f.text("title"), f.stance("stance"), f.flag("coerced"), f.text("reliability"))


def _verdict(f: _Fields) -> VerdictEntry:
    return VerdictEntry(
        question=f.ident("question"),
        prompt=f.text("prompt"),
        disputed=f.flag("disputed"),
        interpretation=f.ident("interpretation"),
        claim=f.text("claim"),
        official=f.flag("official"),
        confidence=f.text("confidence", ID_LIMIT),
        cited=tuple(_cited(item) for item in f.objects("cited")),
        score=f.whole("score", 0, 100),
        reasoning=f.text("reasoning", LONG_LIMIT, lines=True),
        rebuttal=f.text("rebuttal", LONG_LIMIT, lines=True),
    )


def student_report(data: dict[str, Any]) -> StudentReport:
    """The checked report from the data `read_report` gave; DamagedReport when a field is unusable."""
    f = _Fields(data)
    student = f.object("student")
    return StudentReport(
        scenario=f.ident("scenario"),
        title=f.text("title"),
        content_hash=f.text("content_hash", ID_LIMIT),
        name=student.text("name", NAME_LIMIT),
        klass=student.text("class", ID_LIMIT),
        handed_in=f.text("handed_in", ID_LIMIT),
        seconds_played=f.whole("seconds_played"),
        finished=f.flag("finished"),
        case_score=f.maybe_whole("case_score", 0, 100),
        verdicts=tuple(_verdict(item) for item in f.objects("verdicts")),
        evidence_found=f.idents("evidence_found"),
        untouched=is_untouched(data),
        sourcing=_sourcing_line(data.get("sourcing")),
    )


def _sourcing_line(value: object) -> str:
    """The sourcing line of a report that has one; optional (older reports and plain plays have none)."""
    line = value.get("line") if isinstance(value, dict) else None
    return shown(line.strip(), SHORT_LIMIT) if isinstance(line, str) else ""
