"""Every full case: size, sources, checker, coverage, scoring thresholds and a fixed route per ending.

The three core cases are held to a larger size than the cases for the outline's other branches, and the
historians' capstone (which draws most of its evidence from the other cases) to a smaller one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.check import check_paths
from game.engine import Scenario
from game.engine.playtest import playtest
from game.engine.prose import word_count
from tests.support import CAPSTONE_CASES, CORE_CASES, OUTLINE_CASES, load_case, run_route

CASES = CORE_CASES + OUTLINE_CASES + CAPSTONE_CASES

ROOT = Path(__file__).resolve().parents[2]
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest) -> Scenario:
    return load_case(request.param)


def prose_words(scenario: Scenario) -> int:
    return sum(
        word_count(s.text) + sum(word_count(p.text) for p in s.passages) + word_count(s.debrief)
        for s in scenario.scenes.values()
    )


def test_size_and_shape(case: Scenario) -> None:
    scenes, words, items = (25, 4000, 12) if case.id in CORE_CASES else (
        (14, 2500, 10) if case.id in CAPSTONE_CASES else (18, 3000, 10))
    assert len(case.scenes) >= scenes
    assert prose_words(case) >= words
    assert len(case.evidence) >= items
    assert len(case.questions) >= 2
    assert all(3 <= len(q.interpretations) <= 5 for q in case.questions.values())
    assert len(case.endings) >= 3
    assert case.content_note.strip() and case.aftermath.strip() and case.bibliography


def test_every_evidence_item_carries_a_citation(case: Scenario) -> None:
    for item in case.evidence.values():
        assert YEAR.search(item.citation), f"{item.id}: citation without a year: {item.citation}"
        assert len(item.citation) > 25 and item.reliability_note.strip() and item.provenance.strip()
        if item.kind == "confession" and "trial" in item.provenance.lower():
            assert item.coerced, f"{item.id}: a trial confession must be marked coerced"


def test_checker_is_clean_in_strict_mode(case: Scenario) -> None:
    [result] = check_paths([case.path])
    assert result.diagnostics == [], "\n".join(d.format() for d in result.diagnostics)


def test_playtest_reaches_every_scene_choice_and_ending(case: Scenario) -> None:
    report = playtest(case, 3000)
    summary = report.coverage(case)
    all_choices = {(s.id, c.index) for s in case.scenes.values() for c in s.choices}
    assert set(case.scenes) == report.scenes_seen, set(case.scenes) - report.scenes_seen
    assert all_choices == report.choices_taken, sorted(all_choices - report.choices_taken)
    assert all(n > 0 for n in summary["endings"].values()), summary["endings"]
    assert not report.stuck and not report.too_long


def test_misspellings_from_the_outline_are_corrected(case: Scenario) -> None:
    text = Path(case.path).read_text(encoding="utf-8")
    for wrong in (
        "Shakhti",
        "Vyshinski ",
        "Ezhovchina",
        "Stakhonvite",
        "Riutin",
        "viligance",
        "Tukhachevski ",
    ):
        assert wrong not in text, wrong


def test_each_ending_has_a_fixed_route_that_reaches_it(case: Scenario) -> None:
    routes = json.loads((ROOT / "tests" / "routes" / f"{case.id}.json").read_text())["routes"]
    assert {r["ending"] for r in routes} == {e.id for e in case.endings}
    for route in routes:
        session = run_route(case, route["steps"])
        assert session.is_over and session.scene_id == route["ending"]
        debrief = session.debrief()
        assert debrief.aftermath and debrief.ending
