"""Pins and notes in the window's casebook, by keyboard and mouse, and the notes beside the citations."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from tests.support import KeyPlayer  # noqa: E402

pytestmark = pytest.mark.window


def play_until(d, done, player: KeyPlayer, limit: int = 300) -> None:
    for _ in range(limit):
        if done(d.c):
            d.frame()
            return
        assert d.c.perform(player.next_key(d.c))
    raise AssertionError("the condition was never met")


def press_letter(d, key: int, letter: str) -> None:
    """A letter key as SDL reports it: the key, then its text input, in the same batch of events."""
    d.post(pygame.KEYDOWN, key=key, mod=0, unicode=letter, scancode=0)
    d.post(pygame.TEXTINPUT, text=letter)
    d.post(pygame.KEYUP, key=key, mod=0, unicode=letter, scancode=0)
    d.frame()


def type_text(d, text: str) -> None:
    for ch in text:
        d.post(pygame.TEXTINPUT, text=ch)
    d.frame()


def list_texts(d) -> list[str]:
    return [t for w in d.app.page.panes[0].widgets for t in w.texts()]


def test_pin_and_note_by_keyboard_are_drawn_in_the_list_and_beside_the_citations(make_driver):
    d = make_driver()
    player = KeyPlayer()
    play_until(d, lambda c: c.screen is Screen.SCENE and c.session is not None and len(c.session.held) >= 3,
               player)
    d.key(pygame.K_c)
    assert d.c.screen is Screen.CASEBOOK
    held = list(d.c.session.held)
    d.key(pygame.K_UP)  # preview the one before the newest
    item = held[-2]
    assert d.c.evidence_id == item
    title = d.c.scenario.evidence[item].title

    press_letter(d, pygame.K_p, "p")
    assert d.c.session.pins == (item,)
    assert d.app.focus_key == f"evidence:{item}"  # pinning moved the item up; the focus went with it
    texts = list_texts(d)
    assert "PINNED" in texts and texts.index(title) < min(
        texts.index(d.c.scenario.evidence[e].title) for e in held if e != item)

    press_letter(d, pygame.K_n, "n")
    assert d.app.editing == "note"
    type_text(d, "nothing in it contradicts the log; c and u are letters here")
    d.key(pygame.K_RETURN)
    assert d.app.editing is None and d.c.screen is Screen.CASEBOOK
    note = "nothing in it contradicts the log; c and u are letters here"  # N itself was not typed in
    assert d.c.session.note(item) == note
    assert f"Your note: {note}" in list_texts(d)
    assert note in [t for w in d.app.page.panes[1].widgets for t in w.texts()]  # in the note's box too

    d.key(pygame.K_ESCAPE)
    play_until(d, lambda c: c.screen is Screen.VERDICT, player)
    texts = d.texts()
    assert f"Pinned · Your note: {note}" in texts
    # The pinned item's checkbox comes first among the citations.
    cites = [w.action.key for w, _ in d.app.focus_list if w.action is not None and w.action.name == "cite"]
    assert cites[0] == f"cite:{item}"

    # Ticked in the form: the casebook opened from it says so under the item; once filed, where it is cited.
    d.press(f"cite:{item}")
    d.key(pygame.K_c)
    assert d.c.screen is Screen.CASEBOOK and "Ticked in the verdict you are writing" in list_texts(d)
    d.key(pygame.K_ESCAPE)
    question = d.c.question
    for key in (next(a.key for a in d.c.actions() if a.name == "interp"), "confidence:probable", "confirm",
                "file"):
        d.press(key)
    assert d.c.screen is Screen.SCENE and question is not None and question.id in d.c.session.verdicts
    d.key(pygame.K_c)
    assert any(t.startswith("Cited in your verdict on “") for t in list_texts(d))
    assert "Ticked in the verdict you are writing" not in list_texts(d)


def test_pin_and_note_by_mouse(make_driver):
    d = make_driver()
    player = KeyPlayer()
    play_until(d, lambda c: c.screen is Screen.SCENE and c.session is not None and len(c.session.held) >= 2,
               player)
    d.click_action("casebook")
    item = d.c.evidence_id
    d.click_action("pin")
    assert d.c.session.pinned(item)
    d.click_action("note")
    assert d.app.editing == "note"
    type_text(d, "Esc drops these words")
    d.key(pygame.K_ESCAPE)
    assert d.c.session.note(item) == "" and d.c.screen is Screen.CASEBOOK
    d.click_action("note")
    type_text(d, "kept")
    d.click_action("pin")  # a click elsewhere keeps the words, and the click still counts
    assert d.c.session.note(item) == "kept" and not d.c.session.pinned(item)
    assert "PINNED" not in list_texts(d)
