"""Finding a class's reports in the files and folders a teacher names, and reading each one on its own.

A folder is searched with its subfolders (an LMS's "download all" often makes one folder per student), for
the forms `verdict report` can read (HTML and JSON) and for Markdown reports, which it names so that a
student who handed in the wrong form is not silently left out. One file that cannot be read is a
`Problem` with its name and a reason; it never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.app.handin import NotAReport, read_report
from game.classroom.records import DamagedReport, StudentReport, student_report
from game.engine.safejson import MAX_BYTES
from game.engine.safetext import visible

READABLE = (".html", ".htm", ".json")
MARKDOWN = ".md"
MARKDOWN_START = "# Verdict case report"
# The class page carries this line, so a page written into the reports' folder is not read as a report.
GENERATOR = '<meta name="generator" content="verdict report">'
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Problem:
    """A file or folder that gave no report, and why, in words a teacher can act on."""

    path: str
    why: str

    def message(self) -> str:
        return visible(f"{self.path}: {self.why}", keep_newlines=False)


@dataclass(frozen=True)
class Loaded:
    path: str  # as the teacher will recognise it: relative to the folder they named
    report: StudentReport


def find(paths: Sequence[str | Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The files to read (each with the name to show for it), and the paths that gave none."""
    found: dict[Path, str] = {}
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = [p for p in _walk(path) if _worth_reading(p)]
            if not inside:
                problems.append(Problem(_shown(path), "there are no reports in this folder (a report is an "
                                        ".html or .json file handed in from the game's debrief)"))
            for p in inside:
                found.setdefault(p.resolve(), _shown(Path(path.resolve().name) / p.relative_to(path)))
        elif path.is_file():
            found.setdefault(path.resolve(), _shown(path))
        else:
            problems.append(Problem(_shown(path), "there is no such file or folder"))
    return [(p, shown) for p, shown in found.items()], problems


def _shown(path: Path) -> str:
    # A file name is text from outside too: a student can name a file with an escape sequence in it.
    return visible(str(path), keep_newlines=False)


def _walk(folder: Path) -> Iterable[Path]:
    # Hidden files and folders are an editor's or an operating system's, never a student's report.
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith((*READABLE, MARKDOWN)):
                yield Path(root) / name


def _worth_reading(path: Path) -> bool:
    """In a folder: reports, and Markdown reports (to name them); not notes, not our own class page."""
    head = _head(path)
    if path.suffix.lower() == MARKDOWN:
        return head.lstrip("\ufeff").startswith(MARKDOWN_START)
    return GENERATOR not in head


def _head(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            return stream.read(SNIFF_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""  # read properly later, where the reason is reported


def load(path: Path, shown: str) -> Loaded | Problem:
    """The report in one file, or the Problem that says why there is none."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Problem(shown, f"it is {size // 1_000_000} MB, far larger than any report; "
                           "it is not a case report")
        raw = path.read_bytes()
    except OSError as err:
        return Problem(shown, f"it cannot be read ({err.strerror or err})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Problem(shown, "it is not a text file, so it is not a case report")
    if text.lstrip().startswith(MARKDOWN_START):
        return Problem(shown, "it is the Markdown form of a report, which cannot be checked or summarised; "
                       "ask the student to hand in the HTML or JSON form")
    try:
        data = read_report(text)
        if data.get("version") == 1:
            return Problem(shown, "it is a report from an earlier version of Verdict, which recorded no "
                           "name or checksum; ask the student to hand in again from the debrief")
        return Loaded(shown, student_report(data))
    except (NotAReport, DamagedReport) as err:
        return Problem(shown, str(err))
