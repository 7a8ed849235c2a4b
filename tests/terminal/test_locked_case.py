"""The terminal case list shows a locked case, its lock and its reason, refuses to open it, and opens it
with `--unlock` (a teacher's setting)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from game.engine import Catalog
from tests.support import CAPSTONE_FIXTURE, ROOT

REASON = "Opens after you finish any three cases — finished so far: 0."


def capstone_number() -> str:
    """The capstone's number on the case list, which moves as the shelf of shipped cases grows."""
    ids = list(Catalog.load(ROOT / "scenarios", CAPSTONE_FIXTURE.parent).scenarios)
    return str(ids.index("mini_capstone") + 1)


def run(args: list[str], lines: list[str], data_dir: Path) -> str:
    env = {**os.environ, "VERDICT_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "game", "text", "--width", "200",
                             "--scenarios", str(CAPSTONE_FIXTURE.parent), *args],
                            input="\n".join(lines) + "\n", capture_output=True, text=True, encoding="utf-8",
                            cwd=ROOT, timeout=60, env=env)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def capstone_card(out: str) -> tuple[str, str]:
    """The capstone's number and its entry on the first case list printed."""
    menu = out.split("Case files\n==========")[1]
    found = re.search(r"\n {2,4}(\d+)\. The Historians' Table \(test\)\n(.*?)\n {2,4}(?:\d+|b)\. ", menu,
                      re.DOTALL)
    assert found, menu
    return found.group(1), " ".join(found.group(2).split())


def test_the_locked_card_shows_its_reason_and_refuses(tmp_path: Path) -> None:
    expected = capstone_number()
    out = run([], ["1", expected, "q"], tmp_path)
    number, entry = capstone_card(out)
    assert number == expected
    assert "Locked; 0 of 4 documents found" in entry
    assert f"(not now: {REASON})" in entry
    assert f"Not now: {REASON}" in out.split(f"> {number}")[1]
    assert "Content note" not in out.split(f"> {number}")[1]  # the briefing never opened


def test_unlock_opens_it(tmp_path: Path) -> None:
    number = capstone_number()
    out = run(["--unlock"], ["1", number, "1", "q"], tmp_path)
    _number, entry = capstone_card(out)
    assert "Locked" not in entry and "not now" not in entry
    after = out.split(f"> {number}")[1]
    assert "Content note" in after and "The seminar room" in after


def test_one_file_tried_alone_borrows_from_the_game_and_shows_the_lock(tmp_path: Path) -> None:
    env = {**os.environ, "VERDICT_DATA_DIR": str(tmp_path), "PYTHONIOENCODING": "utf-8"}

    def text(*args: str) -> str:
        result = subprocess.run([sys.executable, "-m", "game", "text", "--width", "200", "--no-save", *args,
                                 str(CAPSTONE_FIXTURE)], input="1\nq\n", capture_output=True, text=True,
                                encoding="utf-8", cwd=ROOT, timeout=60, env=env)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr
        return result.stdout

    locked = text()
    assert f"Note: {REASON}" in locked and f"Not now: {REASON}" in locked
    opened = text("--unlock")
    assert "The seminar room" in opened and "Not now" not in opened
