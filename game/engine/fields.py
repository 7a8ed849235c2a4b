"""The keys each table of a scenario file may hold. The loader and scenarios/schema.json both follow this."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.engine.model import EVIDENCE_KINDS, RELIABILITIES, STANCE_WORDS

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class Field:
    type: str  # "string" | "integer" | "boolean" | "strings" | "tables"
    required: bool
    doc: str
    enum: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    pattern: str = ""  # a regular expression the whole string must match (ids)
    # For "tables": the keys of each table, and whether they are keyed by id ([x.<id>]) or a list ([[x]]).
    table: Mapping[str, Field] | None = None
    keyed: bool = False


def _s(doc: str, required: bool = True, enum: tuple[str, ...] = ()) -> Field:
    return Field("string", required, doc, enum)


SCENARIO = {
    "format": Field("integer", True, "format version; always 1", minimum=1, maximum=1),
    "id": Field("string", True, "lowercase id, equal to the file name", pattern=ID_PATTERN),
    "title": _s("title on the case card"),
    "period": _s("when the case is set"),
    "role": _s("who the player is"),
    "summary": _s("two or three sentences for the case card"),
    "minutes": Field("integer", True, "minutes to play", minimum=1, maximum=240),
    "content_note": _s("shown before the case starts"),
    "author": _s("who wrote the case"),
    "start": _s("id of the first scene"),
    "bibliography": Field("strings", True, "full references of the works the case draws on"),
    "topics": Field("strings", True, "outline topics the case covers"),
    "aftermath": _s("what became of the people in the case; ends every debrief"),
}
EVIDENCE = {
    "title": _s("short name in the casebook"),
    "kind": _s("what sort of source it is", enum=EVIDENCE_KINDS),
    "date": _s("when it was made"),
    "provenance": _s("who made it, where it is kept"),
    "citation": _s("full citation: author, title, year, page or archive reference"),
    "text": _s("what the player reads"),
    "reliability": _s("how far it can be trusted", enum=RELIABILITIES),
    "reliability_note": _s("who made it, when, under what pressure"),
    "coerced": Field("boolean", False, "obtained under duress"),
}
CHOICE = {
    "label": _s("what the player picks"),
    "goto": _s("target scene id"),
    "if": _s("condition for showing the choice", required=False),
    "effects": Field("strings", False, "effects applied when taken"),
    "once": Field("boolean", False, "hide after it has been taken"),
}
PASSAGE = {
    "if": _s("condition for showing the text"),
    "text": _s("text shown when the condition holds"),
}
SCENE = {
    "title": _s("scene title"),
    "text": _s("prose; blank lines separate paragraphs"),
    "on_enter": Field("strings", False, "effects applied on entering"),
    "checkpoint": _s("question asked here before any choice", required=False),
    "ending": Field("boolean", False, "the case ends here"),
    "debrief": _s("what this ending means (endings only)", required=False),
    "passages": Field("tables", False, "text shown when a condition holds", table=PASSAGE),
    "choices": Field("tables", False, "what the player can do next", table=CHOICE),
}
INTERPRETATION = {
    "claim": _s("the interpretation in one sentence"),
    "held_by": _s("which historians hold it"),
    "explanation": _s("the argument and its weaknesses"),
    "official": Field("boolean", False, "the verdict of the time"),
}
QUESTION = {
    "prompt": _s("the question"),
    "disputed": Field("boolean", True, "do historians still dispute it?"),
    "max_cite": Field("integer", True, "how many items the player may cite", minimum=1, maximum=6),
    "debate": _s("where historians agree and disagree"),
    "interpretations": Field("tables", True, "the interpretations on offer", table=INTERPRETATION,
                             keyed=True),
    "stances": Field("tables", True, "each evidence item's stance toward each interpretation"),
}
STANCE_WHY = _s("one line the debrief shows")
STANCE_VALUES = tuple(STANCE_WORDS)
TERM = {
    "term": _s("the word as it appears in prose"),
    "definition": _s("a short definition"),
    "aliases": Field("strings", False, "other spellings that link to the same term"),
}
TOP = {
    "scenario": "the case itself",
    "evidence": "evidence items, keyed by id",
    "scenes": "scenes, keyed by id",
    "questions": "verdict checkpoints, keyed by id",
}
