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


class _Node:
    """One key of the map: where it was first written, its sub-keys, and for an array of tables the index
    of its last element so far (-1: not an array)."""

    __slots__ = ("count", "kids", "pos")

    def __init__(self) -> None:
        self.pos: tuple[int, int] | None = None
        self.kids: dict[str | int, _Node] = {}
        self.count = -1

    def child(self, part: str | int) -> _Node:
        node = self.kids.get(part)
        if node is None:
            node = self.kids[part] = _Node()
        return node


class KeyMap:
    """Maps key paths such as ("scenes", "hall", "choices", 0, "goto") to (line, col), 1-based.

    The paths are kept as a tree, so building the map and every lookup cost the length of the path, never
    its square (a header of thousands of dotted parts stays cheap).
    """

    def __init__(self, text: str):
        self._root = _Node()
        # The file is scanned only as far as the keys asked for: a message about the top of a huge file
        # never pays for the rest of it.
        self._text = text
        self._pos = 0  # where the next line starts
        self._number = 1  # its number
        self._done = False
        self._table = self._root
        self._in_string: str | None = None
        self._depth = 0

    def _scan_line(self) -> bool:
        """Scan one more line (a whole multi-line string at once); False at the end of the file."""
        text, pos = self._text, self._pos
        if pos > len(text):
            self._done = True
            return False
        if self._in_string is not None and len(self._in_string) == 3:
            # Prose: jump to the closing quotes (str.find and str.count are C), then read on from there.
            end = text.find(self._in_string, pos)
            if end < 0:
                self._done = True
                return False
            self._number += text.count("\n", pos, end)
            pos = end + 3
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end < 0 else line_end
            self._in_string, self._depth = self._track(text[pos:line_end], None, self._depth)
        else:
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end < 0 else line_end
            line, number = text[pos:line_end], self._number
            if self._in_string is None and self._depth == 0:
                header = _HEADER.match(line)
                keyline = None if header else _KEYLINE.match(line)
                if header:
                    self._table = self._header(_split(header.group(2)), header.group(1) == "[[",
                                               (number, line.index("[") + 1))
                elif keyline:
                    node = self._walk(self._table, _split(keyline.group(2)))
                    if node.pos is None:
                        node.pos = (number, len(keyline.group(1)) + 1)
                    self._inline_keys(node, line[keyline.end() :], number, keyline.end())
                if header is None:
                    self._in_string, self._depth = self._track(line, self._in_string, self._depth)
            else:
                self._in_string, self._depth = self._track(line, self._in_string, self._depth)
        self._pos = line_end + 1
        self._number += 1
        return True

    def _header(self, names: tuple[str, ...], array: bool, pos: tuple[int, int]) -> _Node:
        node = self._root
        last = len(names) - 1
        for i, name in enumerate(names):
            node = node.child(name)
            if node.pos is None:  # implicit parents ([[scenes.a.choices]] defines scenes.a): first mention
                node.pos = pos
            if i == last and array:
                node.count += 1
                node = node.child(node.count)
            elif i < last and node.count >= 0:
                # A header inside an array of tables ("[scenes.a.choices.effects]") means its last element.
                node = node.child(node.count)
            else:
                continue
            if node.pos is None:
                node.pos = pos
        return node

    @staticmethod
    def _walk(node: _Node, parts: tuple[str, ...]) -> _Node:
        for part in parts:
            node = node.child(part)
        return node

    def _inline_keys(self, node: _Node, rest: str, number: int, offset: int) -> None:
        # Keys inside a one-line inline table, e.g. `diary = { lone = "supports", why = "..." }`.
        stripped = rest.lstrip()
        if not stripped.startswith("{"):
            return
        for match in re.finditer(rf"[{{,]\s*({_KEY})\s*=", rest):
            child = self._walk(node, _split(match.group(1)))
            if child.pos is None:
                child.pos = (number, offset + match.start(1) + 1)

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
        while True:
            node, found, exact = self._root, (1, 1), True
            for part in path:
                child = node.kids.get(part)
                if child is None:
                    exact = False
                    break
                node = child
                if node.pos is not None:
                    found = node.pos
            if not path or (exact and node.pos is not None) or self._done:
                return found
            # Not seen yet: read on until it is, or the file ends (then the nearest parent is the answer).
            for _ in range(256):
                if not self._scan_line():
                    break
