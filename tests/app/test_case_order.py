"""The case list ordered by the outline's branches: a toggle the controller owns, headings in its words."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.app import build_controller
from game.app.controller import Controller, Screen
from game.app.storage import MemoryStorage
from tests.support import SCENARIOS


def case_list(folder: Path | str = SCENARIOS) -> Controller:
    c = build_controller(MemoryStorage(), folder)
    assert c.perform("cases") and c.screen is Screen.CASES
    return c


def case_actions(c: Controller) -> list[tuple[str, str, str]]:
    return [(a.heading, a.key.partition(":")[2], a.shortcut) for a in c.actions() if a.name == "case"]


def test_by_date_is_the_default_and_has_no_headings() -> None:
    c = case_list()
    rows = case_actions(c)
    assert [case for _h, case, _n in rows] == list(c.catalog.scenarios)  # the catalog's menu order
    assert all(heading == "" for heading, _c, _n in rows)
    order = next(a for a in c.actions() if a.name == "order")
    assert order.kind == "toggle" and order.selected is False
    assert order.detail == "The cases are listed by date."


def test_by_outline_branch_lists_each_case_once_under_its_branch_with_practice_first() -> None:
    c = case_list()
    revision = c.revision
    assert c.perform("order") and c.revision > revision and c.case_order == "outline"
    rows = case_actions(c)
    headings = [h for h, _c, _n in rows if h]
    outline = c.catalog.outline
    assert rows[0] == ("Practice", "tutorial", "1")
    assert sorted(case for _h, case, _n in rows) == sorted(c.catalog.scenarios)
    assert [n for _h, _c, n in rows] == [str(i) for i in range(1, len(rows) + 1)]  # numbered in this order
    groups = outline.menu_groups(c.catalog.scenarios, ["tutorial"])
    assert headings == ["Practice", *(g.heading for g in groups[1:])]
    assert "The Moscow trials" in headings and "The army / The Yezhovshchina" in headings
    under = {case: h for h, case, _n in rows}
    assert under["show_trial"] == "The Moscow trials" and under["kirov"] == "The Kirov murder"
    kirov = next(a for a in c.actions() if a.key == "case:kirov")
    assert "Also in the outline under: Political enemies" in kirov.detail
    assert next(a for a in c.actions() if a.name == "order").selected is True
    # A number still opens the case listed under it.
    assert c.perform("case:show_trial") and c.briefing is not None and c.briefing.id == "show_trial"
    assert c.perform("back") and c.case_order == "outline"  # the order stays while the game runs
    assert c.perform("order") and all(h == "" for h, _c, _n in case_actions(c))


def test_without_an_outline_there_is_no_toggle(tmp_path: Path) -> None:
    shutil.copy(SCENARIOS / "tutorial.toml", tmp_path / "tutorial.toml")
    c = case_list(tmp_path)
    assert "order" not in {a.name for a in c.actions()}
    assert not c.perform("order")


def test_a_broken_outline_is_a_card_that_cannot_open_and_the_cases_still_play(tmp_path: Path) -> None:
    shutil.copy(SCENARIOS / "tutorial.toml", tmp_path / "tutorial.toml")
    (tmp_path / "outline.toml").write_bytes(b"[outline]\nformat = 1\ntitle = \"\\u001b[2J\"\n")
    c = case_list(tmp_path)
    unavailable = [a for a in c.actions() if a.name == "unavailable"]
    assert [a.label for a in unavailable] == ["Unavailable: outline.toml"] and not unavailable[0].enabled
    assert "\x1b" not in unavailable[0].detail
    assert "order" not in {a.name for a in c.actions()}
    assert c.perform("case:tutorial") and c.perform("begin") and c.screen is Screen.SCENE


def test_unavailable_files_get_their_own_heading_in_the_outline_order(tmp_path: Path) -> None:
    for name in ("tutorial.toml", "kirov.toml", "outline.toml"):
        shutil.copy(SCENARIOS / name, tmp_path / name)
    (tmp_path / "broken.toml").write_text("[scenario\n", encoding="utf-8")
    c = case_list(tmp_path)
    assert c.perform("order")
    acts = c.actions()
    assert [(a.heading, a.key) for a in acts if a.heading] == [
        ("Practice", "case:tutorial"), ("The Kirov murder", "case:kirov"),
        ("Case files that could not be opened", f"unavailable:{tmp_path / 'broken.toml'}")]
    # Cases the outline names but this folder lacks leave no empty heading, and no error.
    assert "The Moscow trials" not in {a.heading for a in acts}
