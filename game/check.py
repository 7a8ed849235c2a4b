"""`verdict check`: everything wrong with a teacher's scenario files, as path:line:col messages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from game.engine.analysis import analyse
from game.engine.catalog import GLOSSARY_FILE, scenario_files
from game.engine.diagnostics import Diagnostic
from game.engine.loader import read_glossary, read_scenario
from game.engine.model import Scenario
from game.engine.playtest import playtest


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    scenario: Scenario | None = None
    playtest: dict[str, Any] | None = None


def check_paths(paths: list[str], playtest_runs: int = 0) -> list[FileResult]:
    results: list[FileResult] = []
    owners: dict[str, str] = {}
    for path in scenario_files(paths or ["scenarios"]):
        result = FileResult(str(path))
        results.append(result)
        try:
            data = path.read_bytes()
        except OSError as err:
            result.diagnostics.append(Diagnostic(str(path), 1, 1, "error", f"cannot read file: {err.strerror}",
                                                 "unreadable", "check the path"))
            continue
        if path.name == GLOSSARY_FILE:
            result.diagnostics.extend(read_glossary(data, str(path))[1])
            continue
        scenario, diagnostics = read_scenario(data, str(path))
        result.diagnostics.extend(diagnostics)
        if scenario is None:
            continue
        if scenario.id in owners:
            result.diagnostics.append(Diagnostic(str(path), 1, 1, "error",
                                                 f"scenario id '{scenario.id}' is already used by {owners[scenario.id]}",
                                                 "duplicate-id", "give each case its own id"))
            continue
        owners[scenario.id] = str(path)
        result.scenario = scenario
        result.diagnostics.extend(analyse(scenario, data.decode("utf-8")))
        if playtest_runs > 0:
            result.playtest, extra = _playtest(scenario, playtest_runs)
            result.diagnostics.extend(extra)
    for result in results:
        result.diagnostics.sort(key=lambda d: (d.line, d.col))
    return results


def _playtest(scenario: Scenario, runs: int) -> tuple[dict[str, Any], list[Diagnostic]]:
    report = playtest(scenario, runs)
    summary = report.coverage(scenario)
    found: list[Diagnostic] = []

    def warn(message: str, code: str, hint: str = "") -> None:
        found.append(Diagnostic(scenario.path, 1, 1, "warning", message, code, hint))

    for sid, count in report.stuck.items():
        found.append(Diagnostic(scenario.path, 1, 1, "error",
                                f"{count} of {runs} playthroughs got stuck in scene '{sid}': no choice was available",
                                "no-way-on", "add a choice without a condition, or loosen the conditions"))
    missed_scenes = [s for s in scenario.scenes if s not in report.scenes_seen]
    if missed_scenes:
        warn(f"playtest never reached {len(missed_scenes)} scene(s): {', '.join(missed_scenes[:8])}",
             "playtest-scenes", "more runs may reach them; otherwise check their conditions")
    missed_endings = [e.id for e in scenario.endings if report.endings.get(e.id, 0) == 0]
    if missed_endings:
        warn(f"playtest never reached ending(s): {', '.join(missed_endings)}", "playtest-endings")
    all_choices = [(s.id, c.index) for s in scenario.scenes.values() for c in s.choices]
    untaken = [f"{s}#{i + 1}" for s, i in all_choices if (s, i) not in report.choices_taken]
    if untaken:
        warn(f"playtest never took {len(untaken)} choice(s): {', '.join(untaken[:8])}", "playtest-choices")
    if report.too_long:
        warn(f"{report.too_long} of {runs} playthroughs did not end within {400} steps", "playtest-long",
             "check for loops that are hard to leave")
    return summary, found


def print_text(results: list[FileResult], out: TextIO, playtest_runs: int) -> None:
    for result in results:
        for diag in result.diagnostics:
            print(diag.format(), file=out)
        if result.playtest:
            p = result.playtest
            endings = ", ".join(f"{k} {v}" for k, v in p["endings"].items())
            print(f"{result.path}: playtest {p['runs']} runs: scenes {p['scenes']}, choices {p['choices']}, "
                  f"endings: {endings}", file=out)
    errors, warnings = _counts(results)
    print(f"{len(results)} file(s) checked: {errors} error(s), {warnings} warning(s)", file=out)


def print_json(results: list[FileResult], out: TextIO) -> None:
    errors, warnings = _counts(results)
    json.dump({
        "files": [
            {"path": r.path, "scenario": r.scenario.id if r.scenario else None,
             "diagnostics": [d.as_dict() for d in r.diagnostics], "playtest": r.playtest}
            for r in results
        ],
        "errors": errors,
        "warnings": warnings,
    }, out, indent=2)
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
        print_text(results, out, playtest_runs)
    errors, warnings = _counts(results)
    return 1 if errors or (strict and warnings) else 0
