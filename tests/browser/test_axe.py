"""axe-core (npm, pinned) on every text-mode screen, at a laptop and a phone size: no serious or critical
violation anywhere. Screens are reached through the page's own controller, as a click would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.engine import Catalog
from game.webbuild import harness
from tests.support.browser import Game, open_game
from tests.support.browser_routes import plan

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SIZES = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
BLOCKING = ("serious", "critical")

RUN_AXE = """async () => {
    const result = await axe.run(document, { resultTypes: ["violations"] })
    return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")) }))
}"""


def violations(game: Game) -> list[dict[str, Any]]:
    if not game.page.evaluate("typeof axe !== 'undefined'"):
        game.page.add_script_tag(path=str(harness.AXE_JS))  # injected: the page itself never loads axe
    found = game.page.evaluate(RUN_AXE)
    return [v for v in found if v["impact"] in BLOCKING]


def perform(game: Game, *keys: str) -> None:
    for key in keys:
        done = game.python(f"verdict_page.controller.perform({key!r})")
        assert done, f"{key} was not offered: {game.offered()}"


def screens(game: Game) -> list[tuple[str, Any]]:
    """(name, how to get there from the previous screen), covering every screen the controller has."""
    tutorial = Catalog.load(ROOT / "scenarios").scenarios["tutorial"]
    steps = plan(tutorial)
    to_verdict = [s.key for s in steps[: next(i for i, s in enumerate(steps) if s.key == "verdict")]]

    def glossary() -> None:
        term = game.python("next(iter(verdict_page.controller.catalog.glossary.terms))")
        perform(game, "back", f"term:{term}")  # a glossary word in the scene's text, followed
    return [
        ("title", lambda: None),
        ("settings", lambda: perform(game, "settings")),
        ("help", lambda: perform(game, "back", "help")),
        ("cases", lambda: perform(game, "back", "cases")),
        ("cases by outline branch", lambda: perform(game, "order")),  # a heading and a list per branch
        ("briefing", lambda: perform(game, "case:tutorial")),
        ("scene", lambda: start(game, to_verdict)),
        ("casebook", lambda: perform(game, "casebook")),  # it opens on the latest document found
        ("verdict", lambda: perform(game, "back", "verdict")),
        ("glossary", glossary),
        ("debrief", lambda: finish(game, steps)),
        ("error", lambda: game.python("verdict_page.controller.show_error(RuntimeError('a test error'))")),
    ]


def start(game: Game, keys: list[str]) -> None:
    perform(game, "restart" if "restart" in game.offered() else "begin")
    if "yes" in game.offered():
        perform(game, "yes")
    perform(game, *keys)


def finish(game: Game, steps: list[Any]) -> None:
    perform(game, "back")
    game.python(f"""
from game.engine import Session
c = verdict_page.controller
s = Session(c.scenario)
for step in {json.dumps([(s.key, s.interpretation, list(s.cite), s.confidence) for s in steps])}:
    key, interp, cite, confidence = step
    if key == "verdict":
        q = s.view().checkpoint
        s.submit_verdict(q.id, interp, cite, confidence)
    else:
        source = int(key.partition(":")[2])
        s.choose([c.source_index for c in s.view().choices].index(source))
c.session = s
c.perform("debrief")
""")


@pytest.mark.parametrize("size", list(SIZES))
def test_no_serious_violation_on_any_screen(browser: Any, site: str, size: str) -> None:
    game = open_game(browser, site, viewport=SIZES[size])
    problems = {}
    for name, go in screens(game):
        go()
        assert game.heading(), name
        found = violations(game)
        if found:
            problems[name] = found
    assert problems == {}, json.dumps(problems, indent=1)
    assert game.refused == []
    game.page.context.close()
