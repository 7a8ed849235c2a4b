"""One scenario file being read: its text, where each key stands, and every diagnostic found in it.

Every message about a file is made here, by `error` or `warning`, given where it is about: a key path
(("scenes", "hall", "goto")), a built object that carries its key path (`where`), or an exact `At`.
Positions are worked out only when there is something to report: the scan costs more than parsing.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple, Protocol

from game.engine.diagnostics import Diagnostic, Severity
from game.engine.model import KeyPath
from game.engine.tomlmap import KeyMap


class At(NamedTuple):
    """An exact line and column (1-based), for what a key path cannot point at."""

    line: int
    col: int


class Located(Protocol):
    @property
    def where(self) -> KeyPath: ...


Where = KeyPath | At | Located


class Source:
    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.diagnostics: list[Diagnostic] = []

    @functools.cached_property
    def keys(self) -> KeyMap:
        return KeyMap(self.text)

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    # ---- reporting -------------------------------------------------------------------------------------

    def error(self, where: Where, message: str, code: str, hint: str = "") -> None:
        self.report("error", where, message, code, hint)

    def warning(self, where: Where, message: str, code: str, hint: str = "") -> None:
        self.report("warning", where, message, code, hint)

    def report(self, severity: Severity, where: Where, message: str, code: str, hint: str = "") -> None:
        line, col = self.position(where)
        self.diagnostics.append(Diagnostic(self.path, line, col, severity, message, code, hint))

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    # ---- positions -------------------------------------------------------------------------------------

    def position(self, where: Where) -> At:
        if isinstance(where, At):
            return where
        path = where if isinstance(where, tuple) else where.where
        return At(*self.keys.find(path))

    def locate(self, where: KeyPath, snippet: str, span: int = 400) -> At | None:
        """Line and column of `snippet` at or after the key's line (for expressions inside values)."""
        line, _col = self.keys.find(where)
        for number in range(line, min(len(self.lines), line + span) + 1):
            found = self.lines[number - 1].find(snippet)
            if found >= 0:
                return At(number, found + 1)
        return None

    def at_value(self, where: KeyPath, ident: str, offset: int = 1) -> At:
        """Where an id written as a quoted value (goto = "hall") stands; else where its key does."""
        # The key's own line, or, when the key sits in an inline table the scan cannot see into, the lines
        # after its parent's.
        span = 0 if self.keys.find(where) != self.keys.find(where[:-1]) else 50
        found = self.locate(where, f'"{ident}"', span) or self.locate(where, f"'{ident}'", span)
        return At(found.line, found.col + offset) if found else self.position(where)

    def in_expression(self, where: KeyPath, source: str, col: int) -> At:
        """Where column `col` (1-based) of an expression stands in the file."""
        found = self.locate(where, source) if source else None
        return At(found.line, found.col + col - 1) if found else self.position(where)

    def word(self, where: Where, word: str, span: int = 40) -> At:
        """The first whole-word occurrence of `word` at or after the line of `where` (values may run over a
        few lines); else `where` itself."""
        start = self.position(where)
        pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_(])")
        for number in range(start.line, min(len(self.lines), start.line + span) + 1):
            match = pattern.search(self.lines[number - 1])
            if match:
                return At(number, match.start() + 1)
        return start
