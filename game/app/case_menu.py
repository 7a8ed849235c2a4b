"""The case list in the outline's order: each case under a heading for its outline branch.

The controller asks for this when the player turns on "Order: by outline branch"; the headings are the
controller's words (Action.heading), so every front end shows the same ones. A case the outline names in
several branches is listed once, under its home branch (Outline.home), and its card says where else the
outline treats it: one case, one button, one number, in every front end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from game.app.actions import Action, act

if TYPE_CHECKING:
    from game.app.controller import CaseCard
    from game.engine.outline import Outline

CaseOrder = Literal["date", "outline"]

UNAVAILABLE_HEADING = "Case files that could not be opened"


def ordered(cards: Sequence[CaseCard], outline: Outline, practice: Iterable[str] = ()
            ) -> list[tuple[CaseCard, str, str]]:
    """Each card with the heading drawn before it ("" within a group) and a line naming the other
    branches that treat it ("" when none). The practice cases come first, as in the date order."""
    by_id = {card.id: card for card in cards}
    out: list[tuple[CaseCard, str, str]] = []
    for group in outline.menu_groups(by_id, practice):
        for n, case in enumerate(group.cases):
            others = [outline.heading(b) for b in outline.branches_of(case) if b != group.branch]
            also = "\nAlso in the outline under: " + "; ".join(others) if others else ""
            out.append((by_id[case], group.heading if n == 0 else "", also))
    return out


def order_action(outline: Outline, order: CaseOrder) -> list[Action]:
    """The toggle between the two orders; none when there is no outline to order by."""
    if not outline:
        return []
    now = "by outline branch" if order == "outline" else "by date"
    return [act("order", "Order: by outline branch", selected=order == "outline",
                detail=f"The cases are listed {now}.")]
