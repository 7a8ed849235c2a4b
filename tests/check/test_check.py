"""`verdict check` on broken files: the exact messages a teacher sees, exit codes, JSON, and no tracebacks.

Each fixture in fixtures/ is a small scenario with one thing wrong (a folder holds a multi-file case).
Its expected output sits next to it as NAME.expected. After a deliberate change to a message, regenerate
them by hand and review the diff:

    VERDICT_REGEN_EXPECTED=1 python -m pytest tests/check

A fixture whose first line is `# check-args: ...` is checked with those extra arguments.

Every code a fixture shows has its entry in the checker's message table (game/engine/messages.py), and
every entry there is shown by a fixture: tests/check/test_messages.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGENERATE = os.environ.get("VERDICT_REGEN_EXPECTED") == "1"
DIAGNOSTIC = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): "
                        r"(?P<message>.*) \[(?P<code>[a-z-]+)\]$")

# fixture -> (the code it is there to show, how many diagnostics it gives)
CASES: dict[str, tuple[str, int]] = {
    "toml_syntax": ("toml-syntax", 1),
    "not_utf8": ("encoding", 1),
    "unknown_key": ("unknown-key", 1),
    "unknown_table": ("unknown-key", 1),
    "missing_field": ("missing-field", 1),
    "wrong_type": ("wrong-type", 1),
    "bad_enum": ("bad-value", 1),
    "bad_option": ("bad-value", 1),  # a play option ([scenario] sourcing) misspelt
    "class_file": ("unknown-key", 1),  # a misspelt key in a teacher's class.toml
    "bad_stance": ("bad-value", 1),
    "bad_id": ("bad-id", 1),
    "bad_condition": ("bad-condition", 1),
    "bad_effect": ("bad-effect", 1),
    "unknown_scene": ("unknown-scene", 1),
    "misspelt_scene": ("unknown-scene", 1),
    "missing_start": ("unknown-scene", 1),
    "unknown_evidence": ("unknown-evidence", 1),
    "unknown_question": ("unknown-question", 1),
    "unknown_interpretation": ("unknown-interpretation", 1),
    "ending_without_debrief": ("missing-field", 1),
    "duplicate_id": ("duplicate-id", 1),  # and no hint to rename the copy after the case it copies
    "unreachable_scene": ("unreachable-scene", 1),
    "dead_end": ("dead-end", 1),
    "unreachable_ending": ("unreachable-ending", 1),
    "unobtainable_evidence": ("unobtainable-evidence", 1),
    "checkpoint_before_evidence": ("checkpoint-before-evidence", 1),
    "unsupported_interpretation": ("unsupported-interpretation", 1),
    "unset_flag": ("unset-flag", 1),
    "bad_counter": ("bad-counter", 1),  # a brace that is never closed, at its column in the [scenario] line
    "counter_flag": ("unset-flag", 1),  # a scene's counter shows a misspelt flag: did you mean, {rumours}
    "trap_loop": ("trap", 2),  # one for each scene of the loop
    "no_way_on": ("no-way-on", 4),  # and the playtest's coverage warnings
    # evidence by reference ([evidence.x] from = "case.item"), resolved against the game's own cases
    "bad_reference": ("bad-reference", 1),
    "reference_keys": ("reference-keys", 1),
    "reference_unknown_case": ("unknown-case", 1),
    "reference_unknown_item": ("unknown-evidence", 1),
    "reference_self": ("reference-self", 1),
    "reference_chain": ("reference-chain", 1),  # a folder: the item borrowed is itself borrowed
    "reference_failed": ("reference-failed", 2),  # a folder: and the borrowed case's own error
    # One for each code of the message table (game/engine/messages.py) no fixture above shows.
    "too_deep": ("too-deep", 1),
    "too_many": ("too-many", 1),
    "too_long": ("too-long", 1),
    "empty_field": ("empty-field", 1),
    "bad_text": ("bad-text", 1),
    "id_filename": ("id-filename", 1),
    "empty_alias": ("empty-alias", 1),  # a folder holding a glossary
    "interpretation_count": ("interpretation-count", 1),
    "debrief_not_ending": ("debrief-not-ending", 1),
    "ending_choices": ("ending-choices", 1),
    "bad_flag": ("bad-flag", 1),
    "no_ending": ("no-ending", 6),  # and a trap for every scene
    "weak_question": ("weak-question", 1),
    "evidence_unused": ("evidence-unused", 1),
    "citation_incomplete": ("citation-incomplete", 1),
    "unused_question": ("unused-question", 1),
    "unused_flag": ("unused-flag", 1),
    "gated_scene": ("gated-scene", 3),  # and the choice that can never be taken, and the ending beyond
    "gated_ending": ("gated-ending", 2),  # and the choice that can never be taken
    "never_holds": ("never-holds", 1),
    "no_ending_reached": ("no-ending-reached", 5),  # and playtest-long, and the coverage warnings
    "outline_unknown": ("outline-unknown", 2),  # outline.toml beside a case: a misspelt case and evidence id
    "outline_uncovered": ("outline-uncovered", 1),  # a point of the outline no case treats
}


def verdict_check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "game", "check", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def fixture_path(name: str) -> Path:
    folder = FIXTURES / name
    return folder if folder.is_dir() else FIXTURES / f"{name}.toml"


def fixture_args(path: Path) -> list[str]:
    if path.is_dir():
        return []
    first = path.read_bytes().split(b"\n", 1)[0].decode("latin-1")
    return first.removeprefix("# check-args:").split() if first.startswith("# check-args:") else []


def diagnostics(output: str) -> list[re.Match[str]]:
    return [m for line in output.splitlines() if (m := DIAGNOSTIC.match(line))]


def test_every_fixture_is_listed() -> None:
    on_disk = {p.stem for p in FIXTURES.glob("*.toml")} | {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert on_disk == set(CASES)
    assert len(CASES) >= 20


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_output(name: str) -> None:
    path = fixture_path(name)
    result = verdict_check(*fixture_args(path), path.name, cwd=FIXTURES)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr == ""
    expected_file = FIXTURES / f"{name}.expected"
    if REGENERATE:
        expected_file.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected_file.read_text(encoding="utf-8")

    code, count = CASES[name]
    found = diagnostics(result.stdout)
    assert len(found) == count, result.stdout
    assert code in {m["code"] for m in found}, result.stdout
    for match in found:  # every message names the file it is about and a real position in it
        assert match["path"].startswith(path.name)
        line_count = len((FIXTURES / match["path"]).read_bytes().splitlines())
        assert 1 <= int(match["line"]) <= max(1, line_count)
    errors = any(m["severity"] == "error" for m in found)
    assert result.returncode == (1 if errors else 0)


def test_misspelt_scene_id_gives_one_line_with_file_line_bad_and_nearest_id() -> None:
    path = FIXTURES / "misspelt_scene.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if 'goto = "bindry"' in text)
    result = verdict_check(str(path))
    assert result.returncode == 1
    *lines, summary = result.stdout.splitlines()
    assert summary == "1 file(s) checked: 1 error(s), 0 warning(s)"
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(f"{path}:{line}:")
    assert "'bindry'" in lines[0] and "did you mean 'bindery'?" in lines[0]


def test_shipped_scenarios_are_clean() -> None:
    result = verdict_check("scenarios")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 error(s)" in result.stdout.splitlines()[-1]


def test_tutorial_is_clean_even_when_strict_with_a_playtest() -> None:
    result = verdict_check("--strict", "--playtest", "30", "scenarios/tutorial.toml")
    assert result.returncode == 0, result.stdout
    assert "playtest 30 runs: scenes 12/12" in result.stdout


def test_exit_codes() -> None:
    warning_only = "tests/check/fixtures/unreachable_scene.toml"
    assert verdict_check("scenarios/tutorial.toml").returncode == 0
    assert verdict_check("tests/check/fixtures/unknown_scene.toml").returncode == 1
    assert verdict_check(warning_only).returncode == 0
    assert verdict_check("--strict", warning_only).returncode == 1
    # one bad file fails the run even when the others are clean
    assert verdict_check("scenarios/tutorial.toml", "tests/check/fixtures/dead_end.toml").returncode == 1


@pytest.mark.parametrize("args", [
    ["--no-such-option", "scenarios"],
    ["--format", "xml", "scenarios"],
    ["--playtest", "many", "scenarios"],
    ["--playtest", "-1", "scenarios"],
    ["no/such/folder"],
    ["scenarios/tutorial.toml", "no_such_file.toml"],
])
def test_usage_errors_exit_2_without_a_traceback(args: list[str]) -> None:
    result = verdict_check(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()  # says what was wrong


def test_missing_path_is_named() -> None:
    result = verdict_check("no/such/folder")
    assert "no/such/folder" in result.stderr


def test_json_format() -> None:
    result = verdict_check("--format", "json", "--playtest", "30", "scenarios/tutorial.toml",
                           "tests/check/fixtures/unknown_scene.toml", "tests/check/fixtures/unset_flag.toml")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {"files", "errors", "warnings"}
    assert (report["errors"], report["warnings"]) == (1, 1)
    tutorial, unknown, unset = report["files"]
    assert tutorial == {"path": "scenarios/tutorial.toml", "scenario": "tutorial", "diagnostics": [],
                        "playtest": tutorial["playtest"]}
    assert set(tutorial["playtest"]) >= {"runs", "scenes", "choices", "endings", "stuck", "scene_coverage"}
    assert tutorial["playtest"]["runs"] == 30
    assert unknown["scenario"] is None and unknown["playtest"] is None
    [diag] = unknown["diagnostics"]
    assert set(diag) == {"path", "line", "col", "severity", "message", "code", "hint"}
    assert diag["path"] == "tests/check/fixtures/unknown_scene.toml"
    assert (diag["severity"], diag["code"]) == ("error", "unknown-scene")
    assert isinstance(diag["line"], int) and isinstance(diag["col"], int) and diag["line"] > 1
    assert "did you mean 'binder'?" in diag["message"]
    assert unset["scenario"] == "unset_flag"
    assert [d["code"] for d in unset["diagnostics"]] == ["unset-flag"]


def test_json_format_for_a_file_that_is_not_toml() -> None:
    result = verdict_check("--format", "json", "tests/check/fixtures/toml_syntax.toml")
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    assert report["files"][0]["diagnostics"][0]["code"] == "toml-syntax"


@pytest.mark.parametrize("content", [
    b"",
    b"\x00\x01\x02\xff\xfe",
    b"\xef\xbb\xbf[scenario]\nid = 'bom'\n",
    b"[scenario]\n",
    b"scenario = 1\nscenes = []\nevidence = 'x'\nquestions = [1, 2]\n",
    b"[scenes.a]\nchoices = 3\npassages = {if = 1}\n[[scenes.b.choices]]\ngoto = 1\n",
    b"[questions.q]\ninterpretations = []\nstances = {a = 1, b = {c = 2}}\n",
    b"[scenario]\nstart = 'a'\n[scenes.a]\nchoices = [{goto = 'a', if = '((('}, 'x']\n",
    b"[evidence]\n\"bad id\" = {kind = 1}\n[scenes.'A b']\nending = 'yes'\n",
])
def test_no_bad_file_gives_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.toml"
    path.write_bytes(content)
    for fmt in ("text", "json"):
        result = verdict_check("--format", fmt, "--playtest", "3", str(path))
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 1
        assert str(path) in result.stdout


def test_all_fixtures_at_once_in_one_run() -> None:
    folders = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
    result = verdict_check("--playtest", "5", "tests/check/fixtures",
                           *(str(f.relative_to(ROOT)) for f in folders))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    in_folders = sum(len(list(f.glob("*.toml"))) for f in folders)  # each folder is one case in CASES
    assert f"{len(CASES) - len(folders) + in_folders} file(s) checked" in result.stdout
