"""Shared test fixtures. Front-end suites add their own conftest.py in their folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Catalog, Scenario, load_scenario
from tests.support import ROOT, SCENARIOS


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load(SCENARIOS)


@pytest.fixture(scope="session")
def tutorial() -> Scenario:
    return load_scenario(SCENARIOS / "tutorial.toml")
