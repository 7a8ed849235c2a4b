"""A shortest way through each case, planned with the engine on the host, then replayed in the browser."""

from __future__ import annotations

import random
from dataclasses import dataclass

from game.engine import CONFIDENCES, Scenario, Session


@dataclass(frozen=True)
class Step:
    """One thing the player does: take a choice (by its action key) or give a verdict."""

    key: str  # "choose:N" (N the choice's place in the file, as the controller's keys have it) or "verdict"
    interpretation: str = ""
    cite: tuple[str, ...] = ()
    confidence: str = CONFIDENCES[0]  # "certain": the first radio button, the one Tab lands on


def plan(scenario: Scenario, tries: int = 200, max_steps: int = 400) -> list[Step]:
    """The shortest of many seeded walks to an ending (a search over every state is too big for real cases).

    A walk prefers choices leading to scenes it has not seen; a verdict takes the first interpretation and
    cites the first relevant item held, so the checkboxes are exercised too.
    """
    best: list[Step] | None = None
    for seed in range(tries):
        rng = random.Random(seed)
        session = Session(scenario)
        path: list[Step] = []
        while len(path) < max_steps and not (best is not None and len(path) >= len(best)):
            view = session.view()
            if view.checkpoint is not None:
                question = view.checkpoint
                held = [e for e in session.held if e in question.stances]
                step = Step("verdict", next(iter(question.interpretations)), tuple(held[:1]))
                session.submit_verdict(question.id, step.interpretation, list(step.cite), step.confidence)
            elif view.is_ending:
                best = path
                break
            else:
                fresh = [c for c in view.choices if c.goto not in session.visited_scenes]
                choice = rng.choice(fresh or view.choices)
                session.choose(choice.index)
                step = Step(f"choose:{choice.source_index}")
            path.append(step)
    if best is None:
        raise AssertionError(f"no way to an ending found in {scenario.id}")
    return best
