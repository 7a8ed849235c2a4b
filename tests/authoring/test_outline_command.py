"""`verdict outline`: every point of the shipped outline with the cases that treat it; a teacher's outline
is added, and a point no case treats is named and makes the command fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.engine.catalog import Catalog
from tests.support import SCENARIOS


@pytest.fixture(autouse=True)
def no_teacher_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VERDICT_SCENARIOS", raising=False)


def test_the_shipped_outline_lists_every_point_covered(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outline"]) == 0
    out = capsys.readouterr().out
    outline = Catalog.load(SCENARIOS).outline
    points = sum(len(b.points) for b in outline.branches.values())
    assert out.splitlines()[-1] == (f"{points} point(s) in {len(outline.branches)} branch(es): "
                                    f"{points} covered, 0 not covered")
    for bid in outline.branches:
        assert f"\n{outline.heading(bid)}\n" in out
    assert "cases: The October Hall (show_trial)" in out and "NOT COVERED" not in out


def test_a_teachers_uncovered_point_is_named_and_fails(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "outline.toml").write_text(
        '[outline]\nformat = 1\n[branches.famine]\ntitle = "The famine"\n'
        '[[branches.famine.points]]\ntext = "The law of 7 August 1932"\ncases = ["spikelets_1932"]\n',
        encoding="utf-8")
    assert main(["outline", "--scenarios", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "The famine\n   1. The law of 7 August 1932\n      NOT COVERED" in out
    assert out.rstrip().endswith("1 not covered") and "Political enemies" in out  # added to the game's


def test_a_broken_outline_is_one_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "outline.toml").write_text("[outline\n", encoding="utf-8")
    assert main(["outline", "--scenarios", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("verdict outline: ") and "outline.toml:" in err and "verdict check" in err
