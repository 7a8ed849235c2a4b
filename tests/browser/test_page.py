"""The text layer in real headless Chromium, under Pyodide: every case plays through the page alone.

One page is shared by the module (Pyodide takes seconds to start), so the tests run in file order and each
leaves the game on the case files.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from game.engine import Catalog, Scenario
from tests.browser.conftest import MARKUP_ID, MARKUP_PROSE, MARKUP_TITLE, Game
from tests.browser.routes import Step, plan

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "scenarios")
SHIPPED_FILES = sorted(p.stem for p in (ROOT / "scenarios").glob("*.toml") if p.stem != "glossary")
IDS = list(CATALOG.scenarios)

pytestmark = pytest.mark.browser


@functools.cache
def route(scenario_id: str) -> list[Step]:
    return plan(CATALOG.scenarios[scenario_id])


def do(game: Game, key: str, keyboard: bool) -> None:
    if keyboard:
        game.tab_to(key)
        game.page.keyboard.press("Enter")
    else:
        game.click(key)


def play(game: Game, scenario: Scenario, steps: list[Step], keyboard: bool) -> None:
    """From the title or the case files, through the case to its debrief and back to the case files."""
    if not keyboard and game.page.get_attribute("#verdict-textmode", "aria-pressed") != "true":
        game.page.click("#verdict-textmode")  # a mouse user reads the text version in text mode
    if "cases" in game.offered():
        do(game, "cases", keyboard)
    do(game, f"case:{scenario.id}", keyboard)
    assert game.heading() == scenario.title
    do(game, "restart" if "restart" in game.offered() else "begin", keyboard)
    for step in steps:
        if step.key == "verdict":
            do(game, "verdict", keyboard)
            do(game, f"interp:{step.interpretation}", keyboard)
            for item in step.cite:
                do(game, f"cite:{item}", keyboard)
            do(game, f"confidence:{step.confidence}", keyboard)
            do(game, "confirm", keyboard)
            continue
        before = game.page.evaluate("window.liveMutations")
        do(game, step.key, keyboard)
        after = game.page.evaluate("window.liveMutations")
        assert after > before, f"the live region was not updated by {step}"
        assert game.live_text().strip()
    do(game, "debrief", keyboard)
    assert game.heading() == f"Debrief: {scenario.title}"
    assert "What became of them" in game.live_text()
    do(game, "menu", keyboard)
    assert game.heading() == "Case files"


def test_every_shipped_scenario_loads_under_pyodide(game: Game) -> None:
    assert game.python("verdict_scenarios") == IDS
    assert sorted(IDS) == SHIPPED_FILES, f"cases that do not load: {[f.message for f in CATALOG.failures]}"
    assert game.page.get_attribute("#verdict-live", "aria-live") == "polite"


@pytest.mark.parametrize("scenario_id", IDS)
def test_plays_to_an_ending_with_page_buttons(game: Game, scenario_id: str) -> None:
    scenario = CATALOG.scenarios[scenario_id]
    play(game, scenario, route(scenario.id), keyboard=False)
    assert game.errors == []


def test_text_mode_button_is_first_and_swaps_canvas_for_text(game: Game) -> None:
    page = game.page
    page.evaluate("localStorage.removeItem('verdict:v1:web.textmode')")
    game.reload()
    assert page.get_attribute("#verdict-textmode", "aria-pressed") == "false"
    assert page.locator("#verdict-layer").bounding_box()["width"] <= 1  # visually hidden, still in the page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "verdict-textmode"
    page.keyboard.press("Enter")
    assert page.get_attribute("#verdict-textmode", "aria-pressed") == "true"
    assert not page.locator("#canvas").is_visible()
    assert page.locator("#verdict-layer").bounding_box()["width"] > 300
    assert page.evaluate("localStorage.getItem('verdict:v1:web.textmode')") == "1"


@pytest.mark.parametrize("scenario_id", IDS)
def test_plays_to_an_ending_with_the_keyboard_alone(game: Game, scenario_id: str) -> None:
    scenario = CATALOG.scenarios[scenario_id]
    play(game, scenario, route(scenario.id), keyboard=True)
    assert game.errors == []


def test_a_save_survives_a_reload_and_the_canvas_drives_the_same_session(game: Game) -> None:
    scenario = CATALOG.scenarios[IDS[0]]
    steps = [s for s in route(scenario.id) if s.key.startswith("choose:")][:2]
    game.click(f"case:{scenario.id}")
    game.click("restart" if "restart" in game.offered() else "begin")
    game.click(steps[0].key)
    # What the pygame window does on a click: perform on the shared controller. The page follows.
    game.python(f"verdict_page.controller.perform({steps[1].key!r})")
    where = game.heading()
    text = game.live_text()
    game.reload()
    assert game.page.get_attribute("#verdict-textmode", "aria-pressed") == "true"  # text mode remembered
    game.click("cases")
    game.click(f"case:{scenario.id}")
    game.click("begin")
    assert game.heading() == where
    assert game.live_text() == text
    game.click("menu")


def test_a_corrupt_stored_value_is_reported_and_set_aside(game: Game) -> None:
    page = game.page
    scenario = CATALOG.scenarios[IDS[0]]
    store = "([key, value]) => localStorage.setItem(key, value)"
    page.evaluate(store, [f"verdict:v1:save.{scenario.id}", '{"format": "verdict-save", trun'])
    page.evaluate(store, ["verdict:v1:progress", "not json at all"])
    game.reload()
    game.click("cases")
    game.click(f"case:{scenario.id}")
    game.click("begin")
    live = game.live_text()
    assert "could not be read" in live and "starts afresh" in live
    start_title = scenario.scenes[scenario.start].title
    assert game.heading() == start_title
    stored = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
    assert stored[f"verdict:v1:save.{scenario.id}.corrupt-1"].endswith("trun")
    assert stored["verdict:v1:progress.corrupt-1"] == "not json at all"
    assert json.loads(stored[f"verdict:v1:save.{scenario.id}"])["scenario"] == scenario.id
    game.click("menu")


def test_a_save_can_be_downloaded_and_loaded_again(game: Game, tmp_path: Path) -> None:
    page = game.page
    scenario = CATALOG.scenarios[IDS[0]]
    first = next(s for s in route(scenario.id) if s.key.startswith("choose:"))
    game.click(f"case:{scenario.id}")
    game.click("restart")
    game.click(first.key)
    where = game.heading()
    with page.expect_download() as info:
        game.click("web:export")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))["scenario"] == scenario.id
    game.click("menu")
    page.evaluate(f"localStorage.removeItem('verdict:v1:save.{scenario.id}')")  # a wiped school computer
    page.set_input_files("#verdict-import", str(saved))
    page.wait_for_function("document.getElementById('verdict-status').textContent.startsWith('Loaded')")
    assert game.heading() == scenario.title  # the case's briefing, ready to resume
    game.click("begin")
    assert game.heading() == where
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    game.click("menu")
    page.set_input_files("#verdict-import", str(bad))
    page.wait_for_function("document.getElementById('verdict-status').textContent.includes('not a Verdict')")


def test_scenario_text_with_markup_stays_text(browser: Any, site: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + f"index.html?bundle=markup.zip&scenario={MARKUP_ID}")
    page.wait_for_function("window.verdictReady === true || window.verdictError !== undefined")
    assert page.evaluate("window.verdictError") is None
    game = Game(page)
    page.click("#verdict-textmode")
    assert game.heading() == MARKUP_TITLE  # ?scenario=ID opened the case's briefing, title shown literally
    game.click("begin")
    assert MARKUP_PROSE in game.live_text()
    injected = "#verdict-layer script, #verdict-layer b, #verdict-layer img, #verdict-layer i"
    assert page.locator(injected).count() == 0
    assert page.evaluate("window.pwned") is None
    context.close()
