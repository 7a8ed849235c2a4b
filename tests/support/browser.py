"""Browser-test helpers: the test cases, the Game driver over one page, opening the HTML edition.

The fixtures that start Chromium and serve the edition are in tests/browser/conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from game.webbuild import harness

ROOT = Path(__file__).resolve().parents[2]
MARKUP_ID = "zz_markup"
MARKUP_TITLE = "Markup <b>bold</b> & <script>window.pwned = 1</script>"
MARKUP_PROSE = '<img src=x onerror="window.pwned = 2"> <script>window.pwned = 3</script> <i>not italic</i>'
# A case whose id holds "py": pygbag's loader once read such a deep link as the interpreter's name.
PY_ID = "spy_ring"
PY_TITLE = "The Ring of Informers (test case)"


def unavailable(reason: str) -> None:
    if os.environ.get("VERDICT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but cannot run: {reason}")
    pytest.skip(reason)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright, or a skip (a failure under VERDICT_REQUIRE_BROWSER) saying why."""
    try:
        harness.chromium_path()
        from playwright.sync_api import sync_playwright
    except harness.Unavailable as exc:
        unavailable(str(exc))
    except ImportError:
        unavailable("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        try:
            browser = harness.launch(playwright)
        except Exception as exc:  # a broken Chromium install is as good as none
            unavailable(f"Chromium did not start: {exc}")
        yield browser
        browser.close()


def markup_scenario() -> str:
    """The tutorial with markup and script tags in its title and first scene: they must stay text."""
    text = (ROOT / "scenarios" / "tutorial.toml").read_text(encoding="utf-8")
    text = text.replace('id = "tutorial"', f'id = "{MARKUP_ID}"')
    text = text.replace('title = "The Missing Page"', f'title = "{MARKUP_TITLE}"')
    scene = text.index("[scenes.reading_room]")
    body = text.index('text = """\n', scene) + len('text = """\n')
    return text[:body] + MARKUP_PROSE + "\n\n" + text[body:]


def py_scenario() -> str:
    text = (ROOT / "scenarios" / "tutorial.toml").read_text(encoding="utf-8")
    return text.replace('id = "tutorial"', f'id = "{PY_ID}"').replace(
        'title = "The Missing Page"', f'title = "{PY_TITLE}"')


def teacher_folder(folder: Path) -> Path:
    """A teacher's extra cases: the markup case and the "py" case."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{MARKUP_ID}.toml").write_text(markup_scenario(), encoding="utf-8")
    (folder / f"{PY_ID}.toml").write_text(py_scenario(), encoding="utf-8")
    return folder


WATCH_LIVE = """() => {
    window.liveSaid = []
    const live = document.getElementById("verdict-live")
    new MutationObserver(() => { window.liveSaid.push(live.textContent) })
        .observe(live, { childList: true, subtree: true, characterData: true })
}"""


class Game:
    """One browser page with the game loaded, and the few moves the tests make in it."""

    def __init__(self, page: Any, base_url: str = ""):
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda msg: self.errors.append(msg.text) if "Traceback" in msg.text else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.refused = harness.refuse_outside(page, base_url) if base_url else []

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
        return self.page.locator("#verdict-screen h1").first.inner_text()

    def screen_text(self) -> str:
        return self.page.locator("#verdict-screen").inner_text()

    def said(self) -> list[str]:
        """What the live region announced since the page (re)loaded, one entry per change."""
        return self.page.evaluate("window.liveSaid")

    def focused_text(self) -> str:
        return self.page.evaluate("(document.activeElement || document.body).textContent")

    def focused_tag(self) -> str:
        return self.page.evaluate("(document.activeElement || document.body).tagName.toLowerCase()")

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


def open_game(browser: Any, site: str, query: str = "", **context: Any) -> Game:
    """The HTML edition in a fresh context (empty localStorage); nothing outside its folder is reachable."""
    page = browser.new_context(**context).new_page()
    page.set_default_timeout(15_000)
    g = Game(page, site)
    page.goto(site + "index.html" + query)
    harness.wait_ready(page)
    page.evaluate(WATCH_LIVE)
    return g


