"""The HTML edition in real headless Chromium, served from its folder alone: every case plays in the page.

One page is shared by the module (Pyodide takes seconds to start), so the tests run in file order and each
leaves the game on the case files. Every request outside the edition's folder is refused (conftest).
"""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from game.engine import Catalog, Scenario
from game.web.page import ANNOUNCE_LIMIT
from tests.support.browser import MARKUP_ID, MARKUP_PROSE, MARKUP_TITLE, PY_ID, PY_TITLE, Game, open_game
from tests.support.browser_routes import Step, plan

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "scenarios")
SHIPPED_FILES = sorted(p.stem for p in (ROOT / "scenarios").glob("*.toml")
                       if p.stem not in ("glossary", "outline"))  # not cases
IDS = list(CATALOG.scenarios)

pytestmark = pytest.mark.browser


@functools.cache
def route(scenario_id: str) -> list[Step]:
    return plan(CATALOG.scenarios[scenario_id])


def start_afresh(game: Game, keyboard: bool = False) -> None:
    """On a case's briefing: start it from the beginning (confirming, when there is a save to lose)."""
    do(game, "restart" if "restart" in game.offered() else "begin", keyboard)
    if "yes" in game.offered():
        do(game, "yes", keyboard)


def do(game: Game, key: str, keyboard: bool) -> None:
    if keyboard:
        game.tab_to(key)
        game.page.keyboard.press("Enter")
    else:
        game.click(key)


def check_moved_to(game: Game, title: str, keyboard: bool) -> None:
    """After a move the focus is on the new text's heading (not a same-numbered button), and the live region
    said the heading in a few words, not the whole screen."""
    if keyboard:
        assert game.focused_tag() in ("h1", "h2"), f"focus on {game.focused_tag()} {game.focused_text()!r}"
        assert game.focused_text() == title
    said = game.said()
    assert said and title.rstrip(".") in said[-1], (title, said[-1:])
    assert len(said[-1]) <= ANNOUNCE_LIMIT


def play(game: Game, scenario: Scenario, steps: list[Step], keyboard: bool) -> None:
    """From the title or the case files, through the case to its debrief and back to the case files."""
    if "cases" in game.offered():
        do(game, "cases", keyboard)
    card = game.page.locator(f'[data-action="case:{scenario.id}"]')
    if scenario.unlock_after and card.get_attribute("aria-disabled") == "true":
        # The capstone is locked until enough other cases are finished: open it as a teacher's setting does.
        game.python("c = verdict_page.controller\n"
                    f"c.unlocks = type(c.unlocks)(cases=c.unlocks.cases | {{{scenario.id!r}}})\n"
                    "verdict_page.render()")
        assert card.get_attribute("aria-disabled") is None
    do(game, f"case:{scenario.id}", keyboard)
    assert game.heading() == scenario.title
    start_afresh(game, keyboard)
    for step in steps:
        if step.key == "verdict":
            do(game, "verdict", keyboard)
            do(game, f"interp:{step.interpretation}", keyboard)
            for item in step.cite:
                do(game, f"cite:{item}", keyboard)
            do(game, f"confidence:{step.confidence}", keyboard)
            if keyboard:
                write_reasoning(game, "The diary and the *interrogation* record agree.")
            do(game, "confirm", keyboard)
            assert game.heading() == "File this verdict?"
            do(game, "file", keyboard)
            continue
        do(game, step.key, keyboard)
        if "yes" in game.offered():  # a choice that ends the investigation asks first: the case's words
            warning = game.page.locator("#verdict-screen h2").last.inner_text()
            check_moved_to(game, warning, keyboard)  # the focus is on the warning, just above Yes
            assert game.offered() == ["yes", "no"]
            do(game, "yes", keyboard)
        check_moved_to(game, game.heading(), keyboard)
        assert game.screen_text().strip()
    do(game, "debrief", keyboard)
    assert game.heading() == f"Debrief: {scenario.title}"
    check_moved_to(game, f"Debrief: {scenario.title}", keyboard)
    assert "What became of them" in game.screen_text()
    check_debrief_layout(game)
    do(game, "menu", keyboard)
    assert game.heading() == "Case files"


def write_reasoning(game: Game, words: str) -> None:
    """Type into the reasoning box as a student would; the controller has the words as they are typed."""
    game.tab_to("reason")
    game.page.keyboard.type(words)
    assert game.focused_key() == "reason"  # the box was not rebuilt under the fingers
    kept = game.python("verdict_page.controller.draft.reasoning")
    assert kept == words


def check_debrief_layout(game: Game) -> None:
    """The debrief's actions come before its text, and its parts are sections one can jump to."""
    page = game.page
    order = page.evaluate("""() => {
        const controls = document.getElementById("verdict-controls")
        const screen = document.getElementById("verdict-screen")
        return controls.compareDocumentPosition(screen) & Node.DOCUMENT_POSITION_FOLLOWING }""")
    assert order, "the debrief's buttons should come before its long text"
    sections = page.eval_on_selector_all("#verdict-screen section h2", "els => els.map(e => e.textContent)")
    links = page.eval_on_selector_all("#verdict-screen nav a", "els => els.map(e => e.textContent)")
    assert "What became of them" in sections and links == sections


def test_every_case_loads_and_nothing_outside_the_folder_is_asked_for(game: Game) -> None:
    ids = game.python("import json; json.dumps(list(verdict_page.controller.catalog.scenarios))")
    assert sorted(json.loads(ids)) == sorted([*IDS, MARKUP_ID, PY_ID])
    assert sorted(IDS) == SHIPPED_FILES, f"cases that do not load: {[f.message for f in CATALOG.failures]}"
    assert game.page.get_attribute("#verdict-live", "aria-live") == "polite"
    assert game.refused == []


def test_the_title_is_readable_before_python_starts(browser: Any, site: str) -> None:
    """The title screen is in the page itself; Python then takes it over."""
    page = browser.new_context().new_page()
    page.route("**/pyodide/pyodide.js", lambda r: r.abort())  # Python never starts
    page.goto(site + "index.html")
    assert page.locator("#verdict-screen h1").inner_text() == "VERDICT"
    page.wait_for_function("!document.getElementById('verdict-problem').hidden", timeout=10_000)
    assert "did not load" in page.locator("#verdict-problem").inner_text()
    page.context.close()


def test_a_server_that_mislabels_wasm_is_named_in_the_message(browser: Any, site: str,
                                                               html_folder: Path) -> None:
    page = browser.new_context().new_page()
    wasm = (html_folder / "pyodide" / "pyodide.asm.wasm").read_bytes()
    page.route("**/pyodide.asm.wasm", lambda r: r.fulfill(body=wasm, content_type="application/octet-stream"))
    page.goto(site + "index.html")
    page.wait_for_function("!document.getElementById('verdict-problem').hidden", timeout=10_000)
    teacher = page.locator("#verdict-problem-teacher").inner_text()
    assert "application/octet-stream" in teacher and "application/wasm" in teacher
    page.context.close()


@pytest.mark.parametrize("scenario_id", IDS)
def test_plays_to_its_debrief_with_page_buttons(game: Game, scenario_id: str) -> None:
    scenario = CATALOG.scenarios[scenario_id]
    play(game, scenario, route(scenario.id), keyboard=False)
    assert game.errors == []


@pytest.mark.parametrize("scenario_id", ["tutorial", "kirov"])
def test_plays_to_its_debrief_with_the_keyboard_alone(game: Game, scenario_id: str) -> None:
    scenario = CATALOG.scenarios[scenario_id]
    play(game, scenario, route(scenario.id), keyboard=True)
    assert game.errors == []


def test_the_casebook_opens_the_chosen_document_at_its_title(game: Game) -> None:
    scenario = CATALOG.scenarios["kirov"]
    to_cases(game)
    game.click(f"case:{scenario.id}")
    start_afresh(game)
    for step in route(scenario.id):
        if step.key == "verdict" or game.python("len(verdict_page.controller.session.held)") >= 2:
            break
        game.click(step.key)
    game.tab_to("casebook")
    game.page.keyboard.press("Enter")
    items = [k for k in game.offered() if k.startswith("evidence:")]
    assert len(items) >= 2, items
    game.tab_to(items[0])
    game.page.keyboard.press("Enter")
    title = CATALOG.scenarios["kirov"].evidence[items[0].partition(":")[2]].title
    assert game.focused_tag() == "h2"
    assert game.focused_text() == game.page.locator("#verdict-screen h2").first.inner_text()
    assert "*" not in game.focused_text() and title.replace("*", "") == game.focused_text()
    top = game.page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert 0 <= top < game.page.viewport_size["height"] / 2  # in view, at the top
    game.page.keyboard.press("Escape")
    game.click("menu")


def to_cases(game: Game) -> None:
    if "cases" in game.offered():
        game.click("cases")


def test_the_counters_region_says_the_days_and_volumes_only_when_they_change(game: Game) -> None:
    to_cases(game)
    game.click("case:kirov")
    start_afresh(game)
    region = game.page.locator("#verdict-counters")
    assert region.get_attribute("aria-label") == "Counters"
    assert region.get_attribute("aria-live") == "polite"
    assert region.inner_text() == "Days used: 0 of 11"
    game.page.evaluate("""() => { window.countersSaid = [];
        const el = document.getElementById('verdict-counters');
        new MutationObserver(() => window.countersSaid.push(el.textContent))
            .observe(el, {childList: true, characterData: true, subtree: true}); }""")
    game.click("choose:0")  # to the hotel: no day spent, nothing said
    assert game.page.evaluate("window.countersSaid") == []
    game.click("choose:0")  # the Big House (one day)
    game.click("choose:0")  # the reading room, with its volumes
    said = game.page.evaluate("window.countersSaid")
    assert said == ["Days used: 1 of 11",
                    "Days used: 1 of 11 · Volumes today: 0 of 4"], said
    game.click("casebook")
    assert region.is_hidden()
    game.click("back")
    assert region.is_visible() and game.page.evaluate("window.countersSaid") == said  # not said again
    game.click("menu")
    assert region.is_hidden()


def test_disabled_controls_are_readable_and_say_why(game: Game) -> None:
    to_cases(game)
    game.click("case:tutorial")
    start_afresh(game)
    undo = game.page.locator('[data-action="undo"]')
    assert undo.get_attribute("aria-disabled") == "true"
    reason = game.python("[a.reason for a in verdict_page.controller.actions() if a.key == 'undo'][0]")
    reason_id = undo.get_attribute("aria-describedby")
    assert reason and reason_id and game.page.locator(f"#{reason_id.split()[0]}").inner_text() == reason
    assert reason not in undo.inner_text()  # said beside the button, not inside it
    colours = game.page.evaluate("""() => {
        const s = getComputedStyle(document.querySelector('[data-action="undo"]'))
        return [s.color, s.backgroundColor, s.opacity] }""")
    assert colours[2] == "1"
    assert contrast(colours[0], colours[1]) >= 4.5
    game.click("menu")


def contrast(fg: str, bg: str) -> float:
    def luminance(css: str) -> float:
        channels = [int(x) / 255 for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_headings_never_skip_a_level(game: Game) -> None:
    game.reload()
    for key in ["", "cases", "case:tutorial", "back", "back"]:
        if key:
            game.click(key)
        levels = game.page.eval_on_selector_all("h1, h2, h3, h4", "els => els.map(e => +e.tagName[1])")
        assert levels and levels[0] == 1, levels
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (key, levels)
        assert game.page.locator("main #verdict-layer").count() == 1  # the screen is inside a landmark
    game.click("cases")


def test_a_save_survives_a_reload(game: Game) -> None:
    scenario = CATALOG.scenarios[IDS[0]]
    steps = [s for s in route(scenario.id) if s.key.startswith("choose:")][:2]
    to_cases(game)
    game.click(f"case:{scenario.id}")
    start_afresh(game)
    game.click(steps[0].key)
    assert steps[1].key in game.offered(), (steps, game.offered(), game.heading())
    game.click(steps[1].key)
    where = game.heading()
    text = game.screen_text()
    game.reload()
    game.click("cases")
    game.click(f"case:{scenario.id}")
    assert game.page.locator('[data-action="begin"]').inner_text() == "Resume the case"
    game.click("begin")
    assert game.heading() == where
    assert game.screen_text() == text
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
    live = game.screen_text()
    assert "could not be read" in live and "starts afresh" in live
    assert game.heading() == scenario.scenes[scenario.start].title
    stored = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
    assert stored[f"verdict:v1:save.{scenario.id}.corrupt-1"].endswith("trun")
    assert stored["verdict:v1:progress.corrupt-1"] == "not json at all"
    assert json.loads(stored[f"verdict:v1:save.{scenario.id}"])["scenario"] == scenario.id
    game.click("menu")


def test_a_save_can_be_downloaded_and_loaded_again(game: Game, tmp_path: Path) -> None:
    page = game.page
    scenario = CATALOG.scenarios[IDS[0]]
    first = next(s for s in route(scenario.id) if s.key.startswith("choose:"))
    to_cases(game)
    game.click(f"case:{scenario.id}")
    start_afresh(game)
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


def test_a_deep_link_opens_its_case_even_with_py_in_its_id(browser: Any, site: str) -> None:
    game = open_game(browser, site, f"?case={PY_ID}")
    assert game.heading() == PY_TITLE
    assert game.refused == []
    game.page.context.close()


def test_scenario_text_with_markup_stays_text(browser: Any, site: str) -> None:
    game = open_game(browser, site, f"?scenario={MARKUP_ID}")  # the older form of the link still works
    page = game.page
    assert game.heading() == MARKUP_TITLE  # title shown literally
    game.click("begin")
    assert MARKUP_PROSE in game.screen_text()
    injected = "#verdict-layer script, #verdict-layer b, #verdict-layer img, #verdict-layer i"
    assert page.locator(injected).count() == 0
    assert page.evaluate("window.pwned") is None
    page.context.close()


def test_a_student_hands_in_from_the_debrief_as_a_download(game: Game, tmp_path: Path) -> None:
    from game.app.handin import read_report
    from game.engine.report import is_untouched

    scenario = CATALOG.scenarios["tutorial"]
    to_cases(game)
    game.click("case:tutorial")
    start_afresh(game)
    for step in route(scenario.id):
        if step.key == "verdict":
            for key in ("verdict", f"interp:{step.interpretation}", *(f"cite:{e}" for e in step.cite),
                        f"confidence:{step.confidence}", "confirm", "file"):
                game.click(key)
        else:
            game.click(step.key)
            if "yes" in game.offered():
                game.click("yes")
    game.click("debrief")
    game.click("handin")
    assert game.heading() == "Hand in your work"
    game.tab_to("name")
    game.page.keyboard.type("Ada <b>Lovelace</b>")
    assert game.focused_tag() == "textarea"
    assert game.python("verdict_page.controller.handin.name") == "Ada <b>Lovelace</b>"
    with game.page.expect_download() as info:
        game.click("write")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    data = read_report(saved.read_text(encoding="utf-8"))
    assert is_untouched(data) and data["student"]["name"] == "Ada <b>Lovelace</b>" and data["finished"]
    assert "<b>Lovelace</b>" not in saved.read_text(encoding="utf-8").split("<script")[0]  # shown as text
    assert any("downloading" in line for line in game.said()) or "downloading" in game.screen_text()
