"""The Verdict engine: pure Python, standard library only, no pygame.

It runs unchanged on CPython 3.11+, pygbag's CPython 3.12 and Pyodide. Every front end uses this API.

The package is a lazy facade: `from game.engine import Session` imports the session module and what it
needs, not the loader, the checker and tomllib too. Importing one module (`game.engine.model`) costs that
module. The table below is the public API; docs/engine-api.md describes it.
"""

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
    "load_glossary": "load",
    "load_scenario": "load",
    "load_scenario_bytes": "load",
    "read_scenario": "load",
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


if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ imports on first use
    from game.engine.catalog import Catalog as Catalog
    from game.engine.catalog import LoadFailure as LoadFailure
    from game.engine.debrief import Debrief as Debrief
    from game.engine.debrief import QuestionDebrief as QuestionDebrief
    from game.engine.diagnostics import Diagnostic as Diagnostic
    from game.engine.diagnostics import ScenarioError as ScenarioError
    from game.engine.glossary import Glossary as Glossary
    from game.engine.glossary import GlossaryHit as GlossaryHit
    from game.engine.glossary import Term as Term
    from game.engine.load import load_glossary as load_glossary
    from game.engine.load import load_scenario as load_scenario
    from game.engine.load import load_scenario_bytes as load_scenario_bytes
    from game.engine.load import read_scenario as read_scenario
    from game.engine.model import CONFIDENCES as CONFIDENCES
    from game.engine.model import Choice as Choice
    from game.engine.model import Evidence as Evidence
    from game.engine.model import Interpretation as Interpretation
    from game.engine.model import Question as Question
    from game.engine.model import Scenario as Scenario
    from game.engine.model import Scene as Scene
    from game.engine.model import Stance as Stance
    from game.engine.player import ScriptedPlayer as ScriptedPlayer
    from game.engine.prose import Paragraph as Paragraph
    from game.engine.prose import Span as Span
    from game.engine.prose import parse_prose as parse_prose
    from game.engine.prose import plain as plain
    from game.engine.report import case_report as case_report
    from game.engine.report import report_json as report_json
    from game.engine.report import report_text as report_text
    from game.engine.savefile import SaveError as SaveError
    from game.engine.savefile import SaveHeader as SaveHeader
    from game.engine.savefile import read_header as read_header
    from game.engine.scoring import ScoreLine as ScoreLine
    from game.engine.scoring import ScoreReport as ScoreReport
    from game.engine.scoring import Verdict as Verdict
    from game.engine.scoring import case_score as case_score
    from game.engine.scoring import score_verdict as score_verdict
    from game.engine.session import ChoiceView as ChoiceView
    from game.engine.session import Restored as Restored
    from game.engine.session import SceneView as SceneView
    from game.engine.session import Session as Session
    from game.engine.session import VerdictError as VerdictError
    from game.engine.state import PlayState as PlayState
