"""Evidence by reference: `[evidence.<id>] from = "<case id>.<evidence id>"` copies another case's item whole.

A file is read on its own (`evidence_reference` checks the table's shape and keeps where it stands); the
references are resolved once every file of the catalog has loaded (`resolve`), so the file stays a plain
case and the order the files load in does not matter. A chain (borrowing an item that is itself borrowed)
is refused, not followed: the author names the case the item is written in, and no cycle can arise.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from game.engine import fields as F
from game.engine.diagnostics import Diagnostic, Suggester, clip
from game.engine.load.shapes import Shapes
from game.engine.load.source import Source
from game.engine.model import Evidence, EvidenceRef, Scenario

_REFERENCE = re.compile(F.REFERENCE_PATTERN)
_EXAMPLE = 'from = "<case id>.<evidence id>", e.g. from = "kirov.nikolaev_diary"'


def evidence_reference(src: Source, shapes: Shapes, eid: str, item: Mapping[str, Any],
                       index: int) -> EvidenceRef | None:
    """The reference an [evidence.<eid>] table with `from` makes, or None after reporting what is wrong."""
    where = ("evidence", eid)
    value = item["from"]
    others = [key for key in item if key != "from"]
    ok = True
    if others:
        listed = ", ".join(f"'{clip(k)}'" for k in others[:6])
        source = f"'{clip(value)}'" if isinstance(value, str) else "another case"
        src.error(
            where + (others[0],),
            f"evidence '{eid}' is copied from {source}, so it may hold no other key: {listed}",
            "reference-keys",
            "remove them (title, text, citation and the rest come with the item), or remove 'from' "
            "and write the whole item here",
        )
        ok = False
    if not shapes.check_type(value, F.EVIDENCE_FROM["from"], where + ("from",), "from"):
        return None
    if not _REFERENCE.fullmatch(value):
        src.error(
            src.at_value(where + ("from",), value),
            f"'from' must name a case and one of its evidence items, not '{clip(value)}'",
            "bad-reference",
            f"write {_EXAMPLE}",
        )
        return None
    if not ok:
        return None
    case, _dot, evidence = value.partition(".")
    at = src.at_value(where + ("from",), value)
    return EvidenceRef(eid, case, evidence, index, at.line, at.col, where=where)


def resolve(scenarios: Mapping[str, Scenario], failed: Mapping[str, str]
            ) -> tuple[dict[str, Scenario], dict[str, list[Diagnostic]]]:
    """Every case with its borrowed items copied in, and the errors of the cases whose references fail.

    `scenarios`: the cases that loaded (by id); `failed`: case id -> path of a file that did not load. A case
    whose reference fails does not load either, so a case borrowing from it fails in its turn (worked out
    to a fixed point: the number of borrowing cases bounds the rounds).
    """
    down = dict(failed)
    errors: dict[str, list[Diagnostic]] = {}
    borrowing = [sc for sc in scenarios.values() if sc.evidence_from]
    changed = True
    while changed:
        changed = False
        for scenario in borrowing:
            if scenario.id in errors:
                continue
            problems = _problems(scenario, scenarios, errors, down)
            if problems:
                errors[scenario.id] = problems
                down[scenario.id] = scenario.path
                changed = True
    resolved = {sid: _copied_in(sc, scenarios) for sid, sc in scenarios.items() if sid not in errors}
    return resolved, errors


def _problems(scenario: Scenario, scenarios: Mapping[str, Scenario], errors: Mapping[str, object],
              down: Mapping[str, str]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    cases: Suggester | None = None

    def error(ref: EvidenceRef, message: str, code: str, hint: str = "") -> None:
        out.append(Diagnostic(scenario.path, ref.line, ref.col, "error", message, code, hint))

    for ref in scenario.evidence_from.values():
        what = f"evidence '{ref.id}' (from = \"{ref.source}\")"
        if ref.case == scenario.id:
            error(ref, f"{what} refers to this case itself", "reference-self",
                  f"use '{ref.evidence}' itself in stances and scenes, or name another case"
                  if ref.evidence in scenario.evidence else "name another case's evidence item")
            continue
        if ref.case in errors or (ref.case not in scenarios and ref.case in down):
            path = down.get(ref.case, "")
            error(ref, f"{what}: case '{ref.case}' failed to load, so its evidence cannot be used",
                  "reference-failed", f"fix that case first: verdict check {path}" if path else
                  f"fix the case '{ref.case}' first")
            continue
        target = scenarios.get(ref.case)
        if target is None:
            if cases is None:
                cases = Suggester([*scenarios, *(sid for sid in down if sid not in scenarios)])
            near = cases.near(ref.case)
            error(ref, f"{what}: there is no case '{clip(ref.case)}'"
                  + (f"; did you mean '{near}'?" if near else ""), "unknown-case",
                  "the case must be in the same folder as this file or be one of the game's own cases; "
                  "use its id (the id in its [scenario] table), not its title")
            continue
        chained = target.evidence_from.get(ref.evidence)
        if chained is not None:
            error(ref, f"{what}: '{ref.source}' is itself copied from '{chained.source}'",
                  "reference-chain", f'refer to the case the item is written in: from = "{chained.source}"')
            continue
        if ref.evidence not in target.evidence:
            ordinary = [eid for eid in target.evidence if eid not in target.evidence_from]
            near = Suggester(ordinary).near(ref.evidence)
            error(ref, f"{what}: case '{ref.case}' has no evidence '{clip(ref.evidence)}'"
                  + (f"; did you mean '{near}'?" if near else ""), "unknown-evidence",
                  "use an id from one of its [evidence.<id>] tables" if near else
                  f"its evidence ids: {', '.join(clip(e) for e in ordinary[:12]) or 'none'}"
                  + (", ..." if len(ordinary) > 12 else ""))
    return out


def _copied_in(scenario: Scenario, scenarios: Mapping[str, Scenario]) -> Scenario:
    """The case with each borrowed item copied in under its local id, in the file's order."""
    if not scenario.unresolved:
        return scenario
    borrowed = {ref.index: ref for ref in scenario.evidence_from.values()}
    ordinary = iter(scenario.evidence.items())
    out: dict[str, Evidence] = {}
    for index in range(len(scenario.evidence) + len(borrowed)):
        ref = borrowed.get(index)
        if ref is None:
            eid, item = next(ordinary, (None, None))
            if eid is not None and item is not None:
                out[eid] = item
            continue
        original = scenarios[ref.case].evidence[ref.evidence]
        out[ref.id] = dataclasses.replace(original, id=ref.id, where=ref.where)
    out.update(ordinary)  # none left, unless indexes were off: nothing is lost either way
    for ref in borrowed.values():  # likewise
        if ref.id not in out:
            out[ref.id] = dataclasses.replace(scenarios[ref.case].evidence[ref.evidence], id=ref.id,
                                              where=ref.where)
    return dataclasses.replace(scenario, evidence=MappingProxyType(out))
