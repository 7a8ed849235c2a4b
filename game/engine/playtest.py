"""Seeded random playthroughs: which scenes, choices and endings real (random) players reach."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from game.engine.model import Scenario
from game.engine.player import Choose, ScriptedPlayer, apply, informed_verdict, random_verdict
from game.engine.session import Session

__all__ = ["PlaytestReport", "informed_verdict", "play_once", "playtest", "random_verdict"]

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


def play_once(
    scenario: Scenario, seed: int, report: PlaytestReport | None = None, transcript: list[str] | None = None
) -> Session:
    player = ScriptedPlayer(seed)
    session = Session(scenario)
    report = report if report is not None else PlaytestReport()
    report.runs += 1
    for _ in range(MAX_STEPS):
        report.scenes_seen.add(session.scene_id)
        if session.is_over:
            report.endings[session.scene_id] += 1
            return session
        move = player.next_move(session)
        if move is None:
            report.stuck[session.scene_id] += 1
            return session
        if isinstance(move, Choose):
            report.choices_taken.add((session.scene_id, session.available()[move.index].index))
            report.steps += 1
            if transcript is not None:
                transcript.append(f"> {move.label}")
            apply(session, move)
        else:
            apply(session, move)
            if transcript is not None:
                total = session.verdicts[move.question_id].report.total
                transcript.append(
                    f"[verdict on {move.question_id}: {move.interpretation_id}, citing "
                    f"{', '.join(move.cited) or 'nothing'}, {move.confidence}: {total}/100]"
                )
    report.too_long += 1
    return session


def playtest(scenario: Scenario, runs: int, seed: int = 0) -> PlaytestReport:
    report = PlaytestReport()
    for i in range(runs):
        play_once(scenario, seed + i, report)
    return report
