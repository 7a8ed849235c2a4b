"""The tutorial played in the real window, start to debrief, by keyboard alone and by mouse alone."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from tests.support import KeyPlayer  # noqa: E402

pytestmark = pytest.mark.window

MAX_MOVES = 300


def test_keyboard_alone_plays_the_tutorial_to_its_debrief(make_driver):
    d = make_driver()
    player = KeyPlayer()
    seen_screens = set()
    for _ in range(MAX_MOVES):
        if d.c.screen is Screen.DEBRIEF:
            break
        seen_screens.add(d.c.screen)
        key = player.next_key(d.c)
        choices = [a for a in d.c.actions() if a.group == "choice" and a.shortcut]
        shortcut = next((a.shortcut for a in choices if a.key == key), None)
        if shortcut and shortcut.isdigit() and d.c.screen is Screen.SCENE:
            d.key(getattr(pygame, f"K_{shortcut}"))  # number keys pick choices
        else:
            d.press(key)  # Tab to it, then Enter
    assert d.c.screen is Screen.DEBRIEF, d.c.screen
    assert {Screen.TITLE, Screen.CASES, Screen.BRIEFING, Screen.SCENE, Screen.VERDICT} <= seen_screens
    assert any(t.startswith("Debrief:") for t in d.texts())
    assert d.app.keyboard_mode  # the focus ring was showing throughout


def test_mouse_alone_plays_the_tutorial_to_its_debrief(make_driver):
    d = make_driver()
    player = KeyPlayer()
    for _ in range(MAX_MOVES):
        if d.c.screen is Screen.DEBRIEF:
            break
        d.click_action(player.next_key(d.c))
    assert d.c.screen is Screen.DEBRIEF
    assert not d.app.keyboard_mode
    # The debrief is long: the wheel scrolls it.
    pane = d.app.page.panes[-1]
    assert pane.max_scroll > 0
    d.post(pygame.MOUSEMOTION, pos=pane.rect.center, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    d.post(pygame.MOUSEWHEEL, x=0, y=-3, flipped=False, precise_x=0.0, precise_y=-3.0, touch=False)
    d.frame()
    assert d.app.page.panes[-1].scroll > 0


def test_touch_taps_press_buttons(make_driver):
    d = make_driver()
    rect, _ = d.widget_rect("cases")
    d.tap(rect.center)
    assert d.c.screen is Screen.CASES


def test_shortcut_keys(make_driver):
    d = make_driver()
    d.key(pygame.K_F1)
    assert d.c.screen is Screen.HELP
    d.key(pygame.K_ESCAPE)
    assert d.c.screen is Screen.TITLE
    d.press("cases")
    d.key(pygame.K_1)  # the first case card
    assert d.c.screen is Screen.BRIEFING
    d.key(pygame.K_RETURN)  # focus starts on "Open the case"
    assert d.c.screen is Screen.SCENE
    start = d.c.view.scene_id
    d.key(pygame.K_1)
    assert d.c.view.scene_id != start or d.c.session.history
    d.key(pygame.K_u)
    assert d.c.view.scene_id == start and not d.c.session.history
    d.key(pygame.K_c)
    assert d.c.screen is Screen.CASEBOOK
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_h)
    assert d.c.screen is Screen.HELP
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)
    assert d.c.screen is Screen.CASES


def test_glossary_word_in_the_prose_opens_by_click(make_driver):
    d = make_driver()
    for key in ("cases", "case:tutorial", "begin"):
        d.click_action(key)
    page = d.app.page
    links = [(link, pane.widget_rect(widget)) for pane in page.panes for widget in pane.widgets
             for link in widget.links()]
    assert links, "the tutorial's first page must show a glossary word"
    link, origin = links[0]
    d.click(link.rect.move(origin.topleft).center)
    assert d.c.screen is Screen.GLOSSARY
    assert d.c.term is not None and d.c.term.id == link.term_id


def test_a_finger_drag_scrolls_without_pressing_anything(make_driver):
    d = make_driver()
    player = KeyPlayer()
    while d.c.screen is not Screen.DEBRIEF:
        d.c.perform(player.next_key(d.c))
    d.frame()
    pane = d.app.page.panes[-1]
    width, height = pygame.display.get_window_size()
    x, y = pane.rect.centerx / width, pane.rect.centery / height
    common = {"touch_id": 1, "finger_id": 3, "pressure": 1.0}
    d.post(pygame.FINGERDOWN, x=x, y=y, dx=0.0, dy=0.0, **common)
    for step in range(1, 6):
        d.post(pygame.FINGERMOTION, x=x, y=y - 0.05 * step, dx=0.0, dy=-0.05, **common)
    d.post(pygame.FINGERUP, x=x, y=y - 0.25, dx=0.0, dy=0.0, **common)
    d.frame()
    assert d.c.screen is Screen.DEBRIEF
    assert d.app.page.panes[-1].scroll > 100
