"""The casebook as a working tool, and overlays that give the page back as it was left."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from game.app.settings import Settings  # noqa: E402
from tests.support import KeyPlayer  # noqa: E402

pytestmark = pytest.mark.window


def play_until(d, done, limit: int = 300) -> None:
    player = KeyPlayer()
    for _ in range(limit):
        if done(d.c):
            d.frame()
            return
        assert d.c.perform(player.next_key(d.c))
    raise AssertionError("the condition was never met")


def test_arrow_keys_preview_documents_and_the_focus_stays_on_the_list(make_driver):
    d = make_driver()
    play_until(d, lambda c: c.screen is Screen.SCENE and c.session is not None and len(c.session.held) >= 3)
    held = list(d.c.session.held)
    d.key(pygame.K_c)
    assert d.c.screen is Screen.CASEBOOK
    # The focus starts on the document that is open (the newest), not on the top of the list.
    assert d.c.evidence_id == held[-1] and d.app.focus_key == f"evidence:{held[-1]}"
    for step, expected in ((pygame.K_UP, held[-2]), (pygame.K_UP, held[-3]), (pygame.K_DOWN, held[-2])):
        d.key(step)
        assert d.c.screen is Screen.CASEBOOK
        assert d.c.evidence_id == expected, "the arrow did not open the document it moved to"
        assert d.app.focus_key == f"evidence:{expected}", "the focus jumped away from the list"
        title = d.c.scenario.evidence[expected].title
        assert title in [t for w in d.app.page.panes[-1].widgets for t in w.texts()]
    # Enter on a focused item keeps the focus there too; a click does the same.
    d.key(pygame.K_RETURN)
    assert d.app.focus_key == f"evidence:{held[-2]}"
    d.click_action(f"evidence:{held[-3]}")
    assert d.c.evidence_id == held[-3] and d.app.focus_key == f"evidence:{held[-3]}"


@pytest.mark.parametrize("opener", [pygame.K_c, pygame.K_h, pygame.K_g], ids=["casebook", "help", "glossary"])
def test_closing_an_overlay_gives_back_the_scene_where_it_was_scrolled(make_driver, opener):
    d = make_driver(settings=Settings(text_size=3))  # the largest text: the first scene is long enough
    for key in ("cases", "case:tutorial", "begin"):
        d.click_action(key)
    scene = d.app.page.panes[-1]
    assert scene.max_scroll > 0, "the test needs a scene that scrolls"
    d.wheel(scene, 2)
    scroll = d.app.page.panes[-1].scroll
    assert scroll > 0
    focus = d.app.focus_key
    d.key(opener)
    assert d.c.screen is not Screen.SCENE
    if d.c.screen is not Screen.GLOSSARY:  # the glossary card sits over the scene; the others replace it
        d.wheel(d.app.page.panes[-1], 5)
    d.key(pygame.K_ESCAPE)
    assert d.c.screen is Screen.SCENE
    assert d.app.page.panes[-1].scroll == scroll
    assert d.app.focus_key == focus
    assert d.app._fade_start is None, "going back is not a new page: no fade"


def test_closing_the_casebook_gives_back_the_verdict_form_where_it_was(make_driver):
    d = make_driver()
    play_until(d, lambda c: c.screen is Screen.VERDICT)
    form = d.app.page.panes[-1]
    d.wheel(form, 3)
    scroll = d.app.page.panes[-1].scroll
    assert scroll > 0
    d.key(pygame.K_c)
    assert d.c.screen is Screen.CASEBOOK
    d.key(pygame.K_ESCAPE)
    assert d.c.screen is Screen.VERDICT and d.app.page.panes[-1].scroll == scroll
    # The review is a page of its own: it opens at its top, and Change it returns to the form's place.
    for name in ("interp", "confidence"):
        d.c.perform(next(a.key for a in d.c.actions() if a.name == name))
    d.scroll_into_view("confirm")
    scroll = d.app.page.panes[-1].scroll
    d.click_action("confirm")
    assert d.app.page.panes[-1].scroll == 0
    d.click_action("change")
    assert d.app.page.panes[-1].scroll == scroll


def undone_notices(d) -> list[str]:
    """The notice boxes drawn in the scene that say an undo was done."""
    return [t for w in d.app.page.panes[-1].widgets if getattr(w, "block", None) is not None
            and w.block.kind == "notice" for t in w.texts() if t.startswith("Undone")]


def test_undo_by_key_or_click_says_undone_until_the_next_move(make_driver):
    d = make_driver()
    for key in ("cases", "case:tutorial", "begin"):
        d.click_action(key)
    start = d.c.view.scene_id
    d.key(pygame.K_1)
    assert d.c.view.scene_id != start and not undone_notices(d)
    d.key(pygame.K_u)
    assert d.c.view.scene_id == start
    (notice,) = undone_notices(d)
    assert notice in d.app.cache.rendered_texts()
    d.key(pygame.K_1)
    assert not undone_notices(d)
    d.click_action("undo")
    assert undone_notices(d)
