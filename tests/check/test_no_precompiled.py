"""The game plays only what the checker checked: tables parsed ahead of time (a precompiled.json, as the
web build once shipped) are never read, wherever one lies and whatever it says."""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from pathlib import Path

from game.engine.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]


def test_a_precompiled_file_beside_a_case_is_never_used(tmp_path: Path) -> None:
    shutil.copy(ROOT / "scenarios" / "tutorial.toml", tmp_path / "tutorial.toml")
    data = (tmp_path / "tutorial.toml").read_bytes()
    tables = tomllib.loads(data.decode("utf-8"))
    tables["scenario"]["title"] = "SPOOFED: not what verdict check saw"
    entry = {"sha256": hashlib.sha256(data).hexdigest(), "json": json.dumps(tables)}
    (tmp_path / "precompiled.json").write_text(json.dumps({"format": 1, "files": {"tutorial.toml": entry}}),
                                               encoding="utf-8")
    assert Catalog.load(tmp_path).scenarios["tutorial"].title == "The Missing Page"
