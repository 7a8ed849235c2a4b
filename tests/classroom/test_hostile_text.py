"""Text from a report is shown as text: never markup on the page, never a control sequence in the terminal,
never a formula in the markbook."""

from __future__ import annotations

import copy
import csv
import io
import json
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom.command import MARKBOOK, PAGE, run
from game.classroom.files import Loaded
from game.classroom.markbook import FORMULA_START, markbook_csv, neutral
from game.classroom.page import render_page
from game.classroom.records import shown, student_report
from game.classroom.summary import summarise
from game.engine import Catalog, Session
from game.engine.player import ScriptedPlayer
from game.engine.report import case_report
from game.engine.safetext import visible
from tests.support import SCENARIOS

RAW_MARKUP = ("<script", "<img", "<svg onload", "<b>Mallory", "<i>sure", "<i>very")


def _controls(text: str) -> set[str]:
    """Characters a terminal or a page could act on: controls and formatting (newline, tab and a soft hyphen
    are text)."""
    return {ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t\u00ad"}


def _outputs(folder: Path, out: Path) -> tuple[int, str, str, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run([folder], out, stdout=stdout, stderr=stderr)
    return (code, stdout.getvalue(), stderr.getvalue(), (out / PAGE).read_text(encoding="utf-8"),
            (out / MARKBOOK).read_text(encoding="utf-8-sig"))


def _hostile_report() -> dict[str, Any]:
    scenario = Catalog.load(SCENARIOS).scenarios["tutorial"]
    session = ScriptedPlayer(1, choices="explore", verdicts="careful").play(Session(scenario))
    data = case_report(session, "placeholder", "10A")
    data["student"] = {"name": "\x1b]52;c;ZWNobyBvd25lZA==\x07<b>Mallory</b>\u202e",
                       "class": "</td><script>alert(0)</script>"}
    data["title"] = "<svg onload=alert(4)>Case\x1b[31m"
    verdict = data["verdicts"][0]
    verdict["reasoning"] = "</div></td></tr></table><script>alert(2)</script>\x00\x08\x9b31m"
    verdict["rebuttal"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    verdict["claim"] = "<i>sure</i>"
    verdict["confidence"] = "<i>very</i>"
    verdict["cited"][0]["title"] = "<img src=x onerror=alert(3)>"
    return data  # the checksum no longer matches: flagged as edited, so the terminal lists it too


def test_hostile_text_from_the_class_never_reaches_the_page_raw(class_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in class_folder.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "mallory\x1b[2J.json").write_text(json.dumps(_hostile_report()), encoding="utf-8")
    code, stdout, stderr, page, markbook = _outputs(folder, tmp_path / "out")
    assert code == 0, stderr
    assert "Mallory" in stdout  # flagged as edited, so named in the terminal
    cells = [c for row in csv.reader(io.StringIO(markbook)) for c in row]
    for text in (stdout, stderr, page, *cells):
        assert not _controls(text), sorted(map(hex, map(ord, _controls(text))))
    for marker in RAW_MARKUP:
        assert marker not in page, marker
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; Bobby␛[2J&lt;U+202E&gt;tables" in page
    assert "&lt;/div&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the hostile reasoning of a student in the class
    assert "mallory␛[2J.json" in stdout and "mallory␛[2J.json" in page


def test_no_markbook_cell_can_run_as_a_formula(class_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "mallory.json").write_text(json.dumps(_hostile_report()), encoding="utf-8")
    _, _, _, _, markbook = _outputs(class_folder, tmp_path / "class")
    _, _, _, _, hostile = _outputs(folder, tmp_path / "one")
    cells = [cell for text in (markbook, hostile) for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    assert "'=cmd|' /C calc'!A0" in cells  # a student's "name"
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells  # a rebuttal


def test_neutral_leaves_ordinary_text_alone() -> None:
    assert neutral("Ivan Petrov") == "Ivan Petrov" and neutral("") == ""
    assert neutral("=1+1") == "'=1+1" and neutral("-2") == "'-2" and neutral("+7") == "'+7"
    assert neutral("@A1") == "'@A1" and neutral("\t=1") == "'\t=1"
    assert neutral("a=b") == "a=b"


_BASE = _hostile_report()
_ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=_ANY_TEXT, reasoning=_ANY_TEXT, title=_ANY_TEXT)
def test_any_text_in_a_report_is_shown_as_text(name: str, reasoning: str, title: str) -> None:
    data = copy.deepcopy(_BASE)
    data["student"]["name"] = name + "<x-evil>"
    data["verdicts"][0]["reasoning"] = "<x-evil>" + reasoning
    data["verdicts"][0]["cited"][0]["title"] = title + "\x1b<x-evil>"
    summary = summarise([Loaded("x.json", student_report(data))], [], {})
    page, markbook = render_page(summary), markbook_csv(summary)
    assert "<x-evil" not in page and not _controls(page)
    cells = [c for row in csv.reader(io.StringIO(markbook.lstrip("\ufeff"))) for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_START) or _controls(c)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), limit=st.none() | st.integers(1, 30), lines=st.booleans())
def test_the_quick_path_shows_text_exactly_as_visible_does(text: str, limit: int | None, lines: bool) -> None:
    assert shown(text, limit, lines=lines) == visible(text, limit, keep_newlines=lines)
