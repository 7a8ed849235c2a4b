"""Sourcing practice in the real window by keyboard alone: judge a document, then see the case's grade."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from game.engine.options import ClassSettings  # noqa: E402
from tests.support import KeyPlayer  # noqa: E402

pytestmark = pytest.mark.window


def type_text(d, text: str) -> None:
    for ch in text:
        d.post(pygame.TEXTINPUT, text=ch)
    d.frame()


def test_a_document_is_judged_by_keyboard_alone(make_driver):
    d = make_driver(class_settings=ClassSettings(sourcing="student"))
    player = KeyPlayer()
    while d.c.session is None or not d.c.session.held:
        d.press(player.next_key(d.c))
    d.key(pygame.K_c)  # the casebook's letter
    assert d.c.screen is Screen.CASEBOOK
    eid = d.c.session.held[0]
    note = d.c.scenario.evidence[eid].reliability_note
    shown = "\n".join(d.texts())
    assert "Judge this source" in shown and note.split(".")[0] not in shown
    d.press("trust:low")
    d.press("trustwhy")
    assert d.app.editing == "trustwhy"
    type_text(d, "made under pressure")
    d.key(pygame.K_RETURN)
    d.press("judge")
    assert d.c.session.judgements[eid].trust == "low"
    assert d.c.session.judgements[eid].why == "made under pressure"
    shown = "\n".join(d.texts())
    assert "Your judgement: Low reliability" in shown and "The case's grade" in shown
    d.key(pygame.K_ESCAPE)
    assert d.c.screen is Screen.SCENE


def test_shuffled_interpretations_are_numbered_as_shown_in_the_window(make_driver):
    d = make_driver(class_settings=ClassSettings(shuffle_interpretations=True))
    player = KeyPlayer()
    while d.c.screen is not Screen.VERDICT:
        d.press(player.next_key(d.c))
    order = [a.key for a in d.c.actions() if a.key.startswith("interp:")]
    d.key(pygame.K_1)
    assert d.c.draft is not None and d.c.draft.interpretation == order[0].partition(":")[2]


def test_a_document_is_judged_by_touch(make_driver):
    d = make_driver(class_settings=ClassSettings(sourcing="student"))
    player = KeyPlayer()
    while d.c.session is None or not d.c.session.held:
        d.click_action(player.next_key(d.c))
    d.click_action("casebook")
    eid = d.c.session.held[0]
    d.tap(d.scroll_into_view("trust:high").center)
    d.tap(d.scroll_into_view("trustwhy").center)
    assert d.app.editing == "trustwhy"
    type_text(d, "an inventory")
    d.key(pygame.K_RETURN)
    d.tap(d.scroll_into_view("judge").center)
    assert d.c.session.judgements[eid].trust == "high"
    assert d.c.session.judgements[eid].why == "an inventory"
