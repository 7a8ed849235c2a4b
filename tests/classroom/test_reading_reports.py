"""Reading one report: both forms give the same data; a damaged field is refused with its key."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from game.app.handin import render
from game.classroom.files import Loaded, Problem, find, load
from game.classroom.records import DamagedReport, student_report
from game.engine import Catalog, Session
from game.engine.player import ScriptedPlayer
from game.engine.report import case_report
from game.engine.safejson import MAX_BYTES
from tests.support import SCENARIOS


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    scenario = Catalog.load(SCENARIOS).scenarios["tutorial"]
    session = ScriptedPlayer(2, choices="explore", verdicts="careful").play(Session(scenario))
    return case_report(session, "Ada Lovelace", "10B")


def test_the_html_and_json_forms_read_the_same(data: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(render(data, "json"), encoding="utf-8")
    (tmp_path / "a.html").write_text(render(data, "html"), encoding="utf-8")
    results = [load(tmp_path / name, name) for name in ("a.json", "a.html")]
    assert all(isinstance(r, Loaded) for r in results)
    json_form, html_form = (r.report for r in results if isinstance(r, Loaded))
    assert json_form == html_form and json_form.untouched
    assert json_form.name == "Ada Lovelace" and json_form.klass == "10B" and len(json_form.verdicts) == 2


@pytest.mark.parametrize(("change", "key", "expected"), [
    (lambda d: d.pop("student"), "student", "an entry"),
    (lambda d: d["student"].update(name=7), "student.name", "text"),
    (lambda d: d.update(seconds_played=True), "seconds_played", "a whole number from 0"),
    (lambda d: d.update(seconds_played=-5), "seconds_played", "a whole number from 0"),
    (lambda d: d.update(case_score=101), "case_score", "a whole number from 0 to 100"),
    (lambda d: d["verdicts"][1].update(score=55.5), "verdicts[1].score", "a whole number from 0 to 100"),
    (lambda d: d["verdicts"][0]["cited"][0].update(stance="proves it"), "verdicts[0].cited[0].stance",
     "one of 'strongly supports'"),
    (lambda d: d["verdicts"][0].update(cited="all of it"), "verdicts[0].cited", "a list of entries"),
    (lambda d: d["verdicts"][0].update(official="yes"), "verdicts[0].official", "true or false"),
    (lambda d: d.update(evidence_found=[1, 2]), "evidence_found", "a list of names"),
    (lambda d: d["verdicts"][0].update(question=""), "verdicts[0].question", "a name"),
])
def test_a_damaged_field_is_named(data: dict[str, Any], change: Any, key: str, expected: str) -> None:
    damaged = copy.deepcopy(data)
    change(damaged)
    with pytest.raises(DamagedReport) as caught:
        student_report(damaged)
    assert str(caught.value).startswith(f"its '{key}' is missing or damaged (expected {expected}")


def test_the_checksum_is_judged_on_the_file_as_written(data: dict[str, Any]) -> None:
    assert student_report(copy.deepcopy(data)).untouched
    edited = copy.deepcopy(data)
    edited["student"]["class"] = "10A"
    assert not student_report(edited).untouched
    unsigned = copy.deepcopy(data)
    del unsigned["checksum"]
    assert not student_report(unsigned).untouched


def test_files_that_are_no_report_say_why(data: dict[str, Any], tmp_path: Path) -> None:
    old = {k: v for k, v in data.items() if k not in ("student", "checksum")} | {"version": 1}
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    (tmp_path / "newer.json").write_text(json.dumps(dict(data, version=9)), encoding="utf-8")
    with (tmp_path / "huge.json").open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    why = {name: r.why for name in ("old.json", "newer.json", "huge.json")
           if isinstance(r := load(tmp_path / name, name), Problem)}
    assert why["old.json"].startswith("it is a report from an earlier version of Verdict, which recorded no")
    assert why["newer.json"] == "it was written by a newer version of Verdict"
    assert why["huge.json"].endswith("far larger than any report; it is not a case report")


def test_a_folder_is_searched_with_its_subfolders_but_not_hidden_ones(data: dict[str, Any],
                                                                      tmp_path: Path) -> None:
    for place in ("ada", "ben/extra", ".trash"):
        (tmp_path / "class" / place).mkdir(parents=True)
        (tmp_path / "class" / place / "r.json").write_text(render(data, "json"), encoding="utf-8")
    (tmp_path / "class" / "ada" / "notes.txt").write_text("not a report", encoding="utf-8")
    files, problems = find([tmp_path / "class"])
    assert problems == []
    assert sorted(shown for _, shown in files) == ["class/ada/r.json", "class/ben/extra/r.json"]


def test_a_report_with_no_verdict_is_one_markbook_row_and_on_the_page(tmp_path: Path) -> None:
    from game.classroom.markbook import markbook_csv
    from game.classroom.page import render_page
    from game.classroom.summary import summarise

    scenarios = Catalog.load(SCENARIOS).scenarios
    data = case_report(Session(scenarios["kirov"]), "Nobody Yet", "10A")  # handed in before any verdict
    summary = summarise([Loaded("early.json", student_report(data))], [], scenarios)
    rows = markbook_csv(summary).splitlines()[1:]
    assert len(rows) == 1 and rows[0].startswith("Nobody Yet,10A,") and "(no verdict given)" in rows[0]
    assert rows[0].endswith(",unfinished,early.json")
    page = render_page(summary)
    assert "Nobody Yet" in page and page.count("No scores yet.") == 1 + len(scenarios["kirov"].questions)
