"""The keys each table of a scenario file may hold. The loader and scenarios/schema.json both follow this."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from game.engine.model import EVIDENCE_KINDS, RELIABILITIES, STANCE_WORDS
from game.engine.options import REBUTTALS, SOURCINGS

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
FieldType = Literal["string", "integer", "boolean", "strings", "tables"]

# Text limits (docs/scenario-format.md, "Limits"): what every front end can draw and every save can hold.
PROSE_CHARS = 20_000  # scene text, debriefs, evidence text: about 3,500 words
LINE_CHARS = 300  # titles, labels, dates: one line on a card or a button
REFERENCE_CHARS = 1_000  # one bibliography entry or topic
ID_CHARS = 64  # every id; the save store's keys allow 121 characters and a save key adds five
EXPRESSION_CHARS = 1_000  # one condition or effect


@dataclass(frozen=True)
class Field:
    type: FieldType
    required: bool
    doc: str
    enum: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    pattern: str = ""  # a regular expression the whole string must match (ids)
    # For "tables": the keys of each table, and whether they are keyed by id ([x.<id>]) or a list ([[x]]).
    table: Mapping[str, Field] | None = None
    keyed: bool = False
    # For text ("string", and each string of "strings"): the longest it may be, and whether it is one line.
    max_chars: int = PROSE_CHARS
    one_line: bool = False


def _s(doc: str, required: bool = True, enum: tuple[str, ...] = ()) -> Field:
    return Field("string", required, doc, enum)


def _line(doc: str, required: bool = True, enum: tuple[str, ...] = (), max_chars: int = LINE_CHARS) -> Field:
    return Field("string", required, doc, enum, max_chars=max_chars, one_line=True)


def _expr(doc: str, required: bool = True) -> Field:
    return Field("string", required, doc, max_chars=EXPRESSION_CHARS)


SCENARIO = {
    "format": Field("integer", True, "format version; always 1", minimum=1, maximum=1),
    "id": Field("string", True, "lowercase id, equal to the file name", pattern=ID_PATTERN,
                max_chars=ID_CHARS, one_line=True),
    "title": _line("title on the case card"),
    "period": _line("when the case is set"),
    "role": _line("who the player is"),
    "summary": _s("two or three sentences for the case card"),
    "minutes": Field("integer", True, "minutes to play", minimum=1, maximum=240),
    "content_note": _s("shown before the case starts"),
    "author": _line("who wrote the case"),
    "start": _line("id of the first scene", max_chars=ID_CHARS),
    "bibliography": Field("strings", True, "full references of the works the case draws on",
                          max_chars=REFERENCE_CHARS),
    "topics": Field("strings", True, "outline topics the case covers", max_chars=REFERENCE_CHARS),
    "aftermath": _s("what became of the people in the case; ends every debrief"),
    "unlock_after": Field("integer", False, "the case opens once the player has finished this many other "
                          "cases (practice cases and locked cases do not count)", minimum=1, maximum=50),
    "practice": Field("boolean", False, "a practice case (the tutorial): shown first, and finishing it "
                      "does not count towards opening a locked case"),
    "sourcing": _line('who grades the sources: "given" (the case shows its grades) or "student" (the student '
                      'judges each document first)', required=False, enum=SOURCINGS),
    "shuffle_interpretations": Field("boolean", False, "list each question's interpretations in an order "
                                     "shuffled per play"),
    "rebuttal": _line('the verdict\'s "strongest evidence against" step: "off", "optional" or "required"',
                      required=False, enum=REBUTTALS),
    "counters": Field("strings", False, "lines shown beside every scene; {flag} shows a flag's value",
                      max_chars=LINE_CHARS, one_line=True),
}
EVIDENCE = {
    "title": _line("short name in the casebook"),
    "kind": _line("what sort of source it is", enum=EVIDENCE_KINDS),
    "date": _line("when it was made"),
    "provenance": _s("who made it, where it is kept"),
    "citation": _s("full citation: author, title, year, page or archive reference"),
    "text": _s("what the player reads"),
    "reliability": _line("how far it can be trusted", enum=RELIABILITIES),
    "reliability_note": _s("who made it, when, under what pressure"),
    "coerced": Field("boolean", False, "obtained under duress"),
}
# [evidence.<id>] from = "<case id>.<evidence id>": evidence by reference, copied whole from another case.
REFERENCE_PATTERN = r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"
EVIDENCE_FROM = {
    "from": Field("string", True, "the case and evidence item this item is copied from, "
                  '"<case id>.<evidence id>"', pattern=REFERENCE_PATTERN, max_chars=2 * ID_CHARS + 1,
                  one_line=True),
}
CHOICE = {
    "label": _line("what the player picks"),
    "goto": _line("target scene id", max_chars=ID_CHARS),
    "if": _expr("condition for showing the choice", required=False),
    "effects": Field("strings", False, "effects applied when taken", max_chars=EXPRESSION_CHARS),
    "once": Field("boolean", False, "hide after it has been taken"),
    "confirm": _line("a warning the player confirms before the choice is taken", required=False),
}
PASSAGE = {
    "if": _expr("condition for showing the text"),
    "text": _s("text shown when the condition holds"),
}
SCENE = {
    "title": _line("scene title"),
    "text": _s("prose; blank lines separate paragraphs"),
    "on_enter": Field("strings", False, "effects applied on entering", max_chars=EXPRESSION_CHARS),
    "checkpoint": _line("question asked here before any choice", required=False, max_chars=ID_CHARS),
    "ending": Field("boolean", False, "the case ends here"),
    "debrief": _s("what this ending means (endings only)", required=False),
    "passages": Field("tables", False, "text shown when a condition holds", table=PASSAGE),
    "choices": Field("tables", False, "what the player can do next", table=CHOICE),
    "counters": Field("strings", False, "lines shown beside this scene; {flag} shows a flag's value",
                      max_chars=LINE_CHARS, one_line=True),
}
INTERPRETATION = {
    "claim": _s("the interpretation in one sentence"),
    "held_by": _s("which historians hold it"),
    "explanation": _s("the argument and its weaknesses"),
    "official": Field("boolean", False, "the verdict of the time"),
}
QUESTION = {
    "prompt": _line("the question"),
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
    "term": _line("the word as it appears in prose"),
    "definition": _s("a short definition"),
    "aliases": Field("strings", False, "other spellings that link to the same term", max_chars=LINE_CHARS,
                     one_line=True),
}
# class.toml: a teacher's settings for every case in the folder (load/classfile.py).
CLASS = {
    "code": _line("the class code prefilled when a student hands in", required=False, max_chars=40),
    "sourcing": SCENARIO["sourcing"],
    "shuffle_interpretations": SCENARIO["shuffle_interpretations"],
    "rebuttal": SCENARIO["rebuttal"],
    "unlock_all": Field("boolean", False, "open every case, even those that are locked"),
}
CLASS_TOP = {"class": "the class settings"}
TOP = {
    "scenario": "the case itself",
    "evidence": "evidence items, keyed by id",
    "scenes": "scenes, keyed by id",
    "questions": "verdict checkpoints, keyed by id",
}
# outline.toml (game/engine/outline.py): the course outline's branches and points, mapped to the cases.
OUTLINE = {
    "format": Field("integer", True, "format version; always 1", minimum=1, maximum=1),
    "title": _line("the outline's title", required=False),
}
POINT = {
    "text": Field("string", True, "the point, in your own words", max_chars=REFERENCE_CHARS),
    "cases": Field("strings", True, "ids of the cases that treat it", max_chars=ID_CHARS, one_line=True),
    "see": Field("strings", False, "where exactly: case.scene_id, case.evidence_id or case.question_id",
                 max_chars=2 * ID_CHARS + 1, one_line=True),
}
BRANCH = {
    "title": _line("the branch's heading, as the case menu shows it"),
    "part_of": _line("id of the branch the outline lists this one inside", required=False,
                     max_chars=ID_CHARS),
    "menu": Field("strings", False, "ids of the cases the case menu lists under this branch, in order",
                  max_chars=ID_CHARS, one_line=True),
    "points": Field("tables", True, "the branch's points, each a [[branches.<id>.points]] table",
                    table=POINT),
}
OUTLINE_TOP = {
    "outline": "the outline itself: format and title",
    "branches": "the outline's branches, keyed by id",
}
