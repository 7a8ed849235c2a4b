"""A case with [scenario] unlock_after = N opens once N other cases are finished (practice cases and other
locked cases do not count); a teacher's setting opens it at once; a preview ignores the lock. What the
player concluded in a finished case is kept and shown beside the evidence a later case borrows from it."""

from __future__ import annotations

import json

import pytest

from game.app import build_controller
from game.app.autoplay import play_to_debrief
from game.app.controller import Controller, Screen
from game.app.saves import PROGRESS_KEY, Conclusion
from game.app.storage import MemoryStorage
from game.app.unlocks import Lock
from game.engine.options import ClassSettings
from game.engine.player import ScriptedPlayer
from tests.support import CAPSTONE_FIXTURE, SCENARIOS

CAPSTONE = "mini_capstone"


def with_finished(*case_ids: str, **options: object) -> Controller:
    """A controller over the shipped cases and the test capstone, the given cases finished once each."""
    storage = MemoryStorage()
    cases = {sid: {"best": 60, "finished": 1, "found": 3, "open": False} for sid in case_ids}
    storage.write(PROGRESS_KEY, json.dumps({"version": 1, "cases": cases}))
    return build_controller(storage, [SCENARIOS, CAPSTONE_FIXTURE], **options)  # type: ignore[arg-type]


def card_action(c: Controller):
    if c.screen is Screen.TITLE:
        c.perform("cases")
    return next(a for a in c.actions() if a.key == f"case:{CAPSTONE}")


def test_a_class_file_without_unlock_all_keeps_the_lock() -> None:
    c = with_finished("kirov", class_settings=ClassSettings(sourcing="student"))
    assert c.lock(CAPSTONE) is not None and not card_action(c).enabled


def test_locked_with_two_finished_and_the_card_says_why() -> None:
    c = with_finished("kirov", "wreckers")
    card = next(card for card in c.cards() if card.id == CAPSTONE)
    reason = "Opens after you finish any three cases — finished so far: 2."
    assert card.locked == reason and card.progress.startswith("Locked")
    action = card_action(c)
    assert not action.enabled and action.reason == reason
    assert "Locked" in action.detail
    assert not c.perform(f"case:{CAPSTONE}")  # refused: the briefing is not opened
    assert c.screen is Screen.CASES
    assert c.lock(CAPSTONE) == Lock(3, 2)


def test_open_with_three_finished() -> None:
    c = with_finished("kirov", "wreckers", "show_trial")
    assert c.lock(CAPSTONE) is None
    action = card_action(c)
    assert action.enabled and action.reason == "" and "Locked" not in action.detail
    assert c.perform(f"case:{CAPSTONE}") and c.perform("begin")
    assert c.screen is Screen.SCENE and c.scenario is not None and c.scenario.id == CAPSTONE


def test_a_practice_case_and_the_locked_case_itself_do_not_count() -> None:
    c = with_finished("kirov", "wreckers", "tutorial", CAPSTONE)
    assert c.lock(CAPSTONE) == Lock(3, 2)
    assert not card_action(c).enabled


def test_finishing_a_case_in_play_counts() -> None:
    c = with_finished("kirov", "wreckers")
    assert c.lock(CAPSTONE) is not None
    play_to_debrief(c, ScriptedPlayer(0, choices="explore", verdicts="careful"), "army_purge")
    c.perform("menu")
    assert c.lock(CAPSTONE) is None and card_action(c).enabled


@pytest.mark.parametrize("options", [{"unlock_all": True}, {"unlocked": frozenset({CAPSTONE})},
                                     {"class_settings": ClassSettings(unlock_all=True)}])
def test_a_teachers_setting_opens_it(options: dict[str, object]) -> None:
    c = with_finished(**options)
    assert c.lock(CAPSTONE) is None
    assert card_action(c).enabled and c.perform(f"case:{CAPSTONE}") and c.perform("begin")
    assert c.screen is Screen.SCENE


def test_a_locked_case_opened_by_link_shows_the_lock_and_cannot_begin() -> None:
    c = with_finished("kirov")
    assert c.open_case(CAPSTONE) and c.screen is Screen.BRIEFING
    begin = next(a for a in c.actions() if a.key == "begin")
    reason = "Opens after you finish any three cases — finished so far: 1."
    assert not begin.enabled and begin.reason == reason
    assert reason in [b.text for b in c.document()]
    assert not c.perform("begin") and c.screen is Screen.BRIEFING


def test_a_preview_ignores_the_lock() -> None:
    c = with_finished()
    assert c.lock(CAPSTONE) is not None
    assert c.open_preview(CAPSTONE, "table") == ""
    assert c.screen is Screen.SCENE and c.session is not None and c.session.scene_id == "table"


def test_no_lock_on_ordinary_cases_and_the_reason_counts_in_words() -> None:
    c = with_finished()
    assert all(card.locked == "" for card in c.cards() if not c.catalog.scenarios[card.id].unlock_after)
    assert Lock(1, 0).reason == "Opens after you finish any one case — finished so far: 0."
    assert Lock(20, 3).reason == "Opens after you finish any 20 cases — finished so far: 3."


# ---- earlier conclusions ---------------------------------------------------------------------------------


def test_finishing_a_case_keeps_what_was_concluded_per_question() -> None:
    storage = MemoryStorage()
    c = build_controller(storage, SCENARIOS)
    play_to_debrief(c, ScriptedPlayer(2, choices="explore", verdicts="careful"), "tutorial")
    session = c.session
    assert session is not None
    kept = c.store.progress("tutorial").concluded
    tutorial = c.catalog.scenarios["tutorial"]
    assert [k.question for k in kept] == [q for q in tutorial.questions if q in session.verdicts]
    for k in kept:
        verdict = session.verdicts[k.question]
        question = tutorial.questions[k.question]
        claim = question.interpretations[verdict.interpretation_id].claim
        assert k == Conclusion(k.question, question.prompt, claim, verdict.confidence, verdict.report.total)
    stored = json.loads(storage.read(PROGRESS_KEY) or "{}")["cases"]["tutorial"]["concluded"]
    assert [entry["claim"] for entry in stored] == [k.claim for k in kept]


BAD_SCORE = {"question": "q", "prompt": "p", "claim": "c", "confidence": "certain", "score": 101}
BAD_ID = {"question": 3, "prompt": "p", "claim": "c", "confidence": "certain", "score": 50}


@pytest.mark.parametrize("concluded", [None, "text", [1, None], [BAD_SCORE], [BAD_ID], [{"claim": "c"}]])
def test_conclusions_are_read_leniently(concluded: object) -> None:
    storage = MemoryStorage()
    record = {"best": 60, "finished": 1, "found": 3, "open": False}
    if concluded is not None:
        record["concluded"] = concluded  # type: ignore[assignment]
    storage.write(PROGRESS_KEY, json.dumps({"version": 1, "cases": {"kirov": record}}))
    c = build_controller(storage, SCENARIOS)
    progress = c.store.progress("kirov")
    assert progress.concluded == () and progress.finished == 1 and progress.best == 60
    assert c.store.problems == []


def earlier_texts(c: Controller) -> list[str]:
    return [b.text for b in c.document()
            if b.kind == "p" and (" concluded" in b.text or "You have not" in b.text)]


def test_the_casebook_and_the_verdict_form_show_earlier_conclusions() -> None:
    storage = MemoryStorage()
    c = build_controller(storage, [SCENARIOS, CAPSTONE_FIXTURE], unlock_all=True)
    play_to_debrief(c, ScriptedPlayer(3, choices="explore", verdicts="careful"), "kirov")
    kirov = c.catalog.scenarios["kirov"]
    kept = c.store.progress("kirov").concluded
    assert len(kept) == len(kirov.questions) > 1
    c.perform("menu")
    for key in (f"case:{CAPSTONE}", "begin", "choose:0"):
        assert c.perform(key), key
    assert c.perform("casebook") and c.perform("evidence:diary")
    texts = earlier_texts(c)
    assert texts == [f"In {kirov.title}, on “{k.prompt}”, you concluded: {k.claim} (score {k.score})"
                     for k in kept]
    assert f"This document comes from {kirov.title}." in [b.text for b in c.document()]
    diary = next(a for a in c.actions() if a.key == "evidence:diary")
    assert diary.detail.endswith(f"from {kirov.title}")
    show_trial = c.catalog.scenarios["show_trial"].title
    assert c.perform("evidence:confession")
    assert earlier_texts(c) == [f"You have not played {show_trial} yet."]
    assert c.perform("evidence:notes") and earlier_texts(c) == []  # its own item: nothing borrowed
    c.perform("back")
    assert c.perform("choose:0") and c.perform("verdict")
    doc = [b.text for b in c.document()]
    assert "What you concluded in earlier cases" in doc
    army = c.catalog.scenarios["army_purge"].title
    assert earlier_texts(c) == [*texts, f"You have not played {show_trial} yet.",
                                f"You have not played {army} yet."]


@pytest.mark.parametrize("command", ["play", "text", "web"])
def test_the_unlock_flag_is_offered_where_cases_are_played(command: str) -> None:
    from game.cli import _parser

    assert _parser().parse_args([command, "--unlock"]).unlock is True
    assert _parser().parse_args([command]).unlock is False


def test_a_case_that_opens_after_others_is_listed_after_them() -> None:
    c = with_finished()
    order = list(c.catalog.scenarios)
    assert order[0] == "tutorial"  # practice first
    locked = [sid for sid, sc in c.catalog.scenarios.items() if sc.unlock_after]
    assert locked and order[-len(locked):] == locked
