"""The HTML edition's case list by outline branch: a real toggle button, a heading and a list per branch,
the focus kept on the toggle, and the shipped outline.toml read from the build's archive."""

from __future__ import annotations

import itertools

import pytest

from tests.support.browser import Game

pytestmark = pytest.mark.browser


def to_cases(game: Game) -> None:
    game.reload()
    game.click("cases")


def headings(game: Game) -> list[str]:
    return game.page.eval_on_selector_all("#verdict-controls h2", "els => els.map(e => e.textContent)")


def test_the_toggle_groups_the_cases_under_headings_and_back(game: Game) -> None:
    to_cases(game)
    toggle = game.page.locator('[data-action="order"]')
    assert toggle.evaluate("el => el.tagName") == "BUTTON" and toggle.get_attribute("aria-pressed") == "false"
    assert "Practice" not in headings(game)
    game.tab_to("order")
    game.page.keyboard.press("Enter")  # the keyboard alone
    game.page.wait_for_function("document.querySelector('[data-action=\"order\"]')"
                                ".getAttribute('aria-pressed') === 'true'")
    found = headings(game)
    assert found[:3] == ["Practice", "Industrial enemies", "Internal enemies"], found
    assert "The army / The Yezhovshchina" in found
    assert found[-1] == "The historians' debate" and "Other cases" not in found
    # The teacher's two test cases are copies of the tutorial, practice cases: listed under Practice.
    assert game.focused_key() == "order"  # the focus stays where the player pressed
    # Each heading is followed by its own list, and a case is listed once.
    keys = game.offered()
    cases = [k for k in keys if k.startswith("case:")]
    assert len(cases) == len(set(cases)) and "case:tutorial" in cases[:3]
    practice = game.page.eval_on_selector_all(
        "#verdict-controls h2:first-of-type + ul [data-action]", "els => els.map(e => e.dataset.action)")
    assert practice == cases[:3], practice  # the three practice cases, in the date order's order
    levels = game.page.eval_on_selector_all("h1, h2, h3, h4", "els => els.map(e => +e.tagName[1])")
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    game.click("case:show_trial")
    assert "The October Hall" in game.heading()
    game.click("back")
    assert headings(game)[0] == "Practice"  # the order holds while the page runs
    game.click("order")
    assert "Practice" not in headings(game)
    game.click("back")
