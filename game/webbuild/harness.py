"""Running the game's web layer in headless Chromium with Pyodide: shared by the browser tests and the bench.

pygbag's runtime comes from its CDN, which tests cannot reach, so the engine, game/app and the text layer
run in Pyodide instead (the npm package, pinned, installed into tests/.browser/). Everything is served from
a local http server; Chromium starts with a fresh profile and its background networking off.
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
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from game.webbuild.build import ROOT


PYODIDE_VERSION = "0.27.7"  # Python 3.12, the same minor version as pygbag 0.9.3's CPython
CACHE = ROOT / "tests" / ".browser"
PYODIDE_DIR = CACHE / "node_modules" / "pyodide"
PAGE_HTML = ROOT / "tests" / "browser" / "page.html"
PAGE_CSS = ROOT / "game" / "webbuild" / "page.css"
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


def ensure_pyodide() -> Path:
    """The pinned Pyodide distribution, installed from npm on first use and cached in tests/.browser/."""
    marker = PYODIDE_DIR / "package.json"
    if marker.is_file() and json.loads(marker.read_text())["version"] == PYODIDE_VERSION:
        return PYODIDE_DIR
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable("npm is not installed, so Pyodide cannot be fetched (apt-get install npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    try:
        proc = subprocess.run(
            [npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--no-save",
             f"pyodide@{PYODIDE_VERSION}"],
            capture_output=True, text=True, timeout=600, check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise Unavailable("npm install pyodide timed out") from exc
    if proc.returncode != 0 or not marker.is_file():
        raise Unavailable(f"npm install pyodide@{PYODIDE_VERSION} failed: {proc.stderr.strip()[-400:]}")
    return PYODIDE_DIR


def game_zip(target: Path, extra: dict[str, str] | None = None) -> Path:
    """game/ (without the build tool) and scenarios/ as Pyodide unpacks them; extra maps names to text."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for folder in ("game", "scenarios"):
            for path in sorted((ROOT / folder).rglob("*")):
                rel = path.relative_to(ROOT)
                skip = "__pycache__" in rel.parts or rel.parts[:2] == ("game", "webbuild")
                if path.is_file() and not skip and path.suffix != ".pyc":
                    zf.write(path, rel.as_posix())
        for name, text in (extra or {}).items():
            zf.writestr(name, text)
        # As the web build ships them: the cases also parsed ahead of time.
        cases = {p.name: p.read_bytes() for p in (ROOT / "scenarios").glob("*.toml")}
        cases.update({Path(n).name: t.encode() for n, t in (extra or {}).items() if n.endswith(".toml")})
        zf.writestr("scenarios/precompiled.json", precompiled_json(cases))
    return target


def make_site(folder: Path, bundles: dict[str, dict[str, str]] | None = None) -> Path:
    """The test page, its CSS, Pyodide and one zip per bundle ("game.zip" always) in folder."""
    pyodide = ensure_pyodide()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PAGE_HTML, folder / "index.html")
    shutil.copy2(PAGE_CSS, folder / "page.css")
    link = folder / "pyodide"
    if not link.exists():
        link.symlink_to(pyodide, target_is_directory=True)
    game_zip(folder / "game.zip")
    for name, extra in (bundles or {}).items():
        game_zip(folder / name, extra)
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",  # Chromium compiles wasm while it streams only with this type
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }

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
