r"""Text to tables: a compiled TOML parser when one is installed, tomllib otherwise, and never a crash.

rtoml (the optional `fast` extra) parses a large case several times faster than tomllib. It only ever
stands in for a file it parses without complaint; every file it refuses is parsed again by tomllib, whose
errors are the ones the checker explains. rtoml also accepts a few things TOML 1.0 (and so tomllib) does
not: inline tables over several lines or with a trailing comma, the \e and \x escapes, times without
seconds. A file that could hold any of them is always parsed by tomllib, so a file means the same with or
without the fast parser, on the desktop and in the browser. On pygbag and Pyodide, where it does not
exist, tomllib alone is used.
"""

from __future__ import annotations

import os
import tomllib
import types
from typing import Any

from game.engine.diagnostics import Diagnostic
from game.engine.load.limits import Limits
from game.engine.load.reading import decode, prescan, too_large
from game.engine.load.source import At, Source

_rtoml: types.ModuleType | None
try:  # the optional compiled parser (pip install 'verdict[fast]')
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - depends on what is installed
    _rtoml = None

# VERDICT_TOML=tomllib turns the compiled parser off (the tests compare the two).
_use_fast = _rtoml is not None and os.environ.get("VERDICT_TOML", "") != "tomllib"


def fast_parser() -> str | None:
    """The compiled parser in use, if any (for the benchmark's notes)."""
    return "rtoml" if _use_fast else None


def set_fast(enabled: bool) -> None:
    global _use_fast
    _use_fast = enabled and _rtoml is not None


def _fast_is_safe(text: str) -> bool:
    """False when the text may hold something rtoml accepts and TOML 1.0 does not (see the docstring).

    Plain substring searches (C speed): a false alarm only costs the slower parser.
    """
    if "{" in text or "\\e" in text or "\\x" in text:
        return False
    colon = text.find(":")
    while colon >= 0:  # hh:mm not followed by :ss
        if text[colon - 2 : colon].isdigit() and text[colon + 1 : colon + 3].isdigit() \
                and text[colon + 3 : colon + 4] != ":":
            return False
        colon = text.find(":", colon + 1)
    return True


def parse_toml(src: Source) -> dict[str, Any] | None:
    """The file's tables, or None after reporting to `src` why it cannot be parsed."""
    text = src.text
    if _use_fast and _rtoml is not None and _fast_is_safe(text):
        try:
            value = _rtoml.loads(text)
        except Exception:  # any refusal: tomllib decides, and says why
            value = None
        if isinstance(value, dict):
            return value
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as err:
        _explain(src, err)
    except MemoryError:
        src.error(At(1, 1), "the file is too large to read", "too-large",
                  "split the case into several files, or shorten it")
    return None


def _explain(src: Source, err: Exception) -> None:
    """tomllib's refusal in a teacher's words (tomlerrors). The browser build leaves that module out: it
    loads only files `verdict web` has checked, so there a refusal is said as tomllib says it."""
    try:
        from game.engine.load import tomlerrors
    except ImportError:
        src.error(At(1, 1), f"TOML syntax: {type(err).__name__}: {err}", "toml-syntax",
                  "check the file with verdict check")
        return
    if isinstance(err, tomllib.TOMLDecodeError):
        tomlerrors.toml_error(src, err)
    elif isinstance(err, RecursionError):
        tomlerrors.nested_too_deeply(src)
    else:  # ValueError: a number of thousands of digits, which int() refuses
        tomlerrors.number_too_long(src)


def read_toml(data: bytes, path: str, limits: Limits) -> tuple[Source | None, dict[str, Any] | None,
                                                             list[Diagnostic]]:
    """The first steps every file of the folder goes through (a case, the glossary, the outline, a class
    file): the size limit, UTF-8, the prescan that protects the parser, the parse. Returns the source and
    its tables, or None for the tables once something is wrong; the diagnostics so far either way."""
    if len(data) > limits.file_bytes:
        return None, None, [too_large(path, len(data), limits)]
    text, problem = decode(data, path)
    if text is None:
        return None, None, [problem] if problem else []
    src = Source(path, text)
    if not prescan(src, limits):
        return src, None, src.diagnostics
    return src, parse_toml(src), src.diagnostics
