"""Web benchmarks: the size of what the game adds to pygbag's runtime, and how fast Python loads the cases
in a real browser.

`run()` returns a dict for build/bench.json:
- apk_bytes: the packed game (build/web/verdict.apk) from an offline build into a temporary folder;
- web_build_s: how long that build took;
- pyodide_load_ms: median over fresh page loads of importing the engine and loading every shipped case,
  timed inside Pyodide in headless Chromium (Pyodide's own start-up is reported apart as pyodide_boot_ms,
  since it is the runtime's cost, not the game's). Aim: under 300 ms.
When Chromium, npm or playwright is missing the browser figures are None, with the reason.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from game.webbuild import build, harness

PAGE_LOADS = 5


def apk_figures() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="verdict-bench-") as tmp:
        result = build.build(out=Path(tmp) / "web", log=lambda *_: None)
    return {"apk_bytes": result.apk_bytes, "web_build_s": round(result.seconds, 2)}


def browser_figures(loads: int = PAGE_LOADS) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="verdict-bench-site-") as tmp:
        site = harness.make_site(Path(tmp))
        with harness.serve(site) as url, sync_playwright() as playwright:
            browser = harness.launch(playwright)
            try:
                timings = []
                for _ in range(loads):
                    context = browser.new_context()  # a cold page each time, as a student's first visit
                    page = context.new_page()
                    page.goto(url + "index.html")
                    harness.wait_ready(page)
                    timings.append(page.evaluate("window.verdictTimings"))
                    context.close()
            finally:
                browser.close()
    return {
        "pyodide_load_ms": round(statistics.median(t["loadMs"] for t in timings), 1),
        "pyodide_boot_ms": round(statistics.median(t["pyodideMs"] for t in timings), 1),
    }


def run() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    try:
        figures.update(apk_figures())
    except build.BuildError as exc:
        figures.update(apk_bytes=None, apk_skipped=str(exc))
    try:
        figures.update(browser_figures())
    except (harness.Unavailable, ImportError) as exc:
        figures.update(pyodide_load_ms=None, pyodide_skipped=str(exc))
    return figures


if __name__ == "__main__":
    import json

    json.dump(run(), sys.stdout, indent=2)
    print()
