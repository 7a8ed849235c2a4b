"""The Verdict engine: pure Python, standard library only, no pygame.

It runs unchanged on CPython 3.11+, pygbag's CPython 3.12 and Pyodide. Every front end uses this API.

The package is a lazy facade: `from game.engine import Session` imports the session module and what it
needs, not the loader, the checker and tomllib too. Importing one module (`game.engine.model`) costs that
module. The table below is the public API; docs/engine-api.md describes it.
"""

# ruff: noqa: F401  (the TYPE_CHECKING imports below are for type checkers; __getattr__ serves them)
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "Catalog": "catalog",
    "LoadFailure": "catalog",
    "Debrief": "debrief",
    "QuestionDebrief": "debrief",
    "Diagnostic": "diagnostics",
    "ScenarioError": "diagnostics",
    "Glossary": "glossary",
    "GlossaryHit": "glossary",
    "Term": "glossary",
    "load_glossary": "loader",
    "load_scenario": "loader",
    "load_scenario_bytes": "loader",
    "read_scenario": "loader",
    "CONFIDENCES": "model",
    "Choice": "model",
    "Evidence": "model",
    "Interpretation": "model",
    "Question": "model",
    "Scenario": "model",
    "Scene": "model",
    "Stance": "model",
    "Paragraph": "prose",
    "Span": "prose",
    "parse_prose": "prose",
    "plain": "prose",
    "case_report": "report",
    "report_json": "report",
    "report_text": "report",
    "SaveError": "savefile",
    "SaveHeader": "savefile",
    "read_header": "savefile",
    "ScoreLine": "scoring",
    "ScoreReport": "scoring",
    "Verdict": "scoring",
    "case_score": "scoring",
    "score_verdict": "scoring",
    "ChoiceView": "session",
    "Restored": "session",
    "SceneView": "session",
    "Session": "session",
    "VerdictError": "session",
    "PlayState": "state",
    "ScriptedPlayer": "player",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'game.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"game.engine.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from game.engine.catalog import Catalog, LoadFailure
    from game.engine.debrief import Debrief, QuestionDebrief
    from game.engine.diagnostics import Diagnostic, ScenarioError
    from game.engine.glossary import Glossary, GlossaryHit, Term
    from game.engine.loader import load_glossary, load_scenario, load_scenario_bytes, read_scenario
    from game.engine.model import (
        CONFIDENCES,
        Choice,
        Evidence,
        Interpretation,
        Question,
        Scenario,
        Scene,
        Stance,
    )
    from game.engine.player import ScriptedPlayer
    from game.engine.prose import Paragraph, Span, parse_prose, plain
    from game.engine.report import case_report, report_json, report_text
    from game.engine.savefile import SaveError, SaveHeader, read_header
    from game.engine.scoring import ScoreLine, ScoreReport, Verdict, case_score, score_verdict
    from game.engine.session import ChoiceView, Restored, SceneView, Session, VerdictError
    from game.engine.state import PlayState
