"""The terminal shows a case's counters above the choices, and asks before a choice that ends the case."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile

from game.app import build_controller
from game.app.controller import Controller
from game.app.storage import MemoryStorage
from game.terminal.play import HELP_ROWS, Numbering, TerminalGame
from game.terminal.render import Style
from tests.support import ROOT, SCENARIOS

SIX = ["nikolaev_protocol", "nikolaev_diary", "release_slip", "smolny_passes", "borisov_statement",
       "lorry_act"]
DESK = "Clear the desk and begin to write"


def terminal_at_the_desk() -> tuple[Controller, TerminalGame, io.StringIO, list[str]]:
    c = build_controller(MemoryStorage(), SCENARIOS, setting_names=frozenset(), help_rows=HELP_ROWS)
    assert c.open_preview("kirov", "hub", tuple(SIX), {"day": 3}) == ""
    lines: list[str] = []
    out = io.StringIO()
    game = TerminalGame(c, lambda: lines.pop(0) + "\n" if lines else None, out, Style(width=78), echo=True)
    return c, game, out, lines


def label_of(c: Controller, label: str) -> str:
    """What a player reading the screen types for the action with this label."""
    numbering = Numbering.of(c.actions())
    (key,) = [a.key for a in c.actions() if a.label == label]
    return numbering.labels[key]


def test_the_counters_stand_on_a_status_line_above_the_choices() -> None:
    _, game, out, _ = terminal_at_the_desk()
    game.show()
    text = out.getvalue()
    status = "[Days used: 3 of 11]"
    assert status in text
    assert text.index(status) < text.index("Go to the Big House")  # above the first choice
    assert text.index(status) > text.index("Your room at the Oktyabrskaya")  # below the scene's prose


def test_typing_the_choice_asks_and_no_stays_then_yes_takes_it() -> None:
    c, game, out, _ = terminal_at_the_desk()
    game.show()
    assert game.handle(label_of(c, DESK))
    assert c.asking is not None and c.session is not None and c.session.scene_id == "hub"
    game.show()
    asked = out.getvalue().split("\n\n")
    assert any(block.startswith("Once you begin to write") for block in asked), out.getvalue()[-800:]
    assert f"Yes: {DESK}" in out.getvalue() and "Not yet" in out.getvalue()
    assert game.handle(label_of(c, "Not yet"))
    assert c.asking is None and c.session.scene_id == "hub"
    # A blank line (back) answers no as well.
    assert game.handle(label_of(c, DESK)) and game.handle("")
    assert c.asking is None and c.session.scene_id == "hub"
    assert game.handle(label_of(c, DESK))
    assert game.handle(label_of(c, f"Yes: {DESK}"))
    assert c.asking is None and c.session.scene_id == "desk_who"


def test_verdict_text_from_the_command_line_shows_counters_and_the_warning() -> None:
    env = {**os.environ, "VERDICT_DATA_DIR": tempfile.mkdtemp(prefix="verdict-test-")}
    args = [sys.executable, "-m", "game", "text", "kirov", "--start", "hub", "--give", *SIX, "--set", "day=3",
            "--no-save", "--width", "78"]
    # The hub's choices keep their numbers from the file: the desk is the ninth, and "2" answers Not yet.
    result = subprocess.run(args, input="9\n2\n9\n1\n", capture_output=True, text=True, cwd=ROOT, timeout=60,
                            env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[Days used: 3 of 11]" in out
    assert out.count("Once you begin to write") == 2
    assert "The first question" in out  # yes took the choice
    assert "Traceback" not in result.stderr
