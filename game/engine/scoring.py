"""Scores a verdict against the evidence: 0-100, deterministic, every point explained in words.

The stance table decides; there is no hard-coded right answer. See docs/scoring.md for the reasoning.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from game.engine.model import STANCE_NAMES, Evidence, Question, Scenario

WEIGHTS = {"high": 1.0, "medium": 0.6, "low": 0.3}
COERCED_WEIGHT = 0.1
FULL_MASS = 2.0  # weight of evidence on a question that lets a verdict earn its full standing
FULL_SUPPORT = 4.0  # cited support that earns full citation marks: two reliable items strongly for it
STANDING_MAX, CITATION_MAX, COUNTER_MAX, CALIBRATION_MAX = 35, 35, 15, 15
MISCITE_COST, IGNORED_COST, COERCED_COST, LOW_COST = 6, 5, 8, 4


def weight(item: Evidence) -> float:
    return COERCED_WEIGHT if item.coerced else WEIGHTS[item.reliability]


@dataclass(frozen=True)
class ScoreLine:
    label: str
    points: int
    max_points: int  # 0 for a penalty line
    text: str


@dataclass(frozen=True)
class ScoreReport:
    question_id: str
    interpretation_id: str
    total: int
    lines: tuple[ScoreLine, ...]


@dataclass(frozen=True)
class Verdict:
    """A filed verdict and its score: what the session keeps, the debrief explains and a save stores."""

    question_id: str
    interpretation_id: str
    cited: tuple[str, ...]
    confidence: str
    report: ScoreReport
    reasoning: str = ""  # why the cited evidence supports the claim, in the student's words (not scored)
    rebuttal: str = ""  # the strongest evidence against, and why it does not change the verdict
    held: tuple[str, ...] = ()  # the evidence held when it was filed: what it was scored against


class Scored(Protocol):
    @property
    def report(self) -> ScoreReport: ...


def case_score(verdicts: Iterable[Scored]) -> int | None:
    """A case's score: the mean of its verdicts' scores, None before the first verdict."""
    totals = [v.report.total for v in verdicts]
    return round(sum(totals) / len(totals)) if totals else None


def net_support(scenario: Scenario, question: Question, interpretation_id: str, held: Iterable[str]) -> float:
    return sum(
        question.stance(e, interpretation_id) * weight(scenario.evidence[e])
        for e in held
        if e in question.stances and e in scenario.evidence
    )


def ranking(scenario: Scenario, question: Question, held: Iterable[str]) -> list[tuple[str, float]]:
    """Interpretations ordered by the weight of the evidence, strongest first (ties keep file order)."""
    items = list(held)
    scored = [(iid, net_support(scenario, question, iid, items)) for iid in question.interpretations]
    return sorted(scored, key=lambda pair: -pair[1])


def score_verdict(
    scenario: Scenario,
    question: Question,
    interpretation_id: str,
    cited: Sequence[str],
    confidence: str,
    held: Iterable[str],
) -> ScoreReport:
    held_items = [e for e in dict.fromkeys(held) if e in scenario.evidence]
    relevant = [e for e in held_items if e in question.stances]
    if interpretation_id not in question.interpretations:
        raise KeyError(f"'{interpretation_id}' is not an interpretation of '{question.id}'")
    lines: list[ScoreLine] = []

    mass = sum(weight(scenario.evidence[e]) for e in relevant)
    coverage = min(1.0, mass / FULL_MASS)
    nets = {iid: net_support(scenario, question, iid, relevant) for iid in question.interpretations}
    best, worst = max(nets.values()), min(nets.values())
    rank_share = 0.5 if best == worst else (nets[interpretation_id] - worst) / (best - worst)
    standing_share = rank_share * coverage
    lines.append(_standing_line(nets, interpretation_id, rank_share, coverage, len(relevant), standing_share))

    lines.append(_citation_line(scenario, question, interpretation_id, cited))
    lines.append(_counter_line(scenario, question, interpretation_id, relevant, coverage))
    argued = min(1.0, cited_support(scenario, question, interpretation_id, cited) / (FULL_SUPPORT / 2))
    lines.append(_calibration_line(question, confidence, standing_share, argued))
    lines.extend(_source_lines(scenario, question, interpretation_id, cited))

    total = max(0, min(100, sum(line.points for line in lines)))
    return ScoreReport(question.id, interpretation_id, total, tuple(lines))


def _standing_line(
    nets: dict[str, float], iid: str, rank_share: float, coverage: float, count: int, share: float
) -> ScoreLine:
    points = round(STANDING_MAX * share)
    if count == 0:
        return ScoreLine(
            "Standing",
            0,
            STANDING_MAX,
            "You held no evidence bearing on this question, so no answer could stand on it.",
        )
    order = sorted(nets, key=lambda k: -nets[k])
    place = order.index(iid) + 1
    if rank_share >= 0.999:
        text = "Of all the interpretations, yours is the one best supported by the evidence you held."
    elif rank_share <= 0.001:
        text = "Of all the interpretations, yours is the one the evidence you held supports least."
    else:
        text = (
            f"Weighing the evidence you held, your interpretation ranks {place} of {len(nets)}; "
            f"'{order[0]}' is better supported."
        )
    if coverage < 1.0:
        text += (
            " You held little reliable evidence on this question, so any answer stands on thin ground "
            f"({round(coverage * 100)}% of a well-founded case)."
        )
    return ScoreLine("Standing", points, STANDING_MAX, text)


def _citation_line(scenario: Scenario, question: Question, iid: str, cited: Sequence[str]) -> ScoreLine:
    if not cited:
        return ScoreLine(
            "Citations", 0, CITATION_MAX, "You cited no evidence, so the claim rests on nothing."
        )
    support = 0.0
    against: list[str] = []
    helpful: list[str] = []
    for eid in cited:
        s = question.stance(eid, iid)
        if s > 0:
            support += s * weight(scenario.evidence[eid])
            helpful.append(scenario.evidence[eid].title)
        elif s < 0:
            against.append(scenario.evidence[eid].title)
    earned = round(CITATION_MAX * min(1.0, support / FULL_SUPPORT))
    points = max(0, earned - MISCITE_COST * len(against))
    parts = []
    if helpful:
        strength = (
            "amply" if support >= FULL_SUPPORT else ("partly" if support >= FULL_SUPPORT / 2 else "thinly")
        )
        parts.append(f"Your citations {strength} support the claim ({titles(helpful)}).")
        if support < FULL_SUPPORT:
            # Why two items that each "support" a claim earn only part of the marks: say the rule.
            parts.append(f"Full marks need the weight of two reliable items that strongly support it; "
                         f"yours add up to {support:.1f} of {FULL_SUPPORT:.0f}.")
    else:
        parts.append("None of the items you cited supports the claim.")
    if against:
        parts.append(f"You cited items that undermine it ({titles(against)}): {MISCITE_COST} points each.")
    return ScoreLine("Citations", points, CITATION_MAX, " ".join(parts))


def _counter_line(
    scenario: Scenario, question: Question, iid: str, relevant: Sequence[str], coverage: float
) -> ScoreLine:
    ignored = strong_counter(scenario, question, iid, relevant)
    points = max(0, round(COUNTER_MAX * coverage) - IGNORED_COST * len(ignored))
    if ignored:
        names = titles(scenario.evidence[e].title for e in ignored)
        text = f"You held strong counter-evidence and the claim cannot answer it: {names}."
    elif coverage < 1.0:
        text = "No strong counter-evidence in what you held, but you held little on this question."
    else:
        text = "Nothing you held strongly contradicts the claim."
    return ScoreLine("Counter-evidence", points, COUNTER_MAX, text)


def strong_counter(scenario: Scenario, question: Question, iid: str, held: Iterable[str]) -> list[str]:
    """The held items a claim must answer: reliable (medium or high), not coerced, strongly against it.

    The scoring's Counter-evidence line and the teacher's class summary both use this one rule.
    """
    return [
        e
        for e in dict.fromkeys(held)
        if e in question.stances and e in scenario.evidence
        and question.stance(e, iid) <= -2
        and not scenario.evidence[e].coerced
        and WEIGHTS[scenario.evidence[e].reliability] >= WEIGHTS["medium"]
    ]


def cited_support(scenario: Scenario, question: Question, iid: str, cited: Sequence[str]) -> float:
    return sum(max(0, question.stance(e, iid)) * weight(scenario.evidence[e]) for e in cited)


def _calibration_line(question: Question, confidence: str, share: float, argued: float) -> ScoreLine:
    # Confidence can only be judged for a claim that is argued: nothing cited, nothing to calibrate.
    line = _confidence_fit(question, confidence, share)
    if argued >= 1.0:
        return line
    if argued == 0.0:
        return ScoreLine(
            line.label,
            0,
            line.max_points,
            "You cited nothing in support, so there is no argument whose confidence could be judged.",
        )
    return ScoreLine(
        line.label,
        round(line.points * argued),
        line.max_points,
        line.text + " Your citations argue the claim only in part, so this counts in part.",
    )


def _confidence_fit(question: Question, confidence: str, share: float) -> ScoreLine:
    strong = share >= 0.5
    if question.disputed:
        points = {"certain": 3, "probable": 15 if strong else 8, "possible": 11 if strong else 13}[confidence]
        text = {
            "certain": "Historians still dispute this question; claiming certainty overstates the sources.",
            "probable": "'Probable' fits a question historians still dispute.",
            "possible": "'Possible' is cautious; on this evidence you could have said 'probable'."
            if strong
            else "'Possible' is honest about how little your evidence settles.",
        }[confidence]
        if confidence == "probable" and not strong:
            text = "'Probable' claims more than the evidence you held supports; 'possible' would be honest."
    else:
        if share >= 0.8:
            points = {"certain": 15, "probable": 10, "possible": 5}[confidence]
        elif strong:
            points = {"certain": 6, "probable": 10, "possible": 5}[confidence]
        else:
            points = {"certain": 0, "probable": 8, "possible": 12}[confidence]
        if points >= 12:
            text = "Your confidence matches the strength of your case."
        elif confidence == "certain":
            text = "You claimed certainty the evidence you held does not give."
        else:
            text = "Historians largely agree here and your evidence was strong; hedging undersold it."
    return ScoreLine("Calibration", points, CALIBRATION_MAX, text)


def _source_lines(scenario: Scenario, question: Question, iid: str, cited: Sequence[str]) -> list[ScoreLine]:
    lines = []
    for eid in cited:
        item = scenario.evidence[eid]
        if item.coerced and question.stance(eid, iid) == 0:
            lines.append(ScoreLine("Source criticism", 0, 0, f"'{item.title}' was obtained under duress, and "
                                   "it does not bear on this claim either way: citing it adds nothing."))
            continue
        if question.stance(eid, iid) <= 0:
            continue
        if item.coerced:
            lines.append(
                ScoreLine(
                    "Source criticism",
                    -COERCED_COST,
                    0,
                    f"'{item.title}' was obtained under duress; it cannot prove the claim. "
                    f"{item.reliability_note}",
                )
            )
        elif item.reliability == "low":
            lines.append(
                ScoreLine(
                    "Source criticism",
                    -LOW_COST,
                    0,
                    f"'{item.title}' is a weak source to rest a claim on. {item.reliability_note}",
                )
            )
    return lines


def titles(names: Iterable[str]) -> str:
    """Evidence titles in a sentence; semicolons, since a title may hold a comma ("Bindery log, 1968")."""
    return "; ".join(names)


def stance_name(value: int) -> str:
    return STANCE_NAMES[value]
