"""A scripted walk through every screen of a case: for screenshots, benchmarks and the screen tests.

Pure controller calls, no pygame: after each step the caller draws whatever it likes. The moves come from
the engine's one scripted player (exploring choices, predictable verdicts) through game.app.autoplay.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.app.autoplay import keys_for
from game.app.controller import Controller, Screen
from game.engine.player import FileVerdict, ScriptedPlayer


def tour(c: Controller, scenario_id: str = "tutorial", limit: int = 300) -> Iterator[str]:
    """Yield a name each time the controller shows a new screen worth a picture."""
    yield "title"
    c.perform("help")
    yield "help"
    c.back()
    c.perform("settings")
    yield "settings"
    c.back()
    c.perform("cases")
    yield "cases"
    c.perform(f"case:{scenario_id}")
    yield "briefing"
    c.perform("restart") or c.perform("begin")
    yield "scene"
    if c.page_terms():
        c.perform("glossary")
        yield "glossary"
        c.back()
    player = ScriptedPlayer(choices="explore", verdicts="first")
    shown: set[str] = set()
    for _ in range(limit):
        session = c.session
        assert session is not None
        if session.held and "casebook" not in shown:
            shown.add("casebook")
            c.perform("casebook")
            yield "casebook"
            c.back()
        if session.is_over:
            c.perform("debrief")
            yield "debrief"
            break
        move = player.next_move(session)
        assert move is not None, f"the tour is stuck in {session.scene_id}"
        keys = keys_for(move)
        if isinstance(move, FileVerdict) and "verdict" not in shown:
            shown.add("verdict")
            *form, review, file = keys
            for key in form:
                c.perform(key)
            yield "verdict"
            c.perform(review)
            yield "verdict-review"
            keys = [file]
        for key in keys:
            c.perform(key)
    c.show_error(RuntimeError("an example error, shown on purpose by the screenshot tour"))
    yield "error"
    assert c.screen is Screen.ERROR
