from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import SaveError, Scenario, Session, load_scenario_bytes
from tests.support import go


def played(tutorial: Scenario) -> Session:
    s = Session(tutorial)
    for target in ("the_folder", "reading_room", "bindery", "shelves", "reading_room", "verdict_desk"):
        go(s, target)
    s.submit_verdict("missing_page", "bindery", ["rebinding_log", "repair_box"], "certain")
    return s


def test_round_trip_keeps_everything(tutorial: Scenario) -> None:
    s = played(tutorial)
    text = s.to_json()
    data = json.loads(text)
    assert data["version"] == 2 and data["scenario"] == "tutorial"
    assert data["content_hash"] == tutorial.content_hash
    restored = Session.restore(tutorial, text)
    assert restored.notes == () and not restored.lossy
    r = restored.session
    assert (r.scene_id, r.held, r.flags, r.history) == (s.scene_id, s.held, s.flags, s.history)
    assert r.verdicts["missing_page"].report == s.verdicts["missing_page"].report
    assert [c.label for c in r.view().choices] == [c.label for c in s.view().choices]


def test_restore_from_an_edited_scenario_says_what_it_could_not(tutorial: Scenario) -> None:
    s = played(tutorial)
    source = Path(tutorial.path).read_text(encoding="utf-8")
    edited_text = (
        source.replace("scenes.verdict_desk", "scenes.desk")
        .replace('goto = "verdict_desk"', 'goto = "desk"')
        .replace("repair_box", "mended_page")
    )
    edited = load_scenario_bytes(edited_text.encode(), "tutorial.toml")
    restored = Session.restore(edited, s.to_json())
    notes = " ".join(restored.notes)
    assert "edited" in notes
    assert "'verdict_desk'" in notes and "start" in notes
    assert "repair_box" in notes
    assert restored.session.scene_id == edited.start
    assert "mended_page" not in restored.session.held


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{not json", "damaged"),
        ("[]", "not a Verdict save"),
        ('{"format": "verdict-save", "version": 99, "scenario": "tutorial"}', "newer version"),
        ('{"format": "verdict-save", "version": 1, "scenario": "kirov"}', "belongs to case 'kirov'"),
        ('{"format": "verdict-save", "version": 1, "scenario": "tutorial"}', "damaged"),
        ('{"format": "verdict-save", "version": "1", "scenario": "tutorial"}', "version"),
    ],
)
def test_bad_saves_are_reported_not_crashed_on(tutorial: Scenario, text: str, fragment: str) -> None:
    with pytest.raises(SaveError) as err:
        Session.restore(tutorial, text)
    assert fragment in str(err.value)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["scene", "flags", "held", "visits", "taken", "history", "verdicts", "undo_count", "content_hash"]
        ),
        json_values,
    )
)
def test_any_damaged_save_gives_a_session_or_a_save_error(tutorial: Scenario, fields: dict) -> None:
    data = {"format": "verdict-save", "version": 1, "scenario": "tutorial", **fields}
    try:
        restored = Session.restore(tutorial, json.dumps(data))
    except SaveError:
        return
    restored.session.view()  # whatever was restored is playable


def test_a_verdict_is_rescored_against_what_was_held_when_it_was_filed(tutorial: Scenario) -> None:
    s = Session(tutorial)
    for target in ("the_folder", "reading_room", "bindery", "shelves", "reading_room", "verdict_desk"):
        go(s, target)
    s.submit_verdict("missing_page", "bindery", ["rebinding_log"], "certain")
    before = s.verdicts["missing_page"]
    s.state.held.append("porter_story")  # found after the verdict (the route's next scenes would do it)
    restored = Session.restore(tutorial, s.to_json()).session.verdicts["missing_page"]
    assert restored.report == before.report and restored.held == before.held
    assert "porter_story" not in restored.held
