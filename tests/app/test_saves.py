"""SaveStore: autosave and resume, corrupt saves set aside and reported, progress and settings."""

from __future__ import annotations

from game.app.saves import SaveStore, case_score
from game.app.settings import Settings
from game.app.storage import MemoryStorage
from game.engine import Session


def test_save_and_load_resume_at_the_same_place(tutorial):
    store = SaveStore(MemoryStorage())
    session = Session(tutorial)
    session.choose(0)
    assert store.save(session) is None
    loaded = store.load(tutorial)
    assert loaded.problem is None
    assert loaded.session is not None
    assert loaded.session.scene_id == session.scene_id
    assert loaded.session.held == session.held
    assert store.progress("tutorial").found == len(session.held)


def test_no_save_is_not_a_problem(tutorial):
    loaded = SaveStore(MemoryStorage()).load(tutorial)
    assert loaded.session is None and loaded.problem is None


def test_corrupt_save_is_set_aside_and_reported(tutorial):
    storage = MemoryStorage({"save.tutorial": "{not json"})
    loaded = SaveStore(storage).load(tutorial)
    assert loaded.session is None
    assert loaded.problem and "could not be read" in loaded.problem
    assert "save.tutorial.corrupt-1" in loaded.problem
    assert storage.read("save.tutorial") is None
    assert storage.read("save.tutorial.corrupt-1") == "{not json"


def test_finished_runs_keep_the_best_score(tutorial):
    store = SaveStore(MemoryStorage())
    session = Session(tutorial)

    class Fake:  # a finished session that gave no verdict
        def __init__(self):
            self.scenario, self.held, self.verdicts, self.is_over = tutorial, ("a", "b"), {}, True

    fake = Fake()
    assert case_score(session) is None
    store.record_finished(fake)  # no verdict: counted, no score
    assert store.progress("tutorial").finished == 1
    assert store.progress("tutorial").best is None


def test_corrupt_progress_is_set_aside(tutorial):
    storage = MemoryStorage({"progress": "[1, 2"})
    store = SaveStore(storage)
    assert store.progress("tutorial").finished == 0
    assert store.problems and "progress" in store.problems[0]
    assert storage.read("progress.corrupt-1") == "[1, 2"


def test_settings_persist_and_corrupt_settings_fall_back():
    storage = MemoryStorage()
    store = SaveStore(storage)
    store.save_settings(Settings(text_size=2, high_contrast=True))
    assert SaveStore(storage).load_settings() == (Settings(text_size=2, high_contrast=True), None)
    storage.write("settings", "garbage")
    settings, problem = SaveStore(storage).load_settings()
    assert settings == Settings()
    assert problem and "settings.corrupt-1" in problem


def test_a_finished_case_is_not_shown_as_in_progress():
    from game.app import build_controller
    from tests.app.policy import Player
    from tests.conftest import SCENARIOS

    c = build_controller(MemoryStorage(), SCENARIOS)
    player = Player()
    for key in ("cases", "case:tutorial", "begin"):
        c.perform(key)
    assert next(card for card in c.cards() if card.id == "tutorial").in_progress
    while c.screen.value != "debrief":
        c.perform(player.next_key(c))
    card = next(card for card in c.cards() if card.id == "tutorial")
    assert not card.in_progress and card.progress.startswith("Finished")
