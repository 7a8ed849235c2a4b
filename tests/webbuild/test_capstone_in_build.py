"""A case that borrows evidence from others loads in what the browser editions ship: the HTML edition's
verdict.zip (and the canvas edition's app folder it is made from) carry the case files themselves, and the
catalog resolves the references there as it does on the desktop. `--unlock` rides along in the build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from game.webbuild.build import stage, write_build_config
from game.webbuild.html import game_archive
from tests.support import CAPSTONE_FIXTURE, ROOT

LOAD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from game.engine import Catalog
from game.web.buildconfig import read_build_config
catalog = Catalog.load(sys.argv[1] + "/scenarios")
capstone = catalog.scenarios.get("mini_capstone")
print(json.dumps({"failures": [f.message for f in catalog.failures],
                  "evidence": list(capstone.evidence) if capstone else None,
                  "unresolved": list(capstone.unresolved) if capstone else None,
                  "unlock_all": read_build_config().unlock_all}))
"""


def test_the_html_editions_archive_loads_the_capstone_with_its_borrowed_evidence(tmp_path: Path) -> None:
    teacher = tmp_path / "class"
    teacher.mkdir()
    (teacher / CAPSTONE_FIXTURE.name).write_bytes(CAPSTONE_FIXTURE.read_bytes())
    app = tmp_path / "app"
    stage(ROOT, app, teacher)
    write_build_config(app, unlock=True)
    archive = game_archive(app, tmp_path / "verdict.zip")
    unpacked = tmp_path / "verdict"
    with zipfile.ZipFile(archive) as zf:
        assert "scenarios/mini_capstone.toml" in zf.namelist()
        assert "game/web/build_config.json" in zf.namelist()
        zf.extractall(unpacked)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-I", "-c", LOAD, str(unpacked)], capture_output=True, text=True,
                            timeout=120, env=env, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found == {"failures": [], "evidence": ["diary", "notes", "confession", "tukhachevsky"],
                     "unresolved": [], "unlock_all": True}
