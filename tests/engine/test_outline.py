"""outline.toml: the shipped outline loads and every point is covered; mistakes and hostile files are
reported like any case file's, and never take the cases down."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.catalog import Catalog
from game.engine.load import LIMITS, Limits, outline_references, read_outline
from game.engine.load.source import Source
from game.engine.outline import OUTLINE_FILE
from tests.support import SCENARIOS
from tests.support.hostile import CASES as HOSTILE

CATALOG = Catalog.load(SCENARIOS)
# The outline's six branches, and the two it lists inside the army given branches of their own.
SIX = ("political", "industrial", "internal", "kirov", "trials", "army")
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

GOOD = """[outline]
format = 1
title = "A course"

[branches.archives]
title = "Working in an archive"
menu = ["tutorial"]

[[branches.archives.points]]
text = "Missing pages"
cases = ["tutorial"]
see = ["tutorial.bindery", "tutorial.sheet_list"]
"""


def diagnose(text: str | bytes, limits: Limits = LIMITS) -> list[tuple[int, int, str, str, str]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    outline, found = read_outline(data, OUTLINE_FILE, limits)
    src = Source(OUTLINE_FILE, data.decode("utf-8", "replace"))
    outline_references(outline, CATALOG.scenarios, src)
    return [(d.line, d.col, d.severity, d.code, d.message + " | " + d.hint)
            for d in [*found, *src.diagnostics]]


def test_the_shipped_outline_loads_with_every_branch_of_the_student_outline() -> None:
    outline = CATALOG.outline
    assert not CATALOG.failures and not CATALOG.warnings
    # and, last, the debate the capstone argues (the student outline asks it inside the Moscow trials)
    assert tuple(b for b, branch in outline.branches.items() if not branch.part_of) == (*SIX, "debate")
    assert {b: outline.branches[b].part_of for b in ("yezhovshchina", "stakhanovites")} == {
        "yezhovshchina": "army", "stakhanovites": "army"}
    assert all(branch.points for branch in outline.branches.values())
    assert sum(len(b.points) for b in outline.branches.values()) >= 30


def test_every_point_is_covered_and_every_id_it_names_exists() -> None:
    outline = CATALOG.outline
    src = Source(outline.path, Path(outline.path).read_text(encoding="utf-8"))
    outline_references(outline, CATALOG.scenarios, src)
    assert src.diagnostics == []
    for branch in outline.branches.values():
        for point in branch.points:
            assert point.case_ids and set(point.case_ids) <= set(CATALOG.scenarios), point.text
            assert point.see, f"{branch.id}: every shipped point names where exactly: {point.text}"


def test_every_case_but_the_tutorial_sits_under_a_branch_and_the_tutorial_comes_first() -> None:
    groups = CATALOG.outline.menu_groups(CATALOG.scenarios, ["tutorial"])
    assert groups[0].heading == "Practice" and groups[0].cases == ("tutorial",)
    listed = [case for group in groups for case in group.cases]
    assert sorted(listed) == sorted(CATALOG.scenarios)  # each case once
    assert all(group.branch for group in groups[1:])  # no case is left outside the outline
    homes = {case: group.branch for group in groups for case in group.cases}
    assert homes["kirov"] == "kirov" and homes["show_trial"] == "trials" and homes["wreckers"] == "industrial"
    assert homes["mass_operations"] == "yezhovshchina" and homes["historians"] == "debate"
    assert CATALOG.outline.heading("yezhovshchina") == "The army / The Yezhovshchina"


def test_the_outline_is_not_mistaken_for_a_case(tmp_path: Path) -> None:
    shutil.copy(SCENARIOS / "tutorial.toml", tmp_path / "tutorial.toml")
    (tmp_path / OUTLINE_FILE).write_text(GOOD, encoding="utf-8")
    catalog = Catalog.load(tmp_path)
    assert list(catalog.scenarios) == ["tutorial"] and not catalog.failures
    assert list(catalog.outline.branches) == ["archives"]


def test_a_later_folders_outline_adds_branches_and_replaces_those_of_the_same_id(tmp_path: Path) -> None:
    (tmp_path / OUTLINE_FILE).write_text(GOOD.replace("Working in an archive", "Archives, again")
                                         .replace("archives", "kirov"), encoding="utf-8")
    catalog = Catalog.load(SCENARIOS, tmp_path)
    assert catalog.outline.branches["kirov"].title == "Archives, again"
    assert list(catalog.outline.branches)[:2] == ["political", "industrial"]
    assert catalog.outline.home("tutorial") == "kirov"


def test_unknown_ids_are_reported_where_they_stand_with_the_nearest_id() -> None:
    text = GOOD.replace('cases = ["tutorial"]', 'cases = ["tutorail", "kirov"]').replace(
        '"tutorial.bindery"', '"tutorial.bindry", "kriov.hub", "nodot"').replace(
        'menu = ["tutorial"]', 'menu = ["tutorial", "show_trail"]')
    found = diagnose(text)
    assert [(line, col, code) for line, col, _sev, code, _msg in found] == [
        (7, 22, "outline-unknown"), (11, 11, "outline-unknown"), (12, 9, "outline-unknown"),
        (12, 28, "outline-unknown"), (12, 41, "outline-unknown")]
    assert all(sev == "error" for _l, _c, sev, _code, _m in found)
    hints = [msg.split(" | ")[1] for *_rest, msg in found]
    assert hints[:4] == ["did you mean 'show_trial'?", "did you mean 'tutorial'?",
                         "did you mean 'tutorial.bindery'?", "did you mean 'kirov'?"]
    assert "case.scene_id" in hints[4]


def test_a_point_no_case_covers_is_a_warning_and_a_misspelt_case_does_not_cover_it() -> None:
    found = diagnose(GOOD.replace('cases = ["tutorial"]', 'cases = ["tutorail"]').replace(
        'see = ["tutorial.bindery", "tutorial.sheet_list"]', "see = []"))
    assert [(sev, code) for _l, _c, sev, code, _m in found] == [("error", "outline-unknown"),
                                                                ("warning", "outline-uncovered")]
    assert found[1][:2] == (9, 1) and '"Missing pages"' in found[1][4]


def test_part_of_must_name_another_branch() -> None:
    found = diagnose(GOOD.replace('menu = ["tutorial"]', 'part_of = "archivs"'))
    assert [(line, code) for line, _c, _s, code, _m in found] == [(7, "outline-unknown")]
    assert "did you mean" not in found[0][4]  # the only branch is itself
    found = diagnose(GOOD.replace('menu = ["tutorial"]', 'part_of = "archives"'))
    assert [code for *_r, code, _m in found] == ["bad-value"]


# ---- hostile and broken files: reported, never raised, and the cases still load ---------------------------

BROKEN: dict[str, tuple[bytes, str]] = {
    "too_large": (b"# " + b"x" * (LIMITS.file_bytes + 1), "too-large"),
    "not_utf8": (b"\xff\xfe\xfd" * 100, "encoding"),
    "toml_syntax": (b"[outline\nformat = 1\n", "toml-syntax"),
    "no_outline_table": (b'[branches.a]\ntitle = "A"\n[[branches.a.points]]\ntext = "x"\ncases = []\n',
                         "missing-field"),
    "format_as_text": (b'[outline]\nformat = "1"\n', "wrong-type"),
    "title_a_number": (GOOD.replace('title = "Working in an archive"', "title = 3").encode(), "wrong-type"),
    "points_a_number": (b'[outline]\nformat = 1\n[branches.a]\ntitle = "A"\npoints = 5\n', "wrong-type"),
    "points_a_table": (b'[outline]\nformat = 1\n[branches.a]\ntitle = "A"\n[branches.a.points]\ntext = "x"\n',
                       "wrong-type"),
    "cases_a_string": (GOOD.replace('cases = ["tutorial"]', 'cases = "tutorial"').encode(), "wrong-type"),
    "branch_a_list": (b'branches = [1, 2]\n[outline]\nformat = 1\n', "wrong-type"),
    "bad_branch_id": (GOOD.replace("branches.archives", "branches.Archives-1").encode(), "bad-id"),
    "unknown_table": (GOOD.replace("[branches.archives]\n", "[branch.archives]\n", 1).encode(),
                      "unknown-key"),
    "unknown_key": (GOOD.replace('text = "Missing pages"', 'txt = "Missing pages"').encode(), "unknown-key"),
    "nul_in_title": (GOOD.replace("Working in", "Working\\u0000in").encode(), "bad-text"),
    "escape_in_text": (GOOD.replace("Missing pages", "\\u001b[2J\\u001b]0;pwned\\u0007").encode(),
                       "bad-text"),
    "newline_in_case_id": (GOOD.replace('cases = ["tutorial"]', 'cases = ["tutorial\\n"]').encode(),
                           "bad-text"),
    "invisible_text": (GOOD.replace("Missing pages", "\\u200b").encode(), "empty-field"),
    "megabyte_text": (GOOD.replace("Missing pages", "w" * 1_000_000).encode(), "too-long"),
    "deep_arrays": (HOSTILE["deep_arrays"](), "too-deep"),
    "long_dotted_key": (HOSTILE["long_dotted_key"](), "too-deep"),
    "int_5000_digits": (b"[outline]\nformat = " + b"9" * 5_000 + b"\n", ""),
    "random_bytes": (HOSTILE["random_bytes"](), ""),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_outline_is_reported_and_the_cases_still_load(name: str, tmp_path: Path) -> None:
    data, code = BROKEN[name]
    _outline, found = read_outline(data, OUTLINE_FILE)
    errors = [d for d in found if d.severity == "error"]
    assert errors, name
    if code:
        assert code in {d.code for d in errors}, [d.format() for d in found]
    for d in found:
        assert not RAW_CONTROL.search(d.format().replace("\n    hint:", " ")), d.format()
        assert len(d.format()) < 1500
    shutil.copy(SCENARIOS / "tutorial.toml", tmp_path / "tutorial.toml")
    (tmp_path / OUTLINE_FILE).write_bytes(data)
    catalog = Catalog.load(tmp_path)
    assert list(catalog.scenarios) == ["tutorial"]
    assert [Path(f.path).name for f in catalog.failures] == [OUTLINE_FILE]
    assert not catalog.outline  # nothing half-read groups the menu


def test_too_many_branches_or_points_are_refused_by_the_limits() -> None:
    branch = '\n[branches.b{0}]\ntitle = "B"\n[[branches.b{0}.points]]\ntext = "x"\ncases = []\n'
    many = GOOD + "".join(branch.format(i) for i in range(3))
    found = diagnose(many, Limits(outline_branches=3))
    assert "too-many" in {code for *_r, code, _m in found}
    points = GOOD + '\n[[branches.archives.points]]\ntext = "y"\ncases = ["tutorial"]\n'
    assert "too-many" in {code for *_r, code, _m in diagnose(points, Limits(outline_points=1))}


def test_a_huge_file_of_foreign_tables_is_answered_quickly() -> None:
    """[scenes.s0] ... [scenes.s149999]: the unknown table is placed by one search, not a scan per line."""
    import time

    start = time.perf_counter()
    _outline, found = read_outline(HOSTILE["many_scenes"](), OUTLINE_FILE)
    assert time.perf_counter() - start < 4
    assert [(d.line, d.code) for d in found] == [(1, "unknown-key"), (1, "missing-field")]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400)
       | st.text(alphabet="[]{}=\"'.,#\n abcnoutlierfmsp0123456789\x00\x1b", max_size=300)
       .map(lambda t: (GOOD[:60] + t).encode("utf-8")))
def test_any_bytes_give_diagnostics_never_an_exception(data: bytes) -> None:
    outline, found = read_outline(data, OUTLINE_FILE)
    src = Source(OUTLINE_FILE, data.decode("utf-8", "replace"))
    outline_references(outline, CATALOG.scenarios, src)
    for d in [*found, *src.diagnostics]:
        assert d.line >= 1 and d.col >= 1 and d.code
