"""The casebook's pin and note in the page layer, in Chromium: a note typed there is read while citing."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Catalog
from tests.support.browser import Game
from tests.support.browser_routes import plan

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = Catalog.load(ROOT / "scenarios").scenarios["tutorial"]

pytestmark = pytest.mark.browser

NOTE = "Written in 1968, before the page went <b>missing</b>"


def test_a_note_typed_in_the_page_appears_in_the_verdict_form(game: Game) -> None:
    if "cases" in game.offered():
        game.click("cases")
    game.click("case:tutorial")
    game.click("restart" if "restart" in game.offered() else "begin")
    if "yes" in game.offered():
        game.click("yes")
    for step in plan(TUTORIAL):
        if step.key == "verdict":
            break
        game.click(step.key)
    game.tab_to("casebook")
    game.page.keyboard.press("Enter")
    items = [k for k in game.offered() if k.startswith("evidence:")]
    item = items[-1]
    eid = item.partition(":")[2]
    game.click(item)

    game.tab_to("pin")
    game.page.keyboard.press("Enter")
    pin = game.page.locator('[data-action="pin"]')
    assert pin.get_attribute("aria-pressed") == "true"
    assert game.offered().index(item) == 0  # pinned items come first
    assert "(pinned)" in game.page.locator(f'[data-action="{item}"]').inner_text()

    # Mark the box: if the page rebuilt it while the player types, the mark would be gone.
    game.page.evaluate("document.querySelector('[data-action=\"note\"]').dataset.kept = 'yes'")
    game.tab_to("note")
    game.page.keyboard.type(NOTE)
    assert game.focused_key() == "note"
    assert game.page.evaluate("document.activeElement.dataset.kept") == "yes", "the box was rebuilt"
    assert game.python(f"verdict_page.controller.session.note({eid!r})") == NOTE
    described = game.page.locator(f'[data-action="{item}"]').get_attribute("aria-describedby")
    assert described
    detail = game.page.locator(f"#{described.split()[-1]}").inner_text()
    assert f"Your note: {NOTE}" in detail  # as text: the <b> is not markup
    assert game.page.locator("#verdict-controls b").count() == 0

    game.page.keyboard.press("Escape")
    game.click("verdict")
    label = game.page.locator(f'label:has([data-action="cite:{eid}"])').inner_text()
    assert "Pinned" in label and f"Your note: {NOTE}" in label
    assert game.offered().index(f"cite:{eid}") < min(
        game.offered().index(k) for k in game.offered() if k.startswith("cite:") and k != f"cite:{eid}")
    assert game.errors == []
    game.page.keyboard.press("Escape")
    game.click("menu")
