"""Reading glossary.toml: the terms students can open wherever they appear in the prose."""

from __future__ import annotations

from pathlib import Path

from game.engine import fields as F
from game.engine.diagnostics import Diagnostic, ScenarioError, clip
from game.engine.glossary import Glossary, Term
from game.engine.load.limits import LIMITS, Limits
from game.engine.load.parsing import read_toml
from game.engine.load.reading import read_file
from game.engine.load.shapes import Shapes


def read_glossary(data: bytes, path: str, limits: Limits = LIMITS) -> tuple[Glossary, list[Diagnostic]]:
    """The glossary and every diagnostic; raises nothing, whatever the bytes."""
    src, raw, diagnostics = read_toml(data, path, limits)
    if src is None or raw is None:
        return Glossary(), diagnostics
    shapes = Shapes(src, limits)
    terms: dict[str, Term] = {}
    for key in raw:
        if key != "terms":
            src.error((key,), f"unknown table '{clip(key)}' in the glossary", "unknown-key",
                      "use [terms.<id>]")
    table = shapes.table(raw.get("terms", {}), ("terms",), "[terms]") or {}
    if shapes.too_many(len(table), limits.glossary_terms, ("terms",), "the glossary has too many terms"):
        table = {}
    for tid, item in table.items():
        where = ("terms", tid)
        item = shapes.table(item, where, f"term '{clip(tid)}'")
        if item is None or not shapes.check_id(tid, where, "term"):
            continue
        if not shapes.check_keys(item, F.TERM, where, f"term '{clip(tid)}'"):
            continue
        aliases = tuple(item.get("aliases", []))
        if any(not alias.strip() for alias in aliases):
            src.warning(where + ("aliases",), f"term '{clip(tid)}' has an empty alias; it is left out",
                        "empty-alias", "remove the empty \"\" from aliases")
            aliases = tuple(alias for alias in aliases if alias.strip())
        terms[tid] = Term(tid, item["term"], item["definition"], aliases)
    return Glossary(terms), src.diagnostics


def load_glossary(path: str | Path, limits: Limits = LIMITS) -> Glossary:
    data, problem = read_file(path, limits)
    if data is None:
        raise ScenarioError([problem] if problem else [])
    glossary, diagnostics = read_glossary(data, str(path), limits)
    if any(d.severity == "error" for d in diagnostics):
        raise ScenarioError(diagnostics)
    return glossary
