"""The markbook: one CSV row per student and question, for a spreadsheet or a school's gradebook import.

A cell a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage return first) is written
with a leading apostrophe, so a name or a sentence of reasoning can never run as a formula
(CSV injection). The file starts with a byte-order mark because Excel otherwise misreads any accent or
Cyrillic letter in a name.
"""

from __future__ import annotations

import csv
import io

from game.classroom.records import VerdictEntry
from game.classroom.summary import SHORT_HASH, ClassSummary, Entry

COLUMNS = ("name", "class", "case", "case version", "question", "interpretation chosen", "official",
           "confidence", "score", "case score", "minutes played", "evidence cited", "reasoning", "rebuttal",
           "counter-evidence left unanswered", "flags", "file")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """text as a cell a spreadsheet shows as text, never evaluates."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _row(entry: Entry, case_title: str, verdict: VerdictEntry | None,
         unanswered: tuple[str, ...]) -> list[str]:
    r = entry.report
    flags = "; ".join(f.short for f in entry.flags)
    cells = [r.name, r.klass, case_title, r.content_hash[:SHORT_HASH]]
    if verdict is None:
        cells += ["(no verdict given)", "", "", "", ""]
    else:
        cells += [verdict.prompt, verdict.claim, "yes" if verdict.official else "no", verdict.confidence,
                  str(verdict.score)]
    cells += ["" if r.case_score is None else str(r.case_score), f"{r.seconds_played / 60:.1f}"]
    if verdict is None:
        cells += ["", "", "", ""]
    else:
        cells += ["; ".join(c.title for c in verdict.cited), verdict.reasoning, verdict.rebuttal,
                  "; ".join(unanswered)]
    cells += [flags, entry.path]
    return [neutral(cell) for cell in cells]


def markbook_csv(summary: ClassSummary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for case in summary.cases:
        answers = {(a.entry.path, a.verdict.question): a for q in case.questions for a in q.answers}
        for entry in case.entries:
            if not entry.report.verdicts:
                writer.writerow(_row(entry, case.title, None, ()))
            for verdict in entry.report.verdicts:
                answer = answers.get((entry.path, verdict.question))
                writer.writerow(_row(entry, case.title, verdict, answer.ignored if answer else ()))
    return "\ufeff" + out.getvalue()
