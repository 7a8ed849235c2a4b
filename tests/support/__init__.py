"""What tests share: paths, the case lists, and ways to play. Test modules import this, never each other.

Front-end helpers that need optional packages live beside it (`tests.support.window_driver` needs pygame).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.app.autoplay import next_keys
from game.app.controller import Controller
from game.engine import Catalog, Scenario, ScoreReport, Session, load_scenario
from game.engine.player import ScriptedPlayer

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
CORE_CASES = ("kirov", "show_trial", "army_purge")
# The cases for the rest of the outline's branches (issue 15), as they land.
# A small capstone that borrows evidence from the shipped cases and opens after three (evidence by reference).
CAPSTONE_FIXTURE = ROOT / "tests" / "support" / "capstone" / "mini_capstone.toml"
OUTLINE_CASES = tuple(c for c in ("wreckers", "opposition", "mass_operations", "stakhanovites")
                      if (SCENARIOS / f"{c}.toml").exists())
# The historians' capstone (issue 15): it borrows evidence from the cases above, so it is loaded with them.
CAPSTONE_CASES = tuple(c for c in ("historians",) if (SCENARIOS / f"{c}.toml").exists())


NOT_CASES = ("glossary.toml", "outline.toml", "class.toml")  # the folder's other files: a glossary, the
# course outline, a teacher's class settings


def case_files(folder: Path = SCENARIOS) -> list[Path]:
    """The case files in a scenarios folder, by name."""
    return sorted(p for p in folder.glob("*.toml") if p.name not in NOT_CASES)


def load_case(case_id: str) -> Scenario:
    """A shipped case as the game loads it: a case that borrows evidence gets it copied in from the others."""
    scenario = load_scenario(SCENARIOS / f"{case_id}.toml")
    if not scenario.unresolved:
        return scenario
    resolved, problems = Catalog.load(SCENARIOS).resolve(scenario)
    assert resolved is not None, "\n".join(d.format() for d in problems)
    return resolved


class KeyPlayer:
    """The engine's scripted player, one controller key at a time: explores, files predictable verdicts."""

    def __init__(self, case: str = "tutorial", seed: int = 0) -> None:
        self.case = case
        self.player = ScriptedPlayer(seed, choices="explore", verdicts="first")
        self._queue: list[str] = []

    def next_key(self, c: Controller) -> str:
        if not self._queue:
            self._queue = next_keys(c, self.player, self.case)
            if not self._queue:
                raise AssertionError(f"no move on {c.screen}: {[a.key for a in c.actions()]}")
        return self._queue.pop(0)


def go(session: Session, target: str) -> None:
    """Take the available choice that leads to target."""
    for choice in session.view().choices:
        if choice.goto == target:
            session.choose(choice.index)
            return
    raise AssertionError(f"no choice to {target} in {session.scene_id}: {session.view().choices}")


def run_route(scenario: Scenario, steps: list[str]) -> Session:
    """Play a fixed route: "go SCENE" or "verdict QUESTION INTERPRETATION CONFIDENCE [ITEM,ITEM]"."""
    session = Session(scenario)
    for step in steps:
        verb, *rest = step.split()
        if verb == "go":
            targets = [c for c in session.view().choices if c.goto == rest[0]]
            assert targets, f"{scenario.id}: at {session.scene_id}, no choice leads to {rest[0]}"
            session.choose(targets[0].index)
        elif verb == "verdict":
            qid, iid, confidence, *cited = rest
            assert session.pending_question is not None and session.pending_question.id == qid, (
                f"{scenario.id}: at {session.scene_id}, {qid} is not the pending question"
            )
            session.submit_verdict(qid, iid, cited[0].split(",") if cited else [], confidence)
        else:
            raise AssertionError(f"bad route step {step!r}")
    return session


class RoundTripSession(Session):
    """A Session that saves itself and restores from the save after every step.

    The session tests run once with Session and once with this (as Ink runs its whole suite a second time
    through JSON): whatever a save forgets or gets wrong shows up as a failing rule of play.
    """

    def _round_trip(self) -> None:
        restored = Session.restore(self.scenario, self.to_json())
        assert restored.notes == () and not restored.lossy, restored.notes
        self.state = restored.session.state

    def choose(self, index: int) -> tuple[str, ...]:
        gained = super().choose(index)
        self._round_trip()
        return gained

    def undo(self) -> None:
        super().undo()
        self._round_trip()

    def submit_verdict(self, question_id: str, interpretation_id: str, cited: Sequence[str],
                       confidence: str) -> ScoreReport:
        report = super().submit_verdict(question_id, interpretation_id, cited, confidence)
        self._round_trip()
        return report

    def pin(self, evidence_id: str, on: bool = True) -> None:
        super().pin(evidence_id, on)
        self._round_trip()

    def annotate(self, evidence_id: str, text: str) -> str:
        note = super().annotate(evidence_id, text)
        self._round_trip()
        return note
