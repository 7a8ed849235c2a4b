"""`verdict check`: everything wrong with a teacher's scenario files, as path:line:col messages."""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from game.engine.analysis import analyse
from game.engine.catalog import GLOSSARY_FILE, duplicate_id, scenario_files, without_filename_warning
from game.engine.diagnostics import Diagnostic, Severity
from game.engine.load import read_file, read_glossary, read_scenario
from game.engine.load.reading import decode
from game.engine.load.source import Source
from game.engine.model import KeyPath, Scenario
from game.engine.playtest import MAX_STEPS, playtest


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    scenario: Scenario | None = None
    playtest: dict[str, Any] | None = None


def check_paths(paths: list[str], playtest_runs: int = 0) -> list[FileResult]:
    with collector_paused():
        return _check_paths(paths, playtest_runs)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Loading builds millions of small objects and no cycles worth collecting, and the cyclic garbage
    collector would walk the whole growing heap again and again: a fifth of the time on a large case."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_paths(paths: list[str], playtest_runs: int) -> list[FileResult]:
    results: list[FileResult] = []
    owners: dict[str, str] = {}
    for path in scenario_files(paths or ["scenarios"]):
        result = FileResult(str(path))
        results.append(result)
        data, problem = read_file(path)
        if data is None:
            result.diagnostics.extend([problem] if problem else [])
            continue
        if path.name == GLOSSARY_FILE:
            result.diagnostics.extend(read_glossary(data, str(path))[1])
            continue
        scenario, diagnostics = read_scenario(data, str(path))
        result.diagnostics.extend(diagnostics)
        if scenario is None:
            continue
        text = decode(data, str(path))[0] or ""
        if scenario.id in owners:
            result.diagnostics[:] = without_filename_warning(result.diagnostics)
            result.diagnostics.append(duplicate_id(str(path), data, scenario.id, owners[scenario.id]))
            continue
        owners[scenario.id] = str(path)
        result.scenario = scenario
        result.diagnostics.extend(analyse(scenario, text))
        if playtest_runs > 0:
            result.playtest, extra = _playtest(scenario, playtest_runs, text)
            result.diagnostics.extend(extra)
    for result in results:
        result.diagnostics.sort(key=lambda d: (d.line, d.col, d.severity != "error"))
    return results


def _playtest(scenario: Scenario, runs: int, text: str) -> tuple[dict[str, Any], list[Diagnostic]]:
    report = playtest(scenario, runs)
    summary = report.coverage(scenario)
    src = Source(scenario.path, text)  # positions are worked out on the first report only
    found = src.diagnostics

    def add(where: KeyPath, severity: Severity, message: str, code: str, hint: str = "") -> None:
        src.report(severity, where, message, code, hint)

    for sid, count in report.stuck.items():
        add(
            ("scenes", sid),
            "error",
            f"{count} of {runs} playthroughs got stuck in scene '{sid}': no choice was available",
            "no-way-on",
            "add a choice without a condition, or loosen the conditions",
        )
    missed_scenes = [s for s in scenario.scenes if s not in report.scenes_seen]
    if missed_scenes:
        add(
            ("scenes", missed_scenes[0]),
            "warning",
            f"playtest never reached {len(missed_scenes)} scene(s): {', '.join(missed_scenes[:8])}",
            "playtest-scenes",
            "more runs may reach them; otherwise check their conditions",
        )
    missed_endings = [e.id for e in scenario.endings if report.endings.get(e.id, 0) == 0]
    if missed_endings:
        add(
            ("scenes", missed_endings[0]),
            "warning",
            f"playtest never reached ending(s): {', '.join(missed_endings)}",
            "playtest-endings",
        )
    all_choices = [(s.id, c.index) for s in scenario.scenes.values() for c in s.choices]
    untaken = [(s, i) for s, i in all_choices if (s, i) not in report.choices_taken]
    if untaken:
        add(
            ("scenes", untaken[0][0], "choices", untaken[0][1]),
            "warning",
            f"playtest never took {len(untaken)} choice(s): "
            f"{', '.join(f'{s}#{i + 1}' for s, i in untaken[:8])}",
            "playtest-choices",
        )
    if report.too_long:
        add(
            ("scenario", "start"),
            "warning",
            f"{report.too_long} of {runs} playthroughs did not end within {MAX_STEPS} steps",
            "playtest-long",
            "check for loops that are hard to leave",
        )
    return summary, found


def print_text(results: list[FileResult], out: TextIO) -> None:
    for result in results:
        for diag in result.diagnostics:
            print(diag.format(), file=out)
        if result.playtest:
            p = result.playtest
            endings = ", ".join(f"{k} {v}" for k, v in p["endings"].items())
            print(
                f"{result.path}: playtest {p['runs']} runs: scenes {p['scenes']}, choices {p['choices']}, "
                f"endings: {endings}",
                file=out,
            )
    errors, warnings = _counts(results)
    print(f"{len(results)} file(s) checked: {errors} error(s), {warnings} warning(s)", file=out)


def print_json(results: list[FileResult], out: TextIO) -> None:
    errors, warnings = _counts(results)
    json.dump(
        {
            "files": [
                {
                    "path": r.path,
                    "scenario": r.scenario.id if r.scenario else None,
                    "diagnostics": [d.as_dict() for d in r.diagnostics],
                    "playtest": r.playtest,
                }
                for r in results
            ],
            "errors": errors,
            "warnings": warnings,
        },
        out,
        indent=2,
    )
    out.write("\n")


def _counts(results: list[FileResult]) -> tuple[int, int]:
    diags = [d for r in results for d in r.diagnostics]
    return sum(d.severity == "error" for d in diags), sum(d.severity == "warning" for d in diags)


def run(paths: list[str], fmt: str, strict: bool, playtest_runs: int, out: TextIO) -> int:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    results = check_paths(paths, playtest_runs)
    if fmt == "json":
        print_json(results, out)
    else:
        print_text(results, out)
    errors, warnings = _counts(results)
    return 1 if errors or (strict and warnings) else 0
