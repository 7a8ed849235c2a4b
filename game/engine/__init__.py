"""The Verdict engine: pure Python, standard library only, no pygame.

It runs unchanged on CPython 3.11+, pygbag's CPython 3.12 and Pyodide. Every front end uses this API.
"""

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
from game.engine.prose import Paragraph, Span, parse_prose, plain
from game.engine.report import case_report, report_json, report_text
from game.engine.scoring import ScoreLine, ScoreReport, score_verdict
from game.engine.session import ChoiceView, Restored, SaveError, SceneView, Session, Verdict, VerdictError

__all__ = [
    "CONFIDENCES",
    "Catalog",
    "Choice",
    "ChoiceView",
    "Debrief",
    "Diagnostic",
    "Evidence",
    "Glossary",
    "GlossaryHit",
    "Interpretation",
    "LoadFailure",
    "Paragraph",
    "Question",
    "QuestionDebrief",
    "Restored",
    "SaveError",
    "Scenario",
    "ScenarioError",
    "Scene",
    "SceneView",
    "ScoreLine",
    "ScoreReport",
    "Session",
    "Span",
    "Stance",
    "Term",
    "Verdict",
    "VerdictError",
    "case_report",
    "load_glossary",
    "load_scenario",
    "load_scenario_bytes",
    "parse_prose",
    "plain",
    "read_scenario",
    "report_json",
    "report_text",
    "score_verdict",
]
