"""Building the immutable model from a file's checked tables, each object carrying its key path.

Every table is checked even when an earlier one failed, so one run reports every problem of a file: a
scene with a missing title still has its choices checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from game.engine import fields as F
from game.engine.diagnostics import Suggester, clip, did_you_mean, suggestion
from game.engine.expr import Effect, Expr, ExprError, parse_condition, parse_effect
from game.engine.load.crossrefs import evidence_reference
from game.engine.load.limits import Limits
from game.engine.load.shapes import Shapes, choose_from
from game.engine.load.source import Source
from game.engine.model import (
    STANCE_WORDS,
    Choice,
    Evidence,
    EvidenceRef,
    Interpretation,
    KeyPath,
    Passage,
    Question,
    Scenario,
    Scene,
    Stance,
)

# Keys of a scene written after one of its [[scenes.x.choices]] or [[scenes.x.passages]] lines: TOML gives
# them to the last choice or passage, which is rarely what the author meant.
_NOT_IN = {"choices": F.CHOICE, "passages": F.PASSAGE}


class _Misplaced(Mapping[str, str]):
    """key -> the hint for a scene key found in a choice or passage (worked out only for such a key)."""

    def __init__(self, sid: str, table: str):
        self.sid, self.table = sid, table

    def __getitem__(self, key: str) -> str:
        if key not in F.SCENE or key in _NOT_IN[self.table]:
            raise KeyError(key)
        sid, table = self.sid, self.table
        return (f"'{key}' belongs to the scene, but it comes after a [[scenes.{sid}.{table}]] line, "
                f"so TOML gives it to that {table[:-1]}: "
                f"move it above the first [[scenes.{sid}.{table}]] line")

    def __contains__(self, key: object) -> bool:
        return key in F.SCENE and key not in _NOT_IN[self.table]

    def __iter__(self) -> Iterator[str]:
        return (key for key in F.SCENE if key not in _NOT_IN[self.table])

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _misplaced(sid: str, table: str) -> Mapping[str, str]:
    return _Misplaced(sid, table)


class Declared:
    """Ids the file declares, even where the item itself has errors: a reference to a scene whose title is
    missing is not a second problem, and a misspelt [scene.x] still declares scene x."""

    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = {"evidence": set(), "scenes": set(), "questions": set()}
        # question id -> every interpretation id it declares
        self.interpretations: dict[str, set[str]] = {}


class Builder:
    def __init__(self, src: Source, limits: Limits):
        self.src = src
        self.shapes = Shapes(src, limits)
        self.limits = limits
        self.declared = Declared()
        self.borrowed: dict[str, EvidenceRef] = {}  # [evidence.<id>] from = "case.item", resolved later

    def error(self, where: KeyPath, message: str, code: str, hint: str = "") -> None:
        self.src.error(where, message, code, hint)

    # ---- the file --------------------------------------------------------------------------------------

    def scenario(self, raw: dict[str, Any], content_hash: str) -> tuple[Scenario | None, dict[str, Any]]:
        """The scenario (None on any error) and the parts the reference checks need."""
        s, src = self.shapes, self.src
        for key, value in raw.items():
            near = key if key in F.TOP else did_you_mean(key, F.TOP)
            if near in self.declared.ids and isinstance(value, dict):
                self.declared.ids[near].update(value)
            if key not in F.TOP:
                src.error(
                    (key,),
                    f"unknown top-level table '{clip(key)}'",
                    "unknown-key",
                    suggestion(key, F.TOP) or f"allowed: {', '.join(F.TOP)}",
                )
        head = None
        if "scenario" in raw:
            head = s.table(raw["scenario"], ("scenario",), "[scenario]")
        else:
            src.error(
                (), "the file has no [scenario] table", "missing-field",
                "copy one from scenarios/tutorial.toml",
            )
        head_ok = head is not None and s.check_keys(head, F.SCENARIO, ("scenario",), "[scenario]")
        if head_ok and head is not None and s.check_id(head["id"], ("scenario", "id"), "scenario"):
            stem = Path(src.path).stem
            if src.path != "<string>" and stem != head["id"]:
                src.warning(
                    ("scenario", "id"),
                    f"scenario id '{head['id']}' differs from file name '{clip(stem)}'",
                    "id-filename",
                    f"rename the file to {head['id']}.toml",
                )

        evidence = self.evidence(raw.get("evidence", {}))
        questions = self.questions(raw.get("questions", {}), evidence)
        scenes = self.scenes(raw.get("scenes", {}))
        # Only an absent or empty [scenes]: scenes() has already reported one that is not a table.
        if raw.get("scenes") in (None, {}):
            src.error((), "the file has no scenes", "missing-field", "add a [scenes.<id>] table")
        parts = {"scenes": scenes, "evidence": evidence, "questions": questions,
                 "head": head if head_ok else None}
        if not head_ok or head is None or src.has_errors:
            return None, parts
        scenario = Scenario(
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
            path=src.path,
            content_hash=content_hash,
            format=head["format"],
            warnings=(),
            unlock_after=head.get("unlock_after", 0),
            practice=head.get("practice", False),
            evidence_from=MappingProxyType(self.borrowed),
            sourcing=head.get("sourcing", "given"),
            shuffle_interpretations=head.get("shuffle_interpretations", False),
            rebuttal=head.get("rebuttal", "optional"),
        )
        return scenario, parts

    def _keyed(self, raw: Any, top: str, what: str, limit: int) -> dict[str, Any]:
        table = self.shapes.table(raw, (top,), f"[{top}]") or {}
        if self.shapes.too_many(len(table), limit, (top,), f"the file has too many {what}"):
            return {}
        return table

    # ---- evidence --------------------------------------------------------------------------------------

    def evidence(self, raw: Any) -> dict[str, Evidence]:
        out: dict[str, Evidence] = {}
        s = self.shapes
        for index, (eid, item) in enumerate(
            self._keyed(raw, "evidence", "evidence items", self.limits.evidence).items()
        ):
            where = ("evidence", eid)
            item = s.table(item, where, f"evidence '{clip(eid)}'")
            if item is None or not s.check_id(eid, where, "evidence"):
                continue
            if "from" in item:
                ref = evidence_reference(self.src, s, eid, item, index)
                if ref is not None:
                    self.borrowed[eid] = ref
                continue
            if s.check_keys(item, F.EVIDENCE, where, f"evidence '{eid}'"):
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
                    where=where,
                )
        return out

    # ---- scenes ----------------------------------------------------------------------------------------

    def scenes(self, raw: Any) -> dict[str, Scene]:
        out: dict[str, Scene] = {}
        s, src = self.shapes, self.src
        for sid, item in self._keyed(raw, "scenes", "scenes", self.limits.scenes).items():
            where = ("scenes", sid)
            item = s.table(item, where, f"scene '{clip(sid)}'")
            if item is None or not s.check_id(sid, where, "scene"):
                continue
            ok = s.check_keys(item, F.SCENE, where, f"scene '{sid}'")
            # Checked even when the scene itself is not right, so one run reports everything.
            choices = self.choices(sid, item.get("choices", []))
            passages = self.passages(sid, item.get("passages", []))
            on_enter, on_enter_src = self.effects(item.get("on_enter", []), where + ("on_enter",))
            if not ok:
                continue
            ending = item.get("ending", False)
            if ending and not item.get("debrief", "").strip():
                src.error(
                    where,
                    f"ending scene '{sid}' has no debrief",
                    "missing-field",
                    'add debrief = """what this ending means"""',
                )
            if not ending and "debrief" in item:
                src.warning(
                    where + ("debrief",),
                    f"scene '{sid}' has a debrief but is not an ending",
                    "debrief-not-ending",
                    "add ending = true or remove the debrief",
                )
            if ending and choices:
                src.warning(
                    where + ("choices",),
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
                where=where,
            )
        return out

    def _table_list(self, raw: Any, where: KeyPath, what: str) -> list[tuple[int, dict[str, Any]]]:
        if not isinstance(raw, list):
            self.error(
                where,
                f"{what} must be a list of tables",
                "wrong-type",
                f"write each one as [[{'.'.join(str(p) for p in where)}]]",
            )
            return []
        if self.shapes.too_many(len(raw), self.limits.choices, where, f"too many {what}"):
            return []
        return [(i, t) for i, t in enumerate(raw) if self.shapes.table(t, where + (i,), what) is not None]

    def choices(self, sid: str, raw: Any) -> tuple[Choice, ...]:
        out = []
        misplaced = _misplaced(sid, "choices")
        for i, item in self._table_list(raw, ("scenes", sid, "choices"), f"choices of scene '{sid}'"):
            where = ("scenes", sid, "choices", i)
            if not self.shapes.check_keys(item, F.CHOICE, where, f"choice {i + 1} of scene '{sid}'",
                                          misplaced=misplaced):
                continue
            cond_src = item.get("if", "")
            cond = self.condition(cond_src, where + ("if",)) if "if" in item else None
            effects, srcs = self.effects(item.get("effects", []), where + ("effects",))
            out.append(Choice(i, item["label"], item["goto"], cond, cond_src, effects, srcs,
                              item.get("once", False), where=where))
        return tuple(out)

    def passages(self, sid: str, raw: Any) -> tuple[Passage, ...]:
        out = []
        misplaced = _misplaced(sid, "passages")
        for i, item in self._table_list(raw, ("scenes", sid, "passages"), f"passages of scene '{sid}'"):
            where = ("scenes", sid, "passages", i)
            if not self.shapes.check_keys(item, F.PASSAGE, where, f"passage {i + 1} of scene '{sid}'",
                                          misplaced=misplaced):
                continue
            cond = self.condition(item["if"], where + ("if",))
            if cond is not None:
                out.append(Passage(cond, item["if"], item["text"], where=where))
        return tuple(out)

    def effects(self, sources: Any, where: KeyPath) -> tuple[tuple[Effect, ...], tuple[str, ...]]:
        """The effects that parse, each with its source (a bad one is reported and left out of both)."""
        if not isinstance(sources, list) or self.shapes.too_many(len(sources), self.limits.choices, where,
                                                                  "too many effects"):
            return (), ()
        pairs = [(e, src) for i, src in enumerate(sources)
                 if isinstance(src, str) and (e := self.effect(src, where + (i,)))]
        return tuple(e for e, _ in pairs), tuple(src for _, src in pairs)

    # ---- expressions -----------------------------------------------------------------------------------

    def condition(self, source: str, where: KeyPath) -> Expr | None:
        if not isinstance(source, str) or len(source) > self.limits.expression_chars:
            return None  # the shape check has reported it
        try:
            return parse_condition(source)
        except ExprError as err:
            self.src.error(self.src.in_expression(where, source, err.col),
                           f"bad condition '{clip(source, 120)}': {err.message}", "bad-condition", err.hint)
            return None

    def effect(self, source: str, where: KeyPath) -> Effect | None:
        if len(source) > self.limits.expression_chars:
            return None  # the shape check has reported it
        try:
            return parse_effect(source)
        except ExprError as err:
            self.src.error(self.src.in_expression(where, source, err.col),
                           f"bad effect '{clip(source, 120)}': {err.message}", "bad-effect", err.hint)
            return None

    # ---- questions -------------------------------------------------------------------------------------

    def questions(self, raw: Any, evidence: Mapping[str, Evidence]) -> dict[str, Question]:
        out: dict[str, Question] = {}
        s = self.shapes
        for qid, item in self._keyed(raw, "questions", "questions", self.limits.questions).items():
            where = ("questions", qid)
            item = s.table(item, where, f"question '{clip(qid)}'")
            if item is None or not s.check_id(qid, where, "question"):
                continue
            ok = s.check_keys(item, F.QUESTION, where, f"question '{qid}'")
            interps = self.interpretations(qid, item.get("interpretations")) if ok else {}
            stances = self.stances(qid, item.get("stances"), interps, evidence) if ok else {}
            if not ok:
                continue
            out[qid] = Question(
                qid,
                item["prompt"],
                item["disputed"],
                item["max_cite"],
                item["debate"],
                MappingProxyType(interps),
                MappingProxyType(stances),
                where=where,
            )
        return out

    def interpretations(self, qid: str, raw: Any) -> dict[str, Interpretation]:
        out: dict[str, Interpretation] = {}
        s, src = self.shapes, self.src
        where = ("questions", qid, "interpretations")
        table = s.table(raw, where, f"interpretations of '{qid}'") or {}
        if s.too_many(len(table), self.limits.interpretations, where, f"question '{qid}' has too many "
                      "interpretations"):
            table = {}
        self.declared.interpretations[qid] = set(table)
        for iid, item in table.items():
            item = s.table(item, where + (iid,), f"interpretation '{clip(iid)}'")
            if item is None or not s.check_id(iid, where + (iid,), "interpretation"):
                continue
            if s.check_keys(item, F.INTERPRETATION, where + (iid,), f"interpretation '{qid}.{iid}'"):
                out[iid] = Interpretation(
                    iid, item["claim"], item["held_by"], item["explanation"], item.get("official", False),
                    where=where + (iid,),
                )
        if table and not 3 <= len(table) <= 5:
            src.warning(
                where,
                f"question '{qid}' has {len(table)} interpretations; 3 to 5 work best",
                "interpretation-count",
            )
        if not table:
            src.error(
                where,
                f"question '{qid}' has no interpretations",
                "missing-field",
                f"add [questions.{qid}.interpretations.<id>] tables",
            )
        return out

    def stances(
        self, qid: str, raw: Any, interps: Mapping[str, Interpretation], evidence: Mapping[str, Evidence]
    ) -> dict[str, Stance]:
        out: dict[str, Stance] = {}
        s, src = self.shapes, self.src
        where = ("questions", qid, "stances")
        table = s.table(raw, where, f"stances of '{qid}'") or {}
        declared_evidence = self.declared.ids["evidence"]
        known_evidence = Suggester(evidence)
        for eid, item in table.items():
            here = where + (eid,)
            if eid not in evidence and eid not in declared_evidence:
                src.error(here, f"stance for unknown evidence '{clip(eid)}'{known_evidence.suffix(eid)}",
                          "unknown-evidence")
                continue
            item = s.table(item, here, f"stance of '{eid}'")
            if item is None:
                continue
            values: dict[str, int] = {}
            for key, value in item.items():
                if key == "why":
                    continue
                if key not in interps and key not in self.declared.interpretations.get(qid, ()):
                    near = did_you_mean(key, interps)
                    src.error(
                        here + (key,),
                        f"'{clip(key)}' is not an interpretation of '{qid}'"
                        + (f"; did you mean '{near}'?" if near else ""),
                        "unknown-interpretation",
                        "" if near else f"interpretations: {', '.join(interps)}",
                    )
                    continue
                if not isinstance(value, str) or value not in STANCE_WORDS:
                    src.error(
                        here + (key,),
                        f"stance {clip(repr(value))} is not one of the five stances",
                        "bad-value",
                        choose_from(value, tuple(STANCE_WORDS)),
                    )
                    continue
                values[key] = STANCE_WORDS[value]
            why = item.get("why")
            if not isinstance(why, str) or not why.strip():
                src.error(
                    here,
                    f"stance of '{eid}' on '{qid}' has no 'why'",
                    "missing-field",
                    'add why = "one line the debrief shows"',
                )
                why = ""
            elif not s.check_text(why, F.STANCE_WHY, here + ("why",), "why"):
                why = ""
            out[eid] = Stance(eid, MappingProxyType(values), why, where=here)
        return out
