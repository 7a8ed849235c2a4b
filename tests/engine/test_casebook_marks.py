"""Pins and notes on casebook items: kept in the PlayState by the session, saved, untouched by undo."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import Scenario, Session, VerdictError
from game.engine.notes import MAX_NOTE
from tests.support import RoundTripSession, go


@pytest.fixture(params=[Session, RoundTripSession], ids=["session", "round-trip"])
def at_the_bindery(request: pytest.FixtureRequest, tutorial: Scenario) -> Session:
    s: Session = request.param(tutorial)
    for target in ("the_folder", "reading_room", "bindery"):
        go(s, target)
    assert s.held == ("sheet_list", "rebinding_log")
    return s


def test_pins_toggle_and_keep_the_order_pinned(at_the_bindery: Session) -> None:
    s = at_the_bindery
    assert s.pins == () and not s.pinned("rebinding_log")
    s.pin("rebinding_log")
    s.pin("sheet_list")
    s.pin("rebinding_log")  # pinning twice keeps one pin
    assert s.pins == ("rebinding_log", "sheet_list") and s.pinned("sheet_list")
    s.pin("rebinding_log", False)
    s.pin("rebinding_log", False)
    assert s.pins == ("sheet_list",)


def test_a_note_is_one_short_line_and_an_empty_one_removes_it(at_the_bindery: Session) -> None:
    s = at_the_bindery
    kept = s.annotate("rebinding_log", "  Written in 1968,\n\tbefore   the page went missing  ")
    assert kept == s.note("rebinding_log") == "Written in 1968, before the page went missing"
    assert s.notes == {"rebinding_log": kept}
    assert len(s.annotate("sheet_list", "word " * 200)) == MAX_NOTE
    s.annotate("rebinding_log", "   ")
    assert s.note("rebinding_log") == "" and "rebinding_log" not in s.notes


def test_only_evidence_held_can_be_pinned_or_noted(at_the_bindery: Session) -> None:
    s = at_the_bindery
    for mark in (lambda: s.pin("repair_box"), lambda: s.annotate("repair_box", "x"),
                 lambda: s.pin("no_such_item")):
        with pytest.raises(VerdictError, match="do not hold"):
            mark()
    assert s.pins == () and s.notes == {}


def test_undo_leaves_pins_and_notes_alone(at_the_bindery: Session) -> None:
    s = at_the_bindery
    go(s, "shelves")
    s.pin("repair_box")
    s.annotate("repair_box", "the mended page itself")
    s.pin("sheet_list")
    s.undo()  # back before the shelves: the box is no longer held, and its marks wait for it
    assert "repair_box" not in s.held
    assert s.pins == ("repair_box", "sheet_list") and s.note("repair_box") == "the mended page itself"
    assert s.undo_count == 1


def test_pins_and_notes_survive_a_save(at_the_bindery: Session, tutorial: Scenario) -> None:
    s = at_the_bindery
    s.pin("rebinding_log")
    s.annotate("rebinding_log", "entry 311: removed for repair")
    text = s.to_json()
    data = json.loads(text)
    assert data["version"] == 2  # optional keys: the format version stays
    assert data["pins"] == ["rebinding_log"]
    assert data["notes"] == {"rebinding_log": "entry 311: removed for repair"}
    restored = Session.restore(tutorial, text)
    assert restored.notes == () and not restored.lossy
    assert restored.session.pins == ("rebinding_log",)
    assert restored.session.note("rebinding_log") == "entry 311: removed for repair"


def test_a_save_without_the_keys_has_no_pins_or_notes(at_the_bindery: Session, tutorial: Scenario) -> None:
    data = json.loads(at_the_bindery.to_json())
    assert "pins" not in data and "notes" not in data  # written only when they hold something
    restored = Session.restore(tutorial, json.dumps(data))
    assert restored.notes == () and not restored.lossy
    assert restored.session.pins == () and restored.session.notes == {}


@pytest.mark.parametrize(
    ("pins", "notes", "kept_pins", "kept_notes"),
    [
        ("rebinding_log", "a note", (), {}),  # wrong shapes altogether
        ([1, None, ["x"], {"a": 1}, True, "rebinding_log", "rebinding_log"], {"rebinding_log": 5},
         ("rebinding_log",), {}),
        ([], {"rebinding_log": ["a"], "sheet_list": "  kept\n  ", "repair_box": "not held, still known"},
         (), {"sheet_list": "kept", "repair_box": "not held, still known"}),
        ([], {"rebinding_log": "x" * 5000, "sheet_list": ""}, (), {"rebinding_log": "x" * MAX_NOTE}),
    ],
)
def test_hostile_values_for_pins_and_notes_are_dropped(tutorial: Scenario, at_the_bindery: Session,
                                                      pins: object, notes: object, kept_pins: tuple,
                                                      kept_notes: dict) -> None:
    data = json.loads(at_the_bindery.to_json())
    data["pins"], data["notes"] = pins, notes
    restored = Session.restore(tutorial, json.dumps(data))
    assert restored.session.pins == kept_pins
    assert restored.session.notes == kept_notes
    assert restored.session.held == at_the_bindery.held  # the rest of the save is untouched


def test_marks_on_evidence_no_longer_in_the_case_are_dropped_and_said(tutorial: Scenario,
                                                                       at_the_bindery: Session) -> None:
    data = json.loads(at_the_bindery.to_json())
    data["pins"], data["notes"] = ["gone_item"], {"gone_item": "written on a renamed document"}
    restored = Session.restore(tutorial, json.dumps(data))
    assert restored.lossy  # the original is kept aside by the store
    assert any("pin on 'gone_item'" in n for n in restored.notes)
    assert any("note on 'gone_item'" in n for n in restored.notes)
    assert restored.session.pins == () and restored.session.notes == {}


# Values a save can hold at all: safejson refuses a whole save with a number past 18 digits (tested there).
JSON_LEAVES = st.none() | st.booleans() | st.integers(-10**18 + 1, 10**18 - 1) | st.text(max_size=300)


def _json(keys: st.SearchStrategy[str]) -> st.SearchStrategy[object]:
    return st.recursive(JSON_LEAVES, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(keys, inner, max_size=4), max_leaves=12)


@settings(max_examples=60, deadline=None)
@given(pins=_json(st.text(max_size=10)), notes=_json(st.sampled_from(["rebinding_log", "sheet_list", "x"])))
def test_any_value_for_the_keys_restores_a_session(tutorial: Scenario, pins: object, notes: object) -> None:
    s = Session(tutorial)
    go(s, "the_folder")
    data = json.loads(s.to_json())
    data["pins"], data["notes"] = pins, notes
    r = Session.restore(tutorial, json.dumps(data)).session
    assert all(e in tutorial.evidence for e in r.pins) and len(set(r.pins)) == len(r.pins)
    assert all(e in tutorial.evidence and 0 < len(n) <= MAX_NOTE and n == " ".join(n.split())
               for e, n in r.notes.items())
