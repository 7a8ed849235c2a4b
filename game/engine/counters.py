"""Counters a case declares ("Days used: {day} of 11"): parsed at load time, filled in from flags.

A counter is one line of text in which `{name}` stands for the current value of the flag `name` (0 until
an effect sets it). `{{` and `}}` write a brace itself. Nothing is evaluated: a counter names flags, it
holds no expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.engine.expr import ExprError

if TYPE_CHECKING:
    from game.engine.model import KeyPath

CounterError = ExprError  # (message, col: 1-based within the text, hint), as an expression's error

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\{|\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Counter:
    text: str  # as written in the file
    # (literal text, flag name) pairs in order; a flag name of "" ends the counter with text only
    pieces: tuple[tuple[str, str], ...]
    where: KeyPath = field(default=(), compare=False, repr=False)

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.pieces if name)

    def fill(self, flag: Callable[[str], int | bool]) -> str:
        """The counter's words with each {name} replaced by flag(name); true/false show as 1/0."""
        out = []
        for literal, name in self.pieces:
            out.append(literal)
            if name:
                out.append(str(int(flag(name))))
        return "".join(out)


def parse_counter(text: str) -> tuple[tuple[str, str], ...]:
    """The pieces of a counter's text; CounterError for a brace that does not enclose a flag name."""
    pieces: list[tuple[str, str]] = []
    literal, pos = "", 0
    for match in _TOKEN.finditer(text):
        literal += text[pos:match.start()]
        pos, token, name = match.end(), match.group(), (match.group(1) or "").strip()
        if token in ("{{", "}}"):
            literal += token[0]
        elif _NAME.fullmatch(name):
            pieces.append((literal, name))
            literal = ""
        else:
            what = (f"'{token}' does not name a flag" if len(token) > 1 else
                    "a '{' that is never closed" if token == "{" else "a '}' with no '{' before it")
            raise CounterError(what, match.start() + 1,
                               "write {flag_name} to show a flag, and {{ or }} for a brace itself")
    literal += text[pos:]
    return (*pieces, (literal, "")) if literal else tuple(pieces)
