"""The words of sourcing practice (a case's or class's `sourcing = "student"`), for every front end.

Until the student has judged a document, the casebook shows it without the case's grade, its note or the
"obtained under duress" mark; once judged, their grade and the case's stand side by side. The debrief gets
one line and a section of its own, apart from the verdicts' scores.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.app.documents import RELIABILITY_WORDS, Block, block, evidence_heading, grade_words, prose

if TYPE_CHECKING:
    from game.engine import Evidence
    from game.engine.sourcing import SourcingScore
    from game.engine.state import Judgement

TRUST_LABELS = {
    "high": "High: I would rely on it",
    "medium": "Medium: useful, but I would check it against others",
    "low": "Low: I would not rely on it",
}
NOT_JUDGED = "Not judged yet"


def unjudged_document(item: Evidence) -> list[Block]:
    """The document without the case's grade, note or duress mark: the student judges it first."""
    blocks = evidence_heading(item)
    blocks += prose("quote", item.text)
    blocks.append(block("h3", "Where it comes from"))
    blocks += prose("p", item.provenance)
    blocks += prose("meta", "Source: " + item.citation)
    blocks.append(block("h3", "Judge this source"))
    blocks.append(block("p", "Before you see how the case grades it: who made it, when, and why? Could they "
                             "have been wrong, or made to say it? Choose how far you trust it and say why "
                             "in one line."))
    return blocks


def judged_document(item: Evidence, judgement: Judgement) -> list[Block]:
    """The document with the student's grade beside the case's."""
    blocks = evidence_heading(item)
    blocks.append(block("stamp", grade_words(item)))
    blocks += prose("quote", item.text)
    blocks.append(block("h3", "Where it comes from"))
    blocks += prose("p", item.provenance)
    blocks.append(block("h3", "How far to trust it"))
    mine = RELIABILITY_WORDS.get(judgement.trust, judgement.trust)
    blocks.append(block("p", f"Your judgement: {mine}" + (f". {judgement.why}" if judgement.why else "")))
    blocks.append(block("p", f"The case's grade: {grade_words(item)}"))
    blocks += prose("p", item.reliability_note)
    blocks += prose("meta", "Source: " + item.citation)
    return blocks


def debrief_blocks(score: SourcingScore) -> tuple[list[Block], list[Block]]:
    """(the summary line, the section): shown apart from the verdicts' scores."""
    aside = f"{_points(score.points)} / {score.judged}" if score.judged else "—"
    summary = [block("score", score.line(), aside=aside)]
    section = [block("h2", "Sourcing: how far you trusted each document"),
               block("meta", "Each document you judged counts 1 when your grade is the case's, ½ when it is "
                             "one grade away. This is apart from your verdicts' scores.")]
    for item in score.items:
        mine = RELIABILITY_WORDS.get(item.trust, item.trust)
        why = f" ({item.why})" if item.why else ""
        section.append(block("score", f"{item.title}: you judged it {mine.lower()}{why}; the case grades it "
                                       f"{RELIABILITY_WORDS.get(item.reliability, item.reliability).lower()}."
                              + (" It was obtained under duress." if item.coerced else ""),
                              aside=_points(item.credit)))
        section += prose("meta", item.note)
    if not score.items:
        section.append(block("p", "You judged no documents."))
    return summary, section


def _points(points: float) -> str:
    from game.engine.sourcing import points_text

    return points_text(points)
