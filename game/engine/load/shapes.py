"""Shape checks: is each table a table, are its keys known and its values of the right type and size.

What passes here can be drawn by every front end (no control characters, no text that is only invisible
characters, nothing longer than its limit) and saved (ids within the save store's key length).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from game.engine import fields as F
from game.engine.diagnostics import clip, did_you_mean
from game.engine.load.limits import LIMITS, Limits
from game.engine.load.source import Source
from game.engine.model import KeyPath

_ID = re.compile(F.ID_PATTERN.removeprefix("^").removesuffix("$"))
_TYPE_NAMES = {
    "string": "text in quotes",
    "integer": "a whole number",
    "boolean": "true or false",
    "strings": "a list of strings",
    "tables": "a table",
}
# Characters no front end can draw. Prose may hold tabs and line breaks; a one-line value may not.
_BAD_PROSE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BAD_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# Something that shows: not a space and not a zero-width or other invisible formatting character.
_VISIBLE = re.compile(r"[^\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                      r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")


class Shapes:
    """The shape checks for one file, reporting through its Source."""

    def __init__(self, src: Source, limits: Limits = LIMITS):
        self.src = src
        self.limits = limits

    def table(self, value: Any, where: KeyPath, what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.src.error(
                where,
                f"{what} must be a table, not {kind_of(value)}",
                "wrong-type",
                f"write it as [{clip('.'.join(str(p) for p in where), 120)}]",
            )
            return None
        return value

    def too_many(self, count: int, limit: int, where: KeyPath, what: str) -> bool:
        if count <= limit:
            return False
        self.src.error(where, f"{what}: {count:,}, more than the limit of {limit:,}", "too-many",
                       "split the case into several files, or remove some")
        return True

    def check_keys(
        self,
        table: Mapping[str, Any],
        spec: Mapping[str, F.Field],
        where: KeyPath,
        what: str,
        extra: tuple[str, ...] = (),
        misplaced: Mapping[str, str] | None = None,
    ) -> bool:
        """Unknown, missing and mistyped keys. `misplaced`: key -> a hint for a key that belongs elsewhere."""
        ok = True
        allowed = (*spec, *extra)
        misspelt: set[str] = set()  # keys the unknown-key message already points to
        for key in () if table.keys() <= spec.keys() else table:
            if key not in spec and key not in extra:
                near = did_you_mean(key, [k for k in allowed if k not in table])
                hint = f"did you mean '{near}'?" if near else f"allowed keys: {', '.join(allowed)}"
                if misplaced and key in misplaced:
                    hint = misplaced[key]
                self.src.error(where + (key,), f"unknown key '{clip(key)}' in {what}", "unknown-key", hint)
                misspelt.add(near or "")
                ok = False
        missing = [key for key in required(spec) if key not in table and key not in misspelt]
        if len(missing) > 2:  # one message, not a screenful, for a table that is mostly empty
            self.src.error(
                where,
                f"{what} is missing {len(missing)} keys: {', '.join(missing)}",
                "missing-field",
                "copy a complete table from scenarios/tutorial.toml and edit it",
            )
        else:
            for key in missing:
                self.src.error(
                    where,
                    f"{what} is missing '{key}' ({spec[key].doc})",
                    "missing-field",
                    f"add {key} = {example(spec[key])}",
                )
        ok = ok and not missing
        for key, value in table.items():
            field = spec.get(key)
            if field is None:
                continue
            # The common case, ordinary text where text belongs, takes one test.
            if field.type == "string" and type(value) is str and not field.enum and self._plain(value, field):
                continue
            ok = self.check_type(value, field, where + (key,), key) and ok
        return ok

    @staticmethod
    def _plain(value: str, field: F.Field) -> bool:
        return (
            len(value) <= field.max_chars
            and (_BAD_LINE if field.one_line else _BAD_PROSE).search(value) is None
            and (not field.required or _VISIBLE.search(value) is not None)
        )

    def check_type(self, value: Any, field: F.Field, where: KeyPath, key: str) -> bool:
        if not has_type(value, field.type):
            self.src.error(
                where,
                f"'{key}' must be {_TYPE_NAMES[field.type]}, not {kind_of(value)}",
                "wrong-type",
                f"for example {key} = {example(field)}",
            )
            return False
        if field.enum and value not in field.enum:
            self.src.error(where, f"'{key}' cannot be {clip(repr(value))}", "bad-value",
                           choose_from(value, field.enum))
            return False
        if field.type == "integer" and (
            (field.minimum is not None and value < field.minimum)
            or (field.maximum is not None and value > field.maximum)
        ):
            self.src.error(
                where,
                f"'{key}' must be between {field.minimum} and {field.maximum}, not {clip(str(value), 20)}",
                "bad-value",
            )
            return False
        if field.type == "string":
            return self.check_text(value, field, where, key)
        if field.type == "strings":
            return all(self.check_text(item, field, where, key, listed=True) for item in value)
        return True

    def check_text(self, value: str, field: F.Field, where: KeyPath, key: str, listed: bool = False) -> bool:
        """Text every front end can draw: within its length, no control characters, not only invisible."""
        what = f"an item of '{key}'" if listed else f"'{key}'"
        if len(value) > field.max_chars:
            self.src.error(
                where,
                f"{what} is {len(value):,} characters long; the limit is {field.max_chars:,}",
                "too-long",
                "split it into several scenes or passages" if field.max_chars >= F.PROSE_CHARS
                else "shorten it",
            )
            return False
        bad = (_BAD_LINE if field.one_line else _BAD_PROSE).search(value)
        if bad is not None:
            char = bad.group()
            if char in "\n\r\u2028\u2029":
                self.src.error(where, f"{what} must be one line", "bad-text", "remove the line break")
            else:
                self.src.error(
                    where,
                    f"{what} contains a control character ({clip(repr(char))}) that cannot be shown",
                    "bad-text",
                    "remove it: it was probably pasted in by accident",
                )
            return False
        if field.required and not listed and _VISIBLE.search(value) is None:
            if value.strip():
                self.src.error(where, f"'{key}' has only invisible characters", "empty-field",
                               f"write {field.doc}")
            else:
                self.src.error(where, f"'{key}' is empty", "empty-field", f"write {field.doc}")
            return False
        return True

    def check_id(self, ident: str, where: KeyPath, what: str) -> bool:
        if _ID.fullmatch(ident) and len(ident) <= self.limits.id_chars:
            return True
        if _ID.fullmatch(ident):
            self.src.error(
                where,
                f"{what} id '{clip(ident)}' is {len(ident)} characters long; the limit is "
                f"{self.limits.id_chars}",
                "bad-id",
                "use a short id: it is stored in saves and shown in messages",
            )
            return False
        self.src.error(
            where,
            f"{what} id '{clip(ident)}' is not a valid id",
            "bad-id",
            "ids use lowercase letters, digits and _ and start with a letter",
        )
        return False


def required(spec: Mapping[str, F.Field]) -> tuple[str, ...]:
    """The required keys of a table (the tables in fields.py never change, so this is worked out once)."""
    cached = _REQUIRED.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = _REQUIRED[id(spec)] = (spec, tuple(k for k, f in spec.items() if f.required))
    return cached[1]


_REQUIRED: dict[int, tuple[Mapping[str, F.Field], tuple[str, ...]]] = {}


def has_type(value: Any, kind: F.FieldType) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, dict | list)  # "tables"


def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    names = {str: "text", int: "a number", float: "a decimal number", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def example(field: F.Field) -> str:
    if field.enum:
        return f'"{field.enum[0]}"'
    return {"string": '"..."', "integer": "1", "boolean": "true", "strings": '["..."]', "tables": "{...}"}[
        field.type
    ]


def choose_from(value: Any, options: tuple[str, ...]) -> str:
    near = did_you_mean(str(value), options) if isinstance(value, str | int | float) else None
    listed = ", ".join(f'"{o}"' for o in options)
    return (f"did you mean '{near}'? " if near else "") + f"use one of {listed}"
