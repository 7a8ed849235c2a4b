"""Fixtures for the browser tests: one Chromium per session, the HTML edition built once and served from its
folder alone (every other request refused), Pyodide and axe-core from npm (pinned, `npm ci`).

Without Chromium, npm or the playwright package these tests skip with the reason; with
VERDICT_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead. The helpers are in tests/support/browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.webbuild import harness
from tests.support.browser import Game, chromium, open_game, teacher_folder, unavailable

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def html_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML edition as `verdict web` writes it, with the two test cases added."""
    try:
        harness.chromium_path()
        extra = teacher_folder(tmp_path_factory.mktemp("teacher"))
        return harness.html_site(tmp_path_factory.mktemp("html") / "html", extra)
    except harness.Unavailable as exc:
        unavailable(str(exc))
        raise


@pytest.fixture(scope="session")
def site(html_folder: Path) -> Iterator[str]:
    with harness.serve(html_folder) as url:
        yield url


@pytest.fixture(scope="session")
def browser(site: str) -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def game(browser: Any, site: str) -> Iterator[Game]:
    """The game shared by the tests of one module (Pyodide takes seconds to start)."""
    g = open_game(browser, site)
    yield g
    assert g.refused == [], f"the HTML edition asked for files outside its folder: {g.refused}"
    assert g.dialogs == []
    g.page.context.close()
