"""precompiled.json (tables parsed ahead of time) never makes the game play what the checker did not see:
it is read only in the game's own folder, only when written by this version, only for the exact bytes."""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine import precompiled
from game.engine.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]
SPOOF = "SPOOFED: not what verdict check saw"


def write(folder: Path, title: str = SPOOF, fmt: str = precompiled.FORMAT) -> None:
    """A precompiled.json whose tutorial entry matches the file's bytes but carries another title."""
    data = (folder / "tutorial.toml").read_bytes()
    tables = tomllib.loads(data.decode("utf-8"))
    tables["scenario"]["title"] = title
    entry = {"sha256": hashlib.sha256(data).hexdigest(), "json": json.dumps(tables)}
    document = {"format": fmt, "files": {"tutorial.toml": entry}}
    (folder / precompiled.FILE_NAME).write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    shutil.copy(ROOT / "scenarios" / "tutorial.toml", tmp_path / "tutorial.toml")
    yield tmp_path
    precompiled.forget()


def test_the_game_s_own_folder_may_use_its_precompiled_tables(folder: Path) -> None:
    write(folder, title="Parsed ahead of time")
    assert Catalog.load(folder, trusted=folder).scenarios["tutorial"].title == "Parsed ahead of time"


def test_a_precompiled_file_in_a_teachers_folder_is_never_used(folder: Path) -> None:
    write(folder)
    assert Catalog.load(folder).scenarios["tutorial"].title == "The Missing Page"
    assert Catalog.load(ROOT / "scenarios", folder).scenarios["tutorial"].title == "The Missing Page"


def test_another_version_s_precompiled_file_is_never_used(folder: Path) -> None:
    write(folder, fmt="verdict-0.0.1/2")
    assert Catalog.load(folder, trusted=folder).scenarios["tutorial"].title == "The Missing Page"


def test_an_edited_file_is_parsed_from_its_toml(folder: Path) -> None:
    write(folder)
    path = folder / "tutorial.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("The Missing Page", "The Lost Page"),
                    encoding="utf-8")
    assert Catalog.load(folder, trusted=folder).scenarios["tutorial"].title == "The Lost Page"


@pytest.mark.parametrize("damage", [b"[" * 100_000, b'{"format": ' + b"[" * 50_000, b"\x00\xff", b"",
                                    b'{"format": ' + b"9" * 10_000 + b"}", b"{not json"])
def test_a_damaged_precompiled_file_is_ignored(folder: Path, damage: bytes) -> None:
    (folder / precompiled.FILE_NAME).write_bytes(damage)
    catalog = Catalog.load(folder, trusted=folder)
    assert "tutorial" in catalog.scenarios and not catalog.failures
