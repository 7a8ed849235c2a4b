"""`verdict text` with piped input, as a screen-reader user or a script would drive it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.support import ROOT

ANSI = re.compile(r"\x1b\[")

# The tutorial's best route, from its briefing: folder, bindery, shelves, both verdicts, ending, debrief.
ROUTE = [
    "1",  # open the case
    "1", "1",  # read the folder's sheet list, return
    "3", "1", "1",  # down to the bindery, search the shelves, back up (choices keep their numbers)
    "c", "2", "b",  # read the bindery log in the casebook, close it
    "5", "v",  # tell Vera Pavlovna you are ready; open the verdict form
    "1 5 6", "7",  # bindery, cite log + box, certain
    "10", "The log records the repair in 1968 and the box still holds the page.",  # the reasoning
    "12", "1",  # review; file
    "1", "v", "1 5 6", "8", "12", "1",  # hand her the page; second verdict: routine records, probable
    "1", "1",  # collect the ticket; read the debrief
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
    assert "Content note" in out
    assert "[New evidence: Bindery log, 1968] (Added to the casebook)" in out
    assert "Where it comes from" in out  # the casebook was read
    assert "File this verdict?" in out and "You argue" in out  # filing asks first, as everywhere
    assert "Verdict filed: 100 / 100" in out
    assert "Your reasoning: The log records the repair in 1968" in out  # kept, and shown in the debrief
    assert "Debrief: The Missing Page" in out and "What became of them" in out
    assert "Further reading" in out and "What all the evidence in the case supports" in out
    assert "Traceback" not in result.stderr
    assert not ANSI.search(out), "no escape codes when not on a terminal"
    assert "\n> 1 5 6\n" in out  # piped answers are echoed, so the transcript reads as a dialogue


def test_a_case_finished_in_the_terminal_shows_finished_with_its_best_score(tmp_path: Path) -> None:
    run(["text", "tutorial"], ROUTE, data_dir=tmp_path)
    menu = run(["text"], ["1", "q"], data_dir=tmp_path).stdout
    card = menu.split("Case files\n==========")[1].split("2. ")[0]
    assert "Finished" in card and "3 of 5 documents found" in card and "best score 96/100" in card


def test_the_case_menu_lists_cases_and_accepts_a_number() -> None:
    result = run(["text"], ["1", "1"])
    assert "The Missing Page" in result.stdout and "Case files" in result.stdout
    assert "Your role" in result.stdout  # the briefing of case 1
    assert "(Input ended. Your place is saved.)" in result.stdout and result.returncode == 0


def test_undo_help_glossary_and_bad_input() -> None:
    result = run(["text", "tutorial"], ["1", "2", "u", "zzz", "9", "h", "b", "g", "b", "q"])
    out = result.stdout
    assert "How to play" in out and "casebook" in out and "quit the game" in out
    assert out.count("Type 1 or 2, or h for help.") >= 2
    assert "Glossary" in out
    assert "Goodbye. Your place is saved." in out
    # Undo put the player back in the reading room.
    assert out.split("> u\n")[1].lstrip().startswith("The reading room")


@pytest.mark.parametrize("seed", [1, 2, 3, 7, 42])
def test_autoplay_reaches_the_debrief_and_records_progress(seed: int, tmp_path: Path) -> None:
    result = run(["text", "tutorial", "--autoplay", str(seed)], [], data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Debrief: The Missing Page" in result.stdout and "Verdict filed:" in result.stdout
    progress = json.loads((tmp_path / "progress.json").read_text())["cases"]["tutorial"]
    assert progress["finished"] == 1 and progress["best"] is not None


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
    target = tmp_path / "report.json"
    result = run(["text", "tutorial", "--report", str(target)], ROUTE)
    assert result.returncode == 0 and "hand it to your teacher" in result.stdout
    report = json.loads(target.read_text())
    assert report["format"] == "verdict-report" and report["finished"]
    assert report["ending"] == "A reader's ticket"
    assert [v["question"] for v in report["verdicts"]] == ["missing_page", "lesson"]
    first = report["verdicts"][0]
    assert first["interpretation"] == "bindery" and first["score"] >= 85
    assert {c["id"] for c in first["cited"]} == {"rebinding_log", "repair_box"}
    assert sum(line["points"] for line in first["lines"]) == first["score"]
    text = tmp_path / "report.txt"
    run(["text", "tutorial", "--autoplay", "3", "--report", str(text)], [])
    assert text.read_text().startswith("# Verdict case report: The Missing Page (tutorial)")


def test_a_report_never_overwrites_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text("My history essay, due Monday.")
    result = run(["text", "tutorial", "--autoplay", "3", "--report", str(essay)], [])
    assert "not overwritten" in result.stdout
    assert essay.read_text() == "My history essay, due Monday."


def test_quitting_keeps_the_place_and_resuming_returns_to_it(tmp_path: Path) -> None:
    first = run(["text", "tutorial"], ["1", "2", "q"], data_dir=tmp_path)  # to the porter, then quit
    assert "Your place is saved." in first.stdout
    second = run(["text", "tutorial"], ["1", "c", "q"], data_dir=tmp_path)
    assert "Resume the case" in second.stdout
    resumed = second.stdout.split("> 1\n")[1]
    assert resumed.lstrip().startswith("The night porter")
    assert "The porter's story" in resumed  # the evidence came back with the place
    fresh = run(["text", "tutorial"], ["2", "1", "q"], data_dir=tmp_path)  # "Start again", and yes
    assert "Start this case again? Your place in it will be lost." in fresh.stdout
    after = fresh.stdout.split("> 1\n")[-1]
    assert after.lstrip().startswith("The reading room")


def test_a_yes_no_question_takes_y_and_n(tmp_path: Path) -> None:
    run(["text", "tutorial"], ["1", "2", "q"], data_dir=tmp_path)  # to the porter, then quit
    kept = run(["text", "tutorial"], ["2", "n", "q"], data_dir=tmp_path)  # "Start again", and no
    assert "Start this case again?" in kept.stdout and "does nothing here" not in kept.stdout
    assert json.loads((tmp_path / "save.tutorial.json").read_text())["scene"] == "porter"
    fresh = run(["text", "tutorial"], ["2", "y", "q"], data_dir=tmp_path)
    assert fresh.stdout.split("> y\n")[-1].lstrip().startswith("The reading room")


def test_end_of_input_and_a_closed_pipe_end_quietly(tmp_path: Path) -> None:
    ended = run(["text", "tutorial"], ["1", "2"], data_dir=tmp_path)
    assert ended.returncode == 0 and "(Input ended. Your place is saved.)" in ended.stdout
    assert json.loads((tmp_path / "save.tutorial.json").read_text())["scene"] == "porter"
    env = {**os.environ, "VERDICT_DATA_DIR": str(tmp_path)}
    piped = subprocess.run(
        f"{sys.executable} -m game text tutorial --autoplay 1 --no-save | head -3",
        shell=True, capture_output=True, text=True, cwd=ROOT, timeout=60, env=env,
    )
    assert "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr


def test_a_corrupt_terminal_save_is_reported_and_set_aside(tmp_path: Path) -> None:
    from game.app.storage import FileStorage

    FileStorage(tmp_path).path("save.tutorial").write_text("{ this is not a save")
    result = run(["text", "tutorial"], ["1", "q"], data_dir=tmp_path)
    assert "could not be read" in result.stdout and "starts afresh" in result.stdout
    assert "Traceback" not in result.stderr
    assert any(p.name.startswith("save.tutorial.corrupt") for p in tmp_path.iterdir())


def test_no_save_leaves_no_trace(tmp_path: Path) -> None:
    run(["text", "tutorial", "--no-save"], ["1", "2", "q"], data_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_control_characters_from_a_case_never_reach_the_terminal(tmp_path: Path) -> None:
    source = (ROOT / "scenarios" / "tutorial.toml").read_text()
    escapes = "\\u001b]52;c;aGk=\\u0007windows\\u001b[2J"  # a clipboard write and a screen clear
    hostile = source.replace("Tall windows, green lamps", f"Tall {escapes}, green lamps")
    case = tmp_path / "hostile.toml"
    case.write_text(hostile)
    result = run(["text", str(case), "--no-save"], ["1", "q"])
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "␛]52;c;aGk=␇windows␛[2J" in result.stdout or "cannot" in result.stdout


def test_a_long_text_is_paged_on_a_real_terminal() -> None:
    import io

    from game.app import build_controller
    from game.app.storage import MemoryStorage
    from game.terminal.play import HELP_ROWS, TerminalGame
    from game.terminal.render import Style
    from tests.support import SCENARIOS

    answers = iter(["", "s"])
    out = io.StringIO()
    c = build_controller(MemoryStorage(), SCENARIOS, setting_names=frozenset(), help_rows=HELP_ROWS)
    game = TerminalGame(c, lambda: next(answers, None), out, Style(width=60), echo=False, page_lines=5)
    game.page("\n".join(f"line {n}" for n in range(30)))
    text = out.getvalue()
    assert text.count("-- more") == 2 and "line 9" in text and "line 10" not in text  # Enter, then skip


def test_the_casebook_pins_and_notes_and_marks_what_is_cited(tmp_path: Path) -> None:
    """p pins the open document, n asks for a note on one line; the list shows pin, note and citations."""
    lines = [
        "1", "1", "1", "3", "1", "1",  # the folder, the bindery and the shelves, back in the reading room
        "c", "2", "p",  # open the bindery log in the casebook and pin it
        "n", "Written in 1968 \x1b[31mbefore the page went missing",  # a note with an escape code in it
        "b", "5", "v",  # to the verdict form
        "1 4 6", "7", "12", "1",  # bindery, cite the (pinned, now first) log and the box, certain; file
        "c",  # the casebook after the verdict
        "b", "h",  # and Help, which lists the two letters
    ]
    result = run(["text", "tutorial"], lines, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out  # the note's control character is shown, not obeyed
    assert "p. [x] Pin this document to the top of the list" in out
    assert "1. (*) Bindery log, 1968 (pinned)" in out  # pinned items come first
    assert "Your note: Written in 1968 ␛[31mbefore the page went missing" in out
    form = out[out.index("2. Which evidence do you cite?"):]
    assert "Pinned · Your note: Written in 1968" in form[: form.index("3. How sure are you?")]
    assert "Verdict filed: 100 / 100" in out  # 4 and 6 were the log and the box
    last = out[out.rindex("Casebook\n========"):]
    assert "Cited in your verdict on “What happened to sheet 14?”" in last
    help_text = out[out.rindex("How to play"):]
    assert re.search(r"\bp +in the casebook: pin the open document", help_text)
    assert re.search(r"\bn +in the casebook: write a short note", help_text)
