"""The built index.html in Chromium with pygbag's CDN blocked: the page is sound and says what failed."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.webbuild import build, harness
from tests.browser.conftest import unavailable

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if importlib.util.find_spec("pygbag") is None:
        unavailable("pygbag is not installed (pip install 'pygbag==0.9.3')")
    out = tmp_path_factory.mktemp("built") / "web"
    build.build(out=out, log=lambda *_: None)
    with harness.serve(out) as url:
        yield url


def open_offline(browser: Any, url: str, width: int, height: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height})
    # Only our own server answers: pygbag's CDN is unreachable, as on a locked-down school network.
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
    page.goto(url + "index.html")
    return page


def test_the_page_is_accessible_before_python_runs(browser: Any, built_site: str) -> None:
    page = open_offline(browser, built_site, 1000, 800)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title().startswith("Verdict")
    assert page.locator('meta[name="viewport"]').count() == 1
    assert page.locator("#verdict-loading").is_visible()
    page.wait_for_function("document.getElementById('verdict-loading').textContent.includes('could not be')")
    assert page.locator("#verdict-layer").bounding_box()["width"] <= 1  # hidden until text mode
    page.close()


@pytest.mark.parametrize(("width", "height"), [(1000, 800), (1600, 700), (480, 900)])
def test_the_canvas_is_letterboxed_at_16_9(browser: Any, built_site: str, width: int, height: int) -> None:
    page = open_offline(browser, built_site, width, height)
    box = page.locator("#canvas").bounding_box()
    stage = page.locator("#verdict-stage").bounding_box()
    assert box["width"] / box["height"] == pytest.approx(16 / 9, rel=0.01)
    assert box["width"] <= stage["width"] + 0.5 and box["height"] <= stage["height"] + 0.5
    assert min(stage["width"] - box["width"], stage["height"] - box["height"]) < 1  # fills one side
    page.close()


def test_pygbag_finds_the_elements_it_needs() -> None:
    html = (Path(build.ROOT) / "game" / "webbuild" / "template.tmpl").read_text(encoding="utf-8")
    # pythons.js looks these up by id (and creates some, in the wrong place, when they are missing).
    needed = ("canvas", "transfer", "status", "progress", "pyconsole", "terminal", "html", "canvas3d")
    for element_id in needed:
        assert f'id="{element_id}"' in html, element_id
