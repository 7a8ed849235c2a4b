"""Saves, settings and broken files, through the real window."""

from __future__ import annotations

import shutil

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from game.app.settings import Settings  # noqa: E402
from game.app.storage import FileStorage  # noqa: E402
from tests.support import SCENARIOS  # noqa: E402

pytestmark = pytest.mark.window


def test_save_quit_and_resume_at_the_same_place(make_driver, tmp_path):
    storage = FileStorage(tmp_path / "saves")
    d = make_driver(storage=storage)
    for key in ("cases", "case:tutorial", "begin"):
        d.press(key)
    d.key(pygame.K_1)
    d.key(pygame.K_1)
    scene, held = d.c.view.scene_id, d.c.session.held
    d.post(pygame.QUIT)
    d.frame()
    assert not d.app.running

    again = make_driver(storage=FileStorage(tmp_path / "saves"))
    again.press("cases")
    card = next(a for a in again.c.actions() if a.key == "case:tutorial")
    assert "In progress" in card.detail
    again.press("case:tutorial")
    assert "Resume the case" in again.texts()
    again.press("begin")
    assert (again.c.view.scene_id, again.c.session.held) == (scene, held)


def test_settings_persist_and_change_the_look(make_driver, tmp_path):
    storage = FileStorage(tmp_path / "saves")
    d = make_driver(storage=storage)
    small_font = d.app.fonts.body_px
    d.press("settings")
    d.press("larger")
    d.press("setting:high_contrast")
    d.press("setting:reading_font")
    d.press("setting:reduced_motion")
    d.press("setting:sound")
    assert d.app.fonts.body_px > small_font
    assert d.app.theme.name == "high_contrast"
    assert d.app.surface.get_at((5, 5))[:3] == d.app.theme.folder

    again = make_driver(storage=FileStorage(tmp_path / "saves"))
    assert again.c.settings == Settings(text_size=2, high_contrast=True, reading_font=True,
                                        reduced_motion=True, sound=False)
    assert again.app.theme.name == "high_contrast"
    assert again.app.fonts.reading_font


def test_a_corrupt_save_is_set_aside_reported_and_the_case_starts_afresh(make_driver, tmp_path):
    storage = FileStorage(tmp_path / "saves")
    storage.write("save.tutorial", '{"format": "verdict-save", "version": 1, "scene": 12')
    d = make_driver(storage=storage)
    for key in ("cases", "case:tutorial", "begin"):
        d.press(key)
    assert d.c.screen is Screen.SCENE
    assert d.c.view.scene_id == d.c.scenario.start
    notices = [t for t in d.texts() if "could not be read" in t]
    assert notices and "save.tutorial.corrupt-1" in notices[0]
    assert storage.read("save.tutorial.corrupt-1") is not None
    assert storage.read("save.tutorial.corrupt-1").startswith('{"format"')
    # The fresh start was saved over the bad one, so the next launch resumes cleanly.
    assert storage.read("save.tutorial") is not None


def test_a_broken_scenario_is_unavailable_while_the_others_play(make_driver, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(SCENARIOS / "tutorial.toml", folder / "tutorial.toml")
    shutil.copy(SCENARIOS / "glossary.toml", folder / "glossary.toml")
    broken = '[scenario]\nformat = 1\nid = "broken"\ntitle = 3\n'
    (folder / "broken.toml").write_text(broken, encoding="utf-8")
    d = make_driver(scenarios=folder)
    d.press("cases")
    texts = d.texts()
    assert any("Unavailable: broken.toml" in t for t in texts)
    message = next(a.detail for a in d.c.actions() if a.group == "unavailable")
    assert "broken.toml" in message
    assert all(line in texts for line in message.splitlines() if line.strip())
    d.press("case:tutorial")
    d.press("begin")
    d.key(pygame.K_1)
    assert d.c.screen is Screen.SCENE and d.c.session.history
