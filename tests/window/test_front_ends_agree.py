"""One route through the controller, the window and the terminal: the same progress and the same debrief.

Each front end is driven by its own inputs (controller keys; clicks in the window; typed numbers and letters
in the terminal), all derived from one list of controller actions that the scripted player chose.
"""

from __future__ import annotations

import io
import re

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app import build_controller  # noqa: E402
from game.app.controller import Controller, Screen  # noqa: E402
from game.app.saves import Progress  # noqa: E402
from game.app.storage import MemoryStorage  # noqa: E402
from game.terminal.play import HELP_ROWS, Numbering, TerminalGame  # noqa: E402
from game.terminal.render import Style  # noqa: E402
from tests.support import SCENARIOS, KeyPlayer  # noqa: E402

pytestmark = pytest.mark.window


def route(case: str, seed: int) -> list[str]:
    """The controller keys a scripted player presses from the title to the case's debrief."""
    c = build_controller(MemoryStorage(), SCENARIOS)
    player, keys = KeyPlayer(case, seed), []
    while c.screen is not Screen.DEBRIEF:
        key = player.next_key(c)
        assert c.perform(key), key
        keys.append(key)
    return keys


def outcome(c: Controller, case: str) -> tuple[Progress, list[str]]:
    assert c.screen is Screen.DEBRIEF
    return c.store.progress(case), [b.text for b in c.document()]


def by_controller(keys: list[str], case: str) -> tuple[Progress, list[str]]:
    c = build_controller(MemoryStorage(), SCENARIOS)
    for key in keys:
        assert c.perform(key), key
    return outcome(c, case)


def by_window(make_driver, keys: list[str], case: str) -> tuple[Progress, list[str]]:
    d = make_driver()
    for key in keys:
        d.click_action(key)
    return outcome(d.c, case)


def by_terminal(keys: list[str], case: str) -> tuple[Progress, list[str], str]:
    c = build_controller(MemoryStorage(), SCENARIOS, setting_names=frozenset(), help_rows=HELP_ROWS)
    pending = list(keys)

    def typed() -> str | None:
        # What a player reading the screen would type for the next action: its number or letter.
        if not pending:
            return None
        return Numbering.of(c.actions()).labels[pending.pop(0)] + "\n"

    out = io.StringIO()
    game = TerminalGame(c, typed, out, Style(width=70), echo=True)
    while pending:
        game.show()
        assert game.handle(game.ask())
    game.show()
    progress, texts = outcome(c, case)
    return progress, texts, out.getvalue()


@pytest.mark.parametrize(("case", "seed"), [("tutorial", 0), ("tutorial", 5), ("kirov", 1)])
def test_the_same_route_gives_the_same_record_and_debrief_everywhere(make_driver, case: str, seed: int):
    keys = route(case, seed)
    progress, debrief = by_controller(keys, case)
    assert progress.finished == 1 and progress.best is not None and not progress.open
    assert by_window(make_driver, keys, case) == (progress, debrief)
    term_progress, term_debrief, transcript = by_terminal(keys, case)
    assert (term_progress, term_debrief) == (progress, debrief)
    # And the terminal printed every block of that debrief, wrapped but word for word.
    printed = re.sub(r"\s+", " ", transcript)
    for text in debrief:
        assert re.sub(r"\s+", " ", text) in printed, text[:80]
