"""The window's case list draws a locked case's card with its lock and reason; clicking it, tapping it,
pressing Enter on it or its number opens nothing; with the teacher's setting it opens."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from tests.support import CAPSTONE_FIXTURE, SCENARIOS  # noqa: E402

pytestmark = pytest.mark.window

KEY = "case:mini_capstone"
# The fixture with the cases it borrows from, and no others: the full shelf runs past nine cases, and a card
# after the ninth has no number key to press.
CASES = [*(SCENARIOS / f"{c}.toml" for c in ("kirov", "show_trial", "army_purge")), CAPSTONE_FIXTURE]
REASON = "Opens after you finish any three cases — finished so far: 0."


def widget_for(d, key: str):
    return found_card(d, key)[0]


def found_card(d, key: str):
    d.app.sync()
    for pane in d.app.page.panes:
        for widget in pane.widgets:
            if widget.action is not None and widget.action.key == key:
                return widget, pane
    raise AssertionError(f"no {key} card")


def scroll_to_card(d, key: str) -> pygame.Rect:
    """A disabled card is not in the focus order (as the unavailable cards): wheel it into view."""
    for _ in range(60):
        widget, pane = found_card(d, key)
        rect = d.app.page.rect_of(widget, pane)
        if pane.rect.contains(rect):
            return rect
        d.wheel(pane, 2 if rect.bottom > pane.rect.bottom else -2)
    raise AssertionError("could not scroll the card into view")


def test_the_locked_card_is_drawn_with_its_reason_and_opens_nothing(make_driver):
    d = make_driver(scenarios=CASES)
    d.c.perform("cases")
    d.frame()
    rect = scroll_to_card(d, KEY)
    widget = widget_for(d, KEY)
    assert not widget.action.enabled
    why = widget.reason()
    assert why is not None and why.text == REASON  # drawn under the card, in the muted ink
    assert any("Locked" in text for text in widget.texts())
    d.click(rect.center)
    assert d.c.screen is Screen.CASES
    d.tap(scroll_to_card(d, KEY).center)
    assert d.c.screen is Screen.CASES
    number = next(a.shortcut for a in d.c.actions() if a.key == KEY)
    d.key(getattr(pygame, f"K_{number}"))
    assert d.c.screen is Screen.CASES


def test_with_the_teachers_setting_the_card_opens(make_driver):
    d = make_driver(scenarios=CASES)
    d.c.unlocks = type(d.c.unlocks)(all=True)  # as build_controller(unlock_all=True) sets it
    d.c.perform("cases")
    d.frame()
    assert widget_for(d, KEY).reason() is None
    d.click_action(KEY)
    assert d.c.screen is Screen.BRIEFING and d.c.briefing is not None and d.c.briefing.id == "mini_capstone"


def test_with_the_teachers_setting_its_number_opens_it(make_driver):
    d = make_driver(scenarios=CASES)
    d.c.unlocks = type(d.c.unlocks)(all=True)
    d.c.perform("cases")
    d.frame()
    number = next(a.shortcut for a in d.c.actions() if a.key == KEY)
    d.key(getattr(pygame, f"K_{number}"))
    assert d.c.screen is Screen.BRIEFING


def test_a_borrowed_item_in_the_window_casebook_says_where_it_is_from(make_driver):
    d = make_driver(scenarios=[SCENARIOS, CAPSTONE_FIXTURE])
    d.c.unlocks = type(d.c.unlocks)(all=True)
    for key in ("cases", KEY, "begin", "choose:0", "casebook", "evidence:diary"):
        assert d.c.perform(key), key
    d.frame()
    texts = " ".join(" ".join(d.texts()).split())
    assert "This document comes from The Shot in the Corridor." in texts
    assert "You have not played The Shot in the Corridor yet." in texts
