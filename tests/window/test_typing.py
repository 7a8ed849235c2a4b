"""Typing into the verdict form's reasoning and the hand-in form, in the real window."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from game.app.handin import FolderDeliverer, read_report  # noqa: E402
from tests.support import KeyPlayer  # noqa: E402

pytestmark = pytest.mark.window


def type_text(d, text: str) -> None:
    for ch in text:
        d.post(pygame.TEXTINPUT, text=ch)
    d.frame()


def test_the_reasoning_is_typed_in_the_window_and_kept(make_driver):
    d = make_driver()
    player = KeyPlayer()
    while d.c.screen is not Screen.VERDICT:
        d.click_action(player.next_key(d.c))
    d.click_action("reason")
    assert d.app.editing == "reason"
    type_text(d, "The log and the box agree; c and u are letters here")
    assert d.c.draft is not None and d.c.draft.reasoning == ""  # nothing is kept until Enter
    assert d.c.screen is Screen.VERDICT  # "c" typed into the box did not open the casebook
    d.key(pygame.K_BACKSPACE)
    d.key(pygame.K_RETURN)
    assert d.app.editing is None
    assert d.c.draft.reasoning == "The log and the box agree; c and u are letters her"
    d.click_action("rebut")
    type_text(d, "never mind")
    d.key(pygame.K_ESCAPE)  # Esc drops what was typed
    assert d.c.draft.rebuttal == "" and d.c.screen is Screen.VERDICT


def test_a_student_hands_in_from_the_window(make_driver, tmp_path):
    d = make_driver()
    d.c.deliverer = FolderDeliverer(tmp_path)
    player = KeyPlayer()
    while d.c.screen is not Screen.DEBRIEF:
        d.click_action(player.next_key(d.c))
    d.click_action("handin")
    d.click_action("name")
    type_text(d, "Ada Lovelace")
    d.key(pygame.K_RETURN)
    d.click_action("write")
    [written] = list(tmp_path.iterdir())
    assert read_report(written.read_text(encoding="utf-8"))["student"]["name"] == "Ada Lovelace"
    assert any("Hand that file to your teacher" in t for t in d.texts())
