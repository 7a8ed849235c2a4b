"""The maps in a real browser: Mermaid's own renderer draws every case's chart (Mermaid pinned, fetched
with `npm pack` and cached in build/test-cache/), and clicking a scene in the HTML map opens its text and
lights its arrows.

Without Chromium, npm or playwright these tests skip with the reason; VERDICT_REQUIRE_BROWSER=1 fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.authoring import htmlmap, mermaid
from game.authoring.graph import build_graph
from game.engine import Catalog, load_scenario
from tests.support import ROOT, SCENARIOS
from tests.support.authoring import hostile_tutorial
from tests.support.browser import chromium as launched_chromium

pytestmark = pytest.mark.browser
MERMAID_VERSION = "11.12.0"
CACHE = ROOT / "build" / "test-cache"  # not node_modules: `npm ci` empties that
MERMAID_JS = CACHE / f"mermaid-{MERMAID_VERSION}.min.js"


def _unavailable(reason: str) -> None:
    if os.environ.get("VERDICT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but cannot run: {reason}")
    pytest.skip(reason)


def _mermaid_js() -> str:
    if not MERMAID_JS.is_file():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("npm is not installed, so Mermaid cannot be fetched (apt-get install npm)")
        CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([str(npm), "pack", f"mermaid@{MERMAID_VERSION}", "--pack-destination",
                               str(CACHE)], capture_output=True, text=True, timeout=600, check=False)
        tarball = CACHE / f"mermaid-{MERMAID_VERSION}.tgz"
        if done.returncode != 0 or not tarball.is_file():
            _unavailable(f"npm pack mermaid@{MERMAID_VERSION} failed: {done.stderr.strip()[-300:]}")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/dist/mermaid.min.js")
            assert member is not None
            MERMAID_JS.write_bytes(member.read())
        tarball.unlink()
    return MERMAID_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launched_chromium() as browser:
        yield browser


RENDER = """async (source) => {
    try {
        const drawn = await mermaid.render('chart' + Math.floor(Math.random() * 1e9), source);
        const nodes = (drawn.svg.match(/<g class="node /g) || []).length;
        return {nodes: nodes, script: /<script/i.test(drawn.svg)};
    } catch (error) { return {error: String(error)}; }
}"""


def test_mermaid_draws_every_case(chromium: Any, tmp_path: Path) -> None:
    cases = dict(Catalog.load(SCENARIOS).scenarios)
    cases["hostile"] = load_scenario(hostile_tutorial(tmp_path))
    page = chromium.new_page()
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    page.add_script_tag(content=_mermaid_js())
    page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict', maxTextSize: 1000000})")
    for case_id, scenario in cases.items():
        drawn = page.evaluate(RENDER, mermaid.render(build_graph(scenario)))
        assert "error" not in drawn, (case_id, drawn)
        assert drawn["nodes"] == len(scenario.scenes) and not drawn["script"], (case_id, drawn)
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_clicking_a_scene_in_the_html_map_opens_its_text(chromium: Any, tmp_path: Path) -> None:
    scenario = Catalog.load(SCENARIOS).scenarios["kirov"]
    path = tmp_path / "kirov-map.html"
    path.write_text(htmlmap.render(build_graph(scenario)), encoding="utf-8")
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    scene = "hub"
    assert page.evaluate(f"document.getElementById('scene-{scene}').open") is False
    page.click(f"#node-{scene}")
    assert page.evaluate(f"document.getElementById('scene-{scene}').open") is True
    assert "selected" in (page.get_attribute(f"#node-{scene}", "class") or "")
    lit = page.evaluate("document.querySelectorAll('.edge.lit').length")
    touching = sum(1 for s in scenario.scenes.values() for c in s.choices if scene in (s.id, c.goto))
    assert lit == touching > 0
    # A link in the reader follows the story on.
    target = scenario.scenes[scene].choices[0].goto
    page.click(f"#scene-{scene} a.goto[data-scene='{target}']")
    assert page.evaluate(f"document.getElementById('scene-{target}').open") is True
    assert not errors and requests == [path.as_uri()]
