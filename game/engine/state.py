"""Everything that changes while a case is played, in one object: the session reads and writes only this.

The scenario is immutable and shared; a `PlayState` is one player's. The save format (`savefile`) turns a
PlayState into text and back, so what is saved is exactly what is here, including the undo marks: undo
survives quitting and resuming.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.scoring import Verdict

FlagValue = int | bool


@dataclass(frozen=True)
class ChoiceRecord:
    """The player took choice `choice` (its index in the scene's file order) in `scene`, leading to `goto`."""

    turn: int
    scene: str
    choice: int
    label: str
    goto: str


@dataclass(frozen=True)
class VerdictRecord:
    turn: int
    question: str
    interpretation: str
    cited: tuple[str, ...]
    confidence: str
    score: int


HistoryRecord = ChoiceRecord | VerdictRecord


MAX_WHY = 300  # characters: a sourcing judgement's one line


@dataclass(frozen=True)
class Judgement:
    """The student's own grade of a source (sourcing practice): how far to trust it, and a one-line why."""

    trust: str  # "high" | "medium" | "low", as the case grades reliability
    why: str


@dataclass(frozen=True)
class UndoMark:
    """The state before one choice, as far as the choice can change it (lists only grow within a step).

    Undo keeps what a step changes rather than a copy of the whole state: a copy grows with the history,
    and long playtests would slow down with every step.
    """

    scene: str
    flags: tuple[tuple[str, FlagValue], ...]
    held: int
    entered: str
    visits: int | None  # visits of the entered scene before, None if it had none
    taken: int
    history: int
    gained: tuple[str, ...]


@dataclass
class PlayState:
    scene: str
    flags: dict[str, FlagValue] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)
    visits: dict[str, int] = field(default_factory=dict)
    taken: list[tuple[str, int]] = field(default_factory=list)
    history: list[HistoryRecord] = field(default_factory=list)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    undo: list[UndoMark] = field(default_factory=list)
    undo_count: int = 0
    turn: int = 0  # choices and verdicts in force (an undone choice is not counted)
    seconds: int = 0  # time spent playing, as the front end measured it (idle stretches are capped)
    gained: tuple[str, ...] = ()  # evidence the last step added, shown as "new" on the scene
    # The player's marks on the casebook (game/engine/notes.py): untouched by undo, kept in the save.
    pins: list[str] = field(default_factory=list)  # evidence ids pinned, in the order pinned
    notes: dict[str, str] = field(default_factory=dict)  # evidence id -> the player's short note
    # Sourcing practice: evidence id -> the student's judgement, in the order judged. Undo leaves it be: a
    # judgement is made once, before the case's grade is shown, and cannot be taken back.
    judgements: dict[str, Judgement] = field(default_factory=dict)
    seed: int = 0  # this play's own number: the order of shuffled interpretations (0: saved before it)
