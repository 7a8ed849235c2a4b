"""All the cases in a folder: each file loads on its own, so one bad file never takes the others down."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.engine.glossary import Glossary
from game.engine.load import (
    CLASS_FILE,
    LIMITS,
    Limits,
    read_file,
    read_glossary,
    read_outline,
    read_scenario,
)
from game.engine.load.crossrefs import resolve
from game.engine.load.reading import decode
from game.engine.model import Scenario
from game.engine.outline import OUTLINE_FILE, Outline
from game.engine.tomlmap import KeyMap

GLOSSARY_FILE = "glossary.toml"


@dataclass(frozen=True)
class LoadFailure:
    path: str
    message: str
    diagnostics: tuple[Diagnostic, ...]
    scenario_id: str = ""  # the id the file declares, when it can be read (for cases that borrow from it)


@dataclass
class Catalog:
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    failures: list[LoadFailure] = field(default_factory=list)
    glossary: Glossary = field(default_factory=Glossary)
    warnings: list[Diagnostic] = field(default_factory=list)
    outline: Outline = field(default_factory=Outline)  # outline.toml: the case menu's branches
    # Cases read only to lend evidence to these (Catalog.load's borrow_from), by id; never listed.
    lenders: dict[str, Scenario] = field(default_factory=dict)

    @classmethod
    def load(cls, *sources: str | Path, limits: Limits = LIMITS,
             borrow_from: Sequence[str | Path] = ()) -> Catalog:
        """Load every scenario file in the given folders or files (later sources may add cases).

        borrow_from: more folders or files whose cases only lend evidence to these ([evidence.x] from =
        "case.item"); they are read only when a case borrows, and are not listed.
        """
        catalog = cls()
        sources = sources or ("scenarios",)
        own = scenario_files(sources)
        for path in own:
            if path.name == GLOSSARY_FILE:
                catalog._add_glossary(path, limits)
            elif path.name == CLASS_FILE:
                continue  # a teacher's settings, not a case: the entry points read it (find_class_settings)
            elif path.name == OUTLINE_FILE:
                catalog._add_outline(path, limits)
            else:
                catalog._add(path, limits)
        catalog._resolve_references(own, borrow_from, limits)
        catalog.scenarios = dict(sorted(catalog.scenarios.items(), key=lambda kv: _menu_key(kv[1])))
        return catalog

    def _read(self, path: Path, limits: Limits) -> bytes | None:
        """The file's bytes, or None after recording why it could not be read."""
        data, problem = read_file(path, limits)
        if data is None and problem is not None:
            self.failures.append(LoadFailure(str(path), problem.format(), (problem,)))
        return data

    def _add(self, path: Path, limits: Limits) -> None:
        data = self._read(path, limits)
        if data is None:
            return
        scenario, diagnostics = read_scenario(data, str(path), limits)
        if scenario is not None and scenario.id in self.scenarios:
            first = self.scenarios[scenario.id].path
            diagnostics = [*without_filename_warning(diagnostics),
                           duplicate_id(str(path), data, scenario.id, first)]
            scenario = None
        if scenario is None:
            errors = tuple(d for d in diagnostics if d.severity == "error")
            self.failures.append(LoadFailure(str(path), errors[0].format() if errors else "cannot load",
                                             tuple(diagnostics), declared_id(data)))
            return
        self.scenarios[scenario.id] = scenario
        self.warnings.extend(scenario.warnings)

    def _resolve_references(self, own: Sequence[Path] = (), borrow_from: Sequence[str | Path] = (),
                            limits: Limits = LIMITS) -> None:
        """Copy in the evidence cases borrow from each other; a case whose references fail does not load."""
        if not any(sc.evidence_from for sc in self.scenarios.values()):
            return
        failed = {f.scenario_id: f.path for f in self.failures if f.scenario_id}
        lenders: dict[str, Scenario] = {}
        if borrow_from:
            mine = {_identity(path) for path in own}
            others = [p for p in scenario_files(borrow_from)
                      if _identity(p) not in mine and p.name != GLOSSARY_FILE]
            pool = Catalog.load(*others, limits=limits) if others else Catalog()
            lenders = {sid: sc for sid, sc in pool.scenarios.items() if sid not in self.scenarios}
            failed = {f.scenario_id: f.path for f in pool.failures if f.scenario_id} | failed
        resolved, errors = resolve({**lenders, **self.scenarios}, failed)
        for sid, problems in errors.items():
            if sid not in self.scenarios:
                continue  # a lender's own trouble: it is not listed here
            scenario = self.scenarios[sid]
            self.warnings[:] = [w for w in self.warnings if w not in scenario.warnings]
            self.failures.append(LoadFailure(scenario.path, problems[0].format(),
                                             (*problems, *scenario.warnings), sid))
        self.scenarios = {sid: sc for sid, sc in resolved.items() if sid not in lenders}
        self.lenders = {sid: sc for sid, sc in resolved.items() if sid in lenders}

    def resolve(self, scenario: Scenario) -> tuple[Scenario | None, list[Diagnostic]]:
        """A case read on its own (an edited file read again) with the evidence it borrows copied in from
        this catalog's cases; None and the errors when a reference fails."""
        if not scenario.unresolved:
            return scenario, []
        failed = {f.scenario_id: f.path for f in self.failures if f.scenario_id}
        resolved, errors = resolve({**self.lenders, **self.scenarios, scenario.id: scenario}, failed)
        if scenario.id in errors:
            return None, errors[scenario.id]
        return resolved[scenario.id], []

    def _add_glossary(self, path: Path, limits: Limits) -> None:
        data = self._read(path, limits)
        if data is None:
            return
        glossary, diagnostics = read_glossary(data, str(path), limits)
        errors = [d for d in diagnostics if d.severity == "error"]
        if errors:
            self.failures.append(LoadFailure(str(path), errors[0].format(), tuple(diagnostics)))
            return
        self.warnings.extend(diagnostics)
        merged = dict(self.glossary.terms)
        merged.update(glossary.terms)
        self.glossary = Glossary(merged)

    def _add_outline(self, path: Path, limits: Limits) -> None:
        """A later folder's outline adds branches to an earlier one's (a branch of the same id replaces)."""
        data = self._read(path, limits)
        if data is None:
            return
        outline, diagnostics = read_outline(data, str(path), limits)
        errors = [d for d in diagnostics if d.severity == "error"]
        if errors:
            self.failures.append(LoadFailure(str(path), errors[0].format(), tuple(diagnostics)))
            return
        self.warnings.extend(diagnostics)
        self.outline = self.outline.merged(outline)


def duplicate_id(path: str, data: bytes, scenario_id: str, first: str) -> Diagnostic:
    """The error for a file whose scenario id the file `first` already uses (catalog and checker alike)."""
    text, _problem = decode(data, path)
    line, col = KeyMap(text or "").find(("scenario", "id"))
    return Diagnostic(path, line, col, "error", f"scenario id '{scenario_id}' is already used by {first}",
                      "duplicate-id", "give each case its own id")


# The [scenario] table's id, up to the next table header (a "[" that starts a line; lists may come first).
_SCENARIO_ID = re.compile(rb'^\[scenario\](?:(?!^\[).)*?^id\s*=\s*"([a-z][a-z0-9_]*)"',
                          re.MULTILINE | re.DOTALL)


def declared_id(data: bytes) -> str:
    """The id a file that failed to load declares, if it can be found ("" if not): a case that borrows
    evidence from it is then told that it failed, not that it does not exist."""
    found = _SCENARIO_ID.search(data[:200_000])
    return found.group(1).decode("ascii") if found else ""


def without_filename_warning(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """A copy whose id is taken should get a new id, not be renamed after the one it copies."""
    return [d for d in diagnostics if d.code != "id-filename"]


def scenario_files(sources: Iterable[str | Path]) -> list[Path]:
    """The files to load, in order, each once (a file named twice, or in a folder also named, is one file)."""
    files: list[Path] = []
    seen: set[Path] = set()
    for source in sources:
        path = Path(source)
        for candidate in sorted(path.glob("*.toml")) if path.is_dir() else [path]:
            key = _identity(candidate)
            if key not in seen:
                seen.add(key)
                files.append(candidate)
    return files


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _menu_key(scenario: Scenario) -> tuple[int, int, str]:
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", scenario.period)
    # Practice first, then the cases by the year they are set in, then the cases that open after others
    # (a capstone draws on the rest, so it comes last).
    rank = 0 if scenario.practice else 2 if scenario.unlock_after else 1
    return (rank, int(year.group(1)) if year else 9999, scenario.title)
