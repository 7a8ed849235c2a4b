"""Where a click lands: the top bar over a scrolled pane, the visible part of a card, outside a popup card."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from tests.support import KeyPlayer  # noqa: E402

pytestmark = pytest.mark.window

# What each tab of the verdict form's top bar opens.
BAR_OPENS = {"casebook": Screen.CASEBOOK, "back": Screen.SCENE}


def play_until(d, screen: Screen, player: KeyPlayer | None = None) -> KeyPlayer:
    player = player or KeyPlayer()
    for _ in range(300):
        if d.c.screen is screen:
            d.frame()
            return player
        assert d.c.perform(player.next_key(d.c))
    raise AssertionError(f"never reached {screen}")


def draft_state(d) -> tuple:
    draft = d.c.draft
    return draft.interpretation, tuple(draft.cited), draft.confidence


def hidden_card_under(d, bar_rect: pygame.Rect):
    """A point of the bar button with a form button scrolled up under it, and that button; else None."""
    page = d.app.page
    form = page.panes[-1]
    for widget, pane in d.app.focus_list:
        if pane is not form:
            continue
        overlap = form.widget_rect(widget).clip(bar_rect)
        if overlap.width and overlap.height:
            return overlap.center, widget
    return None


def test_clicks_on_the_top_bar_of_a_scrolled_form_press_the_tab_not_the_card_under_it(make_driver):
    d = make_driver()
    play_until(d, Screen.VERDICT)
    # Part of the form answered, so that a stray click on a card would show as a change.
    for key in [a.key for a in d.c.actions() if a.name in ("interp", "confidence")][:1]:
        d.click_action(key)
    form = d.app.page.panes[-1]
    assert form.max_scroll > 0, "the test needs a form long enough to scroll"
    tabs = [w.action.key for w in d.app.page.header]
    assert set(tabs) == set(BAR_OPENS), tabs
    for tab in tabs:
        # Wheel down until one of the form's buttons lies, scrolled out of sight, under this tab.
        found = None
        d.wheel(d.app.page.panes[-1], -50)  # back to the top first
        for _ in range(40):
            bar_rect, _ = d.widget_rect(tab)
            found = hidden_card_under(d, bar_rect)
            if found is not None or not wheel_moved(d):
                break
        assert found is not None, f"no form button ever lay under {tab}: the test would prove nothing"
        point, card = found
        before, scroll = draft_state(d), d.app.page.panes[-1].scroll
        d.click(point)
        assert d.c.screen is BAR_OPENS[tab], (tab, card.action.key, d.c.screen)
        assert draft_state(d) == before, f"clicking {tab} changed the form through {card.action.key}"
        # Back to the form, which is where it was left.
        if d.c.screen is Screen.CASEBOOK:
            d.key(pygame.K_ESCAPE)
        else:
            d.click_action("verdict")
        assert d.c.screen is Screen.VERDICT and draft_state(d) == before
        assert d.app.page.panes[-1].scroll == scroll


def wheel_moved(d) -> bool:
    form = d.app.page.panes[-1]
    before = form.scroll
    d.wheel(form, 1)
    return d.app.page.panes[-1].scroll != before


def test_a_card_half_under_the_top_edge_still_takes_clicks_on_its_visible_part(make_driver):
    d = make_driver()
    play_until(d, Screen.VERDICT)
    for _ in range(40):
        form = d.app.page.panes[-1]
        cut = [(w, form.widget_rect(w)) for w, p in d.app.focus_list
               if p is form and form.widget_rect(w).top < form.rect.top < form.widget_rect(w).bottom - 4]
        if cut:
            break
        assert wheel_moved(d), "no button was ever cut by the pane's top edge"
    widget, rect = cut[0]
    key = widget.action.key
    d.click((rect.centerx, form.rect.top + 2))  # just inside the visible part
    assert widget.action.name in ("interp", "cite", "confidence"), key
    pressed = {a.key: a.selected for a in d.c.actions()}
    assert pressed[key] is True, f"the visible part of {key} did not take the click"


def test_the_glossary_card_closes_on_a_click_outside_it_but_not_inside(make_driver):
    d = make_driver()
    for key in ("cases", "case:tutorial", "begin"):
        d.click_action(key)
    d.key(pygame.K_g)
    assert d.c.screen is Screen.GLOSSARY
    card = d.app.page.card
    assert card is not None
    d.click(card.center)  # on the definition: stays open
    assert d.c.screen is Screen.GLOSSARY
    sheet = d.app.metrics.sheet
    d.click((sheet.x + 30, sheet.bottom - 10))  # the dimmed scene beside the card
    assert d.c.screen is Screen.SCENE
    # A drag that starts on the card and ends outside it is not a click outside.
    d.key(pygame.K_g)
    card = d.app.page.card
    d.post(pygame.MOUSEBUTTONDOWN, pos=d.to_window(card.center), button=1, touch=False)
    d.post(pygame.MOUSEBUTTONUP, pos=d.to_window((sheet.x + 30, sheet.bottom - 10)), button=1, touch=False)
    d.frame()
    assert d.c.screen is Screen.GLOSSARY
    # A tap outside closes it too.
    d.tap((sheet.x + 30, sheet.bottom - 10))
    assert d.c.screen is Screen.SCENE
