from __future__ import annotations

import pytest

from game.engine import Scenario, Session, VerdictError
from tests.support import RoundTripSession, go


@pytest.fixture(params=[Session, RoundTripSession], ids=["direct", "round-trip"])
def Session(request: pytest.FixtureRequest) -> type[Session]:  # stands in for the class
    """Every rule of play is checked on a plain session and on one saved and restored after each step."""
    return request.param


def test_start_and_choose(tutorial: Scenario, Session: type[Session]) -> None:
    s = Session(tutorial)
    view = s.view()
    assert view.scene_id == "reading_room" and not view.is_ending
    assert [c.goto for c in view.choices] == ["the_folder", "porter"]
    gained = s.choose(0)
    assert gained == ("sheet_list",) and s.has("sheet_list")
    assert s.view().gained == ("sheet_list",)


def test_once_choices_disappear_and_passages_appear(tutorial: Scenario, Session: type[Session]) -> None:
    s = Session(tutorial)
    go(s, "the_folder")
    go(s, "reading_room")
    view = s.view()
    assert "the_folder" not in [c.goto for c in view.choices]
    assert any("Back again" in "".join(span.text for span in p) for p in view.paragraphs)
    assert s.flag("mornings") == 2  # on_enter ran on each visit


def test_undo_is_free_until_a_verdict_and_counted(tutorial: Scenario, Session: type[Session]) -> None:
    s = Session(tutorial)
    go(s, "porter")
    assert s.can_undo
    s.undo()
    assert s.scene_id == "reading_room" and not s.has("porter_story") and s.undo_count == 1
    go(s, "the_folder")
    go(s, "reading_room")
    go(s, "porter")
    go(s, "reading_room")
    go(s, "verdict_desk")
    assert s.pending_question is not None and s.view().choices == ()
    s.submit_verdict("missing_page", "theft", ["porter_story"], "possible")
    assert not s.can_undo
    with pytest.raises(RuntimeError):
        s.undo()


def test_verdict_validation(tutorial: Scenario, Session: type[Session]) -> None:
    s = Session(tutorial)
    go(s, "the_folder")
    with pytest.raises(VerdictError):
        s.submit_verdict("missing_page", "nope", [], "certain")
    with pytest.raises(VerdictError):
        s.submit_verdict("missing_page", "bindery", ["repair_box"], "certain")  # not held
    with pytest.raises(VerdictError):
        s.submit_verdict("missing_page", "bindery", ["sheet_list"], "sure")
    with pytest.raises(VerdictError):
        s.submit_verdict("nothing", "bindery", [], "certain")


def test_full_route_reaches_debrief(tutorial: Scenario, Session: type[Session]) -> None:
    s = Session(tutorial)
    for target in ("the_folder", "reading_room", "bindery", "shelves", "reading_room", "verdict_desk"):
        go(s, target)
    report = s.submit_verdict("missing_page", "bindery", ["rebinding_log", "repair_box"], "certain")
    assert report.total >= 85
    go(s, "page_restored")
    s.submit_verdict("lesson", "routine", ["rebinding_log", "repair_box"], "probable")
    go(s, "ending_ready")
    assert s.is_over
    debrief = s.debrief()
    assert debrief.ending_title == "A reader's ticket"
    assert [q.question.id for q in debrief.questions] == ["missing_page", "lesson"]
    assert {e.id for e in debrief.missed} == {"porter_story", "clerk_statement"}
    first = debrief.questions[0]
    assert first.evidence_ranking[0][0].id == "bindery"
    assert all(item.why for item in first.cited)
    assert debrief.aftermath


def test_endings_depend_on_what_was_concluded(tutorial: Scenario, Session: type[Session]) -> None:
    s = Session(tutorial)
    for target in ("porter", "reading_room", "the_folder", "reading_room", "verdict_desk"):
        go(s, target)
    s.submit_verdict("missing_page", "theft", ["porter_story"], "certain")
    go(s, "second_question")
    s.submit_verdict("lesson", "gaps", ["porter_story"], "certain")
    go(s, "ending_again")
    assert s.is_over and s.scene_id == "ending_again"


def test_a_flag_doubled_without_end_still_saves(tutorial: Scenario, Session: type[Session]) -> None:
    from game.engine.expr import parse_effect

    s = Session(tutorial)
    s._apply([parse_effect("n = 1")])
    double = parse_effect("n += 100000000")
    for _ in range(50):  # as a case that adds to a counter on every visit, for ever
        s._apply([double])
    assert s.flag("n") == 10**9
    restored = Session.restore(tutorial, s.to_json())
    assert restored.session.flag("n") == 10**9 and not restored.lossy
