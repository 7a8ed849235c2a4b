"""One validating reader for JSON that comes from outside: saves, progress, settings, imported files.

`json.loads` alone accepts what later code cannot survive: nesting deep enough to exhaust the stack,
`Infinity`/`NaN`, integers with thousands of digits, lone surrogates that cannot be written back out.
Everything read from storage passes through `read_json` first, so a hostile value is refused in one place
with a sentence a player understands, instead of failing somewhere later with a traceback.
"""

from __future__ import annotations

import json
from typing import Any

MAX_BYTES = 4_000_000  # far above any real save (a long play is about 50 KB)
MAX_DEPTH = 32  # saves nest five levels; settings and progress three
MAX_INT_DIGITS = 18  # counts and scores fit in a machine word; a 5,000-digit "count" is an attack


class UnsafeJSON(ValueError):
    """The text is not JSON this game will read; the message says why in plain words."""


def _no_constant(name: str) -> Any:
    raise UnsafeJSON(f"it contains {name}, which is not a number")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise UnsafeJSON("it contains a number too long to be a count")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise UnsafeJSON("it contains a number too large to be real")
    return value


def _depth_before_parsing(text: str, limit: int) -> None:
    # The parser recurses once per level: measure the nesting first, skipping over strings.
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                raise UnsafeJSON(f"it is nested more than {limit} levels deep")
        elif ch in "]}":
            depth -= 1


def _check_text(value: Any) -> None:
    # A lone surrogate reads fine and then fails when the value is written back or drawn.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise UnsafeJSON("it contains broken text (a lone surrogate)") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def read_json(text: str, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Parse text as JSON within the limits above; UnsafeJSON (a ValueError) says what was wrong."""
    if not isinstance(text, str):
        raise UnsafeJSON("it is not text")
    if len(text) > max_bytes:
        raise UnsafeJSON(f"it is larger than {max_bytes // 1_000_000} MB")
    _depth_before_parsing(text, max_depth)
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_int=_bounded_int,
                           parse_float=_finite_float)
    except UnsafeJSON:
        raise
    except (ValueError, RecursionError) as err:
        raise UnsafeJSON("it is not readable JSON") from err
    _check_text(value)
    return value
