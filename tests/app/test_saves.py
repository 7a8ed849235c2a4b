"""SaveStore: autosave and resume, corrupt saves set aside and reported, progress and settings."""

from __future__ import annotations

from types import SimpleNamespace

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

    class Fake:  # a finished session whose verdicts scored these totals
        def __init__(self, *totals: int):
            self.scenario, self.held, self.is_over = tutorial, ("a", "b"), True
            self.verdicts = {f"q{n}": SimpleNamespace(report=SimpleNamespace(total=t))
                             for n, t in enumerate(totals)}

    assert case_score(session) is None
    store.record_finished(Fake())  # no verdict: counted, no score
    assert store.progress("tutorial").finished == 1
    assert store.progress("tutorial").best is None
    store.record_finished(Fake(60, 80))  # the case score is the mean of its verdicts
    store.record_finished(Fake(40))  # a worse run does not lower the best
    progress = store.progress("tutorial")
    assert (progress.finished, progress.best, progress.found) == (3, 70, 2)
    assert store.all_progress() == {"tutorial": progress}


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
    from tests.support import SCENARIOS, KeyPlayer

    c = build_controller(MemoryStorage(), SCENARIOS)
    player = KeyPlayer()
    for key in ("cases", "case:tutorial", "begin"):
        c.perform(key)
    assert next(card for card in c.cards() if card.id == "tutorial").in_progress
    while c.screen.value != "debrief":
        c.perform(player.next_key(c))
    card = next(card for card in c.cards() if card.id == "tutorial")
    assert not card.in_progress and card.progress.startswith("Finished")


def test_a_save_that_loses_work_on_an_edited_case_is_kept_beside_it(tmp_path):
    from game.app import build_controller
    from tests.support import SCENARIOS

    storage = MemoryStorage()
    c = build_controller(storage, SCENARIOS)
    for key in ("cases", "case:tutorial", "begin", "choose:0"):  # the folder: gains the sheet list
        assert c.perform(key)
    original = storage.read("save.tutorial")
    assert original and "sheet_list" in original
    # The teacher renames the evidence item; the student resumes.
    edited = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8").replace("sheet_list", "sheet_index")
    (tmp_path / "tutorial.toml").write_text(edited, encoding="utf-8")
    c = build_controller(storage, tmp_path)
    for key in ("cases", "case:tutorial", "begin"):
        assert c.perform(key)
    notes = " ".join(c.notices)
    assert "'sheet_list' is no longer in the case" in notes and "is kept as" in notes
    kept = [k for k in storage.values if k.startswith("save.tutorial.")]
    assert kept and storage.read(kept[0]) == original  # the autosave did not overwrite the only copy
