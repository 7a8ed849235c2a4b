"""The words on each screen as plain blocks, so the canvas and the page show exactly the same text.

A document is a list of Blocks; each front end decides only how a block kind looks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.app.actions import help_keys
from game.engine.prose import Paragraph, Span, parse_prose

if TYPE_CHECKING:
    from game.engine import Debrief, Evidence, Question, Scenario, SceneView, ScoreLine, ScoreReport, Term
    from game.engine.session import Session

__all__ = ["Block", "Span", "block", "paragraphs", "prose"]

# Only the engine's small prose module is imported here: the title screen must draw before the loader
# and the cases are imported.



# Block kinds, from most to least prominent. "stamp" is a short red label (NEW EVIDENCE, COERCED);
# "meta" a small grey line (dates, provenance labels); "score" a line with points in `aside`.
KINDS = ("h1", "h2", "h3", "p", "quote", "meta", "stamp", "score", "notice")

GAME_CONTENT_NOTE = (
    "This game is about the Soviet purges: the arrest, forced confession, trial and execution of real "
    "people, told without graphic detail. Press Esc at any time; the game saves after every choice."
)


RELIABILITY_WORDS = {
    "high": "High reliability",
    "medium": "Medium reliability",
    "low": "Low reliability",
}


@dataclass(frozen=True)
class Block:
    kind: str
    spans: Paragraph
    aside: str = ""  # right-hand text, e.g. "25 / 35" on a score line

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def block(kind: str, text: str, aside: str = "") -> Block:
    """One block of plain text; the line breaks of multi-line TOML strings are folded into spaces."""
    return Block(kind, (Span(" ".join(text.split())),), aside)


def styled(kind: str, text: str, aside: str = "") -> Block:
    """One block of scenario text in one paragraph, its *emphasis* kept (titles, claims, labels)."""
    spans = tuple(span for para in parse_prose(text) for span in (*para, Span(" ")))[:-1]
    return Block(kind, spans or (Span(""),), aside)


def prose(kind: str, text: str) -> list[Block]:
    """Scenario text: blank lines separate paragraphs, *emphasis* and **strong** become styled spans."""
    return paragraphs(kind, parse_prose(text))


def paragraphs(kind: str, paras: Sequence[Paragraph]) -> list[Block]:
    return [Block(kind, para) for para in paras if para]


def title_document() -> list[Block]:
    return [
        block("h1", "VERDICT"),
        block("meta", "Case files of the Soviet purges, 1928–1938"),
        block(
            "p",
            "Read the evidence as it was found, some of it forged or beaten out of people. At each turning "
            "point give a verdict and cite your sources; the debrief shows how your reasoning held up.",
        ),
        block("h3", "Content note"),
        block("p", GAME_CONTENT_NOTE),
    ]


HelpRows = tuple[tuple[str, str], ...]


def help_document(rows: HelpRows | None = None) -> list[Block]:
    """How to play; rows are the front end's keys (the window's by default), each (keys, what they do)."""
    blocks = [block("h1", "How to play"), block("h2", "Keys")]
    blocks += [block("score", action, aside=keys) for keys, action in (rows or help_keys())]
    blocks += [
        block("h2", "Mouse and touch"),
        block("p", "Click or tap any button. Underlined words open their glossary entry. "
                   "Scroll with the wheel, or drag the page with a finger."),
        block("h2", "Verdicts"),
        block("p", "When the case reaches a turning point you choose an interpretation, cite the evidence "
                   "that supports it and say how sure you are. Weak or coerced sources cost points; so does "
                   "certainty where historians still disagree."),
    ]
    return blocks


def briefing_document(scenario: Scenario, progress_line: str, best: int | None) -> list[Block]:
    blocks = [
        styled("h1", scenario.title),
        block("meta", f"{scenario.period} · about {scenario.minutes} minutes"),
        block("h3", "Your role"),
        *prose("p", scenario.role),
        *prose("p", scenario.summary),
        block("h3", "Content note"),
        *prose("p", scenario.content_note),
        block("meta", progress_line + (f" · best score {best}/100" if best is not None else "")),
    ]
    return blocks


def scene_document(view: SceneView, scenario: Scenario, notices: list[str]) -> list[Block]:
    blocks = [styled("h1", view.title)]
    blocks += [block("notice", note) for note in notices]
    for eid in view.gained:
        item = scenario.evidence.get(eid)
        if item is not None:
            blocks.append(styled("stamp", f"New evidence: {item.title}", aside="Added to the casebook"))
    blocks += paragraphs("p", view.paragraphs)
    if view.checkpoint is not None:
        blocks.append(block("h3", "Your verdict is needed"))
        blocks += prose("quote", view.checkpoint.prompt)
    elif view.is_ending:
        blocks.append(block("h3", "The case is closed"))
    return blocks


def counter_lines(session: Session) -> list[str]:
    """The case's counters, then the scene's, each {flag} replaced by its value now."""
    counters = (*session.scenario.counters, *session.scene.counters)
    return [" ".join(counter.fill(session.flag).split()) for counter in counters]


def grade_words(item: Evidence) -> str:
    """The case's grade of a source, as its stamp says it."""
    grade = RELIABILITY_WORDS.get(item.reliability, item.reliability)
    return grade + " · Obtained under duress" if item.coerced else grade


def evidence_heading(item: Evidence) -> list[Block]:
    """A document's title and what sort of source it is, when made: how every view of it opens."""
    kind = item.kind.replace("_", " ").capitalize()
    return [styled("h2", item.title), block("meta", f"{kind} · {item.date}")]


def evidence_document(item: Evidence) -> list[Block]:
    blocks = evidence_heading(item)
    blocks.append(block("stamp", grade_words(item)))
    blocks += prose("quote", item.text)
    blocks.append(block("h3", "Where it comes from"))
    blocks += prose("p", item.provenance)
    blocks.append(block("h3", "How far to trust it"))
    blocks += prose("p", item.reliability_note)
    blocks += prose("meta", "Source: " + item.citation)
    return blocks


def casebook_intro(count: int, total: int) -> list[Block]:
    if not count:
        return [block("h1", "Casebook"), block("p", "You have not found any evidence yet.")]
    return [block("h1", "Casebook"), block("meta", f"{count} of {total} documents found")]


def verdict_document(question: Question, held_count: int) -> list[Block]:
    blocks = [block("h1", "Your verdict"), *prose("quote", question.prompt)]
    if question.disputed:
        blocks.append(block("meta", "Historians still disagree about this question."))
    if not held_count:
        blocks.append(block("meta", "You hold no evidence yet, so you can cite nothing."))
    return blocks


def verdict_review(question: Question, scenario: Scenario, interpretation: str, cited: list[str],
                   confidence: str, reasoning: str = "", rebuttal: str = "") -> list[Block]:
    """The summary a player reads before filing: the same words in every front end."""
    claim = question.interpretations[interpretation].claim
    titles = [scenario.evidence[e].title for e in cited if e in scenario.evidence]
    citing = "; ".join(titles) if titles else "no evidence"
    return [
        block("h1", "File this verdict?"),
        *prose("quote", question.prompt),
        block("h3", "You argue"),
        *prose("p", claim),
        block("h3", "Citing"),
        *([styled("p", t) for t in titles] if titles else [block("p", citing)]),
        block("h3", "Confidence"),
        block("p", confidence.capitalize() + "."),
        block("h3", "Your reasoning"),
        block("p", reasoning or "You wrote none: your teacher will see the verdict without it."),
        *([block("h3", "Against it"), block("p", rebuttal)] if rebuttal else []),
        block("meta", "A filed verdict cannot be undone. Choose Change it to go back to the form."),
    ]


def verdict_feedback(report: ScoreReport) -> list[str]:
    """A few lines after a verdict is filed: the score, what earned most and what cost most.

    The full breakdown waits for the debrief, so that the next scenes are read, not skimmed for hints.
    """
    lines = [f"Verdict filed: {report.total} / 100. The debrief explains every point."]
    earned = [line for line in report.lines if line.max_points and line.points > 0]
    if earned:
        best = max(earned, key=lambda line: line.points / line.max_points)
        lines.append(f"Strongest part: {best.label}, {best.points} of {best.max_points}.")
    losses = [(line.max_points - line.points if line.max_points else -line.points, line)
              for line in report.lines]
    lost, worst = max(losses, key=lambda pair: pair[0], default=(0, None))
    if worst is not None and lost > 0:
        lines.append(f"Most points lost: {worst.label} ({lost}). {worst.text}")
    return lines


def glossary_document(term: Term | None, terms: list[Term]) -> list[Block]:
    if term is None:
        return [block("h1", "Glossary"), block("p", "There are no glossary terms on this page.")]
    return [block("h1", term.term), *prose("p", term.definition)]


# The debrief's closing sections; a section added to the debrief (sourcing practice) goes before them.
MISSED_HEADING = "Evidence you never found"
AFTERMATH_HEADING = "What became of them"

# What to try next time, by the score line that lost the most points.
NEXT_TIME = {
    "Standing": "gather more of the evidence before deciding, and weigh it by how far each source can be "
                "trusted",
    "Citations": "cite the items that most directly support your claim, and none that undermine it",
    "Counter-evidence": "choose a reading that can answer the strongest evidence against it",
    "Calibration": "match your confidence to the evidence: 'probable' where historians still disagree, "
                   "'certain' only where the sources settle it",
    "Source criticism": "do not rest a claim on a confession obtained under duress or on rumour",
}


def _lost(line: ScoreLine) -> int:
    return line.max_points - line.points if line.max_points else -line.points


def _weight_words(weight: float) -> str:
    if weight >= 3:
        return "strongly supported"
    if weight >= 1:
        return "supported"
    if weight > -1:
        return "mixed"
    return "undermined" if weight > -3 else "strongly undermined"


def debrief_summary(debrief: Debrief) -> list[Block]:
    """One screen first: a bar per question, the points that cost most, and one thing to try next time."""
    blocks: list[Block] = []
    if debrief.average is not None:
        n = len(debrief.questions)
        how = "your one verdict" if n == 1 else f"the average of your {n} verdicts"
        blocks.append(block("score", f"Your score for the case ({how})", aside=f"{debrief.average} / 100"))
    for qd in debrief.questions:
        blocks.append(block("score", qd.question.prompt, aside=f"{qd.report.total} / 100"))
    for question in debrief.unanswered:
        blocks.append(block("score", question.prompt, aside="no verdict"))
    losses = sorted(((_lost(line), line) for qd in debrief.questions for line in qd.report.lines),
                    key=lambda pair: -pair[0])
    worst = [(lost, line) for lost, line in losses if lost > 0][:2]
    if worst:
        blocks.append(block("h3", "Where the points went"))
        blocks += [block("score", f"{line.label}: {line.text}", aside=f"−{lost}") for lost, line in worst]
        advice = NEXT_TIME.get(worst[0][1].label)
        if advice:
            blocks.append(block("p", f"Next time, try to {advice}."))
    return blocks


def debrief_document(debrief: Debrief, scenario: Scenario) -> list[Block]:
    """The summary, then one section (h2) per part: the ending, each question, what was missed, the people."""
    blocks = [styled("h1", f"Debrief: {scenario.title}"), *debrief_summary(debrief)]
    blocks.append(block("h2", debrief.ending_title))
    blocks += paragraphs("p", debrief.ending)
    for qd in debrief.questions:
        blocks.append(block("h2", qd.question.prompt))
        blocks += prose("p", f"Your verdict ({qd.confidence}): {qd.interpretation.claim}")
        blocks.append(block("score", "Score for this verdict", aside=f"{qd.report.total} / 100"))
        if qd.reasoning:
            blocks.append(block("quote", f"Your reasoning: {qd.reasoning}"))
        if qd.rebuttal:
            blocks.append(block("quote", f"Against it: {qd.rebuttal}"))
        for line in qd.report.lines:
            aside = f"{line.points} / {line.max_points}" if line.max_points else f"{line.points:+d}"
            blocks.append(block("score", f"{line.label}: {line.text}", aside=aside))
        if qd.cited:
            blocks.append(block("h3", "The evidence you cited"))
            for cited in qd.cited:
                blocks += prose("p", f"{cited.evidence.title}: {cited.stance}. {cited.why}")
        blocks.append(block("h3", "What all the evidence in the case supports"))
        blocks.append(block("meta", "Each figure adds up all the case's evidence for (+) and against (−) a "
                                    "reading, a reliable document counting far more than rumour or a "
                                    "confession obtained under duress."))
        for interp, weight in qd.evidence_ranking:
            label = " (the official verdict of the time)" if interp.official else ""
            blocks.append(styled("score", f"{interp.claim}{label} — {_weight_words(weight)}",
                                 aside=f"{weight:+.1f}"))
        blocks.append(block("h3", "What historians argue"))
        agree = "still dispute this" if qd.question.disputed else "largely agree on this"
        blocks.append(block("meta", f"Historians {agree}."))
        blocks += paragraphs("p", qd.debate)
        for interp in qd.question.interpretations.values():
            if interp.held_by:
                blocks += prose("meta", f"“{interp.claim}” Held by: {interp.held_by}")
    for question in debrief.unanswered:
        blocks.append(block("h2", question.prompt))
        blocks.append(block("p", "You gave no verdict on this question."))
    if debrief.missed:
        blocks.append(block("h2", MISSED_HEADING))
        for item in debrief.missed:
            blocks += prose("p", f"{item.title} ({item.date}): {item.reliability_note}")
    blocks.append(block("h2", AFTERMATH_HEADING))
    blocks += paragraphs("p", debrief.aftermath)
    if debrief.undo_count:
        times = "once" if debrief.undo_count == 1 else f"{debrief.undo_count} times"
        blocks.append(block("meta", f"You used undo {times}."))
    if debrief.bibliography:
        blocks.append(block("h3", "Further reading"))
        blocks += [Block("meta", para) for ref in debrief.bibliography for para in parse_prose(ref)]
    return blocks


def handin_document() -> list[Block]:
    return [
        block("h1", "Hand in your work"),
        block("p", "Your report holds the case, your verdicts with the evidence you cited and your "
                   "reasoning, the score with every point explained, and how long you played. Write your "
                   "name, choose a form, and give the file to your teacher."),
        block("meta", "No account and no internet connection are needed: the file stays with you."),
    ]


def error_document(summary: str, details: str) -> list[Block]:
    return [
        block("h1", "Something went wrong"),
        block("p", "The game hit an unexpected error. Your progress was saved after your last choice, so "
                   "nothing is lost: go back to the case files and resume the case."),
        block("h3", "What happened"),
        block("p", summary),
        block("h3", "Details for your teacher or the developers"),
        *[block("meta", line) for line in details.strip().splitlines()[-12:]],
    ]
