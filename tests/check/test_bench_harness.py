"""The benchmark's own parts (not its timings): the generated case is clean and complete, and a front end's
failing benchmark is reported instead of stopping the run."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from benchmarks.__main__ import front_end_figures, table
from benchmarks.generate import generate
from game.check import check_paths
from game.engine.load import read_scenario


def test_generated_case_checks_clean_and_uses_the_whole_format(tmp_path: Path) -> None:
    path = tmp_path / "generated.toml"
    path.write_text(generate(1200), encoding="utf-8")
    [result] = check_paths([str(path)])
    assert result.diagnostics == []
    scenario = result.scenario
    assert scenario is not None and len(scenario.scenes) == 1200
    scenes = scenario.scenes.values()
    assert len(scenario.questions) == 2 and len(scenario.evidence) == 16
    assert sum(s.checkpoint is not None for s in scenes) == 2
    assert sum(s.ending for s in scenes) == 5
    assert any(s.passages for s in scenes) and any(s.on_enter for s in scenes)
    choices = [c for s in scenes for c in s.choices]
    assert any(c.condition for c in choices) and any(c.effects for c in choices)
    assert any(c.once for c in choices)
    assert any(e.coerced for e in scenario.evidence.values())


@pytest.mark.parametrize("scenes", [40, 777, 2500])
def test_generated_case_has_the_requested_number_of_scenes(scenes: int) -> None:
    scenario, diagnostics = read_scenario(generate(scenes).encode("utf-8"), "generated.toml")
    assert diagnostics == [] and scenario is not None
    assert len(scenario.scenes) == scenes


def test_a_failing_front_end_benchmark_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_display() -> dict[str, float]:
        raise SystemExit("no display")

    good = types.SimpleNamespace(run=lambda: {"frame_ms": 1.5})
    monkeypatch.setitem(sys.modules, "fake_bench_good", good)
    monkeypatch.setitem(sys.modules, "fake_bench_bad", types.SimpleNamespace(run=no_display))
    figures, failures = front_end_figures(("fake_bench_good", "fake_bench_bad", "benchmarks.not_written_yet"))
    assert figures == {"frame_ms": 1.5}
    assert failures == {"fake_bench_bad": "SystemExit: no display"}
    assert "fake_bench_bad: FAILED (SystemExit: no display)" in table(figures, failures)


def test_every_import_inside_the_benchmarks_resolves() -> None:
    """The benchmarks import what they time inside their functions; a module moved elsewhere must fail here,
    not only when someone runs `make bench`."""
    import ast
    import importlib

    root = Path(__file__).resolve().parents[2]
    for path in sorted((root / "benchmarks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and node.module.split(".")[0] in ("game", "tests", "benchmarks"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    assert hasattr(module, alias.name) or importlib.util.find_spec(
                        f"{node.module}.{alias.name}") is not None, (path.name, node.module, alias.name)
