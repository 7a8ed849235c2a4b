"""All the cases in a folder: each file loads on its own, so one bad file never takes the others down."""

from __future__ import annotations

import re
from collections.abc import Iterable
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


@dataclass
class Catalog:
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    failures: list[LoadFailure] = field(default_factory=list)
    glossary: Glossary = field(default_factory=Glossary)
    warnings: list[Diagnostic] = field(default_factory=list)
    outline: Outline = field(default_factory=Outline)  # outline.toml: the case menu's branches

    @classmethod
    def load(cls, *sources: str | Path, limits: Limits = LIMITS) -> Catalog:
        """Load every scenario file in the given folders or files (later sources may add cases)."""
        catalog = cls()
        sources = sources or ("scenarios",)
        for path in scenario_files(sources):
            if path.name == GLOSSARY_FILE:
                catalog._add_glossary(path, limits)
            elif path.name == CLASS_FILE:
                continue  # a teacher's settings, not a case: the entry points read it (find_class_settings)
            elif path.name == OUTLINE_FILE:
                catalog._add_outline(path, limits)
            else:
                catalog._add(path, limits)
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
                                             tuple(diagnostics)))
            return
        self.scenarios[scenario.id] = scenario
        self.warnings.extend(scenario.warnings)

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
    return (0 if scenario.id == "tutorial" else 1, int(year.group(1)) if year else 9999, scenario.title)
