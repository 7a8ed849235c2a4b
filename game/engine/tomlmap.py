"""Where each key of a TOML document stands, so messages can name a line and column.

tomllib gives values but no positions; this scanner follows table headers and key lines well enough to
point a teacher at the right line. It never decides what a file means: tomllib does that.
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
_KEYLINE = re.compile(rf"^(\s*)({_DOTTED})\s*=")
_PART = re.compile(_KEY)
_SPECIAL = re.compile(r"""[#"'\[\]{}]""")  # what can open or close a string, a bracket or a comment
_BASIC_END = re.compile(r'["\\]')  # inside a "string": its end, or an escape


def _split(dotted: str) -> tuple[str, ...]:
    parts = []
    for match in _PART.finditer(dotted):
        token = match.group(0)
        if token[0] in "\"'":
            token = token[1:-1]
        parts.append(token)
    return tuple(parts)


class KeyMap:
    """Maps key paths such as ("scenes", "hall", "choices", 0, "goto") to (line, col), 1-based."""

    def __init__(self, text: str):
        self._pos: dict[KeyPath, tuple[int, int]] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        table: KeyPath = ()
        array_counts: dict[tuple[str, ...], int] = {}
        in_string: str | None = None
        depth = 0
        # Lines as TOML counts them: only "\n" ends one (str.splitlines also splits at \x85, \u2028 ...).
        for number, line in enumerate(text.split("\n"), start=1):
            if in_string is None and depth == 0:
                header = _HEADER.match(line)
                if header:
                    names = _split(header.group(2))
                    if header.group(1) == "[[":
                        index = array_counts.get(names, -1) + 1
                        array_counts[names] = index
                        table = self._resolve(names, array_counts) + (index,)
                    else:
                        table = self._resolve(names, array_counts)
                    # Implicit parents ([[scenes.a.choices]] defines scenes.a) point at their first mention.
                    for end in range(1, len(table) + 1):
                        self._pos.setdefault(table[:end], (number, line.index("[") + 1))
                    continue
                keyline = _KEYLINE.match(line)
                if keyline:
                    path = table + _split(keyline.group(2))
                    self._pos.setdefault(path, (number, len(keyline.group(1)) + 1))
                    self._inline_keys(path, line[keyline.end() :], number, keyline.end())
            in_string, depth = self._track(line, in_string, depth)

    def _inline_keys(self, path: KeyPath, rest: str, number: int, offset: int) -> None:
        # Keys inside a one-line inline table, e.g. `diary = { lone = "supports", why = "..." }`.
        stripped = rest.lstrip()
        if not stripped.startswith("{"):
            return
        for match in re.finditer(rf"[{{,]\s*({_KEY})\s*=", rest):
            self._pos.setdefault(path + _split(match.group(1)), (number, offset + match.start(1) + 1))

    @staticmethod
    def _resolve(names: tuple[str, ...], array_counts: dict[tuple[str, ...], int]) -> KeyPath:
        # A header inside an array of tables ("[scenes.a.choices.effects]") refers to its last element.
        resolved: list[str | int] = []
        for i, name in enumerate(names):
            resolved.append(name)
            prefix = names[: i + 1]
            if prefix in array_counts and i + 1 < len(names):
                resolved.append(array_counts[prefix])
        return tuple(resolved)

    @staticmethod
    def _track(line: str, in_string: str | None, depth: int) -> tuple[str | None, int]:
        # Jumps from one character that matters to the next (str.find and a regex, not a Python step per
        # character): most lines are prose inside a multi-line string or a plain key = "value".
        i, n = 0, len(line)
        while i < n:
            if in_string is not None:
                if len(in_string) == 3:
                    end = line.find(in_string, i)
                    if end < 0:
                        return in_string, depth
                    in_string, i = None, end + 3
                    continue
                if in_string == "'":
                    end = line.find("'", i)
                    if end < 0:
                        break
                    in_string, i = None, end + 1
                    continue
                match = _BASIC_END.search(line, i)
                if match is None:
                    break
                if match.group() == "\\":
                    i = match.start() + 2
                    continue
                in_string, i = None, match.start() + 1
                continue
            match = _SPECIAL.search(line, i)
            if match is None:
                break
            ch, i = match.group(), match.start()
            if ch == "#":
                break
            if line.startswith('"""', i) or line.startswith("'''", i):
                in_string = line[i : i + 3]
                i += 3
                continue
            if ch in "\"'":
                in_string = ch
            elif ch in "[{":
                depth += 1
            else:
                depth = max(0, depth - 1)
            i += 1
        if in_string in ('"', "'"):
            in_string = None  # a one-line string cannot continue; tomllib reports the real error
        return in_string, depth

    def find(self, path: KeyPath) -> tuple[int, int]:
        """Position of the key, or of its nearest known parent; (1, 1) when nothing matches."""
        probe = tuple(path)
        while probe:
            if probe in self._pos:
                return self._pos[probe]
            probe = probe[:-1]
        return (1, 1)
