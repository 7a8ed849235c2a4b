"""Counters a case declares (days, volumes) and choices the player confirms, through the controller."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.app import build_controller
from game.app.autoplay import play_to_debrief
from game.app.controller import Controller, Screen
from game.app.storage import MemoryStorage
from game.engine import Catalog
from game.engine.counters import CounterError, parse_counter
from game.engine.player import ScriptedPlayer
from tests.support import SCENARIOS, KeyPlayer, load_case

SIX = ("nikolaev_protocol", "nikolaev_diary", "release_slip", "smolny_passes", "borisov_statement",
       "lorry_act")
DESK = "Clear the desk and begin to write"


@pytest.fixture
def c() -> Controller:
    return build_controller(MemoryStorage(), SCENARIOS)


def key_to(c: Controller, goto: str) -> str:
    """The action key of the choice that leads to the scene goto."""
    assert c.view is not None
    (choice,) = [ch for ch in c.view.choices if ch.goto == goto]
    return f"choose:{choice.source_index}"


def go(c: Controller, *scenes: str) -> None:
    for scene in scenes:
        assert c.perform(key_to(c, scene)), scene
        assert c.session is not None and c.session.scene_id == scene


def test_kirov_shows_its_days_everywhere_and_its_volumes_in_the_reading_room(c: Controller) -> None:
    for key in ("cases", "case:kirov", "begin"):
        assert c.perform(key)
    assert c.counters() == ["Days used: 0 of 11"]
    go(c, "hub", "big_house")
    assert c.counters() == ["Days used: 1 of 11"]
    go(c, "reading_room")
    assert c.counters() == ["Days used: 1 of 11", "Volumes today: 0 of 4"]
    go(c, "file_protocol")
    assert c.counters() == ["Days used: 1 of 11"]  # a scene's own counter stays with its scene
    go(c, "reading_room", "file_diary", "reading_room")
    assert c.counters()[1] == "Volumes today: 2 of 4"
    # Asking Lidia costs a volume, and its label says so.
    labels = {a.key: a.label for a in c.actions()}
    assert "counts as one of your volumes" in labels[key_to(c, "file_october")]
    go(c, "file_october", "reading_room")
    assert c.counters()[1] == "Volumes today: 3 of 4"
    go(c, "hub", "red_arrow")  # two days
    assert c.counters() == ["Days used: 3 of 11"]
    assert c.perform("undo")
    assert c.counters() == ["Days used: 1 of 11"]


def test_no_counters_outside_a_case_or_in_a_case_without_them(c: Controller) -> None:
    assert c.counters() == []
    for key in ("cases", "case:tutorial", "begin"):
        assert c.perform(key)
    assert c.counters() == []


def at_the_desk(c: Controller) -> str:
    assert c.open_preview("kirov", "hub", SIX, {"day": 3}) == ""
    return key_to(c, "desk_who")


def test_a_choice_with_confirm_asks_first_and_no_leaves_the_player_where_they_were(c: Controller) -> None:
    desk = at_the_desk(c)
    assert c.session is not None
    turn, history = c.session.turn, c.session.history
    assert c.perform(desk)
    assert c.asking is not None and c.session.scene_id == "hub"
    scenario = c.catalog.scenarios["kirov"]
    confirm = next(ch.confirm for ch in scenario.scenes["hub"].choices if ch.label == DESK)
    assert confirm.startswith("Once you begin to write")
    # The warning stands last, just above Yes and Not yet, under the scene the player is still in.
    assert c.document()[-1].kind == "h2" and c.document()[-1].text == confirm
    assert c.document()[0].text == "Your room at the Oktyabrskaya"
    assert [(a.key, a.label) for a in c.actions()] == [("yes", f"Yes: {DESK}"), ("no", "Not yet")]
    assert not c.perform(desk)  # nothing else can be done until the question is answered
    assert c.perform("no")
    assert c.asking is None and c.session.scene_id == "hub"
    assert (c.session.turn, c.session.history) == (turn, history)  # nothing was taken
    assert desk in {a.key for a in c.actions()}
    assert c.counters() == ["Days used: 3 of 11"]
    # Esc answers no too.
    assert c.perform(desk) and c.back()
    assert c.asking is None and c.session.scene_id == "hub" and c.screen is Screen.SCENE


def test_yes_takes_the_choice(c: Controller) -> None:
    desk = at_the_desk(c)
    assert c.perform(desk) and c.perform("yes")
    assert c.asking is None and c.session is not None and c.session.scene_id == "desk_who"
    assert c.view is not None and c.view.checkpoint is not None


def test_a_choice_without_confirm_is_taken_at_once(c: Controller) -> None:
    at_the_desk(c)
    assert c.perform(key_to(c, "big_house"))
    assert c.asking is None and c.session is not None and c.session.scene_id == "big_house"


@pytest.mark.parametrize("case", ["kirov", "opposition", "wreckers", "stakhanovites"])
def test_scripted_players_answer_the_confirmations_and_reach_the_debrief(c: Controller, case: str) -> None:
    scenario = c.catalog.scenarios[case]
    assert any(ch.confirm for scene in scenario.scenes.values() for ch in scene.choices)
    asked: list[str] = []
    c.subscribe(lambda c: asked.append(c.asking.question) if c.asking is not None else None)
    play_to_debrief(c, ScriptedPlayer(3), case)
    assert c.screen is Screen.DEBRIEF
    assert asked  # the case's warning was put to the scripted player, and it said yes


def test_the_key_player_passes_through_a_confirmation(c: Controller) -> None:
    player, seen = KeyPlayer("kirov", 1), set()
    for _ in range(3000):
        if c.screen is Screen.DEBRIEF:
            break
        key = player.next_key(c)
        seen.add(key)
        assert c.perform(key), key
    assert c.screen is Screen.DEBRIEF and "yes" in seen


def test_counters_parse_flags_and_refuse_bad_braces() -> None:
    assert parse_counter("Day {day} of 11") == (("Day ", "day"), (" of 11", ""))
    assert parse_counter("{{literal}} {n}") == (("{literal} ", "n"),)
    for bad, words in [("Day {day", "never closed"), ("Day }", "no '{'"), ("{}", "does not name"),
                       ("{day + 1}", "does not name"), ("{{x}", "no '{'")]:
        with pytest.raises(CounterError, match=words):
            parse_counter(bad)


def test_every_shipped_counter_names_a_flag_its_case_sets() -> None:
    for case_id in Catalog.load(SCENARIOS).scenarios:
        scenario = load_case(case_id)
        path = Path(scenario.path)
        counters = [*scenario.counters, *(k for s in scenario.scenes.values() for k in s.counters)]
        set_flags = {e.flag for s in scenario.scenes.values() for ch in s.choices for e in ch.effects
                     if hasattr(e, "flag")} | {e.flag for s in scenario.scenes.values() for e in s.on_enter
                                               if hasattr(e, "flag")}
        for counter in counters:
            assert set(counter.flags) <= set_flags, (path.name, counter.text)
