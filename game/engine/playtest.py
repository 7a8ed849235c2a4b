"""Seeded random playthroughs: which scenes, choices and endings real (random) players reach."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from game.engine.model import CONFIDENCES, Question, Scenario
from game.engine.scoring import weight
from game.engine.session import Session

MAX_STEPS = 400


@dataclass
class PlaytestReport:
    runs: int = 0
    steps: int = 0
    scenes_seen: set[str] = field(default_factory=set)
    choices_taken: set[tuple[str, int]] = field(default_factory=set)
    endings: Counter[str] = field(default_factory=Counter)
    stuck: Counter[str] = field(default_factory=Counter)  # scene id -> runs that had no way on there
    too_long: int = 0

    def coverage(self, scenario: Scenario) -> dict[str, object]:
        all_choices = {(s.id, c.index) for s in scenario.scenes.values() for c in s.choices}
        return {
            "runs": self.runs,
            "scenes": f"{len(self.scenes_seen)}/{len(scenario.scenes)}",
            "scene_coverage": len(self.scenes_seen) / max(1, len(scenario.scenes)),
            "choices": f"{len(self.choices_taken)}/{len(all_choices)}",
            "choice_coverage": len(self.choices_taken) / max(1, len(all_choices)),
            "endings": {e.id: self.endings.get(e.id, 0) for e in scenario.endings},
            "stuck": dict(self.stuck),
            "unfinished_runs": self.too_long,
        }


def informed_verdict(session: Session, question: Question, rng: random.Random) -> tuple[str, list[str], str]:
    """What a careful student would argue from what they hold: the best-supported claim, its best items."""
    scenario = session.scenario
    held = [e for e in session.held if e in question.stances]
    nets = {
        iid: sum(question.stance(e, iid) * weight(scenario.evidence[e]) for e in held)
        for iid in question.interpretations
    }
    best = max(nets.values())
    iid = rng.choice([i for i, v in nets.items() if v == best])
    ranked = sorted(
        (e for e in held if question.stance(e, iid) > 0),
        key=lambda e: -question.stance(e, iid) * weight(scenario.evidence[e]),
    )
    return iid, ranked[: question.max_cite], "probable" if question.disputed else "certain"


def random_verdict(session: Session, question: Question, rng: random.Random) -> tuple[str, list[str], str]:
    iid = rng.choice(list(question.interpretations))
    pool = list(session.held)
    cited = rng.sample(pool, k=min(len(pool), rng.randint(0, question.max_cite)))
    return iid, cited, rng.choice(CONFIDENCES)


def play_once(
    scenario: Scenario, seed: int, report: PlaytestReport | None = None, transcript: list[str] | None = None
) -> Session:
    rng = random.Random(seed)
    session = Session(scenario)
    report = report if report is not None else PlaytestReport()
    report.runs += 1
    careful = rng.random() < 0.5  # half the players reason from evidence, half guess
    for _ in range(MAX_STEPS):
        report.scenes_seen.add(session.scene_id)
        if session.is_over:
            report.endings[session.scene_id] += 1
            return session
        question = session.pending_question
        if question is not None:
            pick = informed_verdict if careful else random_verdict
            iid, cited, confidence = pick(session, question, rng)
            result = session.submit_verdict(question.id, iid, cited, confidence)
            if transcript is not None:
                transcript.append(
                    f"[verdict on {question.id}: {iid}, citing {', '.join(cited) or 'nothing'}, "
                    f"{confidence}: {result.total}/100]"
                )
            continue
        options = session.available()
        if not options:
            report.stuck[session.scene_id] += 1
            return session
        pick_index = rng.randrange(len(options))
        report.choices_taken.add((session.scene_id, options[pick_index].index))
        if transcript is not None:
            transcript.append(f"> {options[pick_index].label}")
        session.choose(pick_index)
        report.steps += 1
    report.too_long += 1
    return session


def playtest(scenario: Scenario, runs: int, seed: int = 0) -> PlaytestReport:
    report = PlaytestReport()
    for i in range(runs):
        play_once(scenario, seed + i, report)
    return report
