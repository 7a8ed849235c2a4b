"""The web build's pre-parsed cases load exactly as their TOML does, and never stand in for an edited file."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine import Catalog, precompiled
from game.engine import catalog as catalog_module
from game.engine.load import parsing
from game.webbuild.precompile import write_precompiled

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", folder)
    write_precompiled(folder)
    yield folder
    precompiled.forget()


def test_precompiled_cases_equal_the_parsed_toml(shipped_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = Catalog.load(ROOT / "scenarios")

    def no_toml(_text: str) -> dict:
        raise AssertionError("tomllib was used for a precompiled case")

    monkeypatch.setattr(parsing, "parse_toml", no_toml)
    # The glossary is small and always parsed from TOML: keep it out of this check.
    monkeypatch.setattr(catalog_module, "read_glossary", lambda data, path, limits: (expected.glossary, []))
    got = Catalog.load(shipped_copy, trusted=shipped_copy)
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
    assert Catalog.load(shipped_copy, trusted=shipped_copy).scenarios["tutorial"].title == "The Lost Page"


def test_a_damaged_precompiled_file_is_ignored(shipped_copy: Path) -> None:
    (shipped_copy / "precompiled.json").write_text("{not json", encoding="utf-8")
    assert "tutorial" in Catalog.load(shipped_copy, trusted=shipped_copy).scenarios


def _spoof(folder: Path) -> None:
    """A precompiled.json that says tutorial.toml holds another title than its TOML does."""
    path = folder / "precompiled.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["files"]["tutorial.toml"]
    tables = json.loads(entry["json"])
    tables["scenario"]["title"] = "SPOOFED: not what verdict check saw"
    entry["json"] = json.dumps(tables)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_precompiled_file_in_a_teachers_folder_is_never_used(shipped_copy: Path) -> None:
    _spoof(shipped_copy)
    # Not the game's own folder: the TOML is what is played, as `verdict check` sees it.
    assert Catalog.load(shipped_copy).scenarios["tutorial"].title == "The Missing Page"
    assert Catalog.load(ROOT / "scenarios", shipped_copy).scenarios["tutorial"].title == "The Missing Page"


def test_a_precompiled_file_of_another_version_is_never_used(shipped_copy: Path) -> None:
    _spoof(shipped_copy)
    path = shipped_copy / "precompiled.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format"] = "verdict-0.0.1/2"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert Catalog.load(shipped_copy, trusted=shipped_copy).scenarios["tutorial"].title == "The Missing Page"


@pytest.mark.parametrize("damage", ["[" * 100_000, '{"format": ' + "[" * 50_000, "\x00\xff", ""])
def test_a_damaged_precompiled_file_of_any_kind_is_ignored(shipped_copy: Path, damage: str) -> None:
    (shipped_copy / "precompiled.json").write_text(damage, encoding="utf-8")
    assert "tutorial" in Catalog.load(shipped_copy, trusted=shipped_copy).scenarios
