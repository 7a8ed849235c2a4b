"""Reading class.toml: a teacher's settings for every case in the folder (options.ClassSettings).

The file is untrusted input like a case: the same reading limits, TOML messages and shape checks, every
problem a diagnostic with file, line and column. A class file with an error is not used at all, so a
half-read file never changes how the class plays.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.engine import fields as F
from game.engine.diagnostics import Diagnostic, ScenarioError, clip, suggestion
from game.engine.load.limits import LIMITS, Limits
from game.engine.load.parsing import read_toml
from game.engine.load.reading import read_file
from game.engine.load.shapes import Shapes
from game.engine.options import ClassSettings

CLASS_FILE = "class.toml"
CLASS_FILE_BYTES = 64 * 1024  # a class file is a few lines: far more is a mistake, not settings


def _limits(limits: Limits) -> Limits:
    return dataclasses.replace(limits, file_bytes=min(limits.file_bytes, CLASS_FILE_BYTES))


def read_class_settings(data: bytes, path: str = "<string>",
                        limits: Limits = LIMITS) -> tuple[ClassSettings | None, list[Diagnostic]]:
    """The settings (None when the file has an error) and every diagnostic; raises nothing."""
    limits = _limits(limits)
    src, raw, diagnostics = read_toml(data, path, limits)
    if src is None or raw is None:
        return None, diagnostics
    for key in raw:
        if key not in F.CLASS_TOP:
            src.error((key,), f"unknown table '{clip(key)}' in the class file", "unknown-key",
                      suggestion(key, F.CLASS_TOP) or "a class file has one table: [class]")
    table: dict[str, Any] | None = None
    if "class" in raw:
        table = Shapes(src, limits).table(raw["class"], ("class",), "[class]")
    else:
        src.error((), "the class file has no [class] table", "missing-field",
                  'start it with a line [class], then settings such as sourcing = "student"')
    if table is None or not Shapes(src, limits).check_keys(table, F.CLASS, ("class",), "[class]") \
            or src.has_errors:
        return None, src.diagnostics
    return ClassSettings(
        code=" ".join(table.get("code", "").split()),
        sourcing=table.get("sourcing"),
        shuffle_interpretations=table.get("shuffle_interpretations"),
        rebuttal=table.get("rebuttal"),
        unlock_all=table.get("unlock_all", False),
        path=path,
    ), src.diagnostics


def load_class_settings(path: str | Path, limits: Limits = LIMITS) -> ClassSettings:
    """One class file's settings; ScenarioError (with every diagnostic) when it cannot be used."""
    data, problem = read_file(path, _limits(limits))
    if data is None:
        raise ScenarioError([problem] if problem else [])
    settings, diagnostics = read_class_settings(data, str(path), limits)
    if settings is None:
        raise ScenarioError(diagnostics)
    return settings


def find_class_settings(sources: Iterable[str | Path],
                        limits: Limits = LIMITS) -> tuple[ClassSettings, list[Diagnostic]]:
    """The class file of the teacher's folders (the last folder that has one), and its diagnostics.

    No class file: the default settings, which change nothing. A class file with an error: the default
    settings too, and the diagnostics say why (the entry point shows the first one).
    """
    found: Path | None = None
    for source in sources:
        candidate = Path(source) / CLASS_FILE if Path(source).is_dir() else Path(source)
        if candidate.name == CLASS_FILE and (candidate.exists() or candidate.is_symlink()):
            found = candidate
    if found is None:
        return ClassSettings(), []
    data, problem = read_file(found, _limits(limits))
    if data is None:
        return ClassSettings(), [problem] if problem else []
    settings, diagnostics = read_class_settings(data, str(found), limits)
    return settings or ClassSettings(), diagnostics
