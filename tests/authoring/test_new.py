"""`verdict new`: the starter checks clean as it stands, plays to an ending, and refuses a bad or taken id."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from game import check
from game.authoring.starter import GLOSSARY_STUB, id_problem, write_starter
from game.cli import main
from game.engine import Session, load_scenario
from game.engine.player import ScriptedPlayer
from tests.support import SCENARIOS


def test_the_starter_checks_clean_with_the_shipped_cases_and_plays_to_an_ending(tmp_path: Path) -> None:
    written = write_starter("spikelets_1932", tmp_path, [])
    assert written.case == tmp_path / "spikelets_1932.toml" and written.glossary == tmp_path / "glossary.toml"
    out = io.StringIO()
    status = check.run([str(SCENARIOS), str(tmp_path)], "text", True, 0, out)
    assert status == 0 and "0 error(s), 0 warning(s)" in out.getvalue(), out.getvalue()
    out = io.StringIO()
    status = check.run([str(written.case)], "text", True, 100, out)  # the playtests: every scene and choice
    assert status == 0 and "0 error(s), 0 warning(s)" in out.getvalue(), out.getvalue()
    scenario = load_scenario(written.case)
    assert scenario.id == "spikelets_1932" and len(scenario.scenes) >= 5 and len(scenario.endings) == 2
    question = next(iter(scenario.questions.values()))
    assert len(question.interpretations) == 3 and question.stances
    assert scenario.content_note and scenario.aftermath
    assert all(e.citation and e.provenance and e.reliability_note for e in scenario.evidence.values())
    endings = set()
    for seed in range(12):
        for verdicts in ("careful", "random"):
            session = ScriptedPlayer(seed, verdicts=verdicts).play(Session(scenario))
            assert session.is_over, (seed, verdicts, session.scene_id)
            endings.add(session.scene_id)
    assert endings == {"ending_solved", "ending_again"}


def test_the_starter_teaches_how_toml_tables_work(tmp_path: Path) -> None:
    text = write_starter("lesson", tmp_path, []).case.read_text(encoding="utf-8")
    comments = " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    for lesson in ("belong to that choice until the next line in brackets",
                   "Indentation and blank lines mean", "straight double quotes",
                   'closes with """ on a line of its own'):
        assert lesson in comments, lesson


@pytest.mark.parametrize(("case_id", "reason"), [
    ("Spikelets", "lowercase"), ("9lives", "starting with a letter"),
    ("law-of-spikelets", "law_of_spikelets"),
    ("glossary", "glossary file"), ("", "give the new case an id"),
])
def test_an_invalid_id_is_refused_with_the_reason(case_id: str, reason: str) -> None:
    assert reason in id_problem(case_id)


def test_a_taken_id_is_refused_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match=r"already used by .*tutorial\.toml"):
        write_starter("tutorial", tmp_path, [])
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "oddname.toml").write_text(
        (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8").replace('id = "tutorial"', 'id = "famine"'),
        encoding="utf-8")
    with pytest.raises(ValueError, match=r"oddname\.toml"):
        write_starter("famine", tmp_path / "elsewhere", [mine])
    monkeypatch.setenv("VERDICT_SCENARIOS", str(mine))
    err = io.StringIO()
    from game.authoring.command import run_new

    class Args:
        id, into, scenarios = "famine", str(tmp_path / "elsewhere"), []

    assert run_new(Args(), io.StringIO(), err) == 1 and "oddname.toml" in err.getvalue()  # type: ignore[arg-type]


def test_an_existing_file_in_the_folder_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "draft.toml").write_text("not a case yet", encoding="utf-8")
    with pytest.raises(ValueError, match=r"draft\.toml"):
        write_starter("draft", tmp_path, [])
    assert (tmp_path / "draft.toml").read_text(encoding="utf-8") == "not a case yet"


def test_a_glossary_already_there_is_kept(tmp_path: Path) -> None:
    shutil.copy(SCENARIOS / "glossary.toml", tmp_path / "glossary.toml")
    written = write_starter("second", tmp_path, [])
    assert written.glossary is None
    assert (tmp_path / "glossary.toml").read_bytes() == (SCENARIOS / "glossary.toml").read_bytes()
    assert "[terms." in GLOSSARY_STUB  # the stub shows the shape of a term, commented out


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "purge_1937", "--into", str(tmp_path / "cases")]) == 0
    said = capsys.readouterr().out
    assert "purge_1937.toml" in said and "verdict check --strict" in said
    assert main(["new", "purge_1937", "--into", str(tmp_path / "cases")]) == 1
    assert "already used" in capsys.readouterr().err
    assert main(["new", "Bad Id", "--into", str(tmp_path)]) == 1
    assert "not a case id" in capsys.readouterr().err
