"""Reports that need the teacher's eye are flagged and still listed; files that give no report are named."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from game.app.handin import read_report, render
from game.classroom.command import MARKBOOK, PAGE, run
from game.classroom.markbook import COLUMNS
from game.engine import Catalog, Session
from game.engine.player import ScriptedPlayer
from game.engine.report import case_report, checksum
from tests.support import SCENARIOS


def _copy(class_folder: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(class_folder, folder)
    return folder


def _summarise(*paths: Path | str, out: Path, scenarios: tuple[Path, ...] = ()) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(list(paths), out, scenarios, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def _rows(out: Path) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO((out / MARKBOOK).read_text(encoding="utf-8-sig"))))
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


def _first(folder: Path, suffix: str) -> tuple[Path, dict[str, Any]]:
    path = sorted(folder.glob(f"*{suffix}"))[0]
    return path, read_report(path.read_text(encoding="utf-8"))


def _resign(data: dict[str, Any]) -> dict[str, Any]:
    """The data with a valid checksum, as the game would have written it."""
    data["checksum"] = checksum(data)
    return data


def test_an_edited_report_is_flagged_and_still_listed(class_folder: Path, tmp_path: Path) -> None:
    folder = _copy(class_folder, tmp_path)
    json_path, data = _first(folder, ".json")
    data["verdicts"][0]["score"] = 100  # a better mark, typed in by hand
    json_path.write_text(json.dumps(data), encoding="utf-8")
    html_path, page_data = _first(folder, ".html")  # the data block inside the HTML form, edited
    text = html_path.read_text(encoding="utf-8")
    before = json.dumps(page_data["verdicts"][0]["reasoning"], ensure_ascii=False)
    html_path.write_text(text.replace(before, json.dumps("I wrote this later."), 1), encoding="utf-8")

    code, stdout, stderr = _summarise(folder, out=tmp_path / "out")
    assert code == 0, stderr  # flagged, not refused
    assert "Summarised 30 reports" in stdout and "2 flagged" in stdout
    for path in (json_path, html_path):
        assert f"reports/{path.name}: " in stdout
    assert stdout.count("edited after the game wrote it") == 2
    page = (tmp_path / "out" / PAGE).read_text(encoding="utf-8")
    flagged = page[page.index("<h3>Flagged reports</h3>"):page.index('<h2 id="students">')]
    assert json_path.name in flagged and html_path.name in flagged
    assert "I wrote this later." in page  # listed, with what it now says
    for row in _rows(tmp_path / "out"):
        edited = Path(row["file"]).name in (json_path.name, html_path.name)
        assert ("edited" in row["flags"].split("; ")) == edited


def test_a_report_from_another_version_of_the_case_is_flagged(class_folder: Path, tmp_path: Path) -> None:
    folder = _copy(class_folder, tmp_path)
    path, data = _first(folder, ".json")
    data["content_hash"] = "0123456789ab" + "0" * 52  # as a report from last term's file would say
    path.write_text(json.dumps(_resign(data)), encoding="utf-8")
    code, stdout, _ = _summarise(folder, out=tmp_path / "out")
    assert code == 0
    assert "played on another version of the case (0123456789ab; the case file now is" in stdout
    rows = [r for r in _rows(tmp_path / "out") if Path(r["file"]).name == path.name]
    assert rows and all(r["flags"] == "other version" and r["case version"] == "0123456789ab" for r in rows)


def test_a_report_handed_in_twice_is_flagged(class_folder: Path, tmp_path: Path) -> None:
    folder = _copy(class_folder, tmp_path)
    path, _ = _first(folder, ".json")
    shutil.copy(path, folder / "again.json")
    code, stdout, _ = _summarise(folder, out=tmp_path / "out")
    assert code == 0 and "Summarised 31 reports" in stdout
    assert f"handed in more than once: also reports/{path.name}" in stdout
    assert "handed in more than once: also reports/again.json" in stdout


def test_an_unknown_case_and_unreadable_files_give_exit_1_and_the_rest_is_summarised(
        class_folder: Path, tmp_path: Path) -> None:
    folder = _copy(class_folder, tmp_path)
    _, data = _first(folder, ".json")
    data.update(scenario="lost_case", title="A Case Nobody Has")
    (folder / "lost.json").write_text(json.dumps(_resign(data)), encoding="utf-8")
    (folder / "garbage.json").write_bytes(b"\xff\xfe\x00binary\x00")
    (folder / "notes.json").write_text('{"homework": "read chapter 3"}', encoding="utf-8")
    html_path, _ = _first(folder, ".html")
    text = html_path.read_text(encoding="utf-8")
    (folder / "cut-short.html").write_text(text[: len(text) // 2], encoding="utf-8")
    damaged = dict(data, scenario="kirov")
    damaged["verdicts"] = [dict(data["verdicts"][0], score="top marks")]
    (folder / "damaged.json").write_text(json.dumps(damaged), encoding="utf-8")
    (folder / "essay.md").write_text(render(dict(data, scenario="kirov"), "md"), encoding="utf-8")
    (folder / "README.md").write_text("# Notes for the class\n", encoding="utf-8")  # not a report: ignored

    code, stdout, stderr = _summarise(folder, tmp_path / "missing", out=tmp_path / "out")
    assert code == 1
    expected = {
        "reports/lost.json": "it is from the case 'lost_case' (A Case Nobody Has), which is not in the "
                             "scenario folders",
        "reports/garbage.json": "it is not a text file",
        "reports/notes.json": "it is not a Verdict case report",
        "reports/cut-short.html": "it is not a case report",
        "reports/damaged.json": "its 'verdicts[0].score' is missing or damaged (expected a whole number "
                                "from 0 to 100)",
        "reports/essay.md": "it is the Markdown form of a report",
        f"{tmp_path / 'missing'}": "there is no such file or folder",
    }
    for shown, why in expected.items():
        assert f"  {shown}: {why}" in stderr, shown
    assert "README.md" not in stderr
    assert "Summarised 31 reports" in stdout  # the class, and the report from the unknown case
    page = (tmp_path / "out" / PAGE).read_text(encoding="utf-8")
    assert page.count("garbage.json") == 1 and "A Case Nobody Has" in page
    assert "Not known: the case file is not in the scenario folders." in page
    lost = [r for r in _rows(tmp_path / "out") if r["file"] == "reports/lost.json"]
    assert lost and all(r["flags"] == "unknown case" and r["case"] == "A Case Nobody Has" for r in lost)


def test_a_folder_with_no_reports_gives_exit_1_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("Hand in here.\n", encoding="utf-8")
    code, stdout, stderr = _summarise(tmp_path / "empty", out=tmp_path / "out")
    assert code == 1 and stdout == ""
    assert "empty: there are no reports in this folder" in stderr
    assert "no reports to summarise, so nothing was written" in stderr
    assert not (tmp_path / "out").exists()


def test_a_teachers_own_case_is_known_with_scenarios(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    text = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8").replace('id = "tutorial"',
                                                                              'id = "my_tutorial"', 1)
    (cases / "my_tutorial.toml").write_text(text, encoding="utf-8")
    scenario = Catalog.load(cases).scenarios["my_tutorial"]
    session = ScriptedPlayer(3, choices="explore", verdicts="careful").play(Session(scenario))
    reports = tmp_path / "reports"
    reports.mkdir()
    data = case_report(session, "Ada Lovelace", "10C")
    (reports / "ada.json").write_text(json.dumps(data), encoding="utf-8")

    code, _, stderr = _summarise(reports, out=tmp_path / "out")
    assert code == 1 and "'my_tutorial'" in stderr and "--scenarios" in stderr
    code, stdout, stderr = _summarise(reports, out=tmp_path / "out", scenarios=(cases,))
    assert code == 0 and stderr == "" and "Summarised 1 report" in stdout
    assert _rows(tmp_path / "out")[0]["flags"] == ""
    code, _, stderr = _summarise(reports, out=tmp_path / "out", scenarios=(tmp_path / "nowhere",))
    assert code == 1 and "there is no such folder" in stderr


@pytest.mark.parametrize("given", ["folder", "files"])
def test_files_and_folders_can_be_named_together_without_counting_twice(class_folder: Path, tmp_path: Path,
                                                                        given: str) -> None:
    paths = [class_folder, *sorted(class_folder.iterdir())[:3]] if given == "folder" else \
        sorted(class_folder.iterdir())[:3]
    code, stdout, _ = _summarise(*paths, out=tmp_path / "out")
    assert code == 0
    assert f"Summarised {30 if given == 'folder' else 3} reports" in stdout
    assert "more than once" not in stdout
