"""Counters a case declares ("Working days used: {day} of 11"): parsed at load time, filled in from flags.

A counter is one line of text in which `{name}` stands for the current value of the flag `name` (0 until
an effect sets it). `{{` and `}}` write a brace itself. Nothing is evaluated: a counter names flags, it
holds no expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.engine.expr import FUNCTIONS, KEYWORDS

if TYPE_CHECKING:
    from game.engine.model import KeyPath

__all__ = ["Counter", "CounterError", "fill", "parse_counter"]

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\{|\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class CounterError(ValueError):
    def __init__(self, message: str, col: int, hint: str):
        super().__init__(message)
        self.message = message
        self.col = col  # 1-based column within the counter's text
        self.hint = hint


@dataclass(frozen=True)
class Counter:
    text: str  # as written in the file
    # (literal text, flag name) pairs in order; a flag name of "" ends the counter with text only
    pieces: tuple[tuple[str, str], ...]
    where: KeyPath = field(default=(), compare=False, repr=False)

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.pieces if name)

    def fill(self, flag: Callable[[str], object]) -> str:
        """The counter's words with each {name} replaced by flag(name); true/false show as 1/0."""
        out = []
        for literal, name in self.pieces:
            out.append(literal)
            if name:
                value = flag(name)
                out.append(str(int(value)) if isinstance(value, bool | int) else str(value))
        return "".join(out)


def parse_counter(text: str) -> tuple[tuple[str, str], ...]:
    """The pieces of a counter's text; CounterError for a brace that does not enclose a flag name."""
    pieces: list[tuple[str, str]] = []
    literal: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        literal.append(text[pos:match.start()])
        pos = match.end()
        token = match.group()
        col = match.start() + 1
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        if token == "{":
            raise CounterError("a '{' is never closed", col, "write {flag_name}, or {{ for a brace itself")
        if token == "}":
            raise CounterError("a '}' has no '{' before it", col, "write {flag_name}, or }} for a brace itself")
        name = (match.group(1) or "").strip()
        if not name:
            raise CounterError("'{}' names no flag", col, "put a flag's name between the braces: {day}")
        if not _NAME.fullmatch(name):
            raise CounterError(f"'{{{name}}}' is not a flag name", col,
                               "a flag name is one word of letters, digits and _, such as {day}; "
                               "a counter shows flags, not expressions")
        if name in KEYWORDS or name in FUNCTIONS:
            raise CounterError(f"'{name}' is a reserved word, not a flag", col,
                               "a counter shows flags only: set a flag with an effect and show that")
        pieces.append(("".join(literal), name))
        literal = []
    literal.append(text[pos:])
    if "".join(literal):
        pieces.append(("".join(literal), ""))
    return tuple(pieces)


def fill(counters: Iterable[Counter], flag: Callable[[str], object]) -> tuple[str, ...]:
    return tuple(counter.fill(flag) for counter in counters)
