"""The HTML edition: the page layer alone, in Pyodide, as a folder that needs nothing from outside.

build/web/html/ holds index.html, the game (verdict.zip: the engine, the controller, the page layer and the
cases) and Pyodide's runtime copied from the pinned npm package (package.json, installed by `npm ci` into
node_modules/). A school can put the folder on its intranet or a USB stick; a filtered network cannot stop it.
"""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from game.web.buildconfig import LENDERS_FOLDER

# The runtime files loadPyodide fetches for the standard library alone (no packages are used).
PYODIDE_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json",
                 "package.json")
# What of the staged app the page layer needs: no pygame window, no fonts (the page uses the browser's).
GAME_PARTS = ("game/__init__.py", "game/app", "game/engine", "game/web")
ARCHIVE = "verdict.zip"


class PyodideMissing(Exception):
    pass


@dataclass
class HtmlEdition:
    folder: Path
    files: int
    total_bytes: int
    game_bytes: int  # verdict.zip and index.html: the game's own part
    transfer_bytes: int  # every file gzipped, as a compressing server sends it
    pyodide_version: str


def pinned_pyodide(root: Path) -> str:
    return str(json.loads((root / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"])


def find_pyodide(root: Path) -> Path:
    """node_modules/pyodide at the version package.json pins; BuildError-worthy message when it is not."""
    from game.webbuild.build import BuildError

    wanted = pinned_pyodide(root)
    folder = root / "node_modules" / "pyodide"
    try:
        found = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        found = None
    if found != wanted:
        state = "is not installed" if found is None else f"is version {found}"
        raise BuildError(f"Pyodide {wanted}, which the HTML edition ships, {state} in {folder}: run `npm ci` "
                         "in the project folder (make web does) and build again")
    return folder


def game_archive(app: Path, target: Path) -> Path:
    """verdict.zip from the staged app: the parts the page layer needs and the cases, in a stable order."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for part in GAME_PARTS:
            source = app / part
            paths = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
            for path in paths:
                zf.write(path, path.relative_to(app).as_posix())
        # The cases, and those a one-case SCORM package keeps only to lend evidence (scenarios/lenders).
        cases = (app / "scenarios").glob("*.toml")
        for path in sorted([*cases, *(app / "scenarios" / LENDERS_FOLDER).glob("*.toml")]):
            zf.write(path, path.relative_to(app).as_posix())
    return target


def build(app: Path, folder: Path, pyodide: Path, *, page: str, favicon: Path) -> HtmlEdition:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "pyodide").mkdir(parents=True)
    (folder / "index.html").write_text(page, encoding="utf-8")
    shutil.copy2(favicon, folder / "favicon.png")
    game_archive(app, folder / ARCHIVE)
    for name in PYODIDE_FILES:
        shutil.copy2(pyodide / name, folder / "pyodide" / name)
    version = json.loads((pyodide / "package.json").read_text(encoding="utf-8"))["version"]
    return measure(folder, version)


def measure(folder: Path, version: str = "") -> HtmlEdition:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    total = sum(p.stat().st_size for p in files)
    game = sum(p.stat().st_size for p in files if p.parent == folder)
    transfer = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return HtmlEdition(folder, len(files), total, game, transfer, version)
