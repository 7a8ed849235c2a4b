"""`verdict stances`: the grid, its CSV, and --apply writing exactly the edited stances back."""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from game.authoring.grid import grids, stance_word
from game.authoring.gridapply import ApplyError, apply_changes, apply_csv
from game.authoring.gridtext import from_csv, to_csv
from game.cli import main
from game.engine import Scenario, load_scenario
from tests.support import SCENARIOS

CASES = sorted(p.stem for p in SCENARIOS.glob("*.toml") if p.stem not in ("glossary", "outline"))


def _stances(scenario: Scenario) -> dict[tuple[str, str], tuple[dict[str, int], str]]:
    return {(q, e): (dict(st.values), st.why) for q, question in scenario.questions.items()
            for e, st in question.stances.items()}


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _edit(csv_text: str, question: str, evidence: str, column: str, value: str) -> str:
    rows = _rows(csv_text)
    current, header = "", []
    for row in rows:
        if row and row[0] == "question":
            current = row[1]
        elif row and row[0] == "evidence":
            header = row
        elif row and current == question and row[0] == evidence:
            row[header.index(column)] = value
            break
    else:
        raise AssertionError(f"no row {question}/{evidence}")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("case", CASES)
def test_tomlkit_keeps_every_shipped_case_byte_for_byte(case: str) -> None:
    text = (SCENARIOS / f"{case}.toml").read_text(encoding="utf-8")
    assert apply_changes(text, []) == text


@pytest.mark.parametrize("case", ["tutorial", "kirov", "show_trial"])
def test_a_csv_round_trip_changes_nothing(case: str, copied: Callable[[str], Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = copied(case)
    before = path.read_bytes()
    sheet = path.with_suffix(".csv")
    assert main(["stances", str(path), "--csv", str(sheet)]) == 0
    assert main(["stances", str(path), "--apply", str(sheet)]) == 0
    assert "No stance changed" in capsys.readouterr().out
    assert path.read_bytes() == before
    scenario = load_scenario(path)
    edited = from_csv(sheet.read_text(encoding="utf-8-sig"))
    assert [g.question for g in edited] == list(scenario.questions)
    assert apply_csv(scenario, sheet.read_text(encoding="utf-8-sig")) == (before.decode("utf-8"), [])


def test_an_edited_cell_changes_exactly_that_stance(copied: Callable[[str], Path]) -> None:
    path = copied("kirov")
    before_text = path.read_text(encoding="utf-8")
    before = _stances(load_scenario(path))
    scenario = load_scenario(path)
    sheet = to_csv(grids(scenario, before_text))
    question, evidence = "who_killed", "release_slip"
    column = next(i for i, v in before[(question, evidence)][0].items() if v == 1)
    new_text, changes = apply_csv(scenario, _edit(sheet, question, evidence, column, "strongly undermines"))
    assert [c.describe() for c in changes] == [
        f"{question} / {evidence} / {column}: supports → strongly undermines"]
    lines = difflib.unified_diff(before_text.splitlines(), new_text.splitlines(), lineterm="", n=0)
    diff = [line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert diff == [f'-{column} = "supports"', f'+{column} = "strongly undermines"']
    path.write_text(new_text, encoding="utf-8")
    after = _stances(load_scenario(path))
    expected = dict(before)
    values, why = expected[(question, evidence)]
    expected[(question, evidence)] = ({**values, column: -2}, why)
    assert after == expected


def test_blanks_remove_and_a_new_row_adds_a_table(copied: Callable[[str], Path]) -> None:
    path = copied("tutorial")
    scenario = load_scenario(path)
    text = path.read_text(encoding="utf-8")
    sheet = to_csv(grids(scenario, text))
    sheet = _edit(sheet, "missing_page", "porter_story", "theft", "")  # not named: neutral
    sheet = _edit(sheet, "lesson", "sheet_list", "routine", "")
    for column in ("gaps", "admissions", "why"):
        sheet = _edit(sheet, "lesson", "sheet_list", column, "")  # the whole row: irrelevant
    new_text, changes = apply_csv(scenario, sheet)
    assert len(changes) == 2 and "[questions.lesson.stances.sheet_list]" not in new_text
    assert "[questions.missing_page.stances.sheet_list]" in new_text
    path.write_text(new_text, encoding="utf-8")
    reloaded = load_scenario(path)
    assert "sheet_list" not in reloaded.questions["lesson"].stances
    assert reloaded.questions["missing_page"].stances["porter_story"].values.get("theft") is None
    # Back again, with symbols as a spreadsheet user might type them: the table is rebuilt.
    sheet = to_csv(grids(reloaded, new_text))
    for column, value in (("routine", "+"), ("gaps", "−"), ("admissions", "0"), ("why", "=Pointed the way.")):
        sheet = _edit(sheet, "lesson", "sheet_list", column, value)
    newer, changes = apply_csv(reloaded, sheet)
    assert changes[0].describe() == "lesson / sheet_list: new stance table"
    assert ('[questions.lesson.stances.sheet_list]\nroutine = "supports"\ngaps = "undermines"\n'
            'admissions = "neutral"\nwhy = "=Pointed the way."\n\n') in newer
    path.write_text(newer, encoding="utf-8")
    assert load_scenario(path).questions["lesson"].stances["sheet_list"].values == {
        "routine": 1, "gaps": -1, "admissions": 0}


def test_formula_like_cells_are_guarded_and_read_back() -> None:
    scenario = load_scenario(SCENARIOS / "tutorial.toml")
    text = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8")
    grid = grids(scenario, text)[0]
    grid.rows[0].why = "=HYPERLINK(1)"
    sheet = to_csv([grid])
    assert "'=HYPERLINK(1)" in sheet
    assert from_csv(sheet)[0].rows[0].why == "=HYPERLINK(1)"


@pytest.mark.parametrize(("edit", "message"), [
    (("missing_page", "sheet_list", "bindery", "somewhat"),
     "'somewhat' (for sheet_list, bindery) is not a stance"),
    (("missing_page", "sheet_list", "why", ""), "would not load, so nothing was written"),
])
def test_a_bad_edit_writes_nothing(edit: tuple[str, str, str, str], message: str,
                                   copied: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = copied("tutorial")
    before = path.read_bytes()
    scenario = load_scenario(path)
    sheet = path.with_suffix(".csv")
    sheet.write_text(_edit(to_csv(grids(scenario, before.decode())), *edit), encoding="utf-8")
    assert main(["stances", str(path), "--apply", str(sheet)]) == 1
    assert message in capsys.readouterr().err
    assert path.read_bytes() == before


def test_unknown_ids_in_the_csv_are_named_with_a_suggestion(copied: Callable[[str], Path]) -> None:
    scenario = load_scenario(copied("tutorial"))
    for sheet, message in (
        ("question,missing_pag\nevidence,why\n", "no question 'missing_pag'; did you mean 'missing_page'?"),
        ("question,missing_page\nevidence,thef,why\n", "no interpretation 'thef'; did you mean 'theft'?"),
        ("question,missing_page\nevidence,theft,why\nsheet_lst,+,x\n", "no evidence 'sheet_lst'"),
        ("evidence,theft,why\n", "a row outside any question"),
        ("", "holds no grid"),
    ):
        with pytest.raises(ApplyError, match=message.replace("?", r"\?").replace("(", r"\(")):
            apply_csv(scenario, sheet)


def test_a_spreadsheets_crlf_and_bom_are_fine(copied: Callable[[str], Path]) -> None:
    path = copied("tutorial")
    scenario = load_scenario(path)
    sheet = to_csv(grids(scenario, path.read_text(encoding="utf-8")))
    assert apply_csv(scenario, "\ufeff" + sheet.replace("\n", "\r\n"))[1] == []


def test_stance_words_and_symbols() -> None:
    assert stance_word(" Strongly  Supports ") == "strongly supports"
    assert stance_word("--") == "strongly undermines" and stance_word("- -") == "strongly undermines"
    assert stance_word("") == "" and stance_word("maybe") is None


def test_the_printed_grid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stances", "tutorial", "missing_page"]) == 0
    text = capsys.readouterr().out
    assert "rebinding_log    H     ++       -      -" in text
    assert "why: The binder recorded removing the sheet for repair, and no return." in text
    assert "best                   100" in text and "lesson:" not in text
    assert main(["stances", "tutorial", "nothing"]) == 1
    assert "no question 'nothing' (questions: missing_page, lesson)" in capsys.readouterr().err
