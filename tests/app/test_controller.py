"""The controller: screens, actions and autosave, without any front end."""

from __future__ import annotations

import shutil

import pytest

from game.app import build_controller
from game.app.controller import Controller, Screen
from game.app.storage import MemoryStorage
from tests.support import SCENARIOS, KeyPlayer


def play_to_debrief(c: Controller, limit: int = 300) -> int:
    player = KeyPlayer()
    for step in range(limit):
        if c.screen is Screen.DEBRIEF:
            return step
        key = player.next_key(c)
        assert c.perform(key), (c.screen, key, [a.key for a in c.actions()])
    raise AssertionError(f"no debrief after {limit} moves")


@pytest.fixture
def controller() -> Controller:
    return build_controller(MemoryStorage(), SCENARIOS)


def test_tutorial_plays_to_its_debrief_and_records_progress(controller):
    play_to_debrief(controller)
    texts = [b.text for b in controller.document()]
    assert any(t.startswith("Debrief:") for t in texts)
    assert any("What became of them" in t for t in texts)
    progress = controller.store.progress("tutorial")
    assert progress.finished == 1 and progress.best is not None
    card = next(card for card in controller.cards() if card.id == "tutorial")
    assert card.best == progress.best and "Finished" in card.progress


def test_actions_not_on_screen_are_refused(controller):
    revision = controller.revision
    assert not controller.perform("choose:0")  # on the title screen
    assert not controller.perform("nonsense")
    assert controller.revision == revision


def test_subscribers_hear_every_change(controller):
    heard = []
    unsubscribe = controller.subscribe(lambda c: heard.append(c.screen))
    controller.perform("cases")
    controller.perform("case:tutorial")
    unsubscribe()
    controller.perform("back")
    assert heard == [Screen.CASES, Screen.BRIEFING]


def test_resume_returns_to_the_same_scene(controller):
    storage = controller.store.storage
    for key in ("cases", "case:tutorial", "begin", "choose:0"):
        assert controller.perform(key)
    scene, held = controller.view.scene_id, controller.session.held
    assert controller.perform("menu")
    again = build_controller(storage, SCENARIOS)
    again.perform("cases")
    again.perform("case:tutorial")
    assert next(a.label for a in again.actions()) == "Resume the case"
    again.perform("begin")
    assert (again.view.scene_id, again.session.held) == (scene, held)


def test_restart_starts_afresh(controller):
    for key in ("cases", "case:tutorial", "begin", "choose:0", "menu", "case:tutorial", "restart", "yes"):
        assert controller.perform(key), key
    assert controller.session.held == ()
    assert controller.view.scene_id == controller.scenario.start


def test_overlays_return_to_what_was_underneath(controller):
    player = KeyPlayer()
    for key in ("cases", "case:tutorial", "begin"):
        controller.perform(key)
    while controller.view.checkpoint is None:
        controller.perform(player.next_key(controller))
    controller.perform("verdict")
    controller.perform("casebook")
    assert controller.screen is Screen.CASEBOOK
    controller.back()
    assert controller.screen is Screen.VERDICT
    assert not controller.perform("confirm")  # nothing chosen yet
    controller.back()
    assert controller.screen is Screen.SCENE


def test_undo_is_offered_until_a_verdict(controller):
    for key in ("cases", "case:tutorial", "begin"):
        controller.perform(key)
    assert not next(a for a in controller.actions() if a.key == "undo").enabled
    start = controller.view.scene_id
    controller.choose(0)
    assert controller.undo()
    assert controller.view.scene_id == start


def test_glossary_terms_open_from_the_prose(controller):
    for key in ("cases", "case:tutorial", "begin"):
        controller.perform(key)
    terms = controller.page_terms()
    assert terms, "the tutorial's first scene must name a glossary term (the glossary tour needs one too)"
    assert controller.perform(f"term:{terms[0].id}")
    assert controller.screen is Screen.GLOSSARY
    assert controller.document()[0].text == terms[0].term
    controller.back()
    assert controller.screen is Screen.SCENE


def test_an_unexpected_error_shows_the_error_screen_and_keeps_progress(controller, monkeypatch):
    for key in ("cases", "case:tutorial", "begin", "choose:0"):
        controller.perform(key)
    scene = controller.view.scene_id
    monkeypatch.setattr(controller, "_do_casebook", lambda _: 1 / 0)
    assert controller.perform("casebook")
    assert controller.screen is Screen.ERROR
    assert "ZeroDivisionError" in controller.error.summary
    assert any("ZeroDivisionError" in b.text for b in controller.document())
    controller.back()
    assert controller.screen is Screen.CASES
    controller.perform("case:tutorial")
    controller.perform("begin")
    assert controller.view.scene_id == scene


def test_a_broken_file_is_unavailable_and_the_rest_play(tmp_path):
    shutil.copy(SCENARIOS / "tutorial.toml", tmp_path / "tutorial.toml")
    (tmp_path / "broken.toml").write_text("[scenario]\nid = 'broken'\n", encoding="utf-8")
    c = build_controller(MemoryStorage(), tmp_path)
    c.perform("cases")
    unavailable = [a for a in c.actions() if a.group == "unavailable"]
    assert len(unavailable) == 1 and not unavailable[0].enabled
    assert "broken.toml" in unavailable[0].label and unavailable[0].detail
    assert str(tmp_path) not in unavailable[0].detail
    play_to_debrief(c)


def test_settings_toggle_and_persist(controller):
    controller.perform("settings")
    controller.perform("setting:high_contrast")
    assert controller.perform("larger")
    again = build_controller(controller.store.storage, SCENARIOS)
    assert again.settings.high_contrast and again.settings.text_size == 2
    again.perform("settings")
    assert again.perform("smaller") and again.perform("smaller")
    assert not again.perform("smaller")  # the smallest size: the button is disabled, with its reason
    smaller = next(a for a in again.actions() if a.key == "smaller")
    assert not smaller.enabled and smaller.reason


def test_quitting_and_starting_again_ask_first(tmp_path) -> None:
    c = build_controller(MemoryStorage(), SCENARIOS, can_quit=True)
    assert c.perform("quit") and not c.quit_requested
    assert [a.key for a in c.actions()] == ["yes", "no"]
    assert c.document()[0].text == "Quit Verdict?"
    assert c.back() and not c.quit_requested and c.asking is None  # Esc says no
    for key in ("cases", "case:tutorial", "begin", "choose:0", "menu", "case:tutorial", "restart"):
        assert c.perform(key), key
    assert c.asking is not None and c.perform("no")
    assert c.store.progress("tutorial").open and c.store.has_save("tutorial")


def test_the_title_offers_to_continue_the_last_case() -> None:
    storage = MemoryStorage()
    c = build_controller(storage, SCENARIOS)
    for key in ("cases", "case:tutorial", "begin", "choose:0", "menu"):
        assert c.perform(key)
    again = build_controller(storage, SCENARIOS)
    assert again.actions()[0].label == "Continue: The Missing Page"
    assert again.perform("continue") and again.screen is Screen.SCENE
    assert again.session is not None and again.session.held == ("sheet_list",)


def test_choices_keep_their_numbers_and_are_marked_when_taken() -> None:
    c = build_controller(MemoryStorage(), SCENARIOS)
    for key in ("cases", "case:tutorial", "begin"):
        assert c.perform(key)
    first = {a.key: a.shortcut for a in c.actions() if a.group == "choice"}
    assert first == {"choose:0": "1", "choose:1": "2"}
    assert c.perform("choose:0") and c.perform("choose:0")  # into the folder and back
    later = {a.key: (a.shortcut, a.badge) for a in c.actions() if a.group == "choice"}
    assert later["choose:1"] == ("2", "")  # the porter keeps number 2
    assert all(badge == "new" for key, (_, badge) in later.items() if key not in ("choose:0", "choose:1"))
    assert c.perform("undo")
    assert c.notices and c.notices[0].startswith("Undone")


def test_corrupt_progress_is_reported_on_the_menus_and_kept() -> None:
    storage = MemoryStorage({"progress": "{ not json"})
    c = build_controller(storage, SCENARIOS)
    title_notes = [b.text for b in c.document() if b.kind == "notice"]
    assert any("your progress could not be read" in n for n in title_notes), title_notes
    assert c.perform("cases")
    case_notes = [b.text for b in c.document() if b.kind == "notice"]
    assert any("Scores start afresh" in n for n in case_notes)
    kept = storage.keys()
    assert any(k.startswith("progress.corrupt") for k in kept)  # set aside, not deleted


def test_hand_in_from_the_debrief_writes_a_report_the_teacher_can_read(tmp_path) -> None:
    from game.app.handin import FolderDeliverer, read_report
    from game.engine.report import is_untouched

    c = build_controller(MemoryStorage(), SCENARIOS, deliverer=FolderDeliverer(tmp_path / "reports"))
    player = KeyPlayer()
    while c.screen is not Screen.VERDICT:
        assert c.perform(player.next_key(c))
    assert c.perform("reason:The bindery log and the box agree.")
    while c.screen is not Screen.DEBRIEF:
        assert c.perform(player.next_key(c))
    assert c.perform("handin")
    write = next(a for a in c.actions() if a.key == "write")
    assert not write.enabled and write.reason == "Write your name first."
    assert c.perform("name:Ada  Lovelace") and c.perform("klass:10B") and c.perform("form:html")
    assert c.perform("write") and c.screen is Screen.DEBRIEF
    assert c.notices and "verdict-tutorial-ada-lovelace.html" in c.notices[0]
    page = (tmp_path / "reports" / "verdict-tutorial-ada-lovelace.html").read_text()
    assert "<script>" not in page and "Ada Lovelace" in page
    data = read_report(page)
    assert is_untouched(data) and data["student"] == {"name": "Ada Lovelace", "class": "10B"}
    assert data["verdicts"][0]["reasoning"] == "The bindery log and the box agree."
    data["verdicts"][0]["score"] = 100
    assert not is_untouched(data)  # an edited score is noticed
    # A second hand-in never overwrites the first.
    assert c.perform("handin") and c.perform("write")
    assert (tmp_path / "reports" / "verdict-tutorial-ada-lovelace-2.html").exists()


def test_the_scene_bar_keeps_its_buttons_whether_or_not_the_page_has_glossary_terms() -> None:
    c = build_controller(MemoryStorage(), SCENARIOS)
    player = KeyPlayer("kirov")
    assert c.open_case("kirov") and c.perform("begin")
    bars, with_terms, without = set(), 0, 0
    for _ in range(400):
        if c.screen is Screen.DEBRIEF:
            break
        if c.screen is Screen.SCENE and c.asking is None:  # (a yes/no question shows only its answers)
            terms = {hit.term.id for para in c.view.paragraphs  # type: ignore[union-attr]
                     for hit in c.glossary_hits("".join(span.text for span in para))}
            with_terms += bool(terms)
            without += not terms
            bars.add(tuple(a.key for a in c.actions() if a.group == "nav"))
            if not terms:  # the button still opens: the whole glossary, to browse
                assert c.perform("glossary") and c.screen is Screen.GLOSSARY
                listed = [a.key for a in c.actions() if a.name == "term"]
                assert len(listed) == len(c.catalog.glossary.terms)
                assert c.perform("back") and c.screen is Screen.SCENE
        c.perform(player.next_key(c))
    assert with_terms and without, (with_terms, without)  # both kinds of page were seen
    assert len(bars) == 1, bars  # the same buttons in the same places on every page


def test_each_glossary_term_is_linked_once_per_passage() -> None:
    c = build_controller(MemoryStorage(), SCENARIOS)
    term = next(iter(c.catalog.glossary.terms.values()))
    text = f"{term.term} first, then {term.term} again, and {term.term} a third time."
    assert len(c.catalog.glossary.find(text)) == 3
    (hit,) = c.glossary_hits(text)
    assert hit.start == 0 and hit.term.id == term.id
