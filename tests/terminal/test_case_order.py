"""The terminal's case list by outline branch: the controller's headings, the numbers still open cases."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from tests.support import ROOT


def play(lines: list[str]) -> str:
    env = {**os.environ, "VERDICT_DATA_DIR": tempfile.mkdtemp(prefix="verdict-test-")}
    result = subprocess.run([sys.executable, "-m", "game", "text"], input="\n".join(lines) + "\n",
                            capture_output=True, text=True, cwd=ROOT, timeout=60, env=env)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_o_lists_the_cases_under_the_outline_branches_and_a_number_opens_one() -> None:
    out = play(["1", "o", "5", "b", "b", "q"])
    by_date, by_branch = out.split("> o", 1)
    assert "[ ] Order: by outline branch" in by_date and "Practice" not in by_date
    listed = by_branch.split("> 5", 1)[0]
    assert "[x] Order: by outline branch" in listed
    headings = [line.strip() for line in listed.splitlines() if line.startswith("  ") and
                not line.startswith("   ")]
    assert headings[:5] == ["Practice", "Industrial enemies", "Internal enemies", "The Kirov murder",
                            "The Moscow trials"]
    assert "The army / The Yezhovshchina" in headings
    # Each heading stands over its case, and the case keeps the number the list gives it.
    assert listed.index("The Moscow trials") < listed.index("5. The October Hall")
    assert "Also in the outline under:" in listed
    assert "The October Hall" in by_branch.split("> 5", 1)[1].split("> b", 1)[0]  # its briefing
