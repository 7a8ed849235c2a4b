"""Reads scenario files (untrusted input) into immutable objects, or says exactly what is wrong."""

from __future__ import annotations

import ast
import functools
import hashlib
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from game.engine import fields as F
from game.engine import precompiled
from game.engine.diagnostics import Diagnostic, ScenarioError, did_you_mean, suggestion
from game.engine.expr import Effect, Expr, ExprError, parse_condition, parse_effect, references
from game.engine.glossary import Glossary, Term
from game.engine.model import (
    STANCE_WORDS,
    Choice,
    Evidence,
    Interpretation,
    Passage,
    Question,
    Scenario,
    Scene,
    Stance,
)
from game.engine.tomlmap import KeyMap, KeyPath

_ID = re.compile(F.ID_PATTERN)
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_TYPE_NAMES = {
    "string": "text in quotes",
    "integer": "a whole number",
    "boolean": "true or false",
    "strings": "a list of strings",
    "tables": "a table",
}


class _Reader:
    """Collects diagnostics for one file while building its objects."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.diagnostics: list[Diagnostic] = []
        # question id -> every interpretation id it declares, even those with errors of their own
        self.declared_interpretations: dict[str, set[str]] = {}

    @functools.cached_property
    def keys(self) -> KeyMap:
        # Built on first use: only a file with something to report needs positions, and the scan costs
        # more than parsing the TOML (most of a case's load time in the browser).
        return KeyMap(self.text)

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def report(self, where: KeyPath, severity: str, message: str, code: str, hint: str = "") -> None:
        line, col = self.keys.find(where)
        self.diagnostics.append(Diagnostic(self.path, line, col, severity, message, code, hint))

    def report_at(self, line: int, col: int, severity: str, message: str, code: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.path, line, col, severity, message, code, hint))

    def error(self, where: KeyPath, message: str, code: str, hint: str = "") -> None:
        self.report(where, "error", message, code, hint)

    def locate(self, where: KeyPath, snippet: str, span: int = 400) -> tuple[int, int] | None:
        """Line and column of `snippet` at or after the key's line (for expressions inside values)."""
        line, _col = self.keys.find(where)
        for number in range(line, min(len(self.lines), line + span) + 1):
            found = self.lines[number - 1].find(snippet)
            if found >= 0:
                return number, found + 1
        return None

    def at_value(self, where: KeyPath, ident: str, offset: int = 1) -> tuple[int, int]:
        """Where an id written as a quoted value (goto = "hall") stands; else where its key does."""
        # The key's own line, or, when the key sits in an inline table the scan cannot see into, the lines
        # after its parent's.
        span = 0 if self.keys.find(where) != self.keys.find(where[:-1]) else 50
        found = self.locate(where, f'"{ident}"', span) or self.locate(where, f"'{ident}'", span)
        return (found[0], found[1] + offset) if found else self.keys.find(where)

    def in_expression(self, where: KeyPath, source: str, col: int) -> tuple[int, int]:
        """Where column `col` (1-based) of an expression stands in the file."""
        found = self.locate(where, source) if source else None
        return (found[0], found[1] + col - 1) if found else self.keys.find(where)

    # ---- shape checks -------------------------------------------------------------------------

    def table(self, value: Any, where: KeyPath, what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(
                where,
                f"{what} must be a table, not {_kind(value)}",
                "wrong-type",
                f"write it as [{'.'.join(str(p) for p in where)}]",
            )
            return None
        return value

    def check_keys(
        self,
        table: Mapping[str, Any],
        spec: Mapping[str, F.Field],
        where: KeyPath,
        what: str,
        extra: tuple[str, ...] = (),
    ) -> bool:
        ok = True
        allowed = (*spec, *extra)
        misspelt: set[str] = set()  # keys the unknown-key message already points to
        for key in () if table.keys() <= spec.keys() else table:
            if key not in spec and key not in extra:
                near = did_you_mean(key, [k for k in allowed if k not in table])
                hint = f"did you mean '{near}'?" if near else f"allowed keys: {', '.join(allowed)}"
                self.error(where + (key,), f"unknown key '{key}' in {what}", "unknown-key", hint)
                misspelt.add(near or "")
                ok = False
        missing = [key for key in _required(spec) if key not in table and key not in misspelt]
        if len(missing) > 2:  # one message, not a screenful, for a table that is mostly empty
            self.error(
                where,
                f"{what} is missing {len(missing)} keys: {', '.join(missing)}",
                "missing-field",
                "copy a complete table from scenarios/tutorial.toml and edit it",
            )
        else:
            for key in missing:
                self.error(
                    where,
                    f"{what} is missing '{key}' ({spec[key].doc})",
                    "missing-field",
                    f"add {key} = {_example(spec[key])}",
                )
        ok = ok and not missing
        for key, value in table.items():
            field = spec.get(key)
            # The common case, a non-empty string where one belongs, skips the general checks.
            if field is None or (
                field.type == "string"
                and type(value) is str
                and not field.enum
                and (not field.required or (value and not value.isspace()))
            ):
                continue
            ok = self.check_type(value, field, where + (key,), key) and ok
        return ok

    def check_type(self, value: Any, field: F.Field, where: KeyPath, key: str) -> bool:
        if not _has_type(value, field.type):
            self.error(
                where,
                f"'{key}' must be {_TYPE_NAMES[field.type]}, not {_kind(value)}",
                "wrong-type",
                f"for example {key} = {_example(field)}",
            )
            return False
        if field.enum and value not in field.enum:
            self.error(where, f"'{key}' cannot be {value!r}", "bad-value", _choose_from(value, field.enum))
            return False
        if field.type == "integer" and (
            (field.minimum is not None and value < field.minimum)
            or (field.maximum is not None and value > field.maximum)
        ):
            self.error(
                where,
                f"'{key}' must be between {field.minimum} and {field.maximum}, not {value}",
                "bad-value",
            )
            return False
        if field.type == "string" and field.required and not value.strip():
            self.error(where, f"'{key}' is empty", "empty-field", f"write {field.doc}")
            return False
        return True

    def check_id(self, ident: str, where: KeyPath, what: str) -> bool:
        if _ID.match(ident):
            return True
        self.error(
            where,
            f"{what} id '{ident}' is not a valid id",
            "bad-id",
            "ids use lowercase letters, digits and _ and start with a letter",
        )
        return False

    # ---- expressions --------------------------------------------------------------------------

    def condition(self, source: str, where: KeyPath) -> Expr | None:
        try:
            return parse_condition(source)
        except ExprError as err:
            line, col = self.in_expression(where, source, err.col)
            self.report_at(
                line, col, "error", f"bad condition '{source}': {err.message}", "bad-condition", err.hint
            )
            return None

    def effect(self, source: str, where: KeyPath) -> Effect | None:
        try:
            return parse_effect(source)
        except ExprError as err:
            line, col = self.in_expression(where, source, err.col)
            self.report_at(
                line, col, "error", f"bad effect '{source}': {err.message}", "bad-effect", err.hint
            )
            return None


def _required(spec: Mapping[str, F.Field]) -> tuple[str, ...]:
    """The required keys of a table (the tables in fields.py never change, so this is worked out once)."""
    cached = _REQUIRED.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = _REQUIRED[id(spec)] = (spec, tuple(k for k, f in spec.items() if f.required))
    return cached[1]


_REQUIRED: dict[int, tuple[Mapping[str, F.Field], tuple[str, ...]]] = {}


def _has_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, dict | list)  # "tables"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {str: "text", int: "a number", float: "a decimal number", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


def _example(field: F.Field) -> str:
    if field.enum:
        return f'"{field.enum[0]}"'
    return {"string": '"..."', "integer": "1", "boolean": "true", "strings": '["..."]', "tables": "{...}"}[
        field.type
    ]


def _choose_from(value: Any, options: tuple[str, ...]) -> str:
    near = did_you_mean(str(value), options)
    listed = ", ".join(f'"{o}"' for o in options)
    return (f"did you mean '{near}'? " if near else "") + f"use one of {listed}"


# ---- the loader ---------------------------------------------------------------------------------


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ScenarioError(
            [Diagnostic(str(path), 1, 1, "error", f"cannot read file: {err.strerror}", "unreadable")]
        ) from None
    return load_scenario_bytes(data, str(path))


def load_scenario_bytes(data: bytes, path: str = "<string>") -> Scenario:
    scenario, diagnostics = read_scenario(data, path)
    if scenario is None:
        raise ScenarioError(diagnostics)
    return scenario


def read_scenario(data: bytes, path: str = "<string>") -> tuple[Scenario | None, list[Diagnostic]]:
    """Parse and validate; returns the scenario (None if there were errors) and every diagnostic."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [_encoding_error(path, data, err)]
    digest = hashlib.sha256(data).hexdigest()
    raw = precompiled.parsed(digest)  # the web build ships its cases pre-parsed; see precompiled.py
    if raw is None:
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            return None, [_toml_error(path, err, text)]
    reader = _Reader(path, text)
    scenario = _build(reader, raw, digest)
    errors = any(d.severity == "error" for d in reader.diagnostics)
    return (None if errors else scenario), reader.diagnostics


def _encoding_error(path: str, data: bytes, err: UnicodeDecodeError) -> Diagnostic:
    line_start = data.rfind(b"\n", 0, err.start) + 1
    line = data.count(b"\n", 0, err.start) + 1
    col = len(data[line_start : err.start].decode("utf-8", "replace")) + 1
    return Diagnostic(
        path,
        line,
        col,
        "error",
        f"the file is not valid UTF-8 text (byte 0x{data[err.start]:02x})",
        "encoding",
        "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8)",
    )


# tomllib's messages, said the way a teacher editing a file would understand them: (message, hint).
_TOML_MESSAGES: dict[str, tuple[str, str]] = {
    "Illegal character '\\n'": (
        "a string in quotes is not closed before the end of the line",
        'close it with " on the same line, or use """triple quotes""" for text over several lines',
    ),
    "Found invalid character '\\n'": (
        "a string in quotes is not closed before the end of the line",
        "close it with ' on the same line, or use '''triple quotes''' for text over several lines",
    ),
    "Unterminated string": ("a string is never closed", 'check for a missing closing " or """'),
    'Expected "\'"': ("a string in single quotes is never closed", "check for a missing closing '"),
    "Expected \"'''\"": (
        "a string in triple single quotes is never closed",
        "check for a missing closing '''",
    ),
    "Invalid value": (
        "this value is not valid TOML",
        'put text in quotes (title = "The hall"); numbers and true/false go without quotes',
    ),
    "Invalid statement": (
        "this line is neither a key = value pair nor a [table] header",
        "check for a missing = or a stray character at the start of the line",
    ),
    "Expected '=' after a key in a key/value pair": (
        "expected '=' after the key",
        "write key = value; a key is one word such as title or goto",
    ),
    "Expected newline or end of document after a statement": (
        "unexpected text after the value",
        "put each key = value pair on its own line; text belongs inside quotes",
    ),
    "Unclosed array": (
        "a list [...] is not closed",
        "check for a missing ] or a missing comma between the items",
    ),
    "Unclosed inline table": (
        "an inline table {...} is not closed",
        "inline tables must stay on one line and end with }",
    ),
    "Cannot overwrite a value": (
        "a key or table is defined twice",
        "each key may appear once in a table, and ids must be unique within a file",
    ),
}
_TOML_TWICE = re.compile(
    r"^Cannot (?:declare|redefine namespace) (\(.*\)) twice$"
    r"|^Cannot redefine namespace (\(.*\))$"
)


def _toml_error(path: str, err: tomllib.TOMLDecodeError, text: str = "") -> Diagnostic:
    message = str(err)
    match = _TOML_POS.search(message)
    if match:
        line, col = int(match.group(1)), int(match.group(2))
    elif "(at end of document)" in message and text:
        line, col = (
            _open_string_start(text)
            or _last_quote(text, message)
            or (text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1)
        )
    else:
        line, col = 1, 1
    message = _TOML_POS.sub("", message).replace("(at end of document)", "").strip()
    hint = "check quotes, brackets and that each key = value pair is on its own line"
    if message in _TOML_MESSAGES:
        message, hint = _TOML_MESSAGES[message]
    elif twice := _TOML_TWICE.match(message):
        table = _dotted(twice.group(1) or twice.group(2))
        message = f"[{table}] is declared twice" if table else message
        hint = "a key or table is defined twice; ids must be unique within a file"
    return Diagnostic(path, line, col, "error", f"TOML syntax: {message}", "toml-syntax", hint)


def _dotted(key_repr: str) -> str:
    try:
        parts = ast.literal_eval(key_repr)
    except (ValueError, SyntaxError):
        return ""
    return ".".join(str(p) for p in parts) if isinstance(parts, tuple) else ""


def _last_quote(text: str, message: str) -> tuple[int, int] | None:
    """For a single-quoted string never closed: the last line with a single quote (tomllib says 'at end')."""
    if not message.startswith('Expected "\'"'):
        return None
    lines = text.split("\n")
    for number in range(len(lines), 0, -1):
        if "'" in lines[number - 1]:
            return number, lines[number - 1].rfind("'") + 1
    return None


def _open_string_start(text: str) -> tuple[int, int] | None:
    """Where the multi-line string left open at the end of the file begins, if one is."""
    in_string, depth, opened = None, 0, None
    for number, line in enumerate(text.split("\n"), start=1):
        was = in_string
        in_string, depth = KeyMap._track(line, in_string, depth)
        if in_string and not was:
            marker = line.rfind(in_string)
            opened = (number, marker + 1)
    return opened if in_string else None


def _build(r: _Reader, raw: dict[str, Any], content_hash: str) -> Scenario | None:
    # Ids declared in the file, even where the item itself has errors: a reference to a scene whose title
    # is missing is not a second problem, and a misspelt [scene.x] still declares scene x.
    declared: dict[str, set[str]] = {"evidence": set(), "scenes": set(), "questions": set()}
    for key, value in raw.items():
        near = key if key in F.TOP else did_you_mean(key, F.TOP)
        if near in declared and isinstance(value, dict):
            declared[near].update(value)
        if key not in F.TOP:
            r.error(
                (key,),
                f"unknown top-level table '{key}'",
                "unknown-key",
                suggestion(key, F.TOP) or f"allowed: {', '.join(F.TOP)}",
            )
    head = None
    if "scenario" in raw:
        head = r.table(raw["scenario"], ("scenario",), "[scenario]")
    else:
        r.error(
            (), "the file has no [scenario] table", "missing-field", "copy one from scenarios/tutorial.toml"
        )
    head_ok = head is not None and r.check_keys(head, F.SCENARIO, ("scenario",), "[scenario]")
    if head_ok and head is not None:
        r.check_id(head["id"], ("scenario", "id"), "scenario")
        stem = Path(r.path).stem
        if r.path != "<string>" and stem != head["id"]:
            r.report(
                ("scenario", "id"),
                "warning",
                f"scenario id '{head['id']}' differs from file name '{stem}'",
                "id-filename",
                f"rename the file to {head['id']}.toml",
            )

    evidence = _evidence(r, raw.get("evidence", {}))
    questions = _questions(r, raw.get("questions", {}), evidence, declared["evidence"])
    scenes = _scenes(r, raw.get("scenes", {}))
    # Only an absent or empty [scenes]: _scenes has already reported one that is not a table.
    if raw.get("scenes") in (None, {}):
        r.error((), "the file has no scenes", "missing-field", "add a [scenes.<id>] table")
    _check_references(r, scenes, evidence, questions, head if head_ok else None, declared)
    if not head_ok or head is None or any(d.severity == "error" for d in r.diagnostics):
        return None
    return Scenario(
        id=head["id"],
        title=head["title"],
        period=head["period"],
        role=head["role"],
        summary=head["summary"],
        minutes=head["minutes"],
        content_note=head["content_note"],
        author=head["author"],
        start=head["start"],
        bibliography=tuple(head["bibliography"]),
        topics=tuple(head["topics"]),
        aftermath=head["aftermath"],
        scenes=MappingProxyType(scenes),
        evidence=MappingProxyType(evidence),
        questions=MappingProxyType(questions),
        path=r.path,
        content_hash=content_hash,
        format=head["format"],
        warnings=tuple(d for d in r.diagnostics if d.severity == "warning"),
    )


def _evidence(r: _Reader, raw: Any) -> dict[str, Evidence]:
    out: dict[str, Evidence] = {}
    table = r.table(raw, ("evidence",), "[evidence]")
    for eid, item in (table or {}).items():
        where = ("evidence", eid)
        item = r.table(item, where, f"evidence '{eid}'")
        if item is None or not r.check_id(eid, where, "evidence"):
            continue
        if r.check_keys(item, F.EVIDENCE, where, f"evidence '{eid}'"):
            out[eid] = Evidence(
                eid,
                item["title"],
                item["kind"],
                item["date"],
                item["provenance"],
                item["citation"],
                item["text"],
                item["reliability"],
                item["reliability_note"],
                item.get("coerced", False),
            )
    return out


def _scenes(r: _Reader, raw: Any) -> dict[str, Scene]:
    out: dict[str, Scene] = {}
    table = r.table(raw, ("scenes",), "[scenes]")
    for sid, item in (table or {}).items():
        where = ("scenes", sid)
        item = r.table(item, where, f"scene '{sid}'")
        if item is None or not r.check_id(sid, where, "scene"):
            continue
        if not r.check_keys(item, F.SCENE, where, f"scene '{sid}'"):
            continue
        choices = _choices(r, sid, item.get("choices", []))
        passages = _passages(r, sid, item.get("passages", []))
        on_enter, on_enter_src = _effects(r, item.get("on_enter", []), where + ("on_enter",))
        ending = item.get("ending", False)
        if ending and not item.get("debrief", "").strip():
            r.error(
                where,
                f"ending scene '{sid}' has no debrief",
                "missing-field",
                'add debrief = """what this ending means"""',
            )
        if not ending and "debrief" in item:
            r.report(
                where + ("debrief",),
                "warning",
                f"scene '{sid}' has a debrief but is not an ending",
                "debrief-not-ending",
                "add ending = true or remove the debrief",
            )
        if ending and choices:
            r.report(
                where + ("choices",),
                "warning",
                f"ending scene '{sid}' has choices; they are never shown",
                "ending-choices",
                "remove them or drop ending = true",
            )
        out[sid] = Scene(
            sid,
            item["title"],
            item["text"],
            choices,
            passages,
            on_enter,
            on_enter_src,
            item.get("checkpoint"),
            ending,
            item.get("debrief", ""),
        )
    return out


def _as_table_list(r: _Reader, raw: Any, where: KeyPath, what: str) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(raw, list):
        r.error(
            where,
            f"{what} must be a list of tables",
            "wrong-type",
            f"write each one as [[{'.'.join(str(p) for p in where)}]]",
        )
        return []
    return [(i, t) for i, t in enumerate(raw) if r.table(t, where + (i,), what) is not None]


def _choices(r: _Reader, sid: str, raw: Any) -> tuple[Choice, ...]:
    out = []
    for i, item in _as_table_list(r, raw, ("scenes", sid, "choices"), f"choices of scene '{sid}'"):
        where = ("scenes", sid, "choices", i)
        if not r.check_keys(item, F.CHOICE, where, f"choice {i + 1} of scene '{sid}'"):
            continue
        cond_src = item.get("if", "")
        cond = r.condition(cond_src, where + ("if",)) if "if" in item else None
        effects, srcs = _effects(r, item.get("effects", []), where + ("effects",))
        out.append(
            Choice(i, item["label"], item["goto"], cond, cond_src, effects, srcs, item.get("once", False))
        )
    return tuple(out)


def _effects(r: _Reader, sources: list[str], where: KeyPath) -> tuple[tuple[Effect, ...], tuple[str, ...]]:
    """The effects that parse, each with its source (a bad one is reported and left out of both)."""
    pairs = [(e, src) for i, src in enumerate(sources) if (e := r.effect(src, where + (i,)))]
    return tuple(e for e, _ in pairs), tuple(src for _, src in pairs)


def _passages(r: _Reader, sid: str, raw: Any) -> tuple[Passage, ...]:
    out = []
    for i, item in _as_table_list(r, raw, ("scenes", sid, "passages"), f"passages of scene '{sid}'"):
        where = ("scenes", sid, "passages", i)
        if not r.check_keys(item, F.PASSAGE, where, f"passage {i + 1} of scene '{sid}'"):
            continue
        cond = r.condition(item["if"], where + ("if",))
        if cond is not None:
            out.append(Passage(cond, item["if"], item["text"]))
    return tuple(out)


def _questions(
    r: _Reader, raw: Any, evidence: Mapping[str, Evidence], declared_evidence: set[str]
) -> dict[str, Question]:
    out: dict[str, Question] = {}
    table = r.table(raw, ("questions",), "[questions]")
    for qid, item in (table or {}).items():
        where = ("questions", qid)
        item = r.table(item, where, f"question '{qid}'")
        if item is None or not r.check_id(qid, where, "question"):
            continue
        if not r.check_keys(item, F.QUESTION, where, f"question '{qid}'"):
            continue
        interps = _interpretations(r, qid, item["interpretations"])
        stances = _stances(r, qid, item["stances"], interps, evidence, declared_evidence)
        out[qid] = Question(
            qid,
            item["prompt"],
            item["disputed"],
            item["max_cite"],
            item["debate"],
            MappingProxyType(interps),
            MappingProxyType(stances),
        )
    return out


def _interpretations(r: _Reader, qid: str, raw: Any) -> dict[str, Interpretation]:
    out: dict[str, Interpretation] = {}
    where = ("questions", qid, "interpretations")
    table = r.table(raw, where, f"interpretations of '{qid}'") or {}
    r.declared_interpretations[qid] = set(table)
    for iid, item in table.items():
        item = r.table(item, where + (iid,), f"interpretation '{iid}'")
        if item is None or not r.check_id(iid, where + (iid,), "interpretation"):
            continue
        if r.check_keys(item, F.INTERPRETATION, where + (iid,), f"interpretation '{qid}.{iid}'"):
            out[iid] = Interpretation(
                iid, item["claim"], item["held_by"], item["explanation"], item.get("official", False)
            )
    if table and not 3 <= len(table) <= 5:
        r.report(
            where,
            "warning",
            f"question '{qid}' has {len(table)} interpretations; 3 to 5 work best",
            "interpretation-count",
        )
    if not table:
        r.error(
            where,
            f"question '{qid}' has no interpretations",
            "missing-field",
            f"add [questions.{qid}.interpretations.<id>] tables",
        )
    return out


def _stances(
    r: _Reader,
    qid: str,
    raw: Any,
    interps: Mapping[str, Interpretation],
    evidence: Mapping[str, Evidence],
    declared_evidence: set[str],
) -> dict[str, Stance]:
    out: dict[str, Stance] = {}
    where = ("questions", qid, "stances")
    table = r.table(raw, where, f"stances of '{qid}'") or {}
    for eid, item in table.items():
        here = where + (eid,)
        if eid not in evidence and eid not in declared_evidence:
            r.error(here, f"stance for unknown evidence '{eid}'{_near(eid, evidence)}", "unknown-evidence")
            continue
        item = r.table(item, here, f"stance of '{eid}'")
        if item is None:
            continue
        values: dict[str, int] = {}
        for key, value in item.items():
            if key == "why":
                continue
            if key not in interps and key not in r.declared_interpretations.get(qid, ()):
                r.error(
                    here + (key,),
                    f"'{key}' is not an interpretation of '{qid}'{_near(key, interps)}",
                    "unknown-interpretation",
                    "" if did_you_mean(key, interps) else f"interpretations: {', '.join(interps)}",
                )
                continue
            if not isinstance(value, str) or value not in STANCE_WORDS:
                r.error(
                    here + (key,),
                    f"stance {value!r} is not one of the five stances",
                    "bad-value",
                    _choose_from(value, tuple(STANCE_WORDS)),
                )
                continue
            values[key] = STANCE_WORDS[value]
        why = item.get("why")
        if not isinstance(why, str) or not why.strip():
            r.error(
                here,
                f"stance of '{eid}' on '{qid}' has no 'why'",
                "missing-field",
                'add why = "one line the debrief shows"',
            )
            why = ""
        out[eid] = Stance(eid, MappingProxyType(values), why)
    return out


def _near(word: str, pool: Mapping[str, Any]) -> str:
    near = did_you_mean(word, pool)
    return f"; did you mean '{near}'?" if near else ""


def _check_references(
    r: _Reader,
    scenes: Mapping[str, Scene],
    evidence: Mapping[str, Evidence],
    questions: Mapping[str, Question],
    head: Mapping[str, Any] | None,
    declared: Mapping[str, set[str]],
) -> None:
    pools: dict[str, Mapping[str, Any]] = {"scene": scenes, "evidence": evidence, "question": questions}
    known = {"scene": declared["scenes"], "evidence": declared["evidence"], "question": declared["questions"]}
    if head is not None and scenes and head["start"] not in known["scene"]:
        line, col = r.at_value(("scenario", "start"), head["start"])
        r.report_at(
            line,
            col,
            "error",
            f"start scene '{head['start']}' does not exist{_near(head['start'], scenes)}",
            "unknown-scene",
        )

    def check(node: Any, where: KeyPath, source: str) -> None:
        for kind, ident, at in references(node):
            # Point at the id itself: `at` is where its call starts, e.g. the h of has(letter).
            start = source.find(",", at - 1) if kind == "interpretation" else at - 1
            col = source.find(ident.rpartition(".")[2], max(start, 0)) + 1 or at
            if kind == "interpretation":
                qid, iid = ident.split(".", 1)
                question = questions.get(qid)
                if question is not None and iid not in r.declared_interpretations.get(qid, ()):
                    line, col = r.in_expression(where, source, col)
                    r.report_at(
                        line,
                        col,
                        "error",
                        f"'{iid}' is not an interpretation of '{qid}' in '{source}'"
                        f"{_near(iid, question.interpretations)}",
                        "unknown-interpretation",
                    )
                continue
            if ident not in known[kind]:
                line, col = r.in_expression(where, source, col)
                r.report_at(
                    line,
                    col,
                    "error",
                    f"unknown {kind} '{ident}' in '{source}'{_near(ident, pools[kind])}",
                    f"unknown-{kind}",
                )

    for sid, scene in scenes.items():
        base = ("scenes", sid)
        if scene.checkpoint is not None and scene.checkpoint not in known["question"]:
            line, col = r.at_value(base + ("checkpoint",), scene.checkpoint)
            r.report_at(
                line,
                col,
                "error",
                f"unknown question '{scene.checkpoint}' in checkpoint{_near(scene.checkpoint, questions)}",
                "unknown-question",
            )
        for eff, src in zip(scene.on_enter, scene.on_enter_sources, strict=False):
            check(eff, base + ("on_enter",), src)
        for i, passage in enumerate(scene.passages):
            check(passage.condition, base + ("passages", i, "if"), passage.condition_source)
        for choice in scene.choices:
            cw = base + ("choices", choice.index)
            if choice.goto not in known["scene"]:
                line, col = r.at_value(cw + ("goto",), choice.goto)
                r.report_at(
                    line,
                    col,
                    "error",
                    f"unknown scene '{choice.goto}' in goto{_near(choice.goto, scenes)}",
                    "unknown-scene",
                )
            if choice.condition is not None:
                check(choice.condition, cw + ("if",), choice.condition_source)
            for eff, src in zip(choice.effects, choice.effect_sources, strict=False):
                check(eff, cw + ("effects",), src)


# ---- glossary -----------------------------------------------------------------------------------


def read_glossary(data: bytes, path: str) -> tuple[Glossary, list[Diagnostic]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Glossary(), [_encoding_error(path, data, err)]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return Glossary(), [_toml_error(path, err, text)]
    r = _Reader(path, text)
    terms: dict[str, Term] = {}
    for key in raw:
        if key != "terms":
            r.error((key,), f"unknown table '{key}' in the glossary", "unknown-key", "use [terms.<id>]")
    for tid, item in (r.table(raw.get("terms", {}), ("terms",), "[terms]") or {}).items():
        item = r.table(item, ("terms", tid), f"term '{tid}'")
        if item is not None and r.check_keys(item, F.TERM, ("terms", tid), f"term '{tid}'"):
            terms[tid] = Term(tid, item["term"], item["definition"], tuple(item.get("aliases", [])))
    return Glossary(terms), r.diagnostics


def load_glossary(path: str | Path) -> Glossary:
    path = Path(path)
    glossary, diagnostics = read_glossary(path.read_bytes(), str(path))
    if any(d.severity == "error" for d in diagnostics):
        raise ScenarioError(diagnostics)
    return glossary
