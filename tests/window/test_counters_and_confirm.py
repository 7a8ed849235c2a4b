"""The window: a case's counters in the CASE FILE card beside the scene; a choice's warning asked by click."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402

pytestmark = pytest.mark.window

SIX = ("nikolaev_protocol", "nikolaev_diary", "release_slip", "smolny_passes", "borisov_statement",
       "lorry_act")
DESK = "Clear the desk and begin to write"


def card_texts(d) -> list[str]:
    card = d.app.page.panes[0]
    assert card.key == "case-card", [p.key for p in d.app.page.panes]
    return [t for w in card.widgets for t in w.texts()]


def desk_key(d) -> str:
    (choice,) = [ch for ch in d.c.view.choices if ch.goto == "desk_who"]
    return f"choose:{choice.source_index}"


def test_the_case_card_shows_the_counters_and_follows_them(make_driver) -> None:
    d = make_driver()
    for key in ("cases", "case:kirov", "begin"):
        d.click_action(key)
    assert d.c.screen is Screen.SCENE
    assert "Days used: 0 of 11" in card_texts(d)
    d.click_action("choose:0")  # to the hotel
    (big_house,) = [ch for ch in d.c.view.choices if ch.goto == "big_house"]
    d.click_action(f"choose:{big_house.source_index}")
    texts = card_texts(d)
    assert "Days used: 1 of 11" in texts and "Days used: 0 of 11" not in texts
    d.click_action("choose:0")  # sit down at the reading desk
    assert d.c.session.scene_id == "reading_room"
    texts = card_texts(d)
    assert "Volumes today: 0 of 4" in texts
    assert texts.index("Days used: 1 of 11") < texts.index("Volumes today: 0 of 4")
    card, column = d.app.page.panes[0], d.app.page.panes[-1]
    assert not card.rect.colliderect(column.rect)


def test_a_click_on_a_choice_with_a_warning_asks_and_not_yet_stays(make_driver) -> None:
    d = make_driver()
    assert d.c.open_preview("kirov", "hub", SIX, {"day": 3}) == ""
    d.frame()
    assert "Days used: 3 of 11" in card_texts(d)
    desk = desk_key(d)
    d.click_action(desk)
    assert d.c.asking is not None and d.c.session.scene_id == "hub"
    shown = d.texts()
    assert any(t.startswith("Once you begin to write") for t in shown), shown[:5]
    assert f"Yes: {DESK}" in shown and "Not yet" in shown
    d.click_action("no")
    assert d.c.asking is None and d.c.session.scene_id == "hub"
    d.click_action(desk)
    d.key(pygame.K_ESCAPE)  # Esc answers no as well
    d.frame()
    assert d.c.asking is None and d.c.session.scene_id == "hub"
    d.click_action(desk)
    d.click_action("yes")
    assert d.c.asking is None and d.c.session.scene_id == "desk_who"
