"""Writes scenarios/precompiled.json for the web build (see game/engine/precompiled.py for why)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from pathlib import Path

from game.engine.catalog import GLOSSARY_FILE
from game.engine.precompiled import FILE_NAME, FORMAT


def precompiled_json(files: Mapping[str, bytes]) -> str:
    """The precompiled.json text for these scenario files (name -> bytes).

    A file that does not parse is left out (the loader then reports it from the TOML as usual), and so is one
    whose tables JSON cannot hold exactly (TOML dates and times), which is then parsed in the browser.
    """
    entries: dict[str, dict[str, str]] = {}
    for name, data in sorted(files.items()):
        if name == GLOSSARY_FILE:
            continue
        try:
            raw = tomllib.loads(data.decode("utf-8"))
            text = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, ValueError):
            continue
        if json.loads(text) != raw:
            continue
        entries[name] = {"sha256": hashlib.sha256(data).hexdigest(), "json": text}
    return json.dumps({"format": FORMAT, "files": entries}, ensure_ascii=False, indent=0)


def write_precompiled(folder: Path) -> Path:
    files = {path.name: path.read_bytes() for path in sorted(folder.glob("*.toml"))}
    target = folder / FILE_NAME
    target.write_text(precompiled_json(files), encoding="utf-8")
    return target
