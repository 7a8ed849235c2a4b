"""Sourcing practice: the student's own grade of each source beside the case's, and one score for it.

The rule (docs/scoring.md, "Sourcing"): each document the student judged earns 1 when their grade is the
case's, ½ when it is one grade away (high and medium, medium and low), 0 when it is two away (high and
low). The score is the sum over the documents judged; documents found but never judged are counted
apart. It is a line of its own in the debrief and the hand-in, never part of a verdict's or the case's
score: a verdict is scored on the evidence, and this on the reading of the sources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.engine.model import RELIABILITIES, Scenario
from game.engine.state import Judgement


@dataclass(frozen=True)
class SourcingItem:
    evidence_id: str
    title: str
    trust: str  # the student's grade
    why: str  # the student's one line
    reliability: str  # the case's grade
    note: str  # the case's reliability note
    coerced: bool
    credit: float  # 1, 0.5 or 0


@dataclass(frozen=True)
class SourcingScore:
    items: tuple[SourcingItem, ...]  # in the order judged
    unjudged: tuple[str, ...]  # evidence ids held but never judged

    @property
    def judged(self) -> int:
        return len(self.items)

    @property
    def exact(self) -> int:
        return sum(1 for item in self.items if item.credit == 1)

    @property
    def near(self) -> int:
        return sum(1 for item in self.items if item.credit == 0.5)

    @property
    def points(self) -> float:
        return sum(item.credit for item in self.items)

    def line(self) -> str:
        """The debrief's and the hand-in's one line, e.g. "Sourcing: 7 of 9 documents judged as the case
        does, 1 within one grade (counts half): 7½ of 9"."""
        if not self.items:
            return "Sourcing: you judged no documents."
        n = self.judged
        docs = "document" if n == 1 else "documents"
        text = f"Sourcing: {self.exact} of {n} {docs} judged as the case does"
        if self.near:
            text += f", {self.near} within one grade (counts half)"
        text += f": {points_text(self.points)} of {n}"
        if self.unjudged:
            count = len(self.unjudged)
            text += f"; {count} {'document' if count == 1 else 'documents'} found but not judged"
        return text + "."


def credit(trust: str, reliability: str) -> float:
    """1 for the case's grade, ½ for one grade away, 0 for two (or a grade the scale does not know)."""
    if trust not in RELIABILITIES or reliability not in RELIABILITIES:
        return 0.0
    apart = abs(RELIABILITIES.index(trust) - RELIABILITIES.index(reliability))
    return 1.0 if apart == 0 else 0.5 if apart == 1 else 0.0


def points_text(points: float) -> str:
    whole = int(points)
    if points - whole:
        return f"{whole}½" if whole else "½"
    return str(whole)


def sourcing_score(scenario: Scenario, judgements: Mapping[str, Judgement],
                   held: Sequence[str]) -> SourcingScore:
    items = []
    for eid, judgement in judgements.items():
        item = scenario.evidence.get(eid)
        if item is None:
            continue
        items.append(SourcingItem(eid, item.title, judgement.trust, judgement.why, item.reliability,
                                  item.reliability_note, item.coerced,
                                  credit(judgement.trust, item.reliability)))
    unjudged = tuple(e for e in held if e not in judgements and e in scenario.evidence)
    return SourcingScore(tuple(items), unjudged)
