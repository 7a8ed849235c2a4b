"""The one scripted player: what a random, careful or exploring student would do next in a session.

Playtests, the terminal's `--autoplay`, the window's screenshot tour and the tests all use this player;
each front end turns its moves into its own inputs (the app layer into controller actions), so a scripted
run goes through exactly the code a person's play does.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from game.engine.model import CONFIDENCES
from game.engine.scoring import weight

if TYPE_CHECKING:
    from game.engine.model import Question
    from game.engine.session import Session

ChoicePolicy = Literal["random", "explore"]  # explore: the choice taken least often so far, first on ties
VerdictPolicy = Literal["mixed", "careful", "random", "first"]


@dataclass(frozen=True)
class Choose:
    index: int  # among the choices available now, as Session.choose takes it
    label: str
    source: int = -1  # the choice's place in the scene's file order (Choice.index): a stable name for it
    # The warning a front end asks the player to confirm before taking it ("" = none); a scripted player
    # has decided, so it answers yes (game/app/autoplay.py presses "yes" after the choice).
    confirm: str = ""


@dataclass(frozen=True)
class FileVerdict:
    question_id: str
    interpretation_id: str
    cited: tuple[str, ...]
    confidence: str


Move = Choose | FileVerdict


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


def first_verdict(session: Session, question: Question, rng: random.Random) -> tuple[str, list[str], str]:
    """The first interpretation, citing the first item held, 'probable': predictable, for tests and tours."""
    return next(iter(question.interpretations)), list(session.held[:1]), "probable"


_VERDICT_POLICIES = {"careful": informed_verdict, "random": random_verdict, "first": first_verdict}


class ScriptedPlayer:
    def __init__(self, seed: int = 0, choices: ChoicePolicy = "random", verdicts: VerdictPolicy = "mixed"):
        self.rng = random.Random(seed)
        self.choices = choices
        if verdicts == "mixed":  # half the players reason from evidence, half guess
            verdicts = "careful" if self.rng.random() < 0.5 else "random"
        self.verdicts = verdicts
        self.taken: Counter[tuple[str, str]] = Counter()

    @property
    def careful(self) -> bool:
        return self.verdicts == "careful"

    def next_move(self, session: Session) -> Move | None:
        """The next move, or None when the case is over or no choice is available (stuck)."""
        if session.is_over:
            return None
        question = session.pending_question
        if question is not None:
            pick = _VERDICT_POLICIES[self.verdicts]
            iid, cited, confidence = pick(session, question, self.rng)
            return FileVerdict(question.id, iid, tuple(cited), confidence)
        options = session.available()
        if not options:
            return None
        if self.choices == "random":
            index = self.rng.randrange(len(options))
        else:
            scene = session.scene_id
            index = min(range(len(options)), key=lambda i: self.taken[(scene, options[i].label)])
            self.taken[(scene, options[index].label)] += 1
        return Choose(index, options[index].label, options[index].index, options[index].confirm)

    def play(self, session: Session, limit: int = 1000) -> Session:
        """Play the session to an ending (or until stuck, or limit moves) with the engine alone."""
        for _ in range(limit):
            move = self.next_move(session)
            if move is None:
                break
            apply(session, move)
        return session


def apply(session: Session, move: Move) -> None:
    if isinstance(move, Choose):
        session.choose(move.index)
    else:
        session.submit_verdict(move.question_id, move.interpretation_id, move.cited, move.confidence)
