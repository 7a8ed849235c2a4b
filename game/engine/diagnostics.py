"""Messages about scenario files: what is wrong, where, and how to fix it.

A message quotes what a teacher wrote, and a file may hold anything: so every message is made safe to show
here, once. Control and formatting characters become visible stand-ins (a NUL or an escape sequence never
reaches a terminal, the window or the page as itself) and a long message is cut, so a megabyte condition is
never echoed.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from game.engine.safetext import visible as _visible

Severity = Literal["error", "warning"]

MAX_MESSAGE_CHARS = 600  # a message longer than this is cut (it quotes too much of the file)
MAX_ECHO_CHARS = 60  # a value quoted inside a message is cut to this


def visible(text: str) -> str:
    """The text on one line with every control or formatting character shown as a visible stand-in
    (safetext.visible, the one function for text from outside)."""
    return text if text.isprintable() else _visible(text, keep_newlines=False)


def clip(text: str, limit: int = MAX_ECHO_CHARS) -> str:
    """At most `limit` characters of the text, made visible, '…' marking a cut."""
    if len(text) <= limit and text.isprintable():
        return text
    return _visible(text, limit, keep_newlines=False)


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    message: str
    code: str
    hint: str = ""

    def __post_init__(self) -> None:
        _vet(self.code, self.severity)
        # Every front end draws these, so every one is safe to draw (see the module's docstring).
        for name in ("message", "hint"):
            text = getattr(self, name)
            if len(text) > MAX_MESSAGE_CHARS or not text.isprintable():
                object.__setattr__(self, name, clip(text, MAX_MESSAGE_CHARS))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        text = f"{visible(self.path)}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
            "code": self.code,
            "hint": self.hint,
        }


def _vet(code: str, severity: str) -> None:
    """Every code is one the message table lists (game/engine/messages.py). An unlisted one is still
    reported as it is (a teacher's file never crashes the checker) and raises a warning the tests make an
    error. The browser build leaves the table out: there nothing is vetted."""
    vet = _vetter()
    if vet is not None:
        vet(code, severity)


@functools.cache
def _vetter() -> Callable[[str, str], None] | None:
    try:
        from game.engine.messages import vet
    except ImportError:
        return None
    return vet


class ScenarioError(Exception):
    """A scenario file could not be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.errors) or "scenario could not be loaded")

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")


# ---- did you mean ----------------------------------------------------------------------------------------

SMALL_POOL = 300  # up to this many candidates, every one is compared (difflib); above, see Suggester
_MAX_WORD = 64  # a longer "id" is not a misspelling of anything: no suggestion is looked for
_FALLBACK = 200  # how many candidates of a large pool difflib may still compare when none is one edit away


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The nearest candidate to a misspelt id, or None when nothing is close.

    For many misses against one large pool, build a Suggester once instead: this call costs the pool's size.
    """
    pool = list(candidates)
    if len(pool) > SMALL_POOL:
        return Suggester(pool).near(word)
    if len(word) > _MAX_WORD:
        return None
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if close:
        return close[0]
    lowered = {c.lower(): c for c in pool}
    return lowered.get(word.lower())


def _edits(a: str, b: str) -> int:
    """1 for two words one edit apart (a letter changed, added, left out, or two neighbours swapped), else
    2: the index only ever offers candidates within two edits."""
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] \
            and a[diffs[1]] == b[diffs[0]]
        return 1 if len(diffs) == 1 or swapped else 2
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return 2
    i = next((i for i, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y), len(short))
    return 1 if short[i:] == long_[i + 1 :] else 2


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


class Suggester:
    """Did-you-mean over one pool of ids, in time linear in the word, not in the pool.

    Candidates one edit away (a letter left out, added, changed or two swapped) are found through an index
    of each id with one letter deleted; only when none is, difflib compares a bounded number of ids of a
    similar length. A small pool gives the same answers as did_you_mean.
    """

    def __init__(self, candidates: Collection[str]):
        self._pool = list(candidates)
        self._index: dict[str, list[str]] | None = None
        self._lowered: dict[str, str] | None = None

    def near(self, word: str) -> str | None:
        if len(self._pool) <= SMALL_POOL:
            return did_you_mean(word, self._pool)
        if len(word) > _MAX_WORD:
            return None
        if self._index is None:
            self._index = {}
            for candidate in self._pool:
                if len(candidate) <= _MAX_WORD:
                    for key in _deletions(candidate):
                        self._index.setdefault(key, []).append(candidate)
        found: dict[str, None] = {}
        for key in _deletions(word):
            found.update(dict.fromkeys(self._index.get(key, ())))
        found.pop(word, None)
        if found and len(word) >= 3:
            # Fewest edits first, then the order of the file (dicts keep it).
            return min(found, key=lambda c: _edits(word, c))
        similar = [c for c in self._pool if abs(len(c) - len(word)) <= 2][:_FALLBACK]
        close = difflib.get_close_matches(word, similar, n=1, cutoff=0.6)
        if close:
            return close[0]
        if self._lowered is None:
            self._lowered = {c.lower(): c for c in self._pool}
        return self._lowered.get(word.lower())

    def suffix(self, word: str) -> str:
        """'; did you mean 'x'?' or nothing, for the end of a message."""
        near = self.near(word)
        return f"; did you mean '{near}'?" if near else ""


def suggestion(word: str, candidates: Iterable[str]) -> str:
    near = did_you_mean(word, candidates)
    return f"did you mean '{near}'?" if near else ""
