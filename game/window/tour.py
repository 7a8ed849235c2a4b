"""A scripted walk through every screen of a case: for screenshots, benchmarks and the screen tests.

Pure controller calls, no pygame: after each step the caller draws whatever it likes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from game.app.controller import Controller, Screen


def _least_taken_choice(c: Controller, taken: Counter[tuple[str, str]]) -> str:
    view = c.view
    assert view is not None
    choices = [a for a in c.actions() if a.group == "choice"]
    best = min(choices, key=lambda a: taken[(view.scene_id, a.label)])
    taken[(view.scene_id, best.label)] += 1
    return best.key


def _fill_verdict(c: Controller) -> None:
    acts = c.actions()
    for group in ("interpretation", "cite", "confidence"):
        options = [a for a in acts if a.group == group and a.enabled]
        if options:
            c.perform(options[min(1, len(options) - 1)].key if group == "confidence" else options[0].key)


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
    taken: Counter[tuple[str, str]] = Counter()
    shown = set()
    for _ in range(limit):
        view = c.view
        assert view is not None and c.session is not None
        if c.session.held and "casebook" not in shown:
            shown.add("casebook")
            c.perform("casebook")
            yield "casebook"
            c.back()
        if view.checkpoint is not None:
            c.perform("verdict")
            _fill_verdict(c)
            if "verdict" not in shown:
                shown.add("verdict")
                yield "verdict"
            c.perform("confirm")
            continue
        if view.is_ending:
            c.perform("debrief")
            yield "debrief"
            break
        c.perform(_least_taken_choice(c, taken))
    c.show_error(RuntimeError("an example error, shown on purpose by the screenshot tour"))
    yield "error"
    assert c.screen is Screen.ERROR
