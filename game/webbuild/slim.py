"""Python sources without their comments and docstrings, for the browser: the same code in fewer bytes.

Every line stays on its line (a docstring becomes an empty string followed by the blank lines it spanned), so
a traceback from a student's browser names the same line numbers as the repository. Each slimmed file is
checked to have the same syntax tree as its source, docstrings aside, so the build can never ship a changed
program.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

_STATEMENT_START = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL, tokenize.ENCODING}


class SlimError(Exception):
    pass


def slim(source: str) -> str:
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, int, int, str]] = []  # (start row, col, end row, col, replacement)
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    previous = tokenize.NEWLINE
    for n, tok in enumerate(tokens):
        if tok.type == tokenize.COMMENT:
            edits.append((*tok.start, *tok.end, ""))
        elif tok.type == tokenize.STRING and previous in _STATEMENT_START:
            following = next((t for t in tokens[n + 1 :] if t.type != tokenize.COMMENT), None)
            if following is not None and following.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                # A string on its own as a statement: a docstring (or a bare string, equally inert).
                edits.append((*tok.start, *tok.end, '""' + "\n" * (tok.end[0] - tok.start[0])))
        if tok.type not in (tokenize.COMMENT, tokenize.NL):
            previous = tok.type
    for row, col, end_row, end_col, text in reversed(edits):
        head = lines[row - 1][:col]
        tail = lines[end_row - 1][end_col:]
        if text == "":
            head = head.rstrip(" \t")
        lines[row - 1 : end_row] = [head + text + tail]
    return "".join(lines)


def _shape(tree: ast.AST) -> str:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                value.value = ""
    return ast.dump(tree)


def slim_file(path: Path) -> int:
    """Slim one file in place; returns the bytes saved. SlimError when the result would differ."""
    source = path.read_text(encoding="utf-8")
    slimmed = slim(source)
    if _shape(ast.parse(slimmed)) != _shape(ast.parse(source)):
        raise SlimError(f"{path}: slimming would change the program")
    if slimmed.count("\n") != source.count("\n"):
        raise SlimError(f"{path}: slimming would move its lines")
    compile(slimmed, str(path), "exec", dont_inherit=True)  # e.g. a __future__ import still first
    path.write_text(slimmed, encoding="utf-8")
    return len(source.encode()) - len(slimmed.encode())


def slim_tree(folder: Path) -> int:
    return sum(slim_file(path) for path in sorted(folder.rglob("*.py")))
