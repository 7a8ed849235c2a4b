"""The class page: one self-contained HTML file to open, print or file; no script, no network.

It opens with what needs checking (files that gave no report, reports flagged as edited, from another
version of a case or from an unknown case), then lists the students, then goes case by case and question by
question: the spread of scores, the interpretations chosen and with what confidence, the evidence cited
most, the strong counter-evidence most often left unanswered, the coerced or weak sources cited as proof,
and what each student wrote beside their score. Every piece of text passes `visible` and `html.escape`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from game.classroom import charts
from game.classroom.files import GENERATOR
from game.classroom.records import shown
from game.classroom.summary import (
    SHORT_HASH,
    Answer,
    CaseSummary,
    ClassSummary,
    Count,
    Entry,
    QuestionSummary,
)

MOST = 10  # rows in a "most often" chart; the table beneath lists them all

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:64rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.7rem}h2{font-size:1.35rem;margin-top:2.5rem;border-top:3px solid #333;padding-top:.8rem}
h3{font-size:1.15rem;margin-top:2rem;border-top:1px solid #bbb;padding-top:.6rem}
h4{font-size:1rem;margin:1.4rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}th,td{text-align:left;vertical-align:top;
padding:.25rem .5rem;border-bottom:1px solid #ddd}th{background:#f2f2f2}
td.n{text-align:right;white-space:nowrap}
.words{white-space:pre-wrap;max-width:34rem}.flag{color:#8a1c00;font-weight:600}.muted{color:#555}
.chart{max-width:100%;height:auto;display:block}.chart text{font:13px system-ui,sans-serif;fill:#1a1a1a}
.dot{fill:#2b5c8a}.bar{fill:#2b5c8a}.axis{stroke:#333}.median{stroke:#8a1c00;stroke-dasharray:4 3}
.part0{fill:#1f3f66}.part1{fill:#4f83b8}.part2{fill:#a9c6e3}.part3{fill:#d9a441}
.chart text.on-part0,.chart text.on-part1{fill:#fff}.chart text.on-part2,.chart text.on-part3{fill:#111}
@media print{h2{break-before:page}nav{display:none}}
"""


def e(text: str) -> str:
    """Text from a report or a case file as page text: controls made visible, markup escaped."""
    return escape(shown(text, lines=True))


def _anchor(*parts: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") or "x" for p in parts)


def _minutes(seconds: int) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 60 else "under 1 min"


def _date(stamp: str) -> str:
    """'2026-03-02 09:41 UTC' from the report's ISO time; the text as it is if it is not one."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if moment.tzinfo is not None else "")


def _flags(entry: Entry, *, serious_only: bool = False) -> str:
    flags = entry.serious if serious_only else entry.flags
    return "<br>".join(f'<span class="{"flag" if f.kind != "unfinished" else "muted"}">{e(f.text)}</span>'
                       for f in flags)


def _student(entry: Entry) -> str:
    r = entry.report
    klass = f' <span class="muted">({e(r.klass)})</span>' if r.klass else ""
    mark = ' <span class="flag" title="flagged">⚑</span>' if entry.serious else ""
    return f"{e(r.who)}{klass}{mark}"


def render_page(summary: ClassSummary, when: datetime | None = None) -> str:
    when = (when or datetime.now(UTC)).replace(microsecond=0)
    entries = summary.entries
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">', GENERATOR,
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>Verdict: class summary</title>", f"<style>{STYLE}</style></head><body><main>",
             "<h1>Verdict: class summary</h1>",
             f"<p>{len(entries)} report{'s' * (len(entries) != 1)} in {len(summary.cases)} "
             f"case{'s' * (len(summary.cases) != 1)}, summarised {e(when.isoformat())}. Scores are the "
             "game's, from 0 to 100, explained line by line in each student's own report; the written "
             "reasoning is not scored, and is here for you to read.</p>"]
    parts += _contents(summary)
    parts += _to_check(summary)
    parts += _students(entries)
    for case in summary.cases:
        parts += _case(case)
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _contents(summary: ClassSummary) -> list[str]:
    items = ['<li><a href="#check">Reports to check</a></li>', '<li><a href="#students">Students</a></li>']
    for case in summary.cases:
        items.append(f'<li><a href="#{_anchor("case", case.id)}">{e(case.title)}</a><ol>'
                     + "".join(f'<li><a href="#{_anchor("q", case.id, q.id)}">{e(q.prompt)}</a></li>'
                               for q in case.questions) + "</ol></li>")
    return ['<nav aria-label="Contents"><h2>Contents</h2><ol>', *items, "</ol></nav>"]


def _to_check(summary: ClassSummary) -> list[str]:
    parts = ['<h2 id="check">Reports to check</h2>']
    if summary.problems:
        parts += ["<h3>Files that gave no report, or a report that cannot be checked</h3><ul>",
                  *(f"<li>{e(p.message())}</li>" for p in summary.problems), "</ul>"]
    flagged = [entry for entry in summary.entries if entry.serious]
    if flagged:
        parts += ["<h3>Flagged reports</h3>",
                  "<p>These are listed and counted with the rest; check them before you mark them. The "
                  "checksum notices a report edited by hand; it stops casual edits, not a determined "
                  "forger.</p>",
                  "<table><thead><tr><th>Student</th><th>Case</th><th>File</th><th>Why</th></tr></thead><tbody>"]
        parts += [f"<tr><td>{_student(x)}</td><td>{e(x.report.title)}</td><td>{e(x.path)}</td>"
                  f"<td>{_flags(x, serious_only=True)}</td></tr>" for x in flagged]
        parts.append("</tbody></table>")
    if not summary.problems and not flagged:
        parts.append("<p>Every file was read, and no report is flagged.</p>")
    return parts


def _students(entries: Sequence[Entry]) -> list[str]:
    # A Sourcing column only when some student practised sourcing (a class option).
    sourcing = any(x.report.sourcing for x in entries)
    parts = ['<h2 id="students">Students</h2>',
             "<table><thead><tr><th>Student</th><th>Case</th><th>Version</th><th>Case score</th>"
             "<th>Verdicts</th><th>Time played</th><th>Handed in</th><th>File</th><th>Flags</th>"
             + ("<th>Sourcing</th>" if sourcing else "") + "</tr></thead><tbody>"]
    for x in sorted(entries, key=lambda x: (x.report.who.casefold(), x.report.title, x.path)):
        r = x.report
        score = "—" if r.case_score is None else str(r.case_score)
        parts.append(f"<tr><td>{_student(x)}</td><td>{e(r.title)}</td><td>{e(r.content_hash[:SHORT_HASH])}</td>"
                     f'<td class="n">{score}</td><td class="n">{len(r.verdicts)}</td>'
                     f'<td class="n">{_minutes(r.seconds_played)}</td><td>{e(_date(r.handed_in))}</td>'
                     f"<td>{e(x.path)}</td><td>{_flags(x)}</td>"
                     + (f"<td>{e(r.sourcing.removeprefix('Sourcing: '))}</td>" if sourcing else "")
                     + "</tr>")
    parts.append("</tbody></table>")
    return parts


def _case(case: CaseSummary) -> list[str]:
    version = (f"the case file's version is {e(case.current_hash[:SHORT_HASH])}" if case.known
               else '<span class="flag">this case is not in the scenario folders</span>')
    parts = [f'<h2 id="{_anchor("case", case.id)}">{e(case.title)}</h2>',
             f"<p>{len(case.entries)} report{'s' * (len(case.entries) != 1)}; {version}.</p>",
             "<h4>Case scores (the average of each student's verdicts)</h4>",
             charts.score_dots(case.scores, f"Case scores in {case.title}"), _spread(case.scores)]
    for question in case.questions:
        parts += _question(case, question)
    return parts


def _spread(scores: Sequence[int]) -> str:
    if not scores:
        return "<p>No scores yet.</p>"
    ordered = sorted(scores)
    half = len(ordered) // 2
    median = ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2
    return (f"<p>{len(scores)} score{'s' * (len(scores) != 1)}: lowest {ordered[0]}, median {median:g}, "
            f"highest {ordered[-1]}.</p>")


def _question(case: CaseSummary, q: QuestionSummary) -> list[str]:
    n = len(q.answers)
    disputed = "Historians still dispute this question." if q.disputed else "Historians largely agree here."
    parts = [f'<h3 id="{_anchor("q", case.id, q.id)}">{e(q.prompt)}</h3>',
             f'<p class="muted">{n} verdict{"s" * (n != 1)}. {disputed}</p>',
             "<h4>Score spread</h4>", charts.score_dots(q.scores, f"Scores on: {q.prompt}"),
             _spread(q.scores)]
    parts += _interpretations(q)
    parts += _counted("Evidence cited most", q.cited, n, "times cited",
                      "No evidence was cited on this question.")
    if q.stances_known:
        parts += _counted("Strong counter-evidence most often left unanswered", q.ignored, n,
                          "students who held it",
                          "No student held strong, reliable evidence against the claim they chose.",
                          note="A reliable item that strongly undermines the claim the student chose, held "
                               "when they handed in (the stance tables of the case file as it is now decide, "
                               "by the rule of the score's \"Counter-evidence\" line).")
    else:
        parts += ["<h4>Strong counter-evidence most often left unanswered</h4>",
                  '<p class="muted">Not known: the case file is not in the scenario folders.</p>']
    parts += _weak(q, n)
    parts += _writing(q.answers)
    return parts


def _interpretations(q: QuestionSummary) -> list[str]:
    n = len(q.answers)
    rows = [(("Official verdict of the time: " if i.official else "") + i.claim,
             [(c.capitalize(), k) for c, k in i.by_confidence]) for i in q.interpretations]
    parts = ["<h4>Interpretations chosen, and with what confidence</h4>",
             charts.stacked(rows, n, f"Interpretations chosen on: {q.prompt}")]
    confidences = [c for c, _ in q.interpretations[0].by_confidence] if q.interpretations else []
    parts.append("<table><thead><tr><th>Interpretation</th>"
                 + "".join(f'<th class="n">{e(c.capitalize())}</th>' for c in confidences)
                 + '<th class="n">Chosen by</th></tr></thead><tbody>')
    for i in q.interpretations:
        official = ' <span class="muted">(the official verdict of the time)</span>' if i.official else ""
        parts.append(f"<tr><td>{e(i.claim)}{official}</td>"
                     + "".join(f'<td class="n">{k}</td>' for _, k in i.by_confidence)
                     + f'<td class="n">{i.total} of {n}</td></tr>')
    parts.append("</tbody></table>")
    return parts


def _counted(heading: str, counts: Sequence[Count], n: int, column: str, empty: str,
             note: str = "") -> list[str]:
    parts = [f"<h4>{e(heading)}</h4>"] + ([f'<p class="muted">{e(note)}</p>'] if note else [])
    if not counts:
        return [*parts, f"<p>{e(empty)}</p>"]
    parts.append(charts.bars([(c.label, c.count) for c in counts[:MOST]], n, heading))
    parts += _count_table(counts, column)
    return parts


def _count_table(counts: Sequence[Count], column: str, note_column: str = "") -> list[str]:
    head = f"<th>{e(note_column)}</th>" if note_column else ""
    parts = [f'<table><thead><tr><th>Evidence</th>{head}<th class="n">{e(column.capitalize())}</th>'
             "<th>Students</th></tr></thead><tbody>"]
    for c in counts:
        note = f"<td>{e(c.note)}</td>" if note_column else ""
        parts.append(f'<tr><td>{e(c.label)}</td>{note}<td class="n">{c.count}</td>'
                     f"<td>{e(', '.join(c.students))}</td></tr>")
    parts.append("</tbody></table>")
    return parts


def _weak(q: QuestionSummary, n: int) -> list[str]:
    parts = ["<h4>Coerced or weak sources cited as proof</h4>",
             '<p class="muted">Cited in support of the student\'s claim although obtained under duress or '
             "of low reliability; the score's \"Source criticism\" lines take points for these.</p>"]
    if not q.weak:
        return [*parts, "<p>No student rested their claim on a coerced or weak source.</p>"]
    parts.append(charts.bars([(f"{c.label} ({c.note})", c.count) for c in q.weak[:MOST]], n,
                             "Coerced or weak sources cited as proof"))
    return parts + _count_table(q.weak, "times cited as proof", note_column="Why it is weak")


def _writing(answers: Sequence[Answer]) -> list[str]:
    parts = ["<h4>What each student wrote</h4>",
             "<table><thead><tr><th>Student</th><th>Verdict</th><th class=\"n\">Score</th>"
             "<th>Reasoning</th><th>Evidence cited</th></tr></thead><tbody>"]
    for a in answers:
        v = a.verdict
        official = ' <span class="muted">(official verdict of the time)</span>' if v.official else ""
        words = f'<div class="words">{e(v.reasoning) or "<span class=muted>(none written)</span>"}</div>'
        if v.rebuttal:
            words += f'<div class="words"><strong>Against it:</strong> {e(v.rebuttal)}</div>'
        if a.ignored:
            words += f'<div class="muted">Left unanswered: {e("; ".join(a.ignored))}</div>'
        cited = "<br>".join(e(c.title) + (f' <span class="flag">({e(c.weak)})</span>'
                                          if c.weak and c.stance > 0 else "")
                            for c in v.cited) or '<span class="muted">none</span>'
        parts.append(f"<tr><td>{_student(a.entry)}</td><td>{e(v.claim)}{official} "
                     f'<span class="muted">({e(v.confidence)})</span></td><td class="n">{v.score}</td>'
                     f"<td>{words}</td><td>{cited}</td></tr>")
    parts.append("</tbody></table>")
    return parts
