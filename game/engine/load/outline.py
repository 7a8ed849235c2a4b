"""Reading outline.toml: the course outline's branches and points, each mapped to the cases that treat it.

The file is untrusted like any case file: the same reading (size limit, UTF-8), prescan, parser, TOML
error messages and shape checks. Whether the ids it names exist is checked against the cases by
`outline_references` (used by `verdict check`); the game only reads the outline to group its menu.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from game.engine import fields as F
from game.engine.diagnostics import Diagnostic, ScenarioError, clip, did_you_mean
from game.engine.load.limits import LIMITS, Limits
from game.engine.load.parsing import read_toml
from game.engine.load.reading import read_file
from game.engine.load.shapes import Shapes
from game.engine.load.source import At, Source
from game.engine.model import Scenario
from game.engine.outline import Branch, Outline, Point


def read_outline(data: bytes, path: str, limits: Limits = LIMITS) -> tuple[Outline, list[Diagnostic]]:
    """The outline and every diagnostic; raises nothing, whatever the bytes."""
    src, raw, diagnostics = read_toml(data, path, limits)
    if src is None or raw is None:
        return Outline(), diagnostics
    return _build(raw, src, Shapes(src, limits), limits), src.diagnostics


def _build(raw: dict[str, Any], src: Source, shapes: Shapes, limits: Limits) -> Outline:
    for key in raw:
        if key not in F.OUTLINE_TOP:
            near = did_you_mean(key, list(F.OUTLINE_TOP))
            src.error(_first_use(src, key), f"unknown table '{clip(key)}' in the outline", "unknown-key",
                      f"did you mean '{near}'?" if near else "use [outline] and [branches.<id>]")
    title = ""
    head = shapes.table(raw["outline"], ("outline",), "[outline]") if "outline" in raw else None
    if "outline" not in raw:
        src.error(At(1, 1), "the outline has no [outline] table", "missing-field",
                  "begin the file with [outline] and format = 1")
    elif head is not None and shapes.check_keys(head, F.OUTLINE, ("outline",), "[outline]"):
        title = head.get("title", "")
    table = shapes.table(raw.get("branches", {}), ("branches",), "[branches]") or {}
    if shapes.too_many(len(table), limits.outline_branches, ("branches",),
                       "the outline has too many branches"):
        table = {}
    branches: dict[str, Branch] = {}
    for bid, item in table.items():
        branch = _branch(bid, item, src, shapes, limits)
        if branch is not None:
            branches[bid] = branch
    for bid, branch in branches.items():
        if branch.part_of and branch.part_of not in branches:
            near = did_you_mean(branch.part_of, [b for b in branches if b != bid])
            where = ("branches", bid, "part_of")
            src.error(src.at_value(where, branch.part_of),
                      f"branch '{bid}' is part of '{clip(branch.part_of)}', "
                      "which is not a branch of the outline",
                      "outline-unknown",
                      f"did you mean '{near}'?" if near else f"name one of: {', '.join(list(branches)[:8])}")
            branches[bid] = Branch(bid, branch.title, branch.points, "", branch.where, branch.menu)
        elif branch.part_of == bid:
            src.error(("branches", bid, "part_of"), f"branch '{bid}' cannot be part of itself", "bad-value",
                      "name the branch the outline lists it inside, or remove part_of")
            branches[bid] = Branch(bid, branch.title, branch.points, "", branch.where, branch.menu)
    return Outline(title, branches, src.path)


def _first_use(src: Source, key: str) -> At:
    """Where a top-level key is first written (a table header, a dotted key or key = ...), found by one
    search of the text: a table that is only ever a parent ([scenes.a], [scenes.b], ...) has no position
    of its own, and looking one up would read every line of the file."""
    name = re.escape(key) if re.fullmatch(r"[A-Za-z0-9_-]+", key) else re.escape(f'"{key}"')
    found = re.search(rf"^[ \t]*(?:\[\[?[ \t]*{name}[ \t]*[.\]]|{name}[ \t]*[.=])", src.text, re.MULTILINE)
    if found is None:
        return At(1, 1)
    start = found.start() + len(found.group()) - len(found.group().lstrip(" \t"))
    line = src.text.count("\n", 0, start) + 1
    return At(line, start - (src.text.rfind("\n", 0, start) + 1) + 1)


def _branch(bid: str, item: Any, src: Source, shapes: Shapes, limits: Limits) -> Branch | None:
    where = ("branches", bid)
    item = shapes.table(item, where, f"branch '{clip(bid)}'")
    if item is None or not shapes.check_id(bid, where, "branch"):
        return None
    if not shapes.check_keys(item, F.BRANCH, where, f"branch '{clip(bid)}'"):
        return None
    raw_points = item["points"]
    if not isinstance(raw_points, list):
        src.error(where + ("points",), f"the points of branch '{bid}' must be a list of tables", "wrong-type",
                  f"write each one as [[branches.{bid}.points]]")
        return None
    if shapes.too_many(len(raw_points), limits.outline_points, where + ("points",),
                       f"branch '{bid}' has too many points"):
        return None
    points = []
    for i, raw in enumerate(raw_points):
        at = (*where, "points", i)
        what = f"point {i + 1} of branch '{bid}'"
        point = shapes.table(raw, at, what)
        if point is None or not shapes.check_keys(point, F.POINT, at, what):
            continue
        cases, see = tuple(point["cases"]), tuple(point.get("see", []))
        if shapes.too_many(len(cases) + len(see), limits.outline_points, at, f"{what} names too many cases"):
            continue
        points.append(Point(" ".join(point["text"].split()), cases, see, at))
    menu = tuple(item.get("menu", []))
    return Branch(bid, item["title"], tuple(points), item.get("part_of", ""), where, menu)


def outline_references(outline: Outline, scenarios: Mapping[str, Scenario], src: Source) -> None:
    """Report to `src` every case, scene or evidence id the outline names that does not exist (an error,
    with the nearest id), and every point no existing case treats (a warning)."""
    case_ids = list(scenarios)
    for bid, branch in outline.branches.items():
        for case in branch.menu:
            if case not in scenarios:
                _unknown_case(src, (*branch.where, "menu"), case, case_ids)
        for n, point in enumerate(branch.points):
            known = 0
            for case in point.cases:
                if case in scenarios:
                    known += 1
                else:
                    _unknown_case(src, (*point.where, "cases"), case, case_ids)
            for ref in point.see:
                case, dot, item = ref.partition(".")
                where = (*point.where, "see")
                if not dot or not item:
                    src.error(src.at_value(where, ref),
                              f"'{clip(ref)}' does not name a scene, evidence item or question",
                              "outline-unknown",
                              "write case.scene_id or case.evidence_id, e.g. kirov.file_diary")
                elif case not in scenarios:
                    _unknown_case(src, where, case, case_ids, ref)
                elif item in (sc := scenarios[case]).scenes or item in sc.evidence or item in sc.questions:
                    known += 1
                else:
                    near = did_you_mean(item, [*sc.scenes, *sc.evidence, *sc.questions])
                    src.error(src.at_value(where, ref),
                              f"case '{case}' has no scene, evidence or question '{clip(item)}'",
                              "outline-unknown",
                              f"did you mean '{case}.{near}'?" if near else
                              f"see the scene and evidence ids in {Path(sc.path).name or case}")
            if not known:
                src.warning(point.where, f"point {n + 1} of branch '{bid}' is covered by no case: "
                            f"\"{clip(point.text)}\"", "outline-uncovered",
                            "name a case that treats it in cases, or write a case that does")


def _unknown_case(src: Source, where: tuple[str | int, ...], case: str, case_ids: list[str],
                  ref: str = "") -> None:
    near = did_you_mean(case, case_ids)
    shown = ref or case
    hint = f"did you mean '{near}'?" if near else (
        f"the cases are: {', '.join(case_ids[:10])}" if case_ids else "no case was checked with the outline")
    src.error(src.at_value(where, shown), f"there is no case '{clip(case)}'", "outline-unknown", hint)


def load_outline(path: str | Path, limits: Limits = LIMITS) -> Outline:
    data, problem = read_file(path, limits)
    if data is None:
        raise ScenarioError([problem] if problem else [])
    outline, diagnostics = read_outline(data, str(path), limits)
    if any(d.severity == "error" for d in diagnostics):
        raise ScenarioError(diagnostics)
    return outline
