"""The course outline the cases are built from: its branches, each branch's points, and the cases (and
scenes or evidence) that treat each point. Read from `outline.toml` beside the cases (load/outline.py).

The case menu groups cases by it (`menu_groups`) and `verdict check` reports a point no case covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from game.engine.model import KeyPath

OUTLINE_FILE = "outline.toml"


@dataclass(frozen=True)
class Point:
    text: str  # the point, in the project's own words
    cases: tuple[str, ...]  # ids of the cases that treat it
    see: tuple[str, ...] = ()  # "case.scene_id" or "case.evidence_id": where exactly
    where: KeyPath = ()

    @property
    def case_ids(self) -> tuple[str, ...]:
        """Every case the point names, in `cases` or in `see`, each once, in the order written."""
        named = [*self.cases, *(ref.partition(".")[0] for ref in self.see)]
        return tuple(dict.fromkeys(named))


@dataclass(frozen=True)
class Branch:
    id: str
    title: str
    points: tuple[Point, ...]
    part_of: str = ""  # the id of the branch the outline lists this one inside ("" at the top)
    where: KeyPath = ()
    menu: tuple[str, ...] = ()  # the cases the case menu lists under this branch, in this order

    def counts(self) -> dict[str, int]:
        """case id -> how many of this branch's points it treats."""
        found: dict[str, int] = {}
        for point in self.points:
            for case in point.case_ids:
                found[case] = found.get(case, 0) + 1
        return found


@dataclass(frozen=True)
class MenuGroup:
    """One heading of the case menu in outline order and the cases under it (ids, in menu order)."""

    branch: str  # a branch id; "" for the practice cases and for cases the outline does not name
    heading: str
    cases: tuple[str, ...]


@dataclass(frozen=True)
class Outline:
    title: str = ""
    branches: Mapping[str, Branch] = field(default_factory=dict)
    path: str = ""

    def __bool__(self) -> bool:
        return bool(self.branches)

    def merged(self, later: Outline) -> Outline:
        """This outline with a later folder's: a branch of the same id is replaced, new ones are added."""
        if not self:
            return later
        branches = dict(self.branches)
        branches.update(later.branches)
        return Outline(later.title or self.title, branches, later.path or self.path)

    def heading(self, branch_id: str) -> str:
        branch = self.branches[branch_id]
        parent = self.branches.get(branch.part_of)
        return f"{parent.title} / {branch.title}" if parent is not None else branch.title

    def home(self, case_id: str) -> str:
        """The branch a case is listed under: the first whose `menu` names it, else the first with a point
        that names it; "" when the outline does not name it."""
        for bid, branch in self.branches.items():
            if case_id in branch.menu:
                return bid
        return next(iter(self.branches_of(case_id)), "")

    def branches_of(self, case_id: str) -> list[str]:
        """Every branch with a point the case treats, in outline order."""
        return [bid for bid, b in self.branches.items() if case_id in b.counts()]

    def menu_groups(self, case_ids: Iterable[str], practice: Iterable[str] = ()) -> list[MenuGroup]:
        """The cases (in their menu order) under headings: practice first, then each branch with a case
        at home in it, in outline order, then the cases the outline does not name."""
        ordered = list(case_ids)
        first = [c for c in ordered if c in set(practice)]
        groups = [MenuGroup("", PRACTICE_HEADING, tuple(first))] if first else []
        homes = {c: self.home(c) for c in ordered if c not in first}
        for bid, branch in self.branches.items():
            # A branch's menu gives its order; the others it is home to follow in the menu's order.
            listed = [c for c in branch.menu if homes.get(c) == bid]
            under = (*dict.fromkeys(listed), *(c for c in ordered if homes.get(c) == bid and c not in listed))
            if under:
                groups.append(MenuGroup(bid, self.heading(bid), under))
        rest = tuple(c for c in ordered if homes.get(c) == "")
        if rest:
            groups.append(MenuGroup("", OTHER_HEADING, rest))
        return groups


PRACTICE_HEADING = "Practice"
OTHER_HEADING = "Other cases"
