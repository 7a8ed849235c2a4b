"""All the cases in a folder: each file loads on its own, so one bad file never takes the others down."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.engine import precompiled
from game.engine.diagnostics import Diagnostic
from game.engine.glossary import Glossary
from game.engine.loader import read_glossary, read_scenario
from game.engine.model import Scenario
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

    @classmethod
    def load(cls, *sources: str | Path) -> Catalog:
        """Load every scenario file in the given folders or files (later sources may add cases)."""
        catalog = cls()
        sources = sources or ("scenarios",)
        for source in sources:
            if Path(source).is_dir():
                precompiled.register_folder(Path(source))
        for path in scenario_files(sources):
            if path.name == GLOSSARY_FILE:
                catalog._add_glossary(path)
            else:
                catalog._add(path)
        catalog.scenarios = dict(sorted(catalog.scenarios.items(), key=lambda kv: _menu_key(kv[1])))
        return catalog

    def _read(self, path: Path) -> bytes | None:
        """The file's bytes, or None after recording why it could not be read."""
        try:
            return path.read_bytes()
        except OSError as err:
            diag = Diagnostic(str(path), 1, 1, "error", f"cannot read file: {err.strerror}", "unreadable")
            self.failures.append(LoadFailure(str(path), diag.format(), (diag,)))
            return None

    def _add(self, path: Path) -> None:
        data = self._read(path)
        if data is None:
            return
        scenario, diagnostics = read_scenario(data, str(path))
        if scenario is not None and scenario.id in self.scenarios:
            first = self.scenarios[scenario.id].path
            diagnostics = [*diagnostics, duplicate_id(str(path), data.decode("utf-8"), scenario.id, first)]
            scenario = None
        if scenario is None:
            errors = tuple(d for d in diagnostics if d.severity == "error")
            self.failures.append(LoadFailure(str(path), errors[0].format() if errors else "cannot load",
                                             tuple(diagnostics)))
            return
        self.scenarios[scenario.id] = scenario
        self.warnings.extend(scenario.warnings)

    def _add_glossary(self, path: Path) -> None:
        data = self._read(path)
        if data is None:
            return
        glossary, diagnostics = read_glossary(data, str(path))
        errors = [d for d in diagnostics if d.severity == "error"]
        if errors:
            self.failures.append(LoadFailure(str(path), errors[0].format(), tuple(diagnostics)))
            return
        merged = dict(self.glossary.terms)
        merged.update(glossary.terms)
        self.glossary = Glossary(merged)


def duplicate_id(path: str, text: str, scenario_id: str, first: str) -> Diagnostic:
    """The error for a file whose scenario id the file `first` already uses (catalog and checker alike)."""
    line, col = KeyMap(text).find(("scenario", "id"))
    return Diagnostic(path, line, col, "error", f"scenario id '{scenario_id}' is already used by {first}",
                      "duplicate-id", "give each case its own id")


def scenario_files(sources: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        else:
            files.append(path)
    return files


def _menu_key(scenario: Scenario) -> tuple[int, int, str]:
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", scenario.period)
    return (0 if scenario.id == "tutorial" else 1, int(year.group(1)) if year else 9999, scenario.title)
