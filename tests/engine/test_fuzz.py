"""Fuzzing: whatever a teacher's editor saves, the loader and `verdict check` answer with diagnostics.

read_scenario never raises; Catalog.load and the checker only ever report; the expression parser raises
nothing but ExprError. Inputs are the tutorial mutated line by line and byte by byte, the tutorial with parts
of its parsed tree replaced, random TOML documents, and random expression strings.
"""

from __future__ import annotations

import copy
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.check import check_paths
from game.engine import fields as F
from game.engine.analysis import analyse
from game.engine.catalog import Catalog
from game.engine.diagnostics import Diagnostic
from game.engine.expr import ExprError, evaluate, flags_read, parse_condition, parse_effect, references
from game.engine.load import read_glossary, read_scenario
from game.engine.model import EVIDENCE_KINDS, RELIABILITIES, STANCE_WORDS
from game.engine.playtest import playtest
from tests.support.tomlwriter import dumps as toml_dumps

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL_BYTES = (ROOT / "scenarios" / "tutorial.toml").read_bytes()
TUTORIAL_LINES = TUTORIAL_BYTES.splitlines(keepends=True)
TUTORIAL = tomllib.loads(TUTORIAL_BYTES.decode("utf-8"))

# About 12 s in all. Raise max_examples locally to hunt (3,000 each ran clean before these were set).


def examples(n: int) -> settings:
    return settings(deadline=None, max_examples=n, suppress_health_check=[HealthCheck.too_slow])

IDS = sorted({*TUTORIAL["scenes"], *TUTORIAL["evidence"], *TUTORIAL["questions"],
              *(i for q in TUTORIAL["questions"].values() for i in q["interpretations"])})
KEYS = sorted({*F.TOP, *F.SCENARIO, *F.EVIDENCE, *F.SCENE, *F.CHOICE, *F.PASSAGE, *F.QUESTION,
               *F.INTERPRETATION, "why", "terms", *IDS})
WORDS = sorted({*STANCE_WORDS, *EVIDENCE_KINDS, *RELIABILITIES, *IDS, "has(sheet_list)", "visited(porter)",
                "concluded(missing_page, bindery)", "mornings += 1", "gain(repair_box)", "score(lesson) > 50",
                "held() >= 2", "gain(", "x = = 1", "not", ""})
SNIPPETS = [
    b"[scenes.extra]", b"[[scenes.reading_room.choices]]", b"[[scenes.reading_room.passages]]",
    b"[questions.missing_page.stances.porter_story]", b"[evidence.sheet_list]", b"[scenario]",
    b"[[scenario]]", b'goto = "nowhere"', b'goto = "reading_room"', b'if = "has("',
    b'if = "visits(bindery) > 1"', b'"""', b"'''",
    b"ending = true", b'checkpoint = "lesson"', b'effects = ["gain(repair_box)", "x += 1"]', b"choices = []",
    b'bindery = "supports"', b'why = ""', b"minutes = 1e3", b"format = 2", b"title = 1979-05-27T07:32:00Z",
    b"a.b.c = 1", b"x = {y = [1, {z = 2}]}", b"[scenes.reading_room]", b"= 1", b"[", b"]]", b"\\", b"#",
]


def assert_reports_only(data: bytes, path: str = "fuzz.toml") -> None:
    """The whole checker on one file's bytes: diagnostics, never an exception."""
    scenario, diagnostics = read_scenario(data, path)
    assert all(isinstance(d, Diagnostic) for d in diagnostics)
    errors = [d for d in diagnostics if d.severity == "error"]
    assert (scenario is None) == bool(errors)
    lines = max(1, data.count(b"\n") + 1)
    for d in diagnostics:
        assert d.path == path and d.severity in ("error", "warning") and d.message and d.code
        assert 1 <= d.line <= lines and d.col >= 1, d
        d.format()
    event("loads" if scenario is not None else f"refused: {errors[0].code}")
    if scenario is not None:
        for d in analyse(scenario, data.decode("utf-8")):
            assert 1 <= d.line <= lines and d.col >= 1, d
        playtest(scenario, 2)


# ---- the tutorial, mutated ---------------------------------------------------------------------------


@st.composite
def mutated_lines(draw: st.DrawFn) -> bytes:
    lines = list(TUTORIAL_LINES)
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "snippet", "truncate"]))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i : i + draw(st.integers(1, 8))]
        elif op == "duplicate":
            lines[i:i] = lines[i : i + draw(st.integers(1, 8))]
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=40)).encode("utf-8") + b"\n")
        elif op == "snippet":
            lines.insert(i, draw(st.sampled_from(SNIPPETS)) + b"\n")
        else:
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]) - 1)))]
        if not lines:
            lines = [b""]
    return b"".join(lines)


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    data = bytearray(TUTORIAL_BYTES)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "flip", "duplicate"]))
        i = draw(st.integers(0, len(data)))
        if op == "delete":
            del data[i : i + draw(st.integers(1, 40))]
        elif op == "insert":
            junk = st.binary(min_size=1, max_size=8) | st.sampled_from([b'"', b"[", b"=", b"\n", b"\xff"])
            data[i:i] = draw(junk)
        elif op == "flip" and i < len(data):
            data[i] = draw(st.integers(0, 255))
        else:
            data[i:i] = data[i : i + draw(st.integers(1, 200))]
    return bytes(data)


@examples(400)
@given(mutated_lines())
def test_tutorial_with_lines_deleted_duplicated_swapped_or_inserted(data: bytes) -> None:
    assert_reports_only(data)


@examples(400)
@given(mutated_bytes())
def test_tutorial_with_bytes_deleted_inserted_flipped_or_duplicated(data: bytes) -> None:
    assert_reports_only(data)


# ---- random TOML documents ----------------------------------------------------------------------------

scalars = st.one_of(
    st.text(max_size=20),
    st.sampled_from(WORDS),
    st.integers(-(2**63), 2**63 - 1),
    st.integers(-3, 8),
    st.booleans(),
    st.floats(allow_nan=False),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))
values = st.recursive(scalars,
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                      max_leaves=25)
documents = st.dictionaries(keys, st.dictionaries(keys, values, max_size=5) | values, max_size=5)


@examples(150)
@given(documents)
def test_random_toml_documents(doc: dict[str, Any]) -> None:
    text = toml_dumps(doc)
    assert tomllib.loads(text) == doc  # the writer is right, so the loader really sees this document
    assert_reports_only(text.encode("utf-8"))
    _glossary, diagnostics = read_glossary(text.encode("utf-8"), "glossary.toml")
    assert all(isinstance(d, Diagnostic) for d in diagnostics)


@st.composite
def tutorial_with_parts_replaced(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(TUTORIAL)
    for _ in range(draw(st.integers(1, 4))):
        parent: Any = doc
        key: Any = draw(st.sampled_from(list(doc)))
        while isinstance(parent[key], dict | list) and parent[key] and draw(st.integers(0, 4)):
            parent = parent[key]
            key = draw(st.sampled_from(list(parent) if isinstance(parent, dict) else range(len(parent))))
        action = draw(st.sampled_from(["replace", "delete", "add", "copy"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(keys)] = draw(values)
        elif action == "copy" and isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS))] = copy.deepcopy(parent[key])
        else:
            parent[key] = draw(values)
    return doc


@examples(200)
@given(tutorial_with_parts_replaced())
def test_tutorial_with_parts_of_its_tree_replaced(doc: dict[str, Any]) -> None:
    assert_reports_only(toml_dumps(doc).encode("utf-8"))


# ---- a folder of files: Catalog.load and check_paths ----------------------------------------------------


@examples(25)
@given(st.lists(mutated_lines() | mutated_bytes() | documents.map(lambda d: toml_dumps(d).encode("utf-8")),
                min_size=1, max_size=3))
def test_catalog_and_checker_on_a_folder_of_broken_files(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for i, data in enumerate(files):
            (Path(folder) / f"case{i}.toml").write_bytes(data)
        (Path(folder) / "glossary.toml").write_bytes(files[0])
        catalog = Catalog.load(folder)
        # Every case file ends up loaded or refused (a duplicate id is refused), never silently dropped.
        case_failures = [f for f in catalog.failures if Path(f.path).name != "glossary.toml"]
        assert len(catalog.scenarios) + len(case_failures) == len(files)
        results = check_paths([folder], playtest_runs=2)
        assert len(results) == len(files) + 1
        assert all(isinstance(d, Diagnostic) for r in results for d in r.diagnostics)


# ---- expressions ---------------------------------------------------------------------------------------

TOKENS = ["has", "visited", "visits", "answered", "concluded", "score", "held", "gain", "(", ")", ",", "and",
          "or", "not", "==", "!=", "<", "<=", ">", ">=", "+", "-", "=", "+=", "-=", "true", "false", "0", "1",
          "42", "x", "flag_a", "_", "sheet_list", " ", "\t", "\n", '"', "#", "&&", "!", "=>",
          "12345678901234567890"]
expressions = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(TOKENS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=30).map("".join),
)


class _Anything:
    """A session stand-in that answers every question the evaluator can ask."""

    def has(self, evidence_id: str) -> bool:
        return len(evidence_id) % 2 == 0

    def visits(self, scene_id: str) -> int:
        return len(scene_id) % 3

    def answered(self, question_id: str) -> bool:
        return True

    def concluded(self, question_id: str, interpretation_id: str) -> bool:
        return question_id < interpretation_id

    def score(self, question_id: str) -> int:
        return 50

    def held_count(self) -> int:
        return 2

    def flag(self, name: str) -> int | bool:
        return len(name)


@examples(1000)
@given(expressions)
def test_expressions_raise_nothing_but_expr_error(source: str) -> None:
    for parse in (parse_condition, parse_effect):
        try:
            node = parse(source)
        except ExprError as err:
            assert err.message and 1 <= err.col <= len(source) + 1, (source, err.message, err.col)
            continue
        list(references(node))
        list(flags_read(node))
        if parse is parse_condition:
            evaluate(node, _Anything())


def test_pathological_expressions_are_refused_cleanly() -> None:
    for source in ["(" * 2000 + "1" + ")" * 2000, "not " * 3000 + "x", "-" * 3000 + "1",
                   " + ".join(["a"] * 5000), "9" * 5000, "x = " + "(" * 2000, "has(" + "a," * 3000 + "a)"]:
        for parse in (parse_condition, parse_effect):
            with pytest.raises(ExprError):
                parse(source)


def test_a_huge_condition_in_a_file_is_a_diagnostic() -> None:
    text = TUTORIAL_BYTES.replace(b'if = "held() >= 2"', b'if = "' + b"(" * 300 + b"1" + b")" * 300 + b'"')
    scenario, diagnostics = read_scenario(text, "tutorial.toml")
    assert scenario is None
    assert [d.code for d in diagnostics] == ["bad-condition"]
    longer = TUTORIAL_BYTES.replace(b'if = "held() >= 2"', b'if = "' + b"x + " * 5000 + b'1"')
    scenario, diagnostics = read_scenario(longer, "tutorial.toml")
    assert scenario is None
    assert [d.code for d in diagnostics] == ["too-long"]
    assert "limit is 1,000" in diagnostics[0].message


def test_line_numbers_count_only_newlines() -> None:
    # str.splitlines() also breaks at \x85, \u2028 and friends, which TOML allows inside strings.
    text = TUTORIAL_BYTES.decode("utf-8")
    text = text.replace('title = "The reading room"\ntext = """',
                        'title = "The reading room"\ntext = """\u2028')
    text = text.replace('goto = "porter"', 'goto = "portr"')
    _scenario, diagnostics = read_scenario(text.encode("utf-8"), "tutorial.toml")
    [diag] = diagnostics
    assert diag.code == "unknown-scene"
    assert text.split("\n")[diag.line - 1].strip() == 'goto = "portr"'


def test_an_unreadable_glossary_is_a_failure_not_a_crash(tmp_path) -> None:
    import shutil

    from game.engine import Catalog

    shutil.copy(ROOT / "scenarios" / "tutorial.toml", tmp_path / "tutorial.toml")
    (tmp_path / "glossary.toml").mkdir()  # a folder where the file should be: reading it fails
    catalog = Catalog.load(tmp_path)
    assert "tutorial" in catalog.scenarios
    assert [f.path for f in catalog.failures] == [str(tmp_path / "glossary.toml")]


# ---- any bytes at all --------------------------------------------------------------------------------


@examples(300)
@given(st.binary(max_size=2000) | st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_diagnostics_never_an_exception(data: bytes) -> None:
    scenario, diagnostics = read_scenario(data, "fuzz.toml")
    assert scenario is None or not any(d.severity == "error" for d in diagnostics)
    assert all(isinstance(d, Diagnostic) for d in diagnostics)
    assert scenario is not None or any(d.severity == "error" for d in diagnostics)
    _glossary, more = read_glossary(data, "glossary.toml")
    assert all(isinstance(d, Diagnostic) for d in more)


@examples(200)
@given(st.lists(st.sampled_from(SNIPPETS + [b"[[", b"{", b"}", b"9" * 40, b"a.b.c.d", b"\x00",
                                           b"\xe2\x80\x9c", b'"""', b"'", b",", b"=", b" ", b"\n",
                                           b"[" * 40]),
                max_size=40).map(b"".join))
def test_toml_fragments_give_diagnostics_never_an_exception(data: bytes) -> None:
    assert_reports_only(TUTORIAL_BYTES[:2000] + data)


# ---- the optional compiled parser changes nothing ------------------------------------------------------


def _rtoml() -> Any:
    return pytest.importorskip("rtoml", reason="the optional compiled TOML parser (verdict[fast]) is missing")


def _both(text: str) -> tuple[object, object]:
    def parse(loads: Any) -> object:
        try:
            return ("ok", loads(text))
        except Exception as err:
            return ("refused", type(err).__name__)

    return parse(_rtoml().loads), parse(tomllib.loads)


@examples(300)
@given(mutated_lines() | mutated_bytes() | documents.map(toml_dumps).map(lambda t: t.encode("utf-8")))
def test_the_compiled_parser_accepts_only_what_tomllib_accepts_and_reads_it_the_same(data: bytes) -> None:
    from game.engine.load.parsing import _fast_is_safe

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not _fast_is_safe(text):
        event("left to tomllib")
        return  # what rtoml reads more leniently than TOML 1.0 never reaches it
    fast, slow = _both(text)
    if fast[0] == "ok":  # type: ignore[index]
        assert slow == fast, text[:300]  # and so the loader, which uses the first that accepts, sees the same


@pytest.mark.parametrize("text", ["a = {\nb = 1\n}", "a = {b = 1,}", 'a = "\\e"', 'a = "\\x41"', "t = 07:32",
                                  "[a]\nb = [[], {0\n = ''}]"])
def test_what_only_the_compiled_parser_accepts_is_left_to_tomllib(text: str) -> None:
    from game.engine.load.parsing import _fast_is_safe, parse_toml
    from game.engine.load.source import Source

    fast, slow = _both(text)
    assert fast[0] == "ok" and slow[0] == "refused"  # type: ignore[index]  # rtoml is more lenient here
    assert not _fast_is_safe(text)
    assert parse_toml(Source("x.toml", text)) is None  # and so the loader refuses it, as tomllib does


def test_diagnostics_are_the_same_with_and_without_the_compiled_parser() -> None:
    from game.engine.load import parsing

    _rtoml()
    inputs = [TUTORIAL_BYTES, TUTORIAL_BYTES.replace(b'goto = "porter"', b'goto = "portr"'),
              TUTORIAL_BYTES.replace(b'title = "The reading room"', b'title = "The reading room'),
              TUTORIAL_BYTES + b"\nx = [" + b"[" * 200 + b"]" * 200 + b"]\n",
              TUTORIAL_BYTES.replace(b"minutes = 5", b"minutes = " + b"9" * 30)]
    try:
        parsing.set_fast(True)
        fast = [read_scenario(data, "tutorial.toml") for data in inputs]
        parsing.set_fast(False)
        slow = [read_scenario(data, "tutorial.toml") for data in inputs]
    finally:
        parsing.set_fast(True)
    assert [d for _, d in fast] == [d for _, d in slow]
    assert [s for s, _ in fast] == [s for s, _ in slow]
