"""The checker's message table (game/engine/messages.py) lists every code, and has no dead entry.

Three ways round: every code written in the source is in the table (a scan of every call that makes a
diagnostic), every code the fixtures in tests/check/fixtures produce is in it (each one run), and every
entry is produced by a fixture, or, when no file can show it, by a small input here and a reason in the
table. At run time an unlisted code is still reported, never a crash; it warns, and the tests make that
warning an error (pyproject.toml).
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from game.check import DEFAULT_PLAYTEST_RUNS, check_paths
from game.engine.diagnostics import Diagnostic
from game.engine.load import Limits
from game.engine.load.source import At, Source
from game.engine.messages import BY_CODE, GROUPS, MESSAGES, UPDATE_COMMAND, UnlistedMessage, unlisted
from tests.support import ROOT

GAME = ROOT / "game"
FIXTURES = ROOT / "tests" / "check" / "fixtures"
TABLE = "game/engine/messages.py"
ADD_A_FIXTURE = (
    "add tests/check/fixtures/NAME.toml that shows it (then VERDICT_REGEN_EXPECTED=1 python -m pytest "
    "tests/check/test_check.py, review NAME.expected, and list NAME in CASES in tests/check/test_check.py), "
    f"or, when no file can show it, give its Message a no_fixture reason in {TABLE} and an input in "
    "INPUTS in tests/check/test_messages.py"
)

# ---- the source: every call that makes a diagnostic ------------------------------------------------------

# Callable name -> (index of the code argument, index of the severity argument or None). Source.error and
# .warning (src, Builder, Shapes), Source.report and the wrappers over it (analysis's report, check's add),
# and Diagnostic itself. A wrapper that passes its own `code` parameter on must be one of these names.
CALLS: dict[str, tuple[int, int | None]] = {
    "error": (2, None),
    "warning": (2, None),
    "report": (3, None),
    "add": (3, None),
    "Diagnostic": (5, 3),
}
SEVERITY_OF_CALL = {"error": "error", "warning": "warning"}


@dataclass(frozen=True)
class CallSite:
    where: str  # file:line
    code: str | None  # the literal code, or None for a pattern
    pattern: str | None  # an f-string's code as a regular expression (f"unknown-{kind}": unknown-[a-z]+)
    severity: str | None  # when written as a literal at the call


def _severity(node: ast.Call, name: str, index: int | None) -> str | None:
    if name in SEVERITY_OF_CALL:
        return SEVERITY_OF_CALL[name]
    candidates = node.args[:2] if index is None else node.args[index:index + 1]
    for arg in candidates:
        if isinstance(arg, ast.Constant) and arg.value in ("error", "warning"):
            return str(arg.value)
    return None


def _enclosing_functions(tree: ast.AST) -> dict[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef]:
    owner: dict[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                owner[node] = func  # inner functions come later in the walk and win
    return owner


@cache
def call_sites() -> tuple[tuple[CallSite, ...], tuple[str, ...]]:
    """Every call that makes a diagnostic in game/, and the problems found (codes the scan cannot read)."""
    sites: list[CallSite] = []
    problems: list[str] = []
    for path in sorted(GAME.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owner = _enclosing_functions(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in CALLS:
                continue
            code_index, severity_index = CALLS[name]
            arg = next((k.value for k in node.keywords if k.arg == "code"), None)
            if arg is None and len(node.args) > code_index:
                arg = node.args[code_index]
            if arg is None:
                continue  # not a diagnostic: set.add(x), parser.error(message)
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            severity = _severity(node, name, severity_index)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                sites.append(CallSite(where, arg.value, None, severity))
            elif isinstance(arg, ast.JoinedStr):
                pattern = "".join(re.escape(str(part.value)) if isinstance(part, ast.Constant) else "[a-z]+"
                                  for part in arg.values)
                sites.append(CallSite(where, None, pattern, severity))
            elif isinstance(arg, ast.Name) and (enclosing := owner.get(node)) is not None and \
                    arg.id in {a.arg for a in enclosing.args.args} and enclosing.name in CALLS:
                continue  # a wrapper passing its caller's code on: its callers are scanned
            else:
                problems.append(f"{where}: the code {ast.unparse(arg)!r} is not a literal the scan can read: "
                                "write it as a string, or name the wrapper in CALLS in "
                                "tests/check/test_messages.py")
    return tuple(sites), tuple(problems)


def test_the_scan_finds_the_checkers_calls() -> None:
    sites, problems = call_sites()
    assert problems == ()
    assert len({s.code for s in sites if s.code}) >= 40
    files = {s.where.split(":")[0] for s in sites}
    for module in ("game/check.py", "game/engine/analysis.py", "game/engine/catalog.py",
                   "game/engine/load/glossary.py", "game/engine/load/reading.py",
                   "game/engine/load/shapes.py",
                   "game/engine/load/building.py", "game/engine/load/references.py",
                   "game/engine/load/tomlerrors.py", "game/engine/load/parsing.py"):
        assert module in files, module


def test_every_code_in_the_source_is_in_the_table() -> None:
    sites, _ = call_sites()
    missing = []
    for site in sites:
        if site.code and (site.code not in BY_CODE or site.severity):
            problem = unlisted(site.code, site.severity or "error")
            if problem:
                missing.append(f"{site.where}: {problem}")
    assert missing == [], "\n".join(missing)


def test_every_code_pattern_in_the_source_matches_the_table() -> None:
    sites, _ = call_sites()
    for site in sites:
        if site.pattern:
            matched = [m.code for m in MESSAGES if re.fullmatch(site.pattern, m.code)]
            assert matched, f"{site.where}: no code in {TABLE} matches {site.pattern!r}: add each it makes"
            for code in matched:
                assert site.severity is None or unlisted(code, site.severity) is None, (site.where, code)


def test_every_entry_is_written_somewhere_in_the_source() -> None:
    sites, _ = call_sites()
    literal = {s.code for s in sites if s.code}
    patterns = [s.pattern for s in sites if s.pattern]
    dead = [m.code for m in MESSAGES
            if m.code not in literal and not any(re.fullmatch(p, m.code) for p in patterns)]
    assert dead == [], (f"no call the scan knows makes these codes: {dead}; if a new function makes them, "
                        "add its name to CALLS in tests/check/test_messages.py, else remove them from "
                        f"{TABLE}")


# ---- the fixtures, and inputs for what no file can show --------------------------------------------------


def _fixture_runs() -> Iterator[tuple[Path, int, bool]]:
    """Each fixture with the playtest `verdict check` runs on it (its `# check-args:` line, as test_check)."""
    for path in sorted(FIXTURES.iterdir()):
        if path.suffix != ".toml" and not path.is_dir():
            continue
        first = path.read_bytes().split(b"\n", 1)[0].decode("latin-1") if path.is_file() else ""
        args = first.removeprefix("# check-args:").split() if first.startswith("# check-args:") else []
        if "--playtest" in args:
            yield path, int(args[args.index("--playtest") + 1]), False
        else:
            yield path, DEFAULT_PLAYTEST_RUNS, True


@cache
def fixture_diagnostics() -> tuple[tuple[str, Diagnostic], ...]:
    """(fixture, diagnostic) for every fixture run as `verdict check` runs it. An unlisted code is let
    through here (not raised), so the tests below can name the fixture and say what to add."""
    found: list[tuple[str, Diagnostic]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnlistedMessage)
        for path, runs, quiet in _fixture_runs():
            for result in check_paths([str(path)], runs, quiet_playtest=quiet):
                found += [(path.name, d) for d in result.diagnostics]
    return tuple(found)


def fixture_codes() -> dict[str, set[str]]:
    """code -> the fixtures that produce it."""
    found: dict[str, set[str]] = {}
    for name, diag in fixture_diagnostics():
        found.setdefault(diag.code, set()).add(name)
    return found


def _too_large(tmp: Path) -> list[Diagnostic]:
    (tmp / "case.toml").write_bytes((FIXTURES / "dead_end.toml").read_bytes())
    return [d for r in check_paths([str(tmp)], 0, limits=Limits(lines=10)) for d in r.diagnostics]


def _unreadable(tmp: Path) -> list[Diagnostic]:
    (tmp / "case.toml").mkdir()  # a folder whose name looks like a case
    return [d for r in check_paths([str(tmp)], 0) for d in r.diagnostics]


def _no_files(tmp: Path) -> list[Diagnostic]:
    (tmp / "notes.toml.txt").write_text("[scenario]\n", encoding="utf-8")
    return [d for r in check_paths([str(tmp)], 0) for d in r.diagnostics]


# code -> an input that produces it, for the entries whose Message gives a no_fixture reason
INPUTS = {
    "too-large": _too_large,
    "unreadable": _unreadable,
    "no-files": _no_files,
}


@pytest.mark.parametrize("code", sorted(INPUTS))
def test_each_input_produces_its_code(code: str, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnlistedMessage)
        found = INPUTS[code](tmp_path)
    assert code in {d.code for d in found}, [d.format() for d in found]
    assert {d.code for d in found} <= set(BY_CODE)


def test_every_code_the_fixtures_produce_is_in_the_table() -> None:
    assert len(fixture_codes()) >= 40
    unknown = sorted({f"{name}: {problem}" for name, d in fixture_diagnostics()
                      if (problem := unlisted(d.code, d.severity))})
    assert unknown == [], "\n".join(unknown)


def test_every_entry_is_produced_by_a_fixture_or_an_input() -> None:
    found = fixture_codes()
    for m in MESSAGES:
        if m.no_fixture:
            assert m.code not in found, f"{m.code} has a fixture ({sorted(found[m.code])}): drop no_fixture"
            assert m.code in INPUTS, f"{m.code} says why no fixture shows it; add an input to INPUTS here"
        else:
            assert m.code in found, f"no fixture produces '{m.code}': {ADD_A_FIXTURE}"
    assert set(INPUTS) == {m.code for m in MESSAGES if m.no_fixture}


# ---- the table itself, and what happens to an unlisted code ----------------------------------------------


def test_each_entry_is_complete_and_in_a_group() -> None:
    groups = {g.key for g in GROUPS}
    assert len(BY_CODE) == len(MESSAGES)  # no code twice
    for m in MESSAGES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", m.code), m.code
        assert m.group in groups, m.code
        assert m.severity in ("error", "warning", "either"), m.code
        assert m.meaning.strip() and m.todo.strip(), m.code
        assert "\n" not in m.meaning + m.todo + m.example, m.code
        for text in (m.meaning, m.todo, m.example):  # Markdown: code in `...`, and a <word> only inside it
            assert text.count("`") % 2 == 0, m.code
            assert not re.search(r"<[a-z]", re.sub(r"`[^`]*`", "", text)), m.code
        assert not m.example or m.example.startswith("`"), m.code
    assert all(any(m.group == g.key for m in MESSAGES) for g in GROUPS)


def test_an_unlisted_code_is_still_reported_and_warns_saying_what_to_add() -> None:
    src = Source("case.toml", "[scenario]\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnlistedMessage)
        src.error(At(1, 1), "something new", "brand-new-code", "do this")
    [diag] = src.diagnostics
    assert diag.format() == "case.toml:1:1: error: something new [brand-new-code]\n    hint: do this"
    [warning] = [w for w in caught if issubclass(w.category, UnlistedMessage)]
    text = str(warning.message)
    assert 'Message("brand-new-code", ERROR, ' in text and TABLE in text and UPDATE_COMMAND in text
    assert warning.filename.endswith("source.py")  # points at the call that made it


def test_an_unlisted_code_fails_a_test() -> None:
    with pytest.raises(UnlistedMessage, match="brand-new-code"):
        Diagnostic("case.toml", 1, 1, "warning", "something new", "brand-new-code")


def test_a_severity_the_table_does_not_allow_warns() -> None:
    assert BY_CODE["unset-flag"].severity == "warning"
    with pytest.raises(UnlistedMessage, match=r"listed as warning .* reported as error: make it EITHER"):
        Diagnostic("case.toml", 1, 1, "error", "flag 'x' is read but never set", "unset-flag")
    assert unlisted("unset-flag", "warning") is None
