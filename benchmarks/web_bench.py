"""Web benchmarks: what each browser edition weighs, and how fast the HTML edition shows the game.

`run()` returns a dict for build/bench.json:
- apk_bytes, web_build_s: the canvas edition's packed game (verdict.apk) from an offline `verdict web` into a
  temporary folder, and how long that build took;
- game_files_gz_bytes: the game's own files in the canvas edition as a browser loads them (verdict.tar.gz,
  index.html gzipped, the icon): everything but pygbag's Python runtime. Aim: at most 300 KB (set when there
  were four cases); game_cases_gz_bytes: how much of that the case files are, each gzipped on its own;
- html_edition_bytes: the whole HTML edition folder (Pyodide included), and html_edition_gz_bytes the same
  files gzipped, as a compressing server sends them;
- html_first_scene_ms: median, over fresh page loads of the HTML edition served locally, of navigation to the
  first readable screen (the title, painted before Python starts); html_ready_ms: navigation to the live
  page layer (its buttons work). Aim for the first: 3 s;
- pyodide_boot_ms: Pyodide's own start-up in that page (the runtime's cost, not the game's);
- pyodide_load_ms: median of loading every shipped case inside Pyodide once the page is up (the engine is
  imported by then). Aim: under 300 ms.
When Chromium, npm or playwright is missing the browser figures are None, with the reason.
"""

from __future__ import annotations

import gzip
import statistics
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from game.webbuild import build, harness

PAGE_LOADS = 5

FIRST_PAINT = "performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)[0] || null"
LOAD_CASES = """
import time
from game.engine import Catalog
_t = time.perf_counter()
Catalog.load("/verdict/scenarios")
verdict_load_ms = (time.perf_counter() - _t) * 1000
"""


def size_figures() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="verdict-bench-") as tmp:
        result = build.build(out=Path(tmp) / "web", log=lambda *_: None)
        out = result.out
        own = result.tar_bytes + len(gzip.compress((out / "index.html").read_bytes()))
        own += (out / "favicon.png").stat().st_size
        with tarfile.open(out / "verdict.tar.gz", "r:gz") as tar:
            cases = sum(len(gzip.compress(tar.extractfile(m).read(), 9))  # type: ignore[union-attr]
                        for m in tar.getmembers() if m.name.endswith(".toml"))
        html = result.html
        assert html is not None
        return {"apk_bytes": result.apk_bytes, "web_build_s": round(result.seconds, 2),
                "game_files_gz_bytes": own, "game_cases_gz_bytes": cases,
                "html_edition_bytes": html.total_bytes,
                "html_edition_gz_bytes": html.transfer_bytes}


def browser_figures(loads: int = PAGE_LOADS) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="verdict-bench-site-") as tmp:
        site = harness.html_site(Path(tmp) / "html")
        with harness.serve(site) as url, sync_playwright() as playwright:
            browser = harness.launch(playwright)
            try:
                runs = []
                for _ in range(loads):
                    context = browser.new_context()  # a cold page each time, as a student's first visit
                    page = context.new_page()
                    harness.refuse_outside(page, url)
                    page.goto(url + "index.html")
                    harness.wait_ready(page)
                    timings = page.evaluate("window.verdictTimings")
                    timings["paint"] = page.evaluate(FIRST_PAINT)
                    page.evaluate(f"verdictPyodide.runPython({LOAD_CASES!r})")
                    timings["load"] = page.evaluate("verdictPyodide.globals.get('verdict_load_ms')")
                    runs.append(timings)
                    context.close()
            finally:
                browser.close()

    def median(key: str) -> float:
        return round(statistics.median(float(r[key]) for r in runs), 1)

    return {"html_first_scene_ms": median("paint"), "html_ready_ms": median("firstScreenMs"),
            "pyodide_boot_ms": median("pyodideMs"), "pyodide_load_ms": median("load")}


def run() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    try:
        figures.update(size_figures())
    except build.BuildError as exc:
        figures.update(apk_bytes=None, apk_skipped=str(exc))
    try:
        figures.update(browser_figures())
    except (harness.Unavailable, build.BuildError, ImportError) as exc:
        figures.update(pyodide_load_ms=None, html_first_scene_ms=None, pyodide_skipped=str(exc))
    return figures


if __name__ == "__main__":
    import json

    json.dump(run(), sys.stdout, indent=2)
    print()
