"""The historians' capstone: it opens after three other cases and argues from evidence drawn across them."""

from __future__ import annotations

import dataclasses

import pytest

from game.engine import Catalog
from tests.support import CAPSTONE_CASES, SCENARIOS, load_case

pytestmark = pytest.mark.skipif(not CAPSTONE_CASES, reason="the capstone case has not landed")


def test_the_capstone_opens_only_after_three_other_cases() -> None:
    capstone = load_case("historians")
    assert capstone.unlock_after == 3 and not capstone.practice


def test_the_capstone_draws_its_evidence_from_across_the_cases() -> None:
    catalog = Catalog.load(SCENARIOS)
    capstone = catalog.scenarios["historians"]
    borrowed = capstone.evidence_from
    assert 8 <= len(borrowed) <= 14
    assert len({ref.case for ref in borrowed.values()}) >= 5  # from most of the other cases, not one
    for local, ref in borrowed.items():
        source = catalog.scenarios[ref.case].evidence[ref.evidence]
        assert capstone.evidence[local] == dataclasses.replace(source, id=local), local
    # Its own items are the historians' works as sources, each cited in full.
    own = [e for lid, e in capstone.evidence.items() if lid not in borrowed]
    assert len(own) >= 3 and all(e.citation.strip() and e.reliability_note.strip() for e in own)


def test_the_big_question_is_argued_against_the_historians_positions() -> None:
    capstone = load_case("historians")
    held_by = " ".join(i.held_by for i in capstone.questions["big"].interpretations.values())
    for historian in ("Conquest", "Getty", "Fitzpatrick", "Khlevniuk"):
        assert historian in held_by, historian
    assert any(i.official for q in capstone.questions.values() for i in q.interpretations.values())
