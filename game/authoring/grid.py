"""A question's stance table as a grid: one row per evidence item, one column per interpretation.

The grid is read from the file as written, not from the loaded case, so that it can tell "not named"
(a blank cell: neutral by default) from an explicit "neutral", and a round trip changes nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from game.engine.model import STANCE_WORDS, Scenario
from game.engine.scoring import score_verdict, weight

SYMBOLS = {"strongly supports": "++", "supports": "+", "neutral": "0", "undermines": "-",
           "strongly undermines": "--"}
WORDS_BY_SYMBOL = {v: k for k, v in SYMBOLS.items()}


@dataclass
class Row:
    evidence: str
    title: str
    reliability: str  # "high", "medium", "low", with ", coerced" for a coerced item
    cells: dict[str, str]  # interpretation id -> the stance word as written, "" when not named
    why: str
    listed: bool  # the item has a stance table on this question (an empty row means irrelevant)


@dataclass
class Grid:
    question: str
    prompt: str
    interpretations: list[str]
    claims: dict[str, str]
    rows: list[Row] = field(default_factory=list)


def raw_tables(text: str) -> dict[str, Any]:
    """The file's [questions] table as written."""
    questions = tomllib.loads(text).get("questions", {})
    return questions if isinstance(questions, dict) else {}


def grids(scenario: Scenario, text: str) -> list[Grid]:
    raw = raw_tables(text)
    found = []
    for qid, question in scenario.questions.items():
        stances = raw.get(qid, {}).get("stances", {})
        grid = Grid(qid, question.prompt, list(question.interpretations),
                    {iid: i.claim for iid, i in question.interpretations.items()})
        for eid, item in scenario.evidence.items():
            table = stances.get(eid)
            listed = isinstance(table, dict)
            table = table if isinstance(table, dict) else {}
            cells = {iid: str(table.get(iid, "")) for iid in grid.interpretations}
            grid.rows.append(Row(eid, item.title, item.reliability + (", coerced" if item.coerced else ""),
                                 cells, str(table.get("why", "")), listed))
        found.append(grid)
    return found


def stance_word(cell: str) -> str | None:
    """The stance word a cell means ("" for a blank cell), or None when it means nothing."""
    cell = " ".join(cell.strip().lower().split())
    if not cell:
        return ""
    if cell in STANCE_WORDS:
        return cell
    return WORDS_BY_SYMBOL.get(cell.replace("−", "-").replace(" ", ""))


def best_scores(scenario: Scenario, qid: str) -> dict[str, int]:
    """What each interpretation scores, argued from its strongest items with every item held.

    The same test `verdict check` applies when it warns that no answer can reach 85.
    """
    question = scenario.questions[qid]
    everything = [e for e in question.stances if e in scenario.evidence]
    confidence = "probable" if question.disputed else "certain"
    found = {}
    for iid in question.interpretations:
        ranked = sorted(everything, key=lambda e: -question.stance(e, iid) * weight(scenario.evidence[e]))
        cited = [e for e in ranked if question.stance(e, iid) > 0][: question.max_cite]
        found[iid] = score_verdict(scenario, question, iid, cited, confidence, everything).total
    return found


def net_support(scenario: Scenario, qid: str) -> dict[str, float]:
    question = scenario.questions[qid]
    return {iid: sum(question.stance(e, iid) * weight(scenario.evidence[e])
                     for e in question.stances if e in scenario.evidence)
            for iid in question.interpretations}
