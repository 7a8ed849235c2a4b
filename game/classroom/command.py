"""`verdict report FILES_OR_DIR... [--out DIR] [--scenarios DIR]`: a class's reports into a CSV and a page.

Every file is read on its own; a file that gives no report, or a report from a case that is not in the
scenario folders, is named with the reason and makes the exit status 1, and the rest of the class is still
summarised. Flags (edited, another version) do not change the exit status: they are for the teacher to
read on the page and in the markbook.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from game.classroom.files import Loaded, Problem, find, load
from game.classroom.markbook import markbook_csv
from game.classroom.page import render_page
from game.classroom.summary import ClassSummary, summarise
from game.engine.model import Scenario
from game.engine.safetext import visible

MARKBOOK = "markbook.csv"
PAGE = "class-summary.html"


def _write(folder: Path, name: str, text: str) -> Path:
    # Atomically, so a spreadsheet or browser that has the old file open never sees half a new one.
    target = folder / name
    partial = folder / (name + ".partial")
    partial.write_text(text, encoding="utf-8", newline="")
    os.replace(partial, target)
    return target


def _scenarios(extra: Sequence[str | Path]) -> tuple[dict[str, Scenario], list[str]]:
    from game.app import SCENARIOS_DIR
    from game.engine import Catalog

    catalog = Catalog.load(SCENARIOS_DIR, *extra)
    return dict(catalog.scenarios), [visible(f.message, keep_newlines=False) for f in catalog.failures]


def run(paths: Sequence[str | Path], out: str | Path = ".", scenarios: Sequence[str | Path] = (),
        stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    for folder in scenarios:
        if not Path(folder).is_dir():
            print(f"verdict report: --scenarios {visible(str(folder))}: there is no such folder", file=stderr)
            return 1
    files, problems = find(paths)
    loaded: list[Loaded] = []
    for path, shown in files:
        result = load(path, shown)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            loaded.append(result)
    cases, failures = _scenarios(scenarios)
    summary = summarise(loaded, problems, cases)
    _tell_problems(summary, failures, stderr)
    if not loaded:
        print("verdict report: no reports to summarise, so nothing was written.", file=stderr)
        return 1
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = [_write(folder, MARKBOOK, markbook_csv(summary)),
                   _write(folder, PAGE, render_page(summary))]
    except OSError as err:
        print(f"verdict report: cannot write into {visible(str(folder))} ({err.strerror or err}); "
              "choose another folder with --out", file=stderr)
        return 1
    _tell_summary(summary, written, stdout)
    return 1 if summary.problems else 0


def _tell_problems(summary: ClassSummary, failures: Sequence[str], stderr: TextIO) -> None:
    if not summary.problems:
        return
    print(f"verdict report: {len(summary.problems)} file{'s' * (len(summary.problems) != 1)} "
          "could not be summarised in full:", file=stderr)
    for problem in summary.problems:
        print(f"  {problem.message()}", file=stderr)
    unknown = any(not case.known for case in summary.cases)
    if unknown and failures:
        print("  Some case files in the scenario folders could not be loaded (`verdict check` says why):",
              file=stderr)
        for failure in failures:
            print(f"    {failure}", file=stderr)


def _tell_summary(summary: ClassSummary, written: Sequence[Path], stdout: TextIO) -> None:
    entries = summary.entries
    cases = ", ".join(visible(f"{c.title} ({len(c.entries)})", keep_newlines=False) for c in summary.cases)
    print(f"Summarised {len(entries)} report{'s' * (len(entries) != 1)}: {cases}.", file=stdout)
    flagged = [x for x in entries if x.serious]
    if flagged:
        print(f"{len(flagged)} flagged (listed, and counted with the rest):", file=stdout)
        for x in flagged:
            why = "; ".join(f.text for f in x.serious)
            print("  " + visible(f"{x.path}: {x.report.who}: {why}", keep_newlines=False), file=stdout)
    for path in written:
        print(f"Wrote {visible(str(path), keep_newlines=False)}", file=stdout)
