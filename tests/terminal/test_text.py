"""`verdict text` with piped input, as a screen-reader user or a script would drive it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[")

# The tutorial's best route: folder, bindery, shelves, verdict, second verdict, ending.
ROUTE = [
    "",  # content note: press Enter
    "1",  # open the folder
    "1",  # return
    "2",  # go down to the bindery (the folder choice is gone: once)
    "1",  # search the shelves
    "1",  # back up
    "c",
    "1",
    "",
    "",  # read the casebook, then back
    "4",  # tell Vera Pavlovna you are ready
    "1",
    "2 3",
    "1",
    "y",
    "",  # verdict: bindery, cite log + box, certain, confirm, continue
    "1",  # hand her the page
    "1",
    "2 3",
    "2",
    "y",
    "",  # second verdict: routine, log + box, probable
    "1",  # collect the ticket
]


def run(args: list[str], lines: list[str], data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    # Each run gets its own save folder unless a test shares one on purpose (to resume).
    env = {**os.environ, "VERDICT_DATA_DIR": str(data_dir or tempfile.mkdtemp(prefix="verdict-test-"))}
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env=env,
    )


def test_piped_input_plays_the_tutorial_to_its_debrief() -> None:
    result = run(["text", "tutorial"], ROUTE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Content note:" in out
    assert "New evidence in your casebook: The bindery log" not in out  # titles are as written
    assert "New evidence in your casebook: Bindery log, 1968." in out
    assert "Provenance: Typed inventory" in out  # the casebook was read
    assert re.search(r"Score: (8[5-9]|9\d|100)/100", out)
    assert "Debrief: A reader's ticket" in out
    assert "What became of them" in out
    assert "Traceback" not in result.stderr
    assert not ANSI.search(out), "no escape codes when not on a terminal"


def test_the_case_menu_lists_cases_and_accepts_a_number() -> None:
    result = run(["text"], ["1", ""])
    assert "The Missing Page" in result.stdout and "Choose a case" in result.stdout
    assert "(Input ended.)" in result.stdout and result.returncode == 0


def test_undo_and_help_and_bad_input() -> None:
    result = run(["text", "tutorial"], ["", "2", "u", "h", "zzz", "9", "q"])
    out = result.stdout
    assert "Undone." in out and "casebook: read the evidence" in out
    assert out.count("Type a number from 1 to") >= 2
    assert "Goodbye." in out


@pytest.mark.parametrize("seed", [1, 2, 3, 7, 42])
def test_autoplay_reaches_an_ending(seed: int) -> None:
    result = run(["text", "tutorial", "--autoplay", str(seed)], [])
    assert result.returncode == 0, result.stderr
    assert re.search(r"Reached ending: ending_(ready|again)", result.stdout)
    assert "[verdict" not in result.stdout and "Score:" in result.stdout


def test_an_unknown_case_is_reported() -> None:
    result = run(["text", "nonexistent"], [])
    assert result.returncode == 1 and "There is no case 'nonexistent'" in result.stdout


def test_a_broken_file_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text(
        (ROOT / "scenarios" / "tutorial.toml").read_text().replace('goto = "porter"', 'goto = "portr"')
    )
    result = run(["text", str(bad)], [])
    assert result.returncode == 1
    assert re.search(
        r"broken\.toml:\d+:\d+: error: unknown scene 'portr' in goto; did you mean 'porter'\?", result.stdout
    )
    assert "Traceback" not in result.stderr


def test_a_case_report_is_written_for_the_teacher(tmp_path: Path) -> None:
    import json

    target = tmp_path / "report.json"
    result = run(["text", "tutorial", "--report", str(target)], ROUTE)
    assert result.returncode == 0 and "hand it to your teacher" in result.stdout
    report = json.loads(target.read_text())
    assert (
        report["format"] == "verdict-report"
        and report["finished"]
        and report["ending"] == "A reader's ticket"
    )
    assert [v["question"] for v in report["verdicts"]] == ["missing_page", "lesson"]
    first = report["verdicts"][0]
    assert first["interpretation"] == "bindery" and first["score"] >= 85
    assert {c["id"] for c in first["cited"]} == {"rebinding_log", "repair_box"}
    assert sum(line["points"] for line in first["lines"]) == first["score"]
    text = tmp_path / "report.txt"
    run(["text", "tutorial", "--autoplay", "3", "--report", str(text)], [])
    assert text.read_text().startswith("Verdict case report: The Missing Page (tutorial)")


def test_quitting_keeps_the_place_and_resuming_returns_to_it(tmp_path: Path) -> None:
    first = run(["text", "tutorial"], ["", "2", "q"], data_dir=tmp_path)  # to the porter, then quit
    assert "Your place is saved." in first.stdout
    second = run(["text", "tutorial"], ["", "y", "c", "1", "", "q"], data_dir=tmp_path)
    resumed = second.stdout.split("Resume where you left off?")[1]
    assert resumed.lstrip().split("\n")[2] == "The night porter"
    assert "1. The porter's story" in resumed  # the evidence came back with the place
    fresh = run(["text", "tutorial"], ["", "n", "q"], data_dir=tmp_path)
    after = fresh.stdout.split("Resume where you left off?")[1]
    assert "The reading room" in after and "The night porter" not in after


def test_a_corrupt_terminal_save_is_reported_and_set_aside(tmp_path: Path) -> None:
    from game.app.storage import FileStorage

    FileStorage(tmp_path).path("save.tutorial").write_text("{ this is not a save")
    result = run(["text", "tutorial"], ["", "q"], data_dir=tmp_path)
    assert "could not be read" in result.stdout and "starts afresh" in result.stdout
    assert "Traceback" not in result.stderr
    assert any(p.name.startswith("save.tutorial.corrupt") for p in tmp_path.iterdir())


def test_no_save_leaves_no_trace(tmp_path: Path) -> None:
    run(["text", "tutorial", "--no-save"], ["", "2", "q"], data_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []
