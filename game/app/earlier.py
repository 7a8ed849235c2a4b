"""Earlier conclusions beside borrowed evidence: "In <case> you concluded: <claim> (score N)".

A case that borrows evidence from others (`[evidence.x] from = "case.item"`) shows, on the casebook page
of a borrowed item and on the verdict form, what the player concluded when they last finished the case it
comes from, or that they have not played it. The words are built here once; every front end draws them as
ordinary blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from game.app.documents import Block, block
from game.app.saves import Progress
from game.engine.safetext import visible

if TYPE_CHECKING:
    from game.engine import Scenario

MAX_CLAIM = 600  # a stored claim is the player's own record, read back from storage: kept to a few lines


def sources(scenario: Scenario, evidence_ids: Iterable[str] | None = None) -> list[str]:
    """The ids of the cases the given items (default: all) are borrowed from, each once, in file order."""
    wanted = None if evidence_ids is None else set(evidence_ids)
    out: dict[str, None] = {}
    for lid, ref in scenario.evidence_from.items():
        if wanted is None or lid in wanted:
            out.setdefault(ref.case)
    return list(out)


def earlier_lines(title: str, progress: Progress | None) -> list[str]:
    """What the player concluded in the case called `title`, one line per question."""
    progress = progress or Progress()
    if not progress.finished:
        if progress.open or progress.found:
            return [f"You have not finished {title} yet."]
        return [f"You have not played {title} yet."]
    if not progress.concluded:
        return [f"You finished {title} before the game kept what you concluded there."]
    many = len(progress.concluded) > 1
    lines = []
    for c in progress.concluded:
        claim = visible(" ".join(c.claim.split()), MAX_CLAIM)
        on = f", on “{visible(c.prompt, 300)}”," if many else ""
        lines.append(f"In {title}{on} you concluded: {claim} (score {c.score})")
    return lines


def earlier_blocks(case_ids: Iterable[str], scenarios: Mapping[str, Scenario],
                   progress: Mapping[str, Progress], heading: str) -> list[Block]:
    """A heading and the earlier conclusions for each case (nothing when there is no such case)."""
    blocks: list[Block] = []
    for sid in case_ids:
        source = scenarios.get(sid)
        title = source.title if source is not None else sid
        blocks += [block("p", line) for line in earlier_lines(title, progress.get(sid))]
    return [block("h3", heading), *blocks] if blocks else []


def borrowed_item_blocks(scenario: Scenario, evidence_id: str, scenarios: Mapping[str, Scenario],
                         progress: Mapping[str, Progress]) -> list[Block]:
    """For the casebook page of an item borrowed from another case: where it is from and what the player
    concluded there."""
    ref = scenario.evidence_from.get(evidence_id)
    if ref is None:
        return []
    source = scenarios.get(ref.case)
    title = source.title if source is not None else ref.case
    return [block("h3", "From an earlier case"), block("meta", f"This document comes from {title}."),
            *[block("p", line) for line in earlier_lines(title, progress.get(ref.case))]]


def verdict_blocks(scenario: Scenario, scenarios: Mapping[str, Scenario],
                   progress: Mapping[str, Progress]) -> list[Block]:
    """For the verdict form of a case that borrows evidence: the earlier conclusions, case by case."""
    return earlier_blocks(sources(scenario), scenarios, progress, "What you concluded in earlier cases")
