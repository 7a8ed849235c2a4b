"""`python -m benchmarks`: how fast `verdict check` and the engine are, plus the front ends' own figures.

Prints a table and writes build/bench.json. Each figure is the median of several repeats. Engine figures:

- check_all_ms: `verdict check scenarios` (every shipped file, static analysis included, no playtest)
- check_10k_ms / check_20k_ms: the same on generated cases of 10,000 and 20,000 scenes
  (benchmarks/generate.py), with the share tomllib (the standard library's pure-Python TOML parser) takes
- playtest_steps_per_s: choices made per second by seeded random playthroughs of the shipped cases

benchmarks.window_bench, benchmarks.web_bench and benchmarks.classroom_bench (`verdict report` on 30 and 300
hand-ins), when present, each give a dict from run(); a failure there (no display, no browser) is reported
in the table and the JSON without failing the run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import statistics
import sys
import tempfile
import time
import tomllib
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate import generate
from game.check import check_paths, collector_paused
from game.engine.catalog import Catalog
from game.engine.expr import parse_condition, parse_effect
from game.engine.playtest import playtest

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "bench.json"
AIM_10K_MS = 1000.0
AIM_RATIO = 2.3
ORPHAN = '\n[scenes.orphan]\ntitle = "Nobody comes here"\ntext = "Dust."\n\n' \
    '[[scenes.orphan.choices]]\nlabel = "Leave"\ngoto = "c0_s0"\n'
FRONT_ENDS = ("benchmarks.window_bench", "benchmarks.web_bench", "benchmarks.classroom_bench")


def median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def check_ms(paths: list[str], repeats: int) -> float:
    def run() -> None:
        parse_condition.cache_clear()  # each repeat parses its expressions afresh, as a new process would
        parse_effect.cache_clear()
        results = check_paths(paths)
        errors = [d.format() for r in results for d in r.diagnostics if d.severity == "error"]
        if errors:
            raise RuntimeError("the benchmark's files should check clean:\n" + "\n".join(errors[:5]))

    return median_ms(run, repeats)


def _timed_like_check(text: str) -> object:
    with collector_paused():  # as check_paths runs it
        return tomllib.loads(text)


def generated(scenes: int, folder: Path, repeats: int) -> dict[str, Any]:
    path = folder / "generated.toml"  # the name matches the case id, so the check is clean
    text = generate(scenes)
    path.write_text(text, encoding="utf-8")
    total = check_ms([str(path)], repeats)
    toml = median_ms(lambda: _timed_like_check(text), repeats)
    key = f"{scenes // 1000}k"
    extra = {}
    if scenes == 10_000:  # with one warning, so every position in the file is worked out for the message
        path.write_text(text + ORPHAN, encoding="utf-8")
        extra[f"check_{key}_with_a_warning_ms"] = round(check_ms([str(path)], repeats), 1)
    return {
        f"check_{key}_ms": round(total, 1),
        f"tomllib_{key}_ms": round(toml, 1),
        f"engine_{key}_ms": round(total - toml, 1),
        f"tomllib_share_{key}": round(toml / total, 3),
        f"bytes_{key}": len(text.encode("utf-8")),
    } | extra


def playtest_rate(repeats: int, runs: int = 200) -> float:
    scenarios = list(Catalog.load(ROOT / "scenarios").scenarios.values())
    rates = []
    for _ in range(repeats):
        steps, start = 0, time.perf_counter()
        for scenario in scenarios:
            steps += playtest(scenario, runs).steps
        rates.append(steps / (time.perf_counter() - start))
    return statistics.median(rates)


def engine_figures(repeats: int) -> dict[str, Any]:
    figures: dict[str, Any] = {"check_all_ms": round(check_ms([str(ROOT / "scenarios")], repeats * 2), 1)}
    with tempfile.TemporaryDirectory() as folder:
        for scenes in (10_000, 20_000):
            figures.update(generated(scenes, Path(folder), repeats))
    figures["check_20k_over_10k"] = round(figures["check_20k_ms"] / figures["check_10k_ms"], 2)
    figures["playtest_steps_per_s"] = round(playtest_rate(repeats))
    return figures


def front_end_figures(modules: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, str]]:
    figures: dict[str, Any] = {}
    failures: dict[str, str] = {}
    for name in modules:
        short = name.rsplit(".", 1)[-1]
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name:
                continue  # not written yet: nothing to run
            failures[short] = f"cannot import: {err}"
            continue
        except Exception as err:  # a broken front end must not stop the engine figures
            failures[short] = f"cannot import: {type(err).__name__}: {err}"
            continue
        try:
            result = module.run()
        except BaseException as err:  # SystemExit from a missing display included
            if isinstance(err, KeyboardInterrupt):
                raise
            failures[short] = f"{type(err).__name__}: {err}".strip()
            traceback.print_exc(file=sys.stderr)
            continue
        if isinstance(result, dict):
            figures.update(result)
        else:
            failures[short] = f"run() returned {type(result).__name__}, not a dict"
    return figures, failures


def table(figures: dict[str, Any], failures: dict[str, str]) -> str:
    notes = {
        "check_10k_ms": f"aim < {AIM_10K_MS:g}",
        "check_20k_over_10k": f"aim <= {AIM_RATIO:g}",
        "game_files_gz_bytes": "aim <= 300,000",
        "html_first_scene_ms": "aim <= 3,000",
        "pyodide_load_ms": "aim < 300",
    }
    width = max(len(k) for k in figures) if figures else 10
    rows = [f"{'figure':<{width}}  {'value':>14}  note", f"{'-' * width}  {'-' * 14}  ----"]
    for key, value in figures.items():
        if isinstance(value, float) and "share" in key:
            shown = f"{value:.0%}"
        elif isinstance(value, float):
            shown = f"{value:.2f}" if "_over_" in key else f"{value:,.1f}"
        else:
            shown = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
        rows.append(f"{key:<{width}}  {shown:>14}  {notes.get(key, '')}".rstrip())
    rows.extend(f"{name}: FAILED ({message})" for name, message in failures.items())
    return "\n".join(rows)


def _web_aims(figures: dict[str, Any]) -> dict[str, bool]:
    """The browser editions' aims, for the figures web_bench could measure here."""
    aims = {"game_files_within_300kb": ("game_files_gz_bytes", 300_000),
            "html_first_scene_within_3s": ("html_first_scene_ms", 3_000)}
    return {name: figures[key] <= limit for name, (key, limit) in aims.items()
            if isinstance(figures.get(key), int | float)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="repeats per figure; the median is kept")
    parser.add_argument("--engine-only", action="store_true", help="skip the window and web benchmarks")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON (build/bench.json)")
    args = parser.parse_args(argv)

    figures = engine_figures(max(1, args.repeats))
    failures: dict[str, str] = {}
    if not args.engine_only:
        more, failures = front_end_figures(FRONT_ENDS)
        figures.update(more)
    report = {
        **figures,
        "failures": failures,
        "aims_met": {
            "check_10k_under_1s": figures["check_10k_ms"] < AIM_10K_MS,
            "check_20k_within_2_3x": figures["check_20k_over_10k"] <= AIM_RATIO,
            **_web_aims(figures),
        },
        "machine": {"python": platform.python_version(), "implementation": platform.python_implementation(),
                    "platform": platform.platform()},
        "repeats": args.repeats,
    }
    print(table(figures, failures))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
