"""Turns engine views into wrapped text. Escape codes only when writing to a real terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from game.engine import Debrief, Evidence, Paragraph, Question, Scenario, SceneView, ScoreReport


@dataclass(frozen=True)
class Style:
    width: int = 78
    ansi: bool = False

    def em(self, text: str) -> str:
        return f"\x1b[3m{text}\x1b[0m" if self.ansi else text

    def strong(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.ansi else text

    def heading(self, text: str) -> str:
        line = "=" * min(self.width, len(text))
        return f"{self.strong(text)}\n{line}" if not self.ansi else self.strong(text.upper())

    def wrap(self, text: str, indent: str = "") -> str:
        return textwrap.fill(text, width=self.width, initial_indent=indent, subsequent_indent=indent)

    def paragraph(self, paragraph: Paragraph, indent: str = "") -> str:
        # Wrap the plain text first so escape codes never count towards the line length.
        plain = "".join(s.text for s in paragraph)
        wrapped = self.wrap(plain, indent)
        if not self.ansi:
            return wrapped
        for span in paragraph:
            if span.style and span.text in wrapped:
                wrapped = wrapped.replace(
                    span.text, self.em(span.text) if span.style == "em" else self.strong(span.text), 1
                )
        return wrapped

    def paragraphs(self, paragraphs: Iterable[Paragraph], indent: str = "") -> str:
        return "\n\n".join(self.paragraph(p, indent) for p in paragraphs)


def case_card(index: int, scenario: Scenario, style: Style) -> str:
    head = f"{index}. {scenario.title} ({scenario.period}, about {scenario.minutes} minutes)"
    return (
        style.wrap(head) + "\n" + style.wrap(f"You are: {scenario.role}. {scenario.summary.strip()}", "   ")
    )


def scene(view: SceneView, scenario: Scenario, style: Style) -> str:
    parts = [style.heading(view.title), style.paragraphs(view.paragraphs)]
    if view.gained:
        names = ", ".join(scenario.evidence[e].title for e in view.gained)
        parts.append(style.wrap(f"New evidence in your casebook: {names}."))
    return "\n\n".join(parts)


def choices(view: SceneView, style: Style) -> str:
    return "\n".join(style.wrap(f"{c.index + 1}. {c.label}", "") for c in view.choices)


def evidence(item: Evidence, style: Style) -> str:
    coerced = " Obtained under duress." if item.coerced else ""
    return "\n\n".join(
        [
            style.heading(item.title),
            style.wrap(f"{item.kind.replace('_', ' ').capitalize()}, {item.date}."),
            style.wrap(item.text.strip()),
            style.wrap(f"Provenance: {item.provenance}"),
            style.wrap(f"Reliability: {item.reliability}.{coerced} {item.reliability_note}"),
            style.wrap(f"Source: {item.citation}"),
        ]
    )


def score(report: ScoreReport, question: Question, style: Style) -> str:
    claim = question.interpretations[report.interpretation_id].claim
    lines = [style.strong(f"Score: {report.total}/100") + f" for: {claim}"]
    for line in report.lines:
        points = f"{line.points:+d}" if line.max_points == 0 else f"{line.points}/{line.max_points}"
        lines.append(style.wrap(f"{line.label} {points}: {line.text}", "  "))
    return "\n".join(lines)


def debrief(d: Debrief, scenario: Scenario, style: Style) -> str:
    parts = [style.heading(f"Debrief: {d.ending_title}"), style.paragraphs(d.ending)]
    for q in d.questions:
        parts.append(style.heading(q.question.prompt))
        parts.append(style.wrap(f"Your verdict ({q.confidence}): {q.interpretation.claim}"))
        parts.append(score(q.report, q.question, style))
        for item in q.cited:
            parts.append(
                style.wrap(
                    f"- You cited {item.evidence.title}: it {item.stance} your claim. {item.why}", "  "
                )
            )
        parts.append(style.strong("What the whole body of evidence supports, strongest first:"))
        parts.append(
            "\n".join(
                style.wrap(f"{i}. {interp.claim} (held by {interp.held_by})", "  ")
                for i, (interp, _net) in enumerate(q.evidence_ranking, start=1)
            )
        )
        status = (
            "Historians still dispute this." if q.question.disputed else "Historians largely agree on this."
        )
        parts.append(style.strong("What historians argue. ") + status)
        parts.append(style.paragraphs(q.debate))
    for question in d.unanswered:
        parts.append(style.wrap(f"You gave no verdict on: {question.prompt}"))
    if d.missed:
        parts.append(style.strong("Evidence you never found:"))
        parts.append("\n".join(style.wrap(f"- {e.title} ({e.citation})", "  ") for e in d.missed))
    if d.undo_count:
        parts.append(style.wrap(f"You undid {d.undo_count} choice(s) during the investigation."))
    parts.append(style.heading("What became of them"))
    parts.append(style.paragraphs(d.aftermath))
    return "\n\n".join(parts)


def reliability_marker(item: Evidence) -> str:
    return "coerced" if item.coerced else item.reliability
