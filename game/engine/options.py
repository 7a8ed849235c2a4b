"""How a case is played in class: who grades the sources, whether interpretations are shuffled, and the
rebuttal step. A case sets them in its [scenario] table; a teacher's class file (`class.toml`, see
`load/classfile.py`) overrides them for every case in the folder.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Sourcing = Literal["given", "student"]
Rebuttal = Literal["off", "optional", "required"]
SOURCINGS: tuple[Sourcing, ...] = ("given", "student")
REBUTTALS: tuple[Rebuttal, ...] = ("off", "optional", "required")


@dataclass(frozen=True)
class CaseOptions:
    """The options in force for one play. The defaults are the game as it always was."""

    sourcing: Sourcing = "given"  # "student": the student grades each source before the case's grade shows
    shuffle_interpretations: bool = False  # list each question's interpretations in a per-play order
    rebuttal: Rebuttal = "optional"  # the verdict's "strongest evidence against" step


@dataclass(frozen=True)
class ClassSettings:
    """What a teacher's class file says; None: the case's own setting stands."""

    code: str = ""  # the class code prefilled on the hand-in form
    sourcing: Sourcing | None = None
    shuffle_interpretations: bool | None = None
    rebuttal: Rebuttal | None = None
    unlock_all: bool = False  # open every case, locked or not (the controller's lock reads it)
    path: str = ""  # the file it came from, "" when there is none

    def apply(self, options: CaseOptions) -> CaseOptions:
        return CaseOptions(
            self.sourcing if self.sourcing is not None else options.sourcing,
            (self.shuffle_interpretations if self.shuffle_interpretations is not None
             else options.shuffle_interpretations),
            self.rebuttal if self.rebuttal is not None else options.rebuttal,
        )


def shuffled(ids: Sequence[str], seed: int, case_id: str, question_id: str) -> list[str]:
    """ids in an order fixed by the play's seed and the question: the same on every redraw and resume.

    random.Random seeded with a string hashes it (SHA-512), so the order is the same on every Python.
    """
    order = list(ids)
    random.Random(f"{seed}:{case_id}:{question_id}").shuffle(order)
    return order


def new_seed() -> int:
    """A play's seed: any number but 0 (0 is what saves from before shuffling read as)."""
    return random.SystemRandom().randrange(1, 10**9)  # a save holds whole numbers up to 10**9
