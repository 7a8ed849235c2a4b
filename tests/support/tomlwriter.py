"""A tiny TOML writer for the tests (the standard library reads TOML but cannot write it).

It handles what tomllib returns: tables, arrays of tables, arrays, strings, integers, floats and booleans.
Tables and arrays of tables get [headers] the way a teacher would write them; anything else is inline.
"""

from __future__ import annotations

import math
import re
from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def dumps(doc: dict[str, Any]) -> str:
    lines: list[str] = []
    _body(doc, (), lines)
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)  # fullmatch: "$" would accept "key\n"


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(_key(k) for k in path)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _body(table: dict[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    nested = [k for k, v in table.items() if (isinstance(v, dict) and v) or _is_table_list(v)]
    for key, value in table.items():
        if key not in nested:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key in nested:
        value, here = table[key], (*path, key)
        if isinstance(value, dict):
            lines.extend(["", f"[{_dotted(here)}]"])
            _body(value, here, lines)
        else:
            for item in value:
                lines.extend(["", f"[[{_dotted(here)}]]"])
                _body(item, here, lines)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
