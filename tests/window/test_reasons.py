"""A disabled button says why, near it, and the reason follows the form as it is answered."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from tests.support import KeyPlayer  # noqa: E402

pytestmark = pytest.mark.window


def to_form(d) -> None:
    player = KeyPlayer()
    while d.c.screen is not Screen.VERDICT:
        assert d.c.perform(player.next_key(d.c))
    d.frame()


def reason_of(d, key: str) -> str:
    return next(a.reason for a in d.c.actions() if a.key == key)


def inked(surface: pygame.Surface, rect: pygame.Rect, background) -> int:
    """How many pixels in rect are not the background: something is written there."""
    rect = rect.clip(surface.get_rect())
    return sum(surface.get_at((x, y))[:3] != background
               for x in range(rect.left, rect.right, 2) for y in range(rect.top, rect.bottom, 2))


def drawn_reason(d, key: str):
    """The muted line under the button with this key, as it is on screen: (its text, ink found there)."""
    page = d.app.page
    for pane in page.panes:
        for widget in pane.widgets:
            if widget.action is not None and widget.action.key == key:
                why = widget.reason()
                if why is None:
                    return None, 0
                rect = pane.widget_rect(widget)
                line = pygame.Rect(rect.x, rect.y + widget.box_h, rect.width, rect.height - widget.box_h)
                assert pane.rect.contains(line), "scroll the button into view first"
                return why.text, inked(d.app.surface, line, d.app.theme.paper)
    raise AssertionError(f"no {key} button")


def scroll_to_bottom(d) -> None:
    d.wheel(d.app.page.panes[-1], 60)


def test_the_review_button_says_what_is_still_missing_as_the_form_is_answered(make_driver):
    d = make_driver()
    to_form(d)
    scroll_to_bottom(d)
    first = reason_of(d, "confirm")
    assert first, "an empty form cannot be reviewed, and says so"
    text, ink = drawn_reason(d, "confirm")
    assert text == first and ink > 20
    assert first in d.texts()

    interp = next(a.key for a in d.c.actions() if a.name == "interp")
    d.click_action(interp)
    scroll_to_bottom(d)
    second = reason_of(d, "confirm")
    assert second and second != first, "the reason did not follow the answer"
    text, ink = drawn_reason(d, "confirm")
    assert text == second and ink > 20
    assert first not in d.texts()

    d.click_action(next(a.key for a in d.c.actions() if a.name == "confidence"))
    scroll_to_bottom(d)
    assert drawn_reason(d, "confirm") == (None, 0)  # enabled now: nothing to explain
    d.click_action("confirm")
    texts = d.texts()
    assert "File this verdict?" in texts and "You argue" in texts
    assert {a.key for a in d.c.actions()} >= {"file", "change"}
    d.click_action("change")
    assert d.c.screen is Screen.VERDICT and d.c.draft.interpretation == interp.partition(":")[2]


def test_a_disabled_tab_says_why_under_the_top_bar(make_driver):
    d = make_driver()
    for key in ("cases", "case:tutorial", "begin"):
        d.click_action(key)
    undo = next(a for a in d.c.actions() if a.key == "undo")
    assert not undo.enabled and undo.reason, "the first scene has nothing to undo"
    page = d.app.page
    (widget, reason), = page.header_notes()
    assert widget.action.key == "undo" and reason == undo.reason
    assert reason in page.texts()
    assert reason in d.app.cache.rendered_texts()
    # Written on the sheet's top margin, under the strip, and not over the page's content.
    sheet, bar = d.app.metrics.sheet, page.rect_of(widget, None)
    strip = pygame.Rect(sheet.x + 30, sheet.y + 1, sheet.width - 40, page.panes[-1].rect.top - sheet.y - 1)
    assert inked(d.app.surface, strip, d.app.theme.paper) > 20
    assert strip.top >= bar.bottom
    d.key(pygame.K_1)
    assert not d.app.page.header_notes(), "undo is possible now: no reason is shown"


def test_choices_taken_before_and_newly_opened_carry_a_stamp(make_driver):
    from game.window.widgets import BADGE_WORDS

    d = make_driver()
    player = KeyPlayer()
    seen: dict[str, int] = {}
    for _ in range(300):  # explore until a scene offers a choice already taken, as the hub scenes do
        if d.c.screen is Screen.SCENE and any(a.badge == "done" for a in d.c.actions()):
            break
        assert d.c.perform(player.next_key(d.c))
    d.frame()
    d.frame()  # the first frame starts the scene's fade; this one draws it settled
    page = d.app.page
    for pane in page.panes:
        for widget in pane.widgets:
            action = widget.action
            if action is None or action.name != "choose":
                continue
            tag = widget.tag_rect(*pane.widget_rect(widget).topleft)
            if not action.badge:
                assert tag is None
                continue
            seen[action.badge] = seen.get(action.badge, 0) + 1
            assert BADGE_WORDS[action.badge] in widget.texts()
            ink = d.app.theme.stamp if action.badge == "new" else d.app.theme.muted
            if pane.rect.contains(tag):
                drawn = [d.app.surface.get_at((x, tag.centery))[:3] for x in range(tag.left, tag.right)]
                assert ink in drawn, f"no {action.badge} stamp drawn on {action.key}"
            label_right = pane.widget_rect(widget).x + widget.geometry.side + widget.geometry.badge_w \
                + widget._inner()
            assert label_right <= tag.left, "the label runs under the stamp"
    assert seen.get("done"), seen
