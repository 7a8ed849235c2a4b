"""The teacher's class file for the entry points: read once at start, handed to the Controller as a value."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.safetext import visible

if TYPE_CHECKING:
    from game.engine.options import ClassSettings

# game.engine.load.CLASS_FILE, named here too: without a class file the loader is not imported before the
# title screen draws (the slowest part of starting in WebAssembly is importing and parsing).
CLASS_FILE = "class.toml"


def class_settings(sources: Iterable[str | Path]) -> tuple[ClassSettings | None, str]:
    """The class file in the folders (the last that has one), or None; and a sentence when it has an error
    (the game then plays as if there were none, and `verdict check` lists every problem)."""
    sources = list(sources)
    if not any((Path(s) / CLASS_FILE).exists() or (Path(s) / CLASS_FILE).is_symlink() or
               Path(s).name == CLASS_FILE for s in sources):
        return None, ""
    from game.engine.load import find_class_settings

    settings, diagnostics = find_class_settings(sources)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        return None, visible(f"The class file is not used: {errors[0].format()}", 600)
    return (settings if settings.path else None), ""
