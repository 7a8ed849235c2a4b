"""Previewing a case from any scene, author mode, and reloading the file while playing."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.app import build_controller
from game.app.controller import Screen
from game.app.storage import MemoryStorage
from game.cli import parse_flags
from tests.support import SCENARIOS


def test_a_preview_starts_anywhere_and_records_nothing() -> None:
    storage = MemoryStorage()
    c = build_controller(storage, SCENARIOS)
    assert c.open_preview("tutorial", "verdict_desk", ("rebinding_log", "repair_box"), {"asked": 2}) == ""
    assert c.screen is Screen.SCENE and c.session is not None
    assert c.session.scene_id == "verdict_desk" and c.session.held == ("rebinding_log", "repair_box")
    assert c.session.flag("asked") == 2 and "nothing is saved" in c.notices[0]
    assert c.perform("verdict") and c.perform("interp:bindery") and c.perform("confidence:certain")
    assert c.confirm_verdict()
    assert storage.values == {}  # no save, no progress
    assert c.open_preview("tutorial", "nowhere") == "there is no scene 'nowhere'"
    assert c.open_preview("tutorial", "reading_room", ("nothing",)) == "there is no evidence 'nothing'"


def test_flags_from_the_command_line() -> None:
    assert parse_flags(["a=1", "b=true", "c=-3", "d=False"]) == {"a": 1, "b": True, "c": -3, "d": False}
    for bad in ("a", "=1", "a=maybe"):
        try:
            parse_flags([bad])
        except ValueError as err:
            assert "--set" in str(err)
        else:
            raise AssertionError(bad)


def test_author_mode_shows_flags_and_the_endings_still_reachable() -> None:
    c = build_controller(MemoryStorage(), SCENARIOS)
    c.author = True
    c.open_preview("tutorial", "verdict_desk", ("rebinding_log", "repair_box"))
    texts = [b.text for b in c.document()]
    assert "Author mode" in texts and "Endings still reachable: ending_again, ending_ready" in texts
    assert "reload" in {a.key for a in c.actions()}
    # Jumping past the first verdict: its score is 0, so the ticket (score >= 60) is out of reach.
    c.open_preview("tutorial", "second_question", ("rebinding_log",))
    assert "Endings still reachable: ending_again" in [b.text for b in c.document()]


def test_reload_keeps_the_scene_and_survives_a_broken_edit(tmp_path: Path) -> None:
    shutil.copy(SCENARIOS / "tutorial.toml", tmp_path / "tutorial.toml")
    c = build_controller(MemoryStorage(), tmp_path)
    c.author = True
    for key in ("cases", "case:tutorial", "begin", "choose:0"):
        assert c.perform(key)
    case = tmp_path / "tutorial.toml"
    original = case.read_text(encoding="utf-8")
    case.write_text(original.replace("The folder", "The grey folder", 1), encoding="utf-8")
    assert c.perform("reload")
    assert c.session is not None and c.session.scene_id == "the_folder"
    assert c.notices[0] == "The case file was reloaded."
    assert c.scenario is not None and "The grey folder" in case.read_text(encoding="utf-8")
    case.write_text(original.replace('goto = "reading_room"', 'goto = "nowhere"'), encoding="utf-8")
    assert c.perform("reload")
    assert "old version is still running" in c.notices[0] and "nowhere" in c.notices[0]
    assert c.session.scene_id == "the_folder" and c.perform("choose:0")  # the old version still plays
