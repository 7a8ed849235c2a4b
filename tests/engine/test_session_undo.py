"""Undo puts back exactly the state before a choice: a session with undos equals one that never made them."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.catalog import Catalog
from game.engine.playtest import informed_verdict
from game.engine.session import Session

CASES = Catalog.load(Path(__file__).resolve().parents[2] / "scenarios").scenarios


def _state(session: Session) -> dict[str, Any]:
    saved = json.loads(session.to_json())
    del saved["undo_count"]
    return saved


@pytest.mark.parametrize("case", sorted(CASES))
@settings(deadline=None, max_examples=40)
@given(seed=st.integers(0, 10**6))
def test_undo_restores_the_state_a_replay_reaches(case: str, seed: int) -> None:
    scenario, rng = CASES[case], random.Random(seed)
    session = Session(scenario)
    events: list[tuple[str, Any]] = []  # what is still in force: undone choices are removed
    for _ in range(150):
        if session.is_over:
            break
        question = session.pending_question
        if question is not None:
            verdict = (question.id, *informed_verdict(session, question, rng))
            session.submit_verdict(*verdict)
            events.append(("verdict", verdict))
        elif session.can_undo and rng.random() < 0.3:
            session.undo()
            assert events.pop()[0] == "choose"
        else:
            options = session.available()
            if not options:
                break
            index = rng.randrange(len(options))
            session.choose(index)
            events.append(("choose", index))
    replay = Session(scenario)
    for kind, arg in events:
        if kind == "choose":
            replay.choose(arg)
        else:
            replay.submit_verdict(*arg)
    assert _state(session) == _state(replay)
    assert repr(session.view()) == repr(replay.view())
