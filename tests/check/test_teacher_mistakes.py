"""The mistakes a teacher who has never programmed makes while writing a case, and the message each gets.

Each test starts from the tutorial, makes one realistic mistake, and checks the code, the line the message
points at, and the words of its hint.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from game.check import check_paths
from game.engine.diagnostics import Diagnostic
from game.engine.load import read_glossary, read_scenario

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = (ROOT / "scenarios" / "tutorial.toml").read_text(encoding="utf-8")
LINES = TUTORIAL.split("\n")
FOLDER_COND = 'if = "visited(the_folder) and not has(clerk_statement)"'


def edited(old: str, new: str) -> str:
    assert TUTORIAL.count(old) >= 1, old
    return TUTORIAL.replace(old, new, 1)


def line_of(text: str, snippet: str, after: int = 0) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if n > after and snippet in line)


def loaded(text: str | bytes) -> list[Diagnostic]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_scenario(data, "tutorial.toml")[1]


def checked(text: str, tmp_path: Path, name: str = "tutorial.toml") -> list[Diagnostic]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [result] = check_paths([str(path)], 20, quiet_playtest=True, shipped=None)
    return result.diagnostics


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    errors = [d for d in diagnostics if d.severity == "error"]
    assert len(errors) == 1, [d.format() for d in diagnostics]
    return errors[0]


# ---- syntax a word processor produces ----------------------------------------------------------------


def test_an_unclosed_triple_quote_is_reported_where_it_opened() -> None:
    opening = TUTORIAL.index('text = """', TUTORIAL.index("[scenes.reading_room]"))
    end = TUTORIAL.index('"""', opening + len('text = """'))  # the closing quotes, taken away
    text = TUTORIAL[:end] + TUTORIAL[end + 3 :]
    diag = only(loaded(text))
    opened = line_of(TUTORIAL, 'text = """', after=line_of(TUTORIAL, "[scenes.reading_room]"))
    assert (diag.code, diag.line) == ("toml-syntax", opened)
    assert "never closed" in diag.message and '"""' in diag.hint


def test_an_empty_string_followed_by_prose_is_reported_on_its_line() -> None:
    text = edited('title = "The reading room"\ntext = """', 'title = "The reading room"\ntext = ""')
    diag = only(loaded(text))
    assert diag.line == line_of(text, "[scenes.reading_room]") + 2 and '"""' in diag.hint


def test_curly_quotes_are_named() -> None:
    text = edited('title = "The reading room"', "title = \u201cThe reading room\u201d")
    diag = only(loaded(text))
    assert "curly quotes" in diag.message and diag.line == line_of(text, "The reading room")
    assert "straight quotes" in diag.hint


def test_a_byte_order_mark_is_accepted() -> None:
    scenario, diagnostics = read_scenario(b"\xef\xbb\xbf" + TUTORIAL.encode("utf-8"), "tutorial.toml")
    assert scenario is not None and diagnostics == []


def test_a_double_slash_comment_gets_a_hint() -> None:
    text = edited("[scenes.reading_room]", "// the first room\n[scenes.reading_room]")
    diag = only(loaded(text))
    assert diag.line == line_of(text, "// the first room") and "#" in diag.hint


@pytest.mark.parametrize(("condition", "hint"), [
    ("visited(the_folder) && not has(clerk_statement)", "write 'and' instead of &&"),
    ("visited(the_folder) || has(clerk_statement)", "write 'or' instead of ||"),
    ("visited(the_folder) and not has('clerk_statement')", "write clerk_statement, not 'clerk_statement'"),
    ("visited(clerk_statement)", "'clerk_statement' is an evidence item: write has(clerk_statement)"),
    ("has(the_folder)", "'the_folder' is a scene: write visited(the_folder)"),
])
def test_conditions_in_another_language_get_a_hint_naming_the_right_form(condition: str, hint: str) -> None:
    text = edited(FOLDER_COND, f'if = "{condition}"')
    diag = only(loaded(text))
    assert diag.line == line_of(text, condition)
    assert diag.hint.endswith(hint), diag.format()


# ---- TOML tables where they bite; everything in one pass ------------------------------------------------


def test_a_scene_key_written_after_a_choice_gets_a_hint_and_every_problem_is_reported() -> None:
    start = TUTORIAL.index("[scenes.bindery]")
    text_start = TUTORIAL.index('text = """', start)
    text_end = TUTORIAL.index('"""', text_start + 10) + 3
    scene_text = TUTORIAL[text_start:text_end]
    without = TUTORIAL[:text_start] + TUTORIAL[text_end:]
    choice = without.index('goto = "shelves"')
    text = without[:choice] + scene_text + "\n" + without[choice:]
    text = text.replace('title = "The top shelf"', 'title = ""')  # a second, unrelated problem
    found = {d.code: d for d in loaded(text)}
    assert set(found) >= {"unknown-key", "missing-field", "empty-field"}, list(found)
    assert "belongs to the scene" in found["unknown-key"].hint
    assert "[[scenes.bindery.choices]]" in found["unknown-key"].hint


# ---- what the front ends cannot draw or save -----------------------------------------------------------


@pytest.mark.parametrize(("value", "code", "words"), [
    ('"The\\u0000Page"', "bad-text", "control character"),
    ('"\\u200b"', "empty-field", "only invisible characters"),
    ('"Fake\\rReal"', "bad-text", "one line"),
    ('"' + "T" * 301 + '"', "too-long", "the limit is 300"),
])
def test_text_no_front_end_can_draw_names_file_line_and_key(value: str, code: str, words: str) -> None:
    text = edited('title = "The Missing Page"', f"title = {value}")
    diag = only(loaded(text))
    assert (diag.path, diag.line, diag.code) == ("tutorial.toml", line_of(text, "title = " + value[:5]), code)
    assert "'title'" in diag.message and words in diag.message
    assert "\x00" not in diag.format()


@pytest.mark.parametrize("ident", ["tutorial\\n", "t" * 65])
def test_an_id_the_save_store_cannot_hold_is_refused(ident: str) -> None:
    diag = only(loaded(edited('id = "tutorial"', f'id = "{ident}"')))
    assert diag.code in ("bad-id", "bad-text", "too-long") and "'id'" in diag.message


def test_a_flag_name_too_long_to_save_is_refused() -> None:
    diag = only(loaded(edited('"rumours += 1"', '"' + "rumours" * 15_000 + ' += 1"')))
    assert diag.code == "too-long"  # the effect is longer than any effect may be
    diag = only(loaded(edited('"rumours += 1"', '"' + "r" * 65 + ' += 1"')))
    assert diag.code == "bad-flag" and "the limit is 64" in diag.message


def test_a_megabyte_value_is_not_echoed() -> None:
    for text in (edited('goto = "porter"', 'goto = "' + "a" * 1_000_000 + '"'),
                 edited('title = "The Missing Page"',
                        'title = "The Missing Page"\n' + "k" * 1_000_000 + " = 1"),
                 edited(FOLDER_COND, 'if = "' + "x and " * 100 + 'has(nothing)"')):
        for d in loaded(text):
            assert len(d.format()) < 1500, d.code


# ---- a case nobody can finish ------------------------------------------------------------------------


@pytest.mark.parametrize(("condition", "why"), [
    ("score(lesson) >= 170", "score(lesson) is between 0 and 100"),
    ("held() >= 9", "held() is at most"),
    ("visits(verdict_desk) > 1", "visits(verdict_desk) is at most 1"),
])
def test_a_condition_that_can_never_hold_is_an_error(condition: str, why: str, tmp_path: Path) -> None:
    text = edited(FOLDER_COND, f'if = "{condition}"')
    found = [d for d in checked(text, tmp_path) if d.code == "never-holds"]
    assert len(found) == 1, [d.format() for d in checked(text, tmp_path)]
    assert found[0].severity == "error" and why in found[0].message
    assert found[0].line == line_of(text, condition)


def test_evidence_gates_in_a_loop_are_an_error(tmp_path: Path) -> None:
    # The way to the shelves needs the repair box, which is found only on the shelves.
    text = edited('label = "Search the shelves yourself"\ngoto = "shelves"',
                  'label = "Search the shelves yourself"\ngoto = "shelves"\nif = "has(repair_box)"')
    gated = [d for d in checked(text, tmp_path) if d.code == "gated-scene"]
    assert all(d.severity == "error" for d in gated)
    assert line_of(text, "[scenes.shelves]") in [d.line for d in gated]


def test_an_ending_behind_a_gate_that_never_opens_is_an_error(tmp_path: Path) -> None:
    text = edited('if = "score(missing_page) < 60"', 'if = "score(missing_page) < 60 and held() > 99"')
    codes = {d.code for d in checked(text, tmp_path) if d.severity == "error"}
    assert {"gated-ending", "never-holds"} <= codes


def test_a_flag_set_but_never_read_is_a_warning_that_says_why(tmp_path: Path) -> None:
    text = edited('"rumours += 1"', '"rumours += 1", "asked_porter = true"')
    [diag] = [d for d in checked(text, tmp_path) if d.code == "unused-flag"]
    assert diag.severity == "warning" and "changes nothing" in diag.message
    assert diag.line == line_of(text, "asked_porter")


def test_the_shipped_cases_have_none_of_these(tmp_path: Path) -> None:
    for result in check_paths([str(ROOT / "scenarios")], 20, quiet_playtest=True):
        assert result.diagnostics == [], [d.format() for d in result.diagnostics]


# ---- folders -------------------------------------------------------------------------------------------


def test_a_folder_with_no_toml_file_is_an_error_naming_near_misses(tmp_path: Path) -> None:
    (tmp_path / "case.toml.txt").write_text(TUTORIAL, encoding="utf-8")
    (tmp_path / "OTHER.TOML").write_text(TUTORIAL, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    [result] = check_paths([str(tmp_path)])
    [diag] = result.diagnostics
    assert diag.severity == "error" and diag.code == "no-files" and "0 files checked" in diag.message
    assert "case.toml.txt" in diag.hint and "OTHER.TOML" in diag.hint and "notes.txt" not in diag.hint


def test_a_copied_tutorial_in_a_teachers_folder_is_a_duplicate_of_the_shipped_one(tmp_path: Path) -> None:
    copy = tmp_path / "my_case.toml"
    shutil.copy(ROOT / "scenarios" / "tutorial.toml", copy)
    [result] = check_paths([str(tmp_path)])
    [diag] = result.diagnostics
    assert diag.code == "duplicate-id" and diag.severity == "error"
    assert str(ROOT / "scenarios" / "tutorial.toml") in diag.message  # both files are named
    assert diag.path == str(copy)
    assert "rename the file" not in diag.hint


def test_the_shipped_folder_checked_alone_is_no_duplicate_of_itself() -> None:
    results = check_paths([str(ROOT / "scenarios")])
    assert all(d.code != "duplicate-id" for r in results for d in r.diagnostics)


def test_a_file_named_twice_is_checked_once() -> None:
    path = str(ROOT / "scenarios" / "tutorial.toml")
    results = check_paths([path, path, str(ROOT / "scenarios")])
    assert [r.path for r in results].count(path) == 1
    assert all(d.code != "duplicate-id" for r in results for d in r.diagnostics)


def test_an_empty_glossary_alias_is_a_warning() -> None:
    data = b'[terms.nkvd]\nterm = "NKVD"\ndefinition = "The police."\naliases = ["", "Narkomvnudel"]\n'
    glossary, diagnostics = read_glossary(data, "glossary.toml")
    [diag] = diagnostics
    assert diag.severity == "warning" and diag.code == "empty-alias" and diag.line == 4
    assert glossary.terms["nkvd"].aliases == ("Narkomvnudel",)
    hits = glossary.find("the NKVD and the Narkomvnudel and nothing")
    assert [hit.term.id for hit in hits] == ["nkvd", "nkvd"]


# ---- the short playtest `verdict check` and `verdict web` run by default --------------------------------


def test_check_runs_a_short_playtest_by_default(tmp_path: Path) -> None:
    from game.check import run

    fixture = ROOT / "tests" / "check" / "fixtures" / "no_way_on.toml"
    out = io.StringIO()
    assert run([str(fixture)], "text", False, None, out) == 1
    assert "[no-way-on]" in out.getvalue()
    assert "playtest 20 runs" not in out.getvalue()  # coverage figures only when asked for
    out = io.StringIO()
    assert run([str(fixture)], "text", False, 0, out) == 0  # --playtest 0: none


def test_the_web_build_refuses_a_case_no_playthrough_can_finish(tmp_path: Path) -> None:
    from game.webbuild.build import BuildError, check_scenarios

    folder = tmp_path / "teacher"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "check" / "fixtures" / "no_way_on.toml", folder / "no_way_on.toml")
    logged: list[str] = []
    with pytest.raises(BuildError):
        check_scenarios(ROOT / "scenarios", folder, logged.append)
    assert any("[no-way-on]" in line for line in logged)


def test_without_the_explanations_module_a_syntax_error_is_still_a_diagnostic(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "game.engine.load.tomlerrors", None)  # as in the browser build
    diag = only(loaded(edited('title = "The reading room"', 'title = "The reading room')))
    assert diag.code == "toml-syntax" and "line" in diag.message
