"""Immutable scenario objects, built by the loader and shared by every session and front end.

Each object that stands for a table of the file carries `where`, its key path there (("scenes", "hall",
"choices", 0)), attached once by the loader: checks report against the object and the checker turns the
path into a line only when there is something to say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from game.engine.options import CaseOptions, Rebuttal, Sourcing

if TYPE_CHECKING:  # importing the model costs the model alone
    from game.engine.diagnostics import Diagnostic
    from game.engine.expr import Effect, Expr

KeyPath = tuple[str | int, ...]
Reliability = Literal["high", "medium", "low"]
RELIABILITIES: tuple[Reliability, ...] = ("high", "medium", "low")
EVIDENCE_KINDS = (
    "document",
    "testimony",
    "confession",
    "interrogation",
    "statistic",
    "memoir",
    "press_report",
    "photograph",
    "decree",
    "letter",
    "report",
    "physical",
)
STANCE_WORDS: dict[str, int] = {
    "strongly supports": 2,
    "supports": 1,
    "neutral": 0,
    "undermines": -1,
    "strongly undermines": -2,
}
STANCE_NAMES = {v: k for k, v in STANCE_WORDS.items()}
Confidence = Literal["certain", "probable", "possible"]
CONFIDENCES: tuple[Confidence, ...] = ("certain", "probable", "possible")



@dataclass(frozen=True)
class Evidence:
    id: str
    title: str
    kind: str
    date: str
    provenance: str
    citation: str
    text: str
    reliability: str
    reliability_note: str
    coerced: bool = False
    where: KeyPath = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class EvidenceRef:
    """[evidence.<id>] from = "<case>.<evidence>": an item copied whole from another case's evidence.

    The catalog resolves it once every file has loaded (game/engine/load/crossrefs.py); `line` and `col`
    are where the reference stands in the file, kept so that a message can point at it after the text is
    gone. `index` is the item's place among the file's [evidence] tables (the casebook keeps file order).
    """

    id: str
    case: str
    evidence: str
    index: int = 0
    line: int = 0
    col: int = 0
    where: KeyPath = field(default=(), compare=False, repr=False)

    @property
    def source(self) -> str:
        return f"{self.case}.{self.evidence}"


@dataclass(frozen=True)
class Passage:
    condition: Expr
    condition_source: str
    text: str
    where: KeyPath = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Choice:
    index: int
    label: str
    goto: str
    condition: Expr | None = None
    condition_source: str = ""
    effects: tuple[Effect, ...] = ()
    effect_sources: tuple[str, ...] = ()
    once: bool = False
    where: KeyPath = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Scene:
    id: str
    title: str
    text: str
    choices: tuple[Choice, ...] = ()
    passages: tuple[Passage, ...] = ()
    on_enter: tuple[Effect, ...] = ()
    on_enter_sources: tuple[str, ...] = ()
    checkpoint: str | None = None
    ending: bool = False
    debrief: str = ""
    where: KeyPath = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Interpretation:
    id: str
    claim: str
    held_by: str
    explanation: str
    official: bool = False
    where: KeyPath = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Stance:
    evidence_id: str
    values: Mapping[str, int]
    why: str
    where: KeyPath = field(default=(), compare=False, repr=False)

    def toward(self, interpretation_id: str) -> int:
        return self.values.get(interpretation_id, 0)


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    disputed: bool
    max_cite: int
    debate: str
    interpretations: Mapping[str, Interpretation]
    stances: Mapping[str, Stance]
    where: KeyPath = field(default=(), compare=False, repr=False)

    def stance(self, evidence_id: str, interpretation_id: str) -> int:
        stance = self.stances.get(evidence_id)
        return stance.toward(interpretation_id) if stance else 0


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    period: str
    role: str
    summary: str
    minutes: int
    content_note: str
    author: str
    start: str
    bibliography: tuple[str, ...]
    topics: tuple[str, ...]
    aftermath: str
    scenes: Mapping[str, Scene]
    evidence: Mapping[str, Evidence]
    questions: Mapping[str, Question]
    path: str = ""
    content_hash: str = ""
    format: int = 1
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)
    sourcing: Sourcing = "given"
    shuffle_interpretations: bool = False
    rebuttal: Rebuttal = "optional"
    # The case opens once this many other cases are finished (0: always open); practice cases sort first
    # and do not count. `evidence_from`: the items borrowed from other cases, by local id; once resolved
    # each of them is in `evidence` too, under its local id.
    unlock_after: int = 0
    practice: bool = False
    evidence_from: Mapping[str, EvidenceRef] = field(default_factory=dict, compare=False)

    @property
    def options(self) -> CaseOptions:
        """The case's own play options (a class file may override them: ClassSettings.apply)."""
        return CaseOptions(self.sourcing, self.shuffle_interpretations, self.rebuttal)

    @property
    def unresolved(self) -> tuple[str, ...]:
        """Local ids of borrowed items not yet copied in: such a case cannot be played until resolved."""
        return tuple(lid for lid in self.evidence_from if lid not in self.evidence)

    @property
    def endings(self) -> tuple[Scene, ...]:
        return tuple(s for s in self.scenes.values() if s.ending)
