"""A teacher's own folder, from --scenarios or VERDICT_SCENARIOS, in every command that reads cases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT, SCENARIOS


def verdict(args: list[str], tmp_path: Path, env: dict[str, str] | None = None,
            lines: str = "") -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "VERDICT_DATA_DIR": str(tmp_path / "data"), **(env or {})}
    environ.pop("VERDICT_SCENARIOS", None) if env is None else None
    return subprocess.run([sys.executable, "-m", "game", *args], input=lines, capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env=environ)


def teacher_case(folder: Path, case_id: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8")
    text = text.replace('id = "tutorial"', f'id = "{case_id}"').replace(
        'title = "The Missing Page"', 'title = "Sheet Fourteen Again"')
    (folder / f"{case_id}.toml").write_text(text, encoding="utf-8")
    return folder


def test_the_environment_adds_a_folder_to_check_and_the_terminal(tmp_path: Path) -> None:
    folder = teacher_case(tmp_path / "mine", "sheet14")
    env = {"VERDICT_SCENARIOS": str(folder)}
    checked = verdict(["check"], tmp_path, env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    shipped = len(list(SCENARIOS.glob("*.toml")))  # the cases, the glossary and the outline
    assert f"{shipped + 1} file(s) checked" in checked.stdout  # and the teacher's case
    menu = verdict(["text", "--no-save"], tmp_path, env, "1\nq\n")
    assert "Sheet Fourteen Again" in menu.stdout


def test_a_copied_tutorial_with_its_id_unchanged_is_an_error_naming_both_files(tmp_path: Path) -> None:
    folder = teacher_case(tmp_path / "copy", "tutorial")
    result = verdict(["check", "--scenarios", str(folder)], tmp_path)
    assert result.returncode == 1
    assert "tutorial.toml" in result.stdout and str(folder) in result.stdout


def test_a_folder_that_is_not_there_is_named(tmp_path: Path) -> None:
    result = verdict(["text", "--scenarios", str(tmp_path / "nowhere")], tmp_path)
    assert result.returncode == 2 and "nowhere" in result.stderr and "not a folder" in result.stderr
