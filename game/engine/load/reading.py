"""Reading a scenario file's bytes safely, and turning them into text the parser can take.

A path may name anything: a pipe that never ends, a symbolic link to /dev/zero, a folder, a file of
gigabytes. Only a regular file is opened (checked on the open file itself, so nothing can be swapped in
between), and never more than the size limit is read.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.engine.load.limits import LIMITS, Limits
from game.engine.load.source import At, Source
from game.engine.tomlmap import KeyMap

BOM = "\ufeff"
_CHUNK = 1 << 20


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def too_large(path: str, size: int, limits: Limits) -> Diagnostic:
    return Diagnostic(
        path, 1, 1, "error",
        f"the file is {_megabytes(size)}; "
        f"the limit is {_megabytes(limits.file_bytes)}",
        "too-large", "split the case into several files, or shorten it",
    )


def read_file(path: str | Path, limits: Limits = LIMITS) -> tuple[bytes | None, Diagnostic | None]:
    """The file's bytes, or None and the reason it cannot be used."""
    name = str(path)

    def unreadable(message: str, hint: str = "check the path") -> tuple[None, Diagnostic]:
        return None, Diagnostic(name, 1, 1, "error", message, "unreadable", hint)

    try:
        # The type first, so a device or a pipe is never even opened (opening some has effects of its own);
        # then again on the open file, in case something else was put at the path in between.
        if not stat.S_ISREG(os.stat(path).st_mode):
            return _not_a_file(name, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        return unreadable(f"cannot read file: {err.strerror or err}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return _not_a_file(name, info.st_mode)
        if info.st_size > limits.file_bytes:
            return None, too_large(name, info.st_size, limits)
        chunks: list[bytes] = []
        size = 0
        while size <= limits.file_bytes:  # the file may grow while it is read
            chunk = os.read(fd, min(_CHUNK, limits.file_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limits.file_bytes:
            return None, too_large(name, size, limits)
        return b"".join(chunks), None
    except OSError as err:
        return unreadable(f"cannot read file: {err.strerror or err}")
    finally:
        os.close(fd)


def _not_a_file(name: str, mode: int) -> tuple[None, Diagnostic]:
    if stat.S_ISDIR(mode):
        return None, Diagnostic(name, 1, 1, "error", "this is a folder, not a scenario file", "unreadable",
                                "check the path")
    return None, Diagnostic(name, 1, 1, "error",
                            "this is not an ordinary file (a device, a pipe or a socket)", "unreadable",
                            "give the path of a .toml file saved by an editor")


def decode(data: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """The file's text (a UTF-8 byte-order mark, harmless, is dropped), or why it is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Diagnostic(path, 1, 1, "error", "the file is saved as UTF-16, not UTF-8", "encoding",
                                "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, _encoding_error(path, data, err)
    return text.removeprefix(BOM), None


def _encoding_error(path: str, data: bytes, err: UnicodeDecodeError) -> Diagnostic:
    line_start = data.rfind(b"\n", 0, err.start) + 1
    line = data.count(b"\n", 0, err.start) + 1
    col = len(data[line_start : err.start].decode("utf-8", "replace")) + 1
    return Diagnostic(
        path,
        line,
        col,
        "error",
        f"the file is not valid UTF-8 text (byte 0x{data[err.start]:02x})",
        "encoding",
        "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8)",
    )


# ---- before parsing: what would make the parser itself slow or huge --------------------------------------

_LONG_LINE = 2_000  # only a line this long can hold a key of too many parts; most files have none
_KEY_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'


def prescan(src: Source, limits: Limits = LIMITS) -> bool:
    """Limits checked on the text before it is parsed; False (and reported to `src`): do not parse it."""
    text = src.text
    for char, limit, what in (("\n", limits.lines, "lines"), ("=", limits.equals_signs, "'=' signs"),
                              (",", limits.commas, "commas"), ("[", limits.brackets, "'[' brackets"),
                              ("{", limits.brackets, "'{' brackets")):
        count = text.count(char)
        if count > limit:
            src.error(At(1, 1), f"the file has {count:,} {what}; the limit is {limit:,}", "too-large",
                      "split the case into several files, or shorten it")
            return False
    lines = text.split("\n")
    # tomllib needs memory that grows with the square of a dotted key's parts (a.b.c...), so such a key
    # is refused before parsing. Only long lines can hold one: finding them costs one pass in C.
    if max(map(len, lines), default=0) < _LONG_LINE:
        return True
    dotted = re.compile(rf"(?:^|[{{,\[])[ \t]*{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART}){{{limits.key_parts}}}")
    for number, line in enumerate(lines, start=1):
        if len(line) >= _LONG_LINE and line.count(".") >= limits.key_parts:
            match = dotted.search(line)
            if match and not _inside_string(lines, number):
                src.error(At(number, match.start() + 1),
                          f"a key has more than {limits.key_parts} dotted parts",
                          "too-deep", "a key names at most a table and a field, such as scenes.hall.title")
                return False
    return True


def _inside_string(lines: list[str], number: int) -> bool:
    """Whether line `number` starts inside a multi-line string (so a match on it is prose, not a key)."""
    in_string: str | None = None
    depth = 0
    for line in lines[: number - 1]:
        in_string, depth = KeyMap._track(line, in_string, depth)
    return in_string is not None
