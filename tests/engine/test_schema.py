"""scenarios/schema.json stays in step with game/engine/fields.py and with what the loader accepts."""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.engine import fields as F
from game.engine.load import read_scenario
from game.engine.schema import build_schema, dumps
from tests.support.tomlwriter import dumps as toml_dumps

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "scenarios" / "schema.json"
SHIPPED = sorted(p for p in (ROOT / "scenarios").glob("*.toml")
                 if p.name not in ("glossary.toml", "outline.toml"))  # not cases
TUTORIAL = tomllib.loads((ROOT / "scenarios" / "tutorial.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_generated_from_fields(schema: dict[str, Any]) -> None:
    assert schema == build_schema(), "run: python -m game.engine.schema > scenarios/schema.json"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == dumps()


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenarios_validate(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []


def test_glossary_terms_validate(schema: dict[str, Any]) -> None:
    glossary = tomllib.loads((ROOT / "scenarios" / "glossary.toml").read_text(encoding="utf-8"))
    term = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/term"})
    for tid, item in glossary["terms"].items():
        assert list(term.iter_errors(item)) == [], tid


def test_the_outline_validates(schema: dict[str, Any]) -> None:
    outline = tomllib.loads((ROOT / "scenarios" / "outline.toml").read_text(encoding="utf-8"))
    def validator(name: str) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{name}"})
    assert list(validator("outline").iter_errors(outline["outline"])) == []
    for bid, branch in outline["branches"].items():
        assert list(validator("outline_branch").iter_errors(branch)) == [], bid


def _tables(schema: dict[str, Any]) -> dict[str, tuple[Mapping[str, F.Field], dict[str, Any]]]:
    defs = schema["$defs"]
    return {
        "scenario": (F.SCENARIO, schema["properties"]["scenario"]),
        "evidence": (F.EVIDENCE, defs["evidence"]),
        "evidence_reference": (F.EVIDENCE_FROM, defs["evidence_reference"]),
        "scene": (F.SCENE, defs["scene"]),
        "choice": (F.CHOICE, defs["choice"]),
        "passage": (F.PASSAGE, defs["passage"]),
        "question": (F.QUESTION, defs["question"]),
        "interpretation": (F.INTERPRETATION, defs["interpretation"]),
        "stance": ({"why": F.STANCE_WHY}, defs["stance"]),
        "term": (F.TERM, defs["term"]),
        "class": (F.CLASS, defs["class"]),
        "outline": (F.OUTLINE, defs["outline"]),
        "outline_branch": (F.BRANCH, defs["outline_branch"]),
        "outline_point": (F.POINT, defs["outline_point"]),
    }


def test_every_fields_table_has_the_same_keys_in_the_schema(schema: dict[str, Any]) -> None:
    tables = _tables(schema)
    for name, (spec, sub) in tables.items():
        assert set(sub["properties"]) == set(spec), name
        assert set(sub.get("required", [])) == {k for k, f in spec.items() if f.required}, name
        if name != "stance":  # a stance table's other keys are interpretation ids
            assert sub["additionalProperties"] is False, name
        for key, field in spec.items():
            prop = sub["properties"][key]
            if field.enum:
                assert prop["enum"] == list(field.enum), (name, key)
    assert set(schema["properties"]) == set(F.TOP)
    assert schema["$defs"]["stance"]["additionalProperties"]["enum"] == list(F.STANCE_VALUES)
    # every table fields.py describes is covered (a new one must be added here and to the schema)
    described = {id(v) for v in vars(F).values() if isinstance(v, dict) and v and
                 all(isinstance(f, F.Field) for f in v.values())}
    assert described <= {id(spec) for spec, _ in tables.values()}


# ---- the loader agrees with the schema on what is wrong --------------------------------------------------


def _table_paths(doc: dict[str, Any]) -> Iterator[tuple[str, tuple[str | int, ...], Mapping[str, F.Field]]]:
    """One example of every kind of table in the tutorial, with its key path and its fields."""
    yield "scenario", ("scenario",), F.SCENARIO
    yield "evidence", ("evidence", next(iter(doc["evidence"]))), F.EVIDENCE
    qid = next(iter(doc["questions"]))
    yield "question", ("questions", qid), F.QUESTION
    iid = next(iter(doc["questions"][qid]["interpretations"]))
    yield "interpretation", ("questions", qid, "interpretations", iid), F.INTERPRETATION
    for sid, scene in doc["scenes"].items():
        if scene.get("passages") and scene.get("choices") and not scene.get("ending"):
            yield "scene", ("scenes", sid), F.SCENE
            yield "choice", ("scenes", sid, "choices", 0), F.CHOICE
            yield "passage", ("scenes", sid, "passages", 0), F.PASSAGE
            break


def _at(doc: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def _verdicts(doc: dict[str, Any], validator: jsonschema.Draft202012Validator) -> tuple[list[str], bool]:
    _scenario, diagnostics = read_scenario(toml_dumps(doc).encode("utf-8"), "<string>")
    return [d.code for d in diagnostics if d.severity == "error"], validator.is_valid(doc)


def test_tutorial_round_trips_through_the_test_writer(validator: jsonschema.Draft202012Validator) -> None:
    assert tomllib.loads(toml_dumps(TUTORIAL)) == TUTORIAL
    assert _verdicts(TUTORIAL, validator) == ([], True)


_WRONG_TYPE = {"string": 7, "integer": "seven", "boolean": "yes", "strings": "gain(x)", "tables": 3}


def _mutations() -> Iterator[tuple[str, tuple[str | int, ...], str, Any]]:
    for name, path, spec in _table_paths(TUTORIAL):
        yield name, path, "zz_extra", "an unknown key"
        for key, field in spec.items():
            if field.required:
                yield name, path, key, None  # None: delete it
            yield name, path, key, _WRONG_TYPE[field.type]
            if field.enum:
                yield name, path, key, "not_a_choice"


@pytest.mark.parametrize(("table", "path", "key", "value"), list(_mutations()),
                         ids=lambda v: v if isinstance(v, str) else None)
def test_loader_and_schema_both_reject(table: str, path: tuple[str | int, ...], key: str, value: Any,
                                       validator: jsonschema.Draft202012Validator) -> None:
    doc = copy.deepcopy(TUTORIAL)
    target = _at(doc, path)
    if value is None:
        del target[key]
    else:
        target[key] = value
    errors, schema_ok = _verdicts(doc, validator)
    assert errors, f"the loader accepted {table}.{key} = {value!r}"
    assert not schema_ok, f"the schema accepted {table}.{key} = {value!r} (loader: {errors})"
    if value == "an unknown key":
        assert errors == ["unknown-key"]
    elif value is None:
        assert errors == ["missing-field"]


@pytest.mark.parametrize(("table", "path", "spec"), [(n, p, s) for n, p, s in _table_paths(TUTORIAL)],
                         ids=lambda v: v if isinstance(v, str) else None)
def test_loader_and_schema_both_accept_without_optional_keys(
        table: str, path: tuple[str | int, ...], spec: Mapping[str, F.Field],
        validator: jsonschema.Draft202012Validator) -> None:
    doc = copy.deepcopy(TUTORIAL)
    target = _at(doc, path)
    for key, field in spec.items():
        if not field.required and key not in ("choices", "ending", "debrief") and key in target:
            del target[key]
    errors, schema_ok = _verdicts(doc, validator)
    assert errors == [] and schema_ok, errors


def test_both_reject_an_ending_without_debrief_and_a_bad_stance(
        validator: jsonschema.Draft202012Validator) -> None:
    doc = copy.deepcopy(TUTORIAL)
    ending = next(s for s in doc["scenes"].values() if s.get("ending"))
    del ending["debrief"]
    assert _verdicts(doc, validator) == (["missing-field"], False)

    doc = copy.deepcopy(TUTORIAL)
    stance = next(iter(doc["questions"]["missing_page"]["stances"].values()))
    stance["bindery"] = "proves"
    assert _verdicts(doc, validator) == (["bad-value"], False)
    del stance["bindery"]
    del stance["why"]
    assert _verdicts(doc, validator) == (["missing-field"], False)

    doc = copy.deepcopy(TUTORIAL)
    doc["scenes"]["Bad Id"] = doc["scenes"]["ending_ready"]
    assert _verdicts(doc, validator) == (["bad-id"], False)
