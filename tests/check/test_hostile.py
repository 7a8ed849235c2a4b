"""The hostile corpus (hostile.py): `verdict check` and the catalog answer every file with diagnostics, in
seconds and modest memory, and one bad file never takes the good ones down.

Each run is a child process under an address-space cap, so a file that needs gigabytes fails the test
instead of the machine.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.hostile import CASES, GLOSSARY_CASES, damaged_precompiled, write_corpus

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 1024 * 1024 * 1024  # address space of the child: the aim is 500 MB resident per file
PER_FILE_SECONDS = 6.0  # the aim is 2 s on the benchmark machine; shared test machines are slower
# What no front end can draw, and what would drive a terminal.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_CHILD = r"""
import json, resource, sys, time
cap = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from game.check import check_paths
from game.engine.catalog import Catalog
out = {}
for path in sys.argv[3:]:
    start = time.perf_counter()
    if sys.argv[2] == "check":
        results = check_paths([path], 20, quiet_playtest=True)
        value = [[d.as_dict() for d in r.diagnostics] for r in results]
    else:
        catalog = Catalog.load(path)
        value = {"scenarios": sorted(catalog.scenarios), "failures": [f.message for f in catalog.failures]}
    out[path] = {"seconds": time.perf_counter() - start, "value": value}
print(json.dumps(out))
"""


def _run_capped(mode: str, paths: list[Path]) -> dict[str, dict[str, object]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-c", _CHILD, str(MEMORY_CAP), mode, *map(str, paths)],
                            cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8",
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("hostile"))


def test_the_corpus_covers_every_class() -> None:
    assert len(CASES) >= 40
    for needed in ("deep_arrays", "deep_inline_tables", "int_5000_digits", "nul_in_title", "zero_width_title",
                   "megabyte_unknown_key", "long_id", "id_trailing_newline", "flag_doubled",
                   "long_table_header", "long_dotted_key", "many_misspelt_references", "over_size_limit"):
        assert needed in CASES
    assert set(CASES) >= GLOSSARY_CASES


def test_every_hostile_file_is_checked_with_diagnostics_only(corpus: list[Path]) -> None:
    report = _run_capped("check", corpus)
    assert set(report) == {str(p) for p in corpus}
    for path, entry in report.items():
        assert entry["seconds"] < PER_FILE_SECONDS, (path, entry["seconds"])
        diagnostics = [d for file in entry["value"] for d in file]  # type: ignore[union-attr]
        assert any(d["severity"] == "error" for d in diagnostics), (path, diagnostics)
        for d in diagnostics:
            assert not RAW_CONTROL.search(d["message"] + d["hint"]), d
            assert len(d["message"]) <= 700 and len(d["hint"]) <= 700, (path, d["code"])


def test_the_catalog_refuses_each_hostile_file_alone(corpus: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "tutorial.toml").write_bytes((ROOT / "scenarios" / "tutorial.toml").read_bytes())
    for path in corpus:
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 3 * 1024 * 1024:
            (folder / path.name).write_bytes(path.read_bytes())
    write_corpus(tmp_path / "special")  # the pipe, the link to /dev/zero, the folder named x.toml
    report = _run_capped("catalog", [folder, tmp_path / "special"])
    mixed = report[str(folder)]["value"]
    assert mixed["scenarios"] == ["tutorial"]  # type: ignore[index]
    assert len(mixed["failures"]) == len(list(folder.glob("*.toml"))) - 1  # type: ignore[index, arg-type]
    for message in mixed["failures"] + report[str(tmp_path / "special")]["value"]["failures"]:  # type: ignore
        assert not RAW_CONTROL.search(message.replace("\n    hint:", " ")), message
        assert len(message) < 1500


def test_a_hostile_glossary_leaves_the_cases_playable(corpus: list[Path]) -> None:
    folders = [p for p in corpus if p.name.startswith("glossary_")]
    assert len(folders) == len(GLOSSARY_CASES)
    for path, entry in _run_capped("catalog", folders).items():
        assert entry["value"]["scenarios"] == ["tutorial"], path  # type: ignore[index]
        assert [Path(m.split(":")[0]).name for m in entry["value"]["failures"]] == ["glossary.toml"]  # type: ignore


@pytest.mark.parametrize("name", sorted(damaged_precompiled()))
def test_a_damaged_precompiled_file_in_a_folder_changes_nothing(name: str, tmp_path: Path) -> None:
    (tmp_path / "tutorial.toml").write_bytes((ROOT / "scenarios" / "tutorial.toml").read_bytes())
    (tmp_path / "precompiled.json").write_bytes(damaged_precompiled()[name])
    report = _run_capped("catalog", [tmp_path])
    assert report[str(tmp_path)]["value"] == {"scenarios": ["tutorial"], "failures": []}


def test_verdict_check_on_the_corpus_exits_0_or_1_without_a_traceback(corpus: list[Path]) -> None:
    folder = corpus[0].parent
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    cap = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))"
    code = f"{cap}; import sys; from game.cli import main; sys.exit(main(['check', sys.argv[1]]))"
    result = subprocess.run([sys.executable, "-c", code, str(folder)], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr == ""
    assert not RAW_CONTROL.search(result.stdout.replace("\n", " ")), "raw control characters reached stdout"
    assert re.search(r"^\d+ file\(s\) checked: \d+ error\(s\)", result.stdout.splitlines()[-1])


def test_every_hostile_file_as_the_outline_leaves_the_cases_playable(corpus: list[Path],
                                                                   tmp_path: Path) -> None:
    """outline.toml is untrusted like a case: each hostile file in its place, beside the tutorial, is
    refused with diagnostics in seconds, by the catalog and the checker, and the tutorial still loads."""
    folders = []
    for path in corpus:
        if path.is_file() and not path.is_symlink():
            folder = tmp_path / f"outline_{path.stem}"
            folder.mkdir()
            (folder / "tutorial.toml").write_bytes((ROOT / "scenarios" / "tutorial.toml").read_bytes())
            (folder / "outline.toml").write_bytes(path.read_bytes())
            folders.append(folder)
    zero = tmp_path / "outline_zero"
    zero.mkdir()
    (zero / "tutorial.toml").write_bytes((ROOT / "scenarios" / "tutorial.toml").read_bytes())
    if Path("/dev/zero").exists():
        (zero / "outline.toml").symlink_to("/dev/zero")
        folders.append(zero)
    assert len(folders) >= len(CASES)
    for path, entry in _run_capped("catalog", folders).items():
        assert entry["seconds"] < PER_FILE_SECONDS, (path, entry["seconds"])
        assert entry["value"]["scenarios"] == ["tutorial"], path  # type: ignore[index]
        failures = entry["value"]["failures"]  # type: ignore[index]
        assert [Path(m.split(":")[0]).name for m in failures] == ["outline.toml"], (path, failures)
        assert not any(RAW_CONTROL.search(m.replace("\n    hint:", " ")) for m in failures), failures
    for path, entry in _run_capped("check", folders).items():
        assert entry["seconds"] < PER_FILE_SECONDS, (path, entry["seconds"])
        outline, tutorial = entry["value"]  # type: ignore[misc]  # in file order
        assert all(Path(d["path"]).name == "outline.toml" for d in outline), outline
        assert any(d["severity"] == "error" for d in outline), (path, outline)
        # The tutorial's only error: its copy's id is the shipped tutorial's (the checker reads those too).
        assert [d["code"] for d in tutorial if d["severity"] == "error"] == ["duplicate-id"], (path, tutorial)
