"""Fixtures for the browser tests: one Chromium per session, one local site, Pyodide from npm (cached).

Without Chromium, npm/Pyodide or the playwright package these tests skip with the reason; with
VERDICT_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.webbuild import harness

ROOT = Path(__file__).resolve().parents[2]
MARKUP_ID = "zz_markup"
MARKUP_TITLE = "Markup <b>bold</b> & <script>window.pwned = 1</script>"
MARKUP_PROSE = '<img src=x onerror="window.pwned = 2"> <script>window.pwned = 3</script> <i>not italic</i>'

pytestmark = pytest.mark.browser


def unavailable(reason: str) -> None:
    if os.environ.get("VERDICT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but cannot run: {reason}")
    pytest.skip(reason)


def markup_scenario() -> str:
    """The tutorial with markup and script tags in its title and first scene: they must stay text."""
    text = (ROOT / "scenarios" / "tutorial.toml").read_text(encoding="utf-8")
    text = text.replace('id = "tutorial"', f'id = "{MARKUP_ID}"')
    text = text.replace('title = "The Missing Page"', f'title = "{MARKUP_TITLE}"')
    scene = text.index("[scenes.reading_room]")
    body = text.index('text = """\n', scene) + len('text = """\n')
    return text[:body] + MARKUP_PROSE + "\n\n" + text[body:]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        harness.chromium_path()
        folder = harness.make_site(
            tmp_path_factory.mktemp("site"),
            {"markup.zip": {f"scenarios/{MARKUP_ID}.toml": markup_scenario()}},
        )
    except harness.Unavailable as exc:
        unavailable(str(exc))
    with harness.serve(folder) as url:
        yield url


@pytest.fixture(scope="session")
def browser(site: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        try:
            chromium = harness.launch(playwright)
        except Exception as exc:  # a broken Chromium install is as good as none
            unavailable(f"Chromium did not start: {exc}")
        yield chromium
        chromium.close()


WATCH_LIVE = """() => {
    window.liveMutations = 0
    new MutationObserver(() => { window.liveMutations += 1 })
        .observe(document.getElementById("verdict-live"),
                 { childList: true, subtree: true, characterData: true })
}"""


class Game:
    """One browser page with the game loaded, and the few moves the tests make in it."""

    def __init__(self, page: Any):
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda msg: self.errors.append(msg.text) if "Traceback" in msg.text else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def reload(self) -> None:
        """Reload the page (Python starts again, localStorage stays) and watch the live region again."""
        self.page.reload()
        harness.wait_ready(self.page)
        self.page.evaluate(WATCH_LIVE)

    def offered(self) -> list[str]:
        """The action keys of the controls on the page now."""
        return self.page.eval_on_selector_all(
            "#verdict-controls [data-action]", "els => els.map(e => e.getAttribute('data-action'))")

    def click(self, key: str) -> None:
        self.page.locator(f'[data-action="{key}"]').click()

    def heading(self) -> str:
        return self.page.locator("#verdict-live h1").first.inner_text()

    def live_text(self) -> str:
        return self.page.locator("#verdict-live").inner_text()

    def focused_key(self) -> str | None:
        return self.page.evaluate("(document.activeElement || document.body).getAttribute('data-action')")

    def tab_to(self, key: str, limit: int = 120) -> None:
        """Press Tab until the control with this action key has the focus, then stop (no mouse anywhere)."""
        for _ in range(limit):
            if self.focused_key() == key:
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {key!r}; on the page: {self.offered()}")

    def python(self, code: str) -> Any:
        js = "code => { const r = window.verdictPyodide.runPython(code); return r && r.toJs ? r.toJs() : r }"
        return self.page.evaluate(js, code)


@pytest.fixture(scope="module")
def game(browser: Any, site: str) -> Iterator[Game]:
    """The game in a fresh browser context (empty localStorage), shared by the tests of one module."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    g = Game(page)
    page.goto(site + "index.html")
    harness.wait_ready(page)
    page.evaluate(WATCH_LIVE)
    yield g
    context.close()
