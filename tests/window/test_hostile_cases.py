"""Hostile case files next to a good one: the window's case list draws every card and the good case plays.

Text pygame cannot draw (a NUL, a title that is only a zero-width space, escape codes), and messages a
megabyte long, once turned the whole case list into the error screen or crashed the window.
"""

from __future__ import annotations

import shutil

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from tests.support import SCENARIOS  # noqa: E402
from tests.support.hostile import CASES, special_files  # noqa: E402

pytestmark = pytest.mark.window

DRAWN = ("nul_in_title", "raw_nul_in_title", "zero_width_title", "nul_in_role", "escape_in_title",
         "escape_in_key", "carriage_return_title", "lone_surrogate_escape", "megabyte_unknown_key",
         "megabyte_title", "megabyte_goto", "long_id", "id_trailing_newline", "flag_doubled", "not_utf8",
         "random_bytes", "deep_arrays", "int_5000_digits", "utf16")


def test_the_case_list_draws_every_card_and_the_good_case_plays(make_driver, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(SCENARIOS / "tutorial.toml", folder / "tutorial.toml")
    for name in DRAWN:
        (folder / f"{name}.toml").write_bytes(CASES[name]())
    special_files(folder)
    d = make_driver(scenarios=folder)
    d.click_action("cases")
    assert d.c.screen is Screen.CASES, d.c.error
    cards = [a for a in d.c.actions() if a.group == "unavailable"]
    assert len(cards) >= len(DRAWN)
    for card in cards:
        assert len(card.detail) <= 2100 and "\x00" not in card.detail and "\x1b" not in card.detail
    drawn = d.texts()
    assert any("Unavailable: nul_in_title.toml" in t for t in drawn)
    d.click_action("case:tutorial")
    d.click_action("begin")
    assert d.c.screen is Screen.SCENE
    d.click_action("choose:0")
    assert d.c.session is not None and d.c.session.held
