"""TOML syntax errors said the way a teacher editing a file would understand them.

tomllib reports where its reading stopped, which is often lines after the real mistake: a triple-quoted
text left open swallows the next scene, so the error appears inside prose. The usual mistakes of someone
writing in a word processor (curly quotes, // comments, an empty "" before prose) are recognised and
reported where they are.
"""

from __future__ import annotations

import ast
import re
import tomllib

from game.engine.diagnostics import clip
from game.engine.load.source import At, Source
from game.engine.tomlmap import KeyMap

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_SYNTAX_HINT = "check quotes, brackets and that each key = value pair is on its own line"

# tomllib's messages: (message, hint).
_TOML_MESSAGES: dict[str, tuple[str, str]] = {
    "Illegal character '\\n'": (
        "a string in quotes is not closed before the end of the line",
        'close it with " on the same line, or use """triple quotes""" for text over several lines',
    ),
    "Found invalid character '\\n'": (
        "a string in quotes is not closed before the end of the line",
        "close it with ' on the same line, or use '''triple quotes''' for text over several lines",
    ),
    "Unterminated string": ("a string is never closed", 'check for a missing closing " or """'),
    'Expected "\'"': ("a string in single quotes is never closed", "check for a missing closing '"),
    "Expected \"'''\"": (
        "a string in triple single quotes is never closed",
        "check for a missing closing '''",
    ),
    "Invalid value": (
        "this value is not valid TOML",
        'put text in quotes (title = "The hall"); numbers and true/false go without quotes',
    ),
    "Invalid statement": (
        "this line is neither a key = value pair nor a [table] header",
        "check for a missing = or a stray character at the start of the line",
    ),
    "Expected '=' after a key in a key/value pair": (
        "expected '=' after the key",
        "write key = value; a key is one word such as title or goto",
    ),
    "Expected newline or end of document after a statement": (
        "unexpected text after the value",
        "put each key = value pair on its own line; text belongs inside quotes",
    ),
    "Unclosed array": (
        "a list [...] is not closed",
        "check for a missing ] or a missing comma between the items",
    ),
    "Unclosed inline table": (
        "an inline table {...} is not closed",
        "inline tables must stay on one line and end with }",
    ),
    "Cannot overwrite a value": (
        "a key or table is defined twice",
        "each key may appear once in a table, and ids must be unique within a file",
    ),
}
_TOML_TWICE = re.compile(
    r"^Cannot (?:declare|redefine namespace) (\(.*\)) twice$"
    r"|^Cannot redefine namespace (\(.*\))$"
)
_CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
_OPENS_TRIPLE = re.compile(r'^\s*[A-Za-z0-9_."\'-]+\s*=\s*("""|\'\'\')')
_EMPTY_THEN_PROSE = re.compile(r'=\s*(""|\'\')\s*$')
_LOOKS_LIKE_TOML = re.compile(r"^\s*(?:$|#|\[|[A-Za-z0-9_.\"'-]+\s*=)")


def toml_error(src: Source, err: tomllib.TOMLDecodeError) -> None:
    """Report tomllib's error, where the mistake is and in the words of someone editing the file."""
    text = src.text
    message = str(err)
    match = _TOML_POS.search(message)
    if match:
        line, col = int(match.group(1)), int(match.group(2))
    elif "(at end of document)" in message and text:
        line, col = (
            _open_string_start(text)
            or _last_quote(text, message)
            or (text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1)
        )
    else:
        line, col = 1, 1
    message = _TOML_POS.sub("", message).replace("(at end of document)", "").strip()
    if _word_processor_mistake(src, line, col):
        return
    hint = _SYNTAX_HINT
    if message in _TOML_MESSAGES:
        message, hint = _TOML_MESSAGES[message]
    elif twice := _TOML_TWICE.match(message):
        table = _dotted(twice.group(1) or twice.group(2))
        message = f"[{clip(table, 120)}] is declared twice" if table else message
        hint = "a key or table is defined twice; ids must be unique within a file"
    src.error(At(line, col), f"TOML syntax: {message}", "toml-syntax", hint)


def nested_too_deeply(src: Source) -> None:
    src.error(At(*_deepest(src.text)), "TOML syntax: lists or tables are nested too deeply", "too-deep",
              "a scenario needs at most a list inside a table; check for stray [ or {")


def number_too_long(src: Source) -> None:
    found = re.search(r"[0-9][0-9_]{99,}", src.text)
    src.error(At(*_line_col(src.text, found.start())) if found else At(1, 1),
              "TOML syntax: a number has too many digits", "toml-syntax",
              "whole numbers in a scenario are small, such as minutes = 20")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _deepest(text: str) -> tuple[int, int]:
    """Where brackets first open deeper than a scenario ever needs (a rough count: for the message only)."""
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for col, char in enumerate(line, start=1):
            if char in "[{":
                depth += 1
                if depth > 32:
                    return number, col
            elif char in "]}":
                depth = max(0, depth - 1)
    return 1, 1


def _word_processor_mistake(src: Source, line: int, col: int) -> bool:
    """Report the mistake behind a syntax error if it is one a word processor makes; False if not."""
    lines = src.lines
    if not 1 <= line <= len(lines):
        return False
    here = lines[line - 1]
    if here.lstrip().startswith("//"):
        src.error(At(line, here.index("//") + 1), "TOML syntax: // does not start a comment in TOML",
                  "toml-syntax", "start a comment with # instead of //")
        return True
    curly = next((i for i, ch in enumerate(here) if ch in _CURLY), -1)
    if 0 <= curly < col:
        src.error(At(line, curly + 1),
                  f"TOML syntax: curly quotes {here[curly]!r} (from a word processor) are not TOML quotes",
                  "toml-syntax", 'type straight quotes " instead (turn off "smart quotes" in your editor)')
        return True
    if _LOOKS_LIKE_TOML.match(here):
        return False
    # The error is in prose: a text left open earlier swallowed what followed, or one was never opened.
    previous = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()), 0)
    if previous and _EMPTY_THEN_PROSE.search(lines[previous - 1]):
        before = lines[previous - 1]
        quote = _EMPTY_THEN_PROSE.search(before)
        assert quote is not None
        src.error(At(previous, quote.start(1) + 1),
                  'TOML syntax: the text here is empty ("") and the prose after it is outside any quotes',
                  "toml-syntax",
                  'for text over several lines write text = """ , then the prose, then """ '
                  "on a line of its own")
        return True
    opened = _unclosed_triple_before(lines, line)
    if opened is not None:
        src.error(At(*opened), "TOML syntax: the text in triple quotes that starts here is never closed",
                  "toml-syntax", 'end it with """ on a line of its own after the text')
        return True
    return False


def _unclosed_triple_before(lines: list[str], line: int) -> tuple[int, int] | None:
    """For an error at `line`: the triple-quoted text that opened before it and was closed only by the
    opening quotes of the next key (`text = \"\"\"`): that one was never closed by its author."""
    in_string: str | None = None
    depth = 0
    opened: tuple[int, int] | None = None
    suspect: tuple[int, int] | None = None
    for number in range(1, line):
        text = lines[number - 1]
        was = in_string
        in_string, depth = KeyMap._track(text, in_string, depth)
        if was is None and in_string is not None:
            opened = (number, text.rfind(in_string) + 1)
        elif was is not None and in_string is None:
            # Closed on a line that looks like `key = """`: the closing quotes were meant to open.
            suspect = opened if _OPENS_TRIPLE.match(text) else None
        elif was is not None and in_string is not None and _OPENS_TRIPLE.match(text):
            suspect = opened
    return suspect


def _dotted(key_repr: str) -> str:
    if len(key_repr) > 10_000:
        return ""
    try:
        parts = ast.literal_eval(key_repr)
    except (ValueError, SyntaxError, RecursionError, MemoryError):
        return ""
    return ".".join(str(p) for p in parts) if isinstance(parts, tuple) else ""


def _last_quote(text: str, message: str) -> tuple[int, int] | None:
    """For a single-quoted string never closed: the last line with a single quote (tomllib says 'at end')."""
    if not message.startswith('Expected "\'"'):
        return None
    lines = text.split("\n")
    for number in range(len(lines), 0, -1):
        if "'" in lines[number - 1]:
            return number, lines[number - 1].rfind("'") + 1
    return None


def _open_string_start(text: str) -> tuple[int, int] | None:
    """Where the multi-line string left open at the end of the file begins, if one is."""
    in_string: str | None = None
    depth = 0
    opened = None
    for number, line in enumerate(text.split("\n"), start=1):
        was = in_string
        in_string, depth = KeyMap._track(line, in_string, depth)
        if in_string and not was:
            marker = line.rfind(in_string)
            opened = (number, marker + 1)
    return opened if in_string else None
