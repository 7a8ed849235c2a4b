"""Which folders hold cases, and finding one case by its id or its path.

The game's own cases ship in `scenarios/`; a teacher adds folders with `--scenarios DIR` (repeatable) or
the VERDICT_SCENARIOS environment variable (folders separated as in PATH: ':' on Linux and macOS, ';' on
Windows).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from game.engine import Catalog, Scenario, read_scenario

# The scenarios folder ships beside the game package (the same rule as game.app.SCENARIOS_DIR, without
# importing the application layer for a command that never opens a window).
SHIPPED = Path(__file__).resolve().parents[2] / "scenarios"
ENV_VAR = "VERDICT_SCENARIOS"


class AuthoringError(Exception):
    """A problem to tell the teacher in one plain sentence (or a checker's messages), then stop."""


def teacher_folders(flags: Sequence[str], environ: Mapping[str, str] | None = None) -> list[Path]:
    """The teacher's folders: VERDICT_SCENARIOS first, then each --scenarios, each once."""
    env = os.environ if environ is None else environ
    named = [p for p in env.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    folders: list[Path] = []
    for raw, origin in [*((p, ENV_VAR) for p in named), *((p, "--scenarios") for p in flags)]:
        folder = Path(raw).expanduser()
        if not folder.is_dir():
            raise AuthoringError(f"{origin} names '{raw}', which is not a folder")
        if folder.resolve() not in {f.resolve() for f in folders} and folder.resolve() != SHIPPED.resolve():
            folders.append(folder)
    return folders


def is_path(case: str) -> bool:
    return case.endswith(".toml") or os.sep in case or "/" in case or Path(case).is_file()


def find_case(case: str, folders: Sequence[Path]) -> Scenario:
    """The case with this id (in the shipped folder or a teacher's) or in this file, or AuthoringError."""
    if is_path(case):
        return load_file(Path(case))
    catalog = Catalog.load(SHIPPED, *folders)
    if case in catalog.scenarios:
        return catalog.scenarios[case]
    for failure in catalog.failures:
        if Path(failure.path).stem == case:
            raise AuthoringError(f"the case '{case}' has errors; run verdict check on it:\n{failure.message}")
    known = ", ".join(catalog.scenarios) or "none"
    raise AuthoringError(f"there is no case '{case}' (cases: {known}); give a case id or a .toml file")


def load_file(path: Path) -> Scenario:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise AuthoringError(f"cannot read {path}: {err.strerror}") from None
    scenario, diagnostics = read_scenario(data, str(path))
    if scenario is None:
        errors = [d.format() for d in diagnostics if d.severity == "error"]
        raise AuthoringError("the case has errors; fix these first (verdict check shows them all):\n"
                             + "\n".join(errors[:10]))
    if scenario.unresolved:  # evidence by reference: from the cases beside it and the game's own
        resolved, problems = Catalog.load(SHIPPED, path.parent).resolve(scenario)
        if resolved is None:
            raise AuthoringError("the case has errors; fix these first (verdict check shows them all):\n"
                                 + "\n".join(d.format() for d in problems[:10]))
        return resolved
    return scenario
