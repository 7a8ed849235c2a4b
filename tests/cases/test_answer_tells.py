"""No answer tells: in every question of every shipped case the wording must not point to the best answer.

Players learn fast that the longest, most qualified claim is usually the one that scores; then the wording,
not the evidence, decides. So the claims of one question stay close in length, and the best-supported one
(on all the case's evidence) is never the longest by a clear margin.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from game.engine import Catalog, Question, Scenario
from game.engine.prose import word_count
from game.engine.scoring import ranking

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
CATALOG = Catalog.load(SCENARIOS)
QUESTIONS = [(sc, q) for sc in CATALOG.scenarios.values() for q in sc.questions.values()]
IDS = [f"{sc.id}.{q.id}" for sc, q in QUESTIONS]

MAX_SPREAD = 1.5  # longest claim / shortest claim, in words
MAX_LEAD = 1.2  # the best-supported claim may not be longer than every other by more than this


def claim_words(question: Question) -> dict[str, int]:
    return {iid: word_count(i.claim) for iid, i in question.interpretations.items()}


def tells(words: Mapping[str, int], best: str) -> list[str]:
    """What in these claim lengths gives the answer away (empty when nothing does)."""
    found = []
    longest, shortest = max(words.values()), min(words.values())
    if longest > MAX_SPREAD * shortest:
        found.append(f"longest claim {longest} words is more than {MAX_SPREAD}x the shortest {shortest}")
    others = max(n for iid, n in words.items() if iid != best)
    if words[best] > MAX_LEAD * others:
        found.append(f"best-supported '{best}' has {words[best]} words, over {MAX_LEAD}x the next ({others})")
    return found


def test_every_shipped_case_is_checked() -> None:
    assert {"tutorial", "kirov", "show_trial", "army_purge"} <= set(CATALOG.scenarios)
    assert len(QUESTIONS) >= 2 * len(CATALOG.scenarios)


def test_the_rule_catches_the_tells_it_is_meant_to_catch() -> None:
    assert tells({"a": 46, "b": 25, "c": 24}, best="a")  # the old Kirov regime_use
    assert tells({"a": 20, "b": 14, "c": 13}, best="b")  # spread alone
    assert tells({"a": 26, "b": 21, "c": 20}, best="a")  # lead alone
    assert not tells({"a": 24, "b": 26, "c": 22}, best="a")


@pytest.mark.parametrize(("scenario", "question"), QUESTIONS, ids=IDS)
def test_claims_are_comparable_in_length(scenario: Scenario, question: Question) -> None:
    best = ranking(scenario, question, list(scenario.evidence))[0][0]
    words = claim_words(question)
    assert not tells(words, best), f"{scenario.id}.{question.id} {words}: {tells(words, best)}"
