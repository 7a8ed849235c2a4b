"""The test suite's own rule: test modules share helpers through tests/support, never through each other."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_module_imports_another_or_a_conftest() -> None:
    offenders = []
    for path in TESTS.rglob("*.py"):
        if "support" in path.relative_to(TESTS).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                if name.startswith("tests") and not name.startswith("tests.support"):
                    offenders.append(f"{path.relative_to(TESTS)} imports {name}")
    assert offenders == []
