"""Which cases are locked: `[scenario] unlock_after = N` opens a case once the player has finished N others.

The cases that count are every case in the catalog except practice cases (the tutorial) and the locked
kind themselves (a case with `unlock_after`), so finishing one capstone never opens another. A teacher's
setting opens every case, or some (`Unlocks`); a preview (`--start`) never asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.app.saves import Progress

if TYPE_CHECKING:
    from game.engine import Scenario

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve")


@dataclass(frozen=True)
class Unlocks:
    """The teacher's setting: every case open (`all`), or these cases open whatever the player has done."""

    all: bool = False
    cases: frozenset[str] = frozenset()

    def opens(self, scenario_id: str) -> bool:
        return self.all or scenario_id in self.cases


@dataclass(frozen=True)
class Lock:
    needed: int  # how many other cases must be finished
    finished: int  # how many that count the player has finished

    @property
    def reason(self) -> str:
        """The sentence every front end shows on the card and beside the refused button."""
        return (f"Opens after you finish any {number_words(self.needed)} "
                f"{'case' if self.needed == 1 else 'cases'} — finished so far: {self.finished}.")


def number_words(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def counts_towards_unlocks(scenario: Scenario) -> bool:
    return not scenario.practice and not scenario.unlock_after


def finished_count(scenarios: Iterable[Scenario], progress: Mapping[str, Progress],
                   besides: str = "") -> int:
    """How many of the cases that count the player has finished (each once, however often)."""
    return sum(1 for sc in scenarios if sc.id != besides and counts_towards_unlocks(sc)
               and (progress.get(sc.id) or Progress()).finished > 0)


def lock_for(scenario: Scenario, scenarios: Iterable[Scenario], progress: Mapping[str, Progress],
             unlocks: Unlocks = Unlocks()) -> Lock | None:
    """The lock on a case, or None when it is open (no rule, the rule holds, or the teacher opened it)."""
    if not scenario.unlock_after or unlocks.opens(scenario.id):
        return None
    done = finished_count(scenarios, progress, besides=scenario.id)
    return None if done >= scenario.unlock_after else Lock(scenario.unlock_after, done)
