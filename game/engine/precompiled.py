"""Scenario files parsed ahead of time, for the browser build.

Under WebAssembly, tomllib (pure Python) takes most of a case's load time, while json is C and about
fifteen times faster. So the web build ships, beside the TOML files, a ``precompiled.json`` holding each
file's parsed tables as JSON, keyed by the SHA-256 of the file's bytes.

The game must play only what the checker checked, so an entry is used only when all of this holds:
the precompiled.json lies in the game's own scenarios folder (the one the build wrote; one in a folder a
teacher adds is never read), it was written by this version of the game (FORMAT), and the file being
loaded lies in that same folder and hashes to the entry. Anything else is parsed from its TOML, which stays
the source of truth (and the content hash that saves record is unchanged).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.engine.version import VERSION

FILE_NAME = "precompiled.json"
FORMAT = f"verdict-{VERSION}/2"
SHIPPED = Path(__file__).resolve().parents[2] / "scenarios"  # the game's own folder, here and in the build
MAX_BYTES = 64 * 1024 * 1024

# folder -> sha256 of a scenario file's bytes -> its parsed TOML as JSON text (decoded afresh on every use,
# so a loader that changes the tables it is given can never spoil a later load).
_by_folder: dict[Path, dict[str, str]] = {}


def register_folder(folder: Path) -> None:
    """Remember the entries of folder/precompiled.json, if there is a readable one of this version.

    Call it only for the game's own folder (Catalog.load does, for SHIPPED): it trusts what it reads.
    """
    path = folder / FILE_NAME
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError, MemoryError):
        return  # damaged: every file is simply parsed from its TOML
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        return
    entries: dict[str, str] = {}
    for entry in data["files"].values():
        if not isinstance(entry, dict):
            continue
        digest, text = entry.get("sha256"), entry.get("json")
        if isinstance(digest, str) and isinstance(text, str):
            entries[digest] = text
    _by_folder[_key(folder)] = entries


def forget() -> None:
    """Drop every registered folder (tests; a catalog reloaded from other folders)."""
    _by_folder.clear()


def _key(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return folder.absolute()


def parsed(digest: str, path: str) -> dict[str, Any] | None:
    """The parsed tables of the file at `path` with this SHA-256, or None when it was not precompiled."""
    if not _by_folder or path.startswith("<"):
        return None
    entries = _by_folder.get(_key(Path(path).parent))
    text = entries.get(digest) if entries else None
    if text is None:
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError, MemoryError):
        return None
    return value if isinstance(value, dict) else None
