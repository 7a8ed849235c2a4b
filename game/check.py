"""`verdict check`: everything wrong with a teacher's scenario files, as path:line:col messages."""

from __future__ import annotations

import contextlib
import gc
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from game.engine.analysis import analyse
from game.engine.catalog import (
    GLOSSARY_FILE,
    Catalog,
    declared_id,
    duplicate_id,
    scenario_files,
    without_filename_warning,
)
from game.engine.diagnostics import Diagnostic, Severity
from game.engine.load import (
    CLASS_FILE,
    LIMITS,
    Limits,
    read_class_settings,
    read_file,
    read_glossary,
    read_outline,
    read_scenario,
)
from game.engine.load.crossrefs import resolve
from game.engine.load.outline import outline_references
from game.engine.load.reading import decode
from game.engine.load.source import Source
from game.engine.model import KeyPath, Scenario
from game.engine.outline import OUTLINE_FILE, Outline
from game.engine.playtest import MAX_STEPS, playtest


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    scenario: Scenario | None = None
    playtest: dict[str, Any] | None = None
    counted: bool = True  # False for the report of a run that found no file at all


SHIPPED = Path(__file__).resolve().parents[1] / "scenarios"  # the cases that come with the game
DEFAULT_PLAYTEST_RUNS = 20  # `verdict check` and `verdict web` play this many seeded games unless told


def check_paths(paths: list[str], playtest_runs: int = 0, *, quiet_playtest: bool = False,
                limits: Limits = LIMITS, shipped: Path | None = SHIPPED) -> list[FileResult]:
    """Every diagnostic of the files (folders: their .toml files), in file order.

    playtest_runs seeded random games are played on each case that loads; with quiet_playtest only what
    they prove wrong is reported (no coverage figures). The game's own cases (`shipped`) are read too when
    they are not among the paths, so a copy of one with its id unchanged is found; they are not reported.
    """
    with collector_paused():
        return _check_paths(paths, playtest_runs, quiet_playtest, limits, shipped)


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


def _check_paths(paths: list[str], playtest_runs: int, quiet: bool, limits: Limits,
                 shipped: Path | None) -> list[FileResult]:
    results: list[FileResult] = []
    files = scenario_files(paths or ["scenarios"])
    owners = _shipped_owners(shipped, files, limits)
    outlines: list[tuple[FileResult, Outline, str]] = []  # checked against the cases once all are read
    loaded: list[tuple[Path, FileResult, Scenario, bytes]] = []
    failed: dict[str, str] = {}  # id -> file, for the checked files that do not load
    for path in files:
        result = FileResult(str(path))
        results.append(result)
        data, problem = read_file(path, limits)
        if data is None:
            result.diagnostics.extend([problem] if problem else [])
            continue
        if path.name == GLOSSARY_FILE:
            result.diagnostics.extend(read_glossary(data, str(path), limits)[1])
            continue
        if path.name == CLASS_FILE:
            result.diagnostics.extend(read_class_settings(data, str(path), limits)[1])
            continue
        if path.name == OUTLINE_FILE:
            outline, found = read_outline(data, str(path), limits)
            result.diagnostics.extend(found)
            if outline:  # what could be read is checked against the cases too: every problem in one run
                outlines.append((result, outline, decode(data, str(path))[0] or ""))
            continue
        scenario, diagnostics = read_scenario(data, str(path), limits)
        result.diagnostics.extend(diagnostics)
        if scenario is None:
            if sid := declared_id(data):
                failed.setdefault(sid, str(path))
            continue
        loaded.append((path, result, scenario, data))
    if any(scenario.evidence_from for _path, _result, scenario, _data in loaded):
        loaded = _resolve_borrowed(loaded, files, failed, shipped, limits)
    for path, result, scenario, data in loaded:
        text = decode(data, str(path))[0] or ""
        if scenario.id in owners:  # still analysed below: every problem of the file in one run
            result.diagnostics[:] = without_filename_warning(result.diagnostics)
            result.diagnostics.append(duplicate_id(str(path), data, scenario.id, owners[scenario.id]))
        else:
            owners[scenario.id] = str(path)
            result.scenario = scenario
        src = Source(str(path), text)
        result.diagnostics.extend(analyse(scenario, src))
        if playtest_runs > 0 and not any(d.severity == "error" for d in result.diagnostics):
            summary, extra = _playtest(scenario, playtest_runs, src, quiet)
            result.playtest = None if quiet else summary
            result.diagnostics.extend(extra)
    for result, outline, text in outlines:
        src = Source(result.path, text)
        outline_references(outline, _outline_cases(outline, results, shipped, limits), src)
        result.diagnostics.extend(src.diagnostics)
    for result in results:
        result.diagnostics.sort(key=lambda d: (d.line, d.col, d.severity != "error"))
    if not files:
        results.append(_nothing_checked(paths))
    return results


def _resolve_borrowed(loaded: list[tuple[Path, FileResult, Scenario, bytes]], files: list[Path],
                      failed: dict[str, str], shipped: Path | None, limits: Limits
                      ) -> list[tuple[Path, FileResult, Scenario, bytes]]:
    """The checked cases with the evidence they borrow copied in (those whose references fail get the
    errors and are analysed no further). References resolve as the game resolves them: against the checked
    files, the other cases in their folders and the game's own cases."""
    checked = {_resolved(f) for f in files}
    folders = list(dict.fromkeys(path.parent for path, _r, sc, _d in loaded if sc.evidence_from))
    others = [f for f in scenario_files([*([shipped] if shipped is not None and shipped.is_dir() else []),
                                         *folders])
              if _resolved(f) not in checked and f.name != GLOSSARY_FILE]
    pool = Catalog.load(*others, limits=limits) if others else Catalog()
    chosen: dict[str, Scenario] = {}
    for _path, _result, scenario, _data in loaded:
        chosen.setdefault(scenario.id, scenario)
    scenarios = {**pool.scenarios, **chosen}
    down = {f.scenario_id: f.path for f in pool.failures if f.scenario_id} | failed
    resolved, errors = resolve(scenarios, down)
    out = []
    for path, result, scenario, data in loaded:
        if chosen[scenario.id] is not scenario:  # a second file with the same id: resolved on its own
            mine, my_errors = resolve({**scenarios, scenario.id: scenario}, down)
        else:
            mine, my_errors = resolved, errors
        if scenario.id in my_errors:
            result.diagnostics.extend(my_errors[scenario.id])
            continue
        out.append((path, result, mine[scenario.id], data))
    return out


def _shipped_owners(shipped: Path | None, files: list[Path], limits: Limits) -> dict[str, str]:
    """scenario id -> file, for the game's own cases that are not being checked themselves."""
    if shipped is None or not shipped.is_dir():
        return {}
    checked = {_resolved(f) for f in files}
    owners: dict[str, str] = {}
    for path in scenario_files([shipped]):
        if path.name in (GLOSSARY_FILE, CLASS_FILE, OUTLINE_FILE) or _resolved(path) in checked:
            continue
        data, _problem = read_file(path, limits)
        # The game's own files are known to be good: their id is read, not the whole case.
        found = _SCENARIO_ID.search(data.decode("utf-8", "replace")) if data is not None else None
        if found:
            owners[found.group(1)] = f"{path} (a case that comes with the game)"
    return owners


def _outline_cases(outline: Outline, results: list[FileResult], shipped: Path | None,
                   limits: Limits) -> dict[str, Scenario]:
    """The cases an outline may name: those checked in this run, and the game's own cases it names that
    are not among them (read in full: the outline may name their scenes and evidence)."""
    cases = {r.scenario.id: r.scenario for r in results if r.scenario is not None}
    named = {case for branch in outline.branches.values()
             for case in (*branch.menu, *(c for point in branch.points for c in point.case_ids))}
    named -= cases.keys()
    if named and shipped is not None and shipped.is_dir():
        for path in scenario_files([shipped]):
            if path.stem in named:
                data, _problem = read_file(path, limits)
                scenario = read_scenario(data, str(path), limits)[0] if data is not None else None
                if scenario is not None and scenario.id not in cases:
                    cases[scenario.id] = scenario
    return cases


_SCENARIO_ID = re.compile(r'^\[scenario\][^\[]*?^id\s*=\s*"([a-z][a-z0-9_]*)"', re.MULTILINE | re.DOTALL)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _nothing_checked(paths: list[str]) -> FileResult:
    """The error for a run that found no scenario file, naming the files that were probably meant."""
    near: list[str] = []
    for source in paths:
        folder = Path(source)
        if folder.is_dir():
            near += sorted(str(p) for p in folder.iterdir()
                           if p.suffix != ".toml" and ".toml" in p.name.lower())
    where = paths[0] if paths else "scenarios"
    hint = ("rename them to end in .toml: " + ", ".join(near[:5])) if near else \
        "scenario files are text files whose names end in .toml"
    message = "0 files checked: no scenario file (.toml) found"
    if near:
        message += f"; {len(near)} file(s) look like one but are not named .toml"
    result = FileResult(where, counted=False)
    result.diagnostics.append(Diagnostic(where, 1, 1, "error", message, "no-files", hint))
    return result


def _playtest(
    scenario: Scenario, runs: int, src: Source, quiet: bool
) -> tuple[dict[str, Any], list[Diagnostic]]:
    report = playtest(scenario, runs)
    summary = report.coverage(scenario)
    start = len(src.diagnostics)

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
    if scenario.endings and not report.stuck and not sum(report.endings.values()):
        add(
            ("scenario", "start"),
            "error",
            f"none of {runs} playthroughs reached an ending",
            "no-ending-reached",
            "check the conditions on the way to the endings; "
            "verdict check --playtest 200 shows what is reached",
        )
    if quiet:
        return summary, src.diagnostics[start:]
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
    return summary, src.diagnostics[start:]


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
    files = sum(r.counted for r in results)
    print(f"{files} file(s) checked: {errors} error(s), {warnings} warning(s)", file=out)


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


def run(paths: list[str], fmt: str, strict: bool, playtest_runs: int | None, out: TextIO) -> int:
    """`verdict check`; playtest_runs None: a short quiet playtest (DEFAULT_PLAYTEST_RUNS games)."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    quiet = playtest_runs is None
    results = check_paths(paths, DEFAULT_PLAYTEST_RUNS if playtest_runs is None else playtest_runs,
                          quiet_playtest=quiet)
    if fmt == "json":
        print_json(results, out)
    else:
        print_text(results, out)
    errors, warnings = _counts(results)
    return 1 if errors or (strict and warnings) else 0
