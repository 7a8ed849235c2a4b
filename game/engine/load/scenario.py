"""The whole reading of one scenario file: bytes, limits, TOML, shapes, model, references."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from game.engine.diagnostics import Diagnostic, ScenarioError
from game.engine.load import parsing
from game.engine.load.building import Builder
from game.engine.load.limits import LIMITS, Limits
from game.engine.load.reading import read_file
from game.engine.load.references import References
from game.engine.model import Scenario


def read_scenario(
    data: bytes, path: str = "<string>", limits: Limits = LIMITS
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Parse and validate; returns the scenario (None if there were errors) and every diagnostic.

    Raises nothing, whatever the bytes: every problem is a diagnostic.
    """
    src, raw, diagnostics = parsing.read_toml(data, path, limits)
    if src is None or raw is None:
        return None, diagnostics
    digest = hashlib.sha256(data).hexdigest()
    builder = Builder(src, limits)
    scenario, parts = builder.scenario(raw, digest)
    References(src, limits, builder.declared, parts["scenes"], parts["evidence"], parts["questions"]).check(
        parts["head"], parts["scenes"]
    )
    if scenario is None or src.has_errors:
        return None, src.diagnostics
    warnings = tuple(src.diagnostics)
    return (dataclasses.replace(scenario, warnings=warnings) if warnings else scenario), src.diagnostics


def load_scenario(path: str | Path, limits: Limits = LIMITS) -> Scenario:
    data, problem = read_file(path, limits)
    if data is None:
        raise ScenarioError([problem] if problem else [])
    return load_scenario_bytes(data, str(path), limits)


def load_scenario_bytes(data: bytes, path: str = "<string>", limits: Limits = LIMITS) -> Scenario:
    scenario, diagnostics = read_scenario(data, path, limits)
    if scenario is None:
        raise ScenarioError(diagnostics)
    return scenario
