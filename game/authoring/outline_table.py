"""`verdict outline`: the course outline as a list a teacher reads, each point with the cases that treat it.

It reads the outline and the cases through the catalog, as the game does (the game's own folder first,
then the teacher's folders, whose outline branches are added), and says which points no case covers.
"""

from __future__ import annotations

import textwrap

from game.engine.catalog import Catalog
from game.engine.safetext import visible

WIDTH = 100


def render(catalog: Catalog) -> tuple[str, int]:
    """The outline as text, and how many of its points no loaded case covers."""
    outline, cases = catalog.outline, catalog.scenarios
    lines = [visible(outline.title or "The outline"), ""]
    uncovered = total = 0
    for bid, branch in outline.branches.items():
        lines.append(visible(outline.heading(bid)))
        for n, point in enumerate(branch.points, start=1):
            total += 1
            lines.append(textwrap.fill(visible(point.text), WIDTH, initial_indent=f"  {n:>2}. ",
                                       subsequent_indent=" " * 6))
            known = [c for c in point.case_ids if c in cases]
            if known:
                named = ", ".join(f"{visible(cases[c].title)} ({c})" for c in known)
                lines.append(_wrapped("cases: ", named))
            else:
                uncovered += 1
                lines.append("      NOT COVERED: no case treats this point yet")
            if point.see:
                lines.append(_wrapped("see: ", visible(", ".join(point.see))))
        lines.append("")
    lines.append(f"{total} point(s) in {len(outline.branches)} branch(es): {total - uncovered} covered, "
                 f"{uncovered} not covered")
    return "\n".join(lines) + "\n", uncovered


def _wrapped(label: str, text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=" " * 6 + label,
                         subsequent_indent=" " * (6 + len(label)), break_on_hyphens=False)
