"""Each case plays from the case menu to its debrief in the real window, by mouse alone (the capstone with
the teacher's class file opening it, as its lock asks for three finished cases)."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from game.engine.options import ClassSettings  # noqa: E402
from tests.support import CAPSTONE_CASES, CORE_CASES, OUTLINE_CASES, KeyPlayer  # noqa: E402

pytestmark = pytest.mark.window


@pytest.mark.parametrize("case", CORE_CASES + OUTLINE_CASES + CAPSTONE_CASES)
def test_core_case_plays_to_its_debrief_in_the_window(make_driver, case: str) -> None:
    d = make_driver(class_settings=ClassSettings(unlock_all=True) if case in CAPSTONE_CASES else None)
    player = KeyPlayer(case)
    verdicts = 0
    for _ in range(3000):
        if d.c.screen is Screen.DEBRIEF:
            break
        key = player.next_key(d.c)
        verdicts += key == "file"
        d.click_action(key)
    assert d.c.screen is Screen.DEBRIEF, d.c.screen
    assert d.c.scenario is not None and d.c.scenario.id == case
    assert verdicts >= 2
    texts = d.texts()
    assert any(t.startswith("Debrief:") for t in texts)
    assert any("What became of them" in t for t in texts), texts[:20]
