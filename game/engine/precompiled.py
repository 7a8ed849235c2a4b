"""Scenario files parsed ahead of time, for the browser build.

Under WebAssembly, tomllib (pure Python) takes most of a case's load time, while json is C and about
fifteen times faster. So the web build ships, beside the TOML files, a ``precompiled.json`` holding each
file's parsed tables as JSON, keyed by the SHA-256 of the file's bytes. The loader uses an entry only for a
file whose bytes hash to it, so an edited or added file is always parsed from its TOML, which stays the
source of truth (and the content hash that saves record is unchanged).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FILE_NAME = "precompiled.json"
FORMAT = 1

# sha256 of a scenario file's bytes -> its parsed TOML as JSON text (decoded afresh on every use, so a
# loader that changes the tables it is given can never spoil a later load).
_by_digest: dict[str, str] = {}


def register_folder(folder: Path) -> None:
    """Remember the entries of folder/precompiled.json, if there is a readable one."""
    path = folder / FILE_NAME
    if not path.is_file():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # damaged: every file is simply parsed from its TOML
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        return
    for entry in data["files"].values():
        if not isinstance(entry, dict):
            continue
        digest, text = entry.get("sha256"), entry.get("json")
        if isinstance(digest, str) and isinstance(text, str):
            _by_digest[digest] = text


def parsed(digest: str) -> dict[str, Any] | None:
    """The parsed tables of the file with this SHA-256, or None when it was not precompiled."""
    text = _by_digest.get(digest)
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
