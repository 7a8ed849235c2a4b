"""Play options in `verdict text`: a teacher's folder with a class file, sourcing practice by typed lines,
and a required rebuttal."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support import ROOT, SCENARIOS


def teacher_folder(tmp_path: Path, options: str, class_file: str) -> Path:
    text = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8")
    text = text.replace('id = "tutorial"', 'id = "practice"').replace('start = "', options + 'start = "', 1)
    (tmp_path / "practice.toml").write_text(text, encoding="utf-8")
    (tmp_path / "class.toml").write_text(class_file, encoding="utf-8")
    return tmp_path


def run(folder: Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VERDICT_DATA_DIR": tempfile.mkdtemp(prefix="verdict-test-")}
    return subprocess.run([sys.executable, "-m", "game", "text", "practice", "--scenarios", str(folder)],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=ROOT,
                          timeout=60, env=env)


def test_a_document_is_judged_in_the_terminal_before_its_grade_is_shown(tmp_path: Path) -> None:
    folder = teacher_folder(tmp_path, 'sourcing = "student"\n', '[class]\ncode = "7B"\n')
    # open the case; read the folder's sheet list; the casebook; medium; why; record; close; quit
    result = run(folder, ["1", "1", "c", "3", "5", "signed by the archivist", "6", "b", "q"])
    assert result.returncode == 0, result.stderr
    out = result.stdout
    start = out.index("Casebook\n")
    casebook = out[start:out.index("\n> ", start)]  # the first casebook screen, up to the next prompt
    after = out.partition("Your judgement: Medium reliability. signed by the archivist")[2]
    assert "Judge this source" in casebook and "[High reliability]" not in casebook
    assert "Not judged yet" in casebook and "How far do you trust this document?" in casebook
    assert after and "The case's grade: High reliability" in after
    assert "Your judgement is recorded" in after


def test_a_class_file_makes_the_rebuttal_required_in_the_terminal(tmp_path: Path) -> None:
    folder = teacher_folder(tmp_path, "", '[class]\nrebuttal = "required"\n')
    route = ["1", "1", "1", "3", "1", "1", "c", "2", "b", "5", "v", "1 5 6", "7",
             "10", "The log records the repair in 1968 and the box still holds the page.",
             "12",  # refused: no rebuttal yet
             "11", "The clerk's statement, but it was written decades later.", "12", "1", "q"]
    result = run(folder, route)
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Required: the strongest evidence against it" in out
    assert "Not now: Write the strongest evidence against your claim" in out
    assert "Verdict filed: 100 / 100" in out
