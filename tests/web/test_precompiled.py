"""The web build's pre-parsed cases load exactly as their TOML does, and never stand in for an edited file."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from game.engine import Catalog, loader
from game.engine import catalog as catalog_module
from game.webbuild.precompile import write_precompiled

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", folder)
    write_precompiled(folder)
    return folder


def test_precompiled_cases_equal_the_parsed_toml(shipped_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = Catalog.load(ROOT / "scenarios")

    def no_toml(_text: str) -> dict:
        raise AssertionError("tomllib was used for a precompiled case")

    monkeypatch.setattr(loader.tomllib, "loads", no_toml)
    # The glossary is small and always parsed from TOML: keep it out of this check.
    monkeypatch.setattr(catalog_module, "read_glossary", lambda data, path: (expected.glossary, []))
    got = Catalog.load(shipped_copy)
    assert list(got.scenarios) == list(expected.scenarios)
    assert not got.failures
    for sid, scenario in expected.scenarios.items():
        for f in dataclasses.fields(scenario):
            if f.name != "path":
                assert getattr(got.scenarios[sid], f.name) == getattr(scenario, f.name), (sid, f.name)


def test_an_edited_file_is_parsed_from_its_toml(shipped_copy: Path) -> None:
    path = shipped_copy / "tutorial.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("The Missing Page", "The Lost Page"),
                    encoding="utf-8")
    assert Catalog.load(shipped_copy).scenarios["tutorial"].title == "The Lost Page"


def test_a_damaged_precompiled_file_is_ignored(shipped_copy: Path) -> None:
    (shipped_copy / "precompiled.json").write_text("{not json", encoding="utf-8")
    assert "tutorial" in Catalog.load(shipped_copy).scenarios
