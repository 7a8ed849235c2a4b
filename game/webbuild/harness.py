"""Running the browser editions in headless Chromium: shared by the browser tests and the bench.

The HTML edition is built into a folder (game/webbuild/build.build_html_edition) and served from there alone
by a local http server; pages get every request outside that folder refused, as a locked-down school network
would. Pyodide and axe-core come from the pinned npm packages (package.json, `npm ci`). Chromium is the
system's, with a fresh profile and its background networking off.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game.webbuild.build import ROOT, build_html_edition
from game.webbuild.html import pinned_pyodide

NODE_MODULES = ROOT / "node_modules"
PYODIDE_DIR = NODE_MODULES / "pyodide"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class Unavailable(Exception):
    """Something the browser tests need is missing; the message is the skip reason."""


def chromium_path() -> str:
    candidates = (os.environ.get("VERDICT_CHROMIUM", ""), "/usr/bin/chromium",
                  shutil.which("chromium") or "", shutil.which("chromium-browser") or "")
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise Unavailable("Chromium is not installed (apt-get install chromium, or tools/install-test-deps.sh)")


def _installed(package: str) -> str | None:
    try:
        return str(json.loads((NODE_MODULES / package / "package.json").read_text())["version"])
    except (OSError, ValueError, KeyError):
        return None


def ensure_node_packages() -> Path:
    """Pyodide and axe-core at the versions package-lock.json pins, installed with `npm ci` when missing."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    wanted = {name: lock[f"node_modules/{name}"]["version"] for name in ("pyodide", "axe-core")}
    if all(_installed(name) == version for name, version in wanted.items()):
        return NODE_MODULES
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable("npm is not installed, so Pyodide and axe-core cannot be fetched (apt-get npm)")
    try:
        proc = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, capture_output=True,
                              text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired as exc:
        raise Unavailable("npm ci timed out") from exc
    if proc.returncode != 0 or _installed("pyodide") != pinned_pyodide(ROOT):
        raise Unavailable(f"npm ci failed: {proc.stderr.strip()[-400:]}")
    return NODE_MODULES


def html_site(folder: Path, extra_scenarios: Path | None = None) -> Path:
    """The HTML edition built into folder (with a teacher's cases added when given)."""
    ensure_node_packages()
    build_html_edition(folder, extra_scenarios=extra_scenarios)
    return folder


def refuse_outside(page: Any, base_url: str) -> list[str]:
    """Abort every request of page that is not under base_url; returns the list of what was refused."""
    refused: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(base_url):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    page.route("**/*", handle)
    return refused


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, **kwargs: Any):
        # Set before the base class handles the request, which it does inside its __init__.
        self.extensions_map = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".wasm": "application/wasm",  # browsers run Python's runtime only when it is sent with this type
            ".mjs": "text/javascript",
            ".js": "text/javascript",
        }
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A page reloaded mid-download drops its connection; that is not worth a traceback in test output.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve folder on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# Playwright's objects are typed Any: the package is a test dependency, imported only by the callers.
def launch(playwright: Any) -> Any:
    """The system's headless Chromium (never a Playwright download), fresh profile, no background traffic."""
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)


def open_game(browser: Any, url: str, timeout_ms: int = 60_000) -> Any:
    """A new page with the game loaded (Pyodide up, text layer attached); raises with the page's error."""
    page = browser.new_page()
    page.goto(url)
    wait_ready(page, timeout_ms)
    return page


def wait_ready(page: Any, timeout_ms: int = 60_000) -> None:
    page.wait_for_function("window.verdictReady === true || window.verdictError !== undefined",
                           timeout=timeout_ms)
    error = page.evaluate("window.verdictError")
    if error:
        raise RuntimeError(f"the game did not start in the page: {error}")
