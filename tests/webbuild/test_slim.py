"""Slimming the shipped Python: comments and docstrings go, every statement stays on its line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.webbuild import slim

ROOT = Path(__file__).resolve().parents[2]

SOURCE = '''"""Module doc,
on two lines."""
from __future__ import annotations

import re  # a comment

HASH = "#not a comment"
RAW = """a string
that is data"""


class Thing:
    """Class doc."""

    def go(self) -> int:
        """Only a docstring and a return."""
        # a whole-line comment
        return len(HASH)  # trailing


def empty() -> None:
    """Nothing else in the body."""
'''


def test_comments_and_docstrings_go_and_lines_stay() -> None:
    out = slim.slim(SOURCE)
    assert "comment" not in out.replace("#not a comment", "") and "doc" not in out.lower()
    assert '"#not a comment"' in out and '"""a string\nthat is data"""' in out  # data is untouched
    assert out.count("\n") == SOURCE.count("\n")
    def line_of(text: str, name: str) -> int:
        return next(n for n, line in enumerate(text.splitlines()) if name in line)

    for name in ("class Thing", "return len(HASH)", "def empty"):
        assert line_of(out, name) == line_of(SOURCE, name)
    compile(out, "slimmed.py", "exec")
    namespace: dict[str, object] = {}
    exec(compile(out, "slimmed.py", "exec"), namespace)
    assert namespace["Thing"]().go() == len("#not a comment")  # type: ignore[operator]


def test_every_shipped_module_slims_to_the_same_program(tmp_path: Path) -> None:
    for source in sorted((ROOT / "game").rglob("*.py")):
        target = tmp_path / source.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        slim.slim_file(target)
        assert len(target.read_text(encoding="utf-8").splitlines()) == len(
            source.read_text(encoding="utf-8").splitlines())


def test_a_change_to_the_program_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.py"
    path.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(slim, "slim", lambda text: "x = 2\n")
    with pytest.raises(slim.SlimError, match="change the program"):
        slim.slim_file(path)
    assert ast.parse(path.read_text(encoding="utf-8")).body[0].value.value == 1  # type: ignore[attr-defined]
