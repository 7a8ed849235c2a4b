"""Section 11 of docs/authoring.md is the checker's message table (game/engine/messages.py), as generated."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.engine.messages import BEGIN, END, GROUPS, MESSAGES, UPDATE_COMMAND, markdown, section, updated
from tests.support import ROOT

GUIDE = ROOT / "docs" / "authoring.md"


def test_section_11_is_what_the_table_generates() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    heading = text.index("## 11. Every message verdict check can print")
    assert heading < text.index(BEGIN) < text.index(END) < text.index("## 12.")
    assert section(text) == markdown(), f"docs/authoring.md section 11 is out of date: run {UPDATE_COMMAND}"


def test_every_code_has_its_own_heading_under_its_group_in_order() -> None:
    generated = "\n" + markdown()
    lines = generated.splitlines()
    titles = [line.removeprefix("### ") for line in lines if line.startswith("### ")]
    assert titles == [g.title for g in GROUPS]
    codes = [line.removeprefix("#### `").removesuffix("`") for line in lines if line.startswith("#### ")]
    assert sorted(codes) == sorted(m.code for m in MESSAGES) and len(codes) == len(set(codes))
    for m in MESSAGES:
        at = generated.index(f"#### `{m.code}`")
        group = next(g for g in GROUPS if g.key == m.group)
        assert generated.rindex("\n### ", 0, at) == generated.index(f"\n### {group.title}\n")
        entry = " ".join(generated[at:].split("\n\n", 2)[1].split())  # the bullets, lines joined
        assert f"**What to do:** {' '.join(m.todo.split())}" in entry
        assert f"**Means:** {' '.join(m.meaning.split())}" in entry
    assert all(len(line) <= 110 or "`" in line for line in lines)


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "game.engine.messages", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_the_command_prints_the_section() -> None:
    result = _run()
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == markdown()


def test_verdict_check_messages_prints_the_section_too() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-m", "game", "check", "--messages"], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == markdown()


def test_update_rewrites_only_the_section_and_twice_changes_nothing(tmp_path: Path) -> None:
    guide = tmp_path / "authoring.md"
    guide.write_text(f"# Guide\n\nbefore\n\n{BEGIN}\nstale words\n{END}\n\nafter\n", encoding="utf-8")
    assert _run("--update", str(guide)).returncode == 0
    once = guide.read_text(encoding="utf-8")
    assert once == updated(f"# Guide\n\nbefore\n\n{BEGIN}\n{END}\n\nafter\n")
    assert once.startswith(f"# Guide\n\nbefore\n\n{BEGIN}\n\n### ") and once.endswith(f"\n{END}\n\nafter\n")
    assert "stale words" not in once and section(once) == markdown()
    assert _run("--update", str(guide)).returncode == 0
    assert guide.read_text(encoding="utf-8") == once


def test_update_refuses_a_file_without_the_markers(tmp_path: Path) -> None:
    guide = tmp_path / "authoring.md"
    guide.write_text("# Guide\n", encoding="utf-8")
    result = _run("--update", str(guide))
    assert result.returncode == 1 and "markers" in result.stderr and "Traceback" not in result.stderr
    assert guide.read_text(encoding="utf-8") == "# Guide\n"
    assert _run("--bogus").returncode == 2
