"""The window's case cards by outline branch: O (or a click) toggles, each branch's heading is drawn above
its first card, and the number keys open the case listed under them."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from game.window.widgets import ButtonWidget, TextWidget  # noqa: E402

pytestmark = pytest.mark.window


def widgets(d) -> list[object]:
    return [w for pane in d.app.page.panes for w in pane.widgets]


def test_o_shows_the_outline_headings_above_their_cards_and_back_again(make_driver) -> None:
    d = make_driver()
    d.press("cases")
    assert d.c.screen is Screen.CASES
    assert "Practice" not in d.texts()
    d.key(pygame.K_o)
    d.frame()
    assert d.c.case_order == "outline"
    order = [w for w in widgets(d) if isinstance(w, (TextWidget, ButtonWidget))]
    texts = d.texts()
    for heading in ("Practice", "Industrial enemies", "The Kirov murder", "The army / The Yezhovshchina"):
        assert heading in texts, texts
    # Each heading is a text widget drawn just before the card it heads.
    for n, w in enumerate(order):
        if isinstance(w, ButtonWidget) and w.action.heading:
            before = order[n - 1]
            assert isinstance(before, TextWidget) and before.texts() == [w.action.heading]
    headed = [w.action.key for w in order if isinstance(w, ButtonWidget) and w.action.heading]
    assert headed[0] == "case:tutorial" and len(headed) == len(set(headed))
    # The cards keep their place: key 5 opens the fifth case of this order.
    fifth = [w.action for w in order if isinstance(w, ButtonWidget) and w.action.name == "case"][4]
    d.key(pygame.K_5)
    d.frame()
    assert d.c.screen is Screen.BRIEFING and d.c.briefing.id == fifth.key.partition(":")[2]
    d.key(pygame.K_ESCAPE)
    d.frame()
    d.click_action("order")  # the mouse toggles it back
    d.frame()
    assert d.c.case_order == "date" and "Practice" not in d.texts()
