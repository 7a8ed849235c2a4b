"""Reference checks: every goto, start, checkpoint and id inside a condition or effect names something that
exists. Misses are matched against each pool once (diagnostics.Suggester), so ten thousand misspelt
references cost little more than ten."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.engine.diagnostics import Suggester, clip
from game.engine.expr import Effect, Expr, RefKind, flags_read, references
from game.engine.load.building import Declared
from game.engine.load.limits import Limits
from game.engine.load.source import Source
from game.engine.model import Evidence, KeyPath, Question, Scene

# The function to use for an id of each kind, for a hint when an id of one kind is given to another.
_FUNCTION_FOR = {"evidence": "has", "scene": "visited", "question": "answered"}


class References:
    def __init__(
        self,
        src: Source,
        limits: Limits,
        declared: Declared,
        scenes: Mapping[str, Scene],
        evidence: Mapping[str, Evidence],
        questions: Mapping[str, Question],
    ):
        self.src = src
        self.limits = limits
        self.declared = declared
        self.questions = questions
        self.known: dict[str, set[str]] = {
            "scene": declared.ids["scenes"],
            "evidence": declared.ids["evidence"],
            "question": declared.ids["questions"],
        }
        self.near = {"scene": Suggester(scenes), "evidence": Suggester(evidence),
                     "question": Suggester(questions)}
        self._long_flags: set[str] = set()

    def check(self, head: Mapping[str, Any] | None, scenes: Mapping[str, Scene]) -> None:
        src = self.src
        if head is not None and scenes and head["start"] not in self.known["scene"]:
            start = head["start"]
            src.error(
                src.at_value(("scenario", "start"), start),
                f"start scene '{clip(start)}' does not exist{self.near['scene'].suffix(start)}",
                "unknown-scene",
            )
        for sid, scene in scenes.items():
            base = ("scenes", sid)
            if scene.checkpoint is not None and scene.checkpoint not in self.known["question"]:
                src.error(
                    src.at_value(base + ("checkpoint",), scene.checkpoint),
                    f"unknown question '{clip(scene.checkpoint)}' in checkpoint"
                    f"{self.near['question'].suffix(scene.checkpoint)}",
                    "unknown-question",
                )
            for eff, text in zip(scene.on_enter, scene.on_enter_sources, strict=False):
                self.expression(eff, base + ("on_enter",), text)
            for i, passage in enumerate(scene.passages):
                self.expression(passage.condition, base + ("passages", i, "if"), passage.condition_source)
            for choice in scene.choices:
                cw = base + ("choices", choice.index)
                if choice.goto not in self.known["scene"]:
                    src.error(
                        src.at_value(cw + ("goto",), choice.goto),
                        f"unknown scene '{clip(choice.goto)}' in goto"
                        f"{self.near['scene'].suffix(choice.goto)}",
                        "unknown-scene",
                    )
                if choice.condition is not None:
                    self.expression(choice.condition, cw + ("if",), choice.condition_source)
                for eff, text in zip(choice.effects, choice.effect_sources, strict=False):
                    self.expression(eff, cw + ("effects",), text)

    def expression(self, node: Expr | Effect, where: KeyPath, source: str) -> None:
        src = self.src
        for kind, ident, at in references(node):
            # Point at the id itself: `at` is where its call starts, e.g. the h of has(letter).
            start = source.find(",", at - 1) if kind == "interpretation" else at - 1
            col = source.find(ident.rpartition(".")[2], max(start, 0)) + 1 or at
            if kind == "interpretation":
                qid, iid = ident.split(".", 1)
                question = self.questions.get(qid)
                if question is not None and iid not in self.declared.interpretations.get(qid, ()):
                    src.error(
                        src.in_expression(where, source, col),
                        f"'{clip(iid)}' is not an interpretation of '{qid}' in '{clip(source, 120)}'"
                        f"{Suggester(question.interpretations).suffix(iid)}",
                        "unknown-interpretation",
                    )
                continue
            if ident not in self.known[kind]:
                src.error(
                    src.in_expression(where, source, col),
                    f"unknown {kind} '{clip(ident)}' in '{clip(source, 120)}'{self.near[kind].suffix(ident)}",
                    f"unknown-{kind}",
                    self._other_kind(kind, ident),
                )
        if len(source) <= self.limits.flag_chars:
            return  # no room for a flag name over the limit
        flags = flags_read(node)
        assigned = getattr(node, "flag", None)
        if isinstance(assigned, str):
            flags.append(assigned)
        for flag in flags:
            if len(flag) > self.limits.flag_chars and flag not in self._long_flags:
                self._long_flags.add(flag)
                src.error(src.in_expression(where, source, source.find(flag) + 1),
                          f"flag name '{clip(flag)}' is {len(flag)} characters long; the limit is "
                          f"{self.limits.flag_chars}", "bad-flag", "use a short name such as asked_porter")

    def _other_kind(self, kind: RefKind, ident: str) -> str:
        """A hint when the id exists, but as another kind: visited(letter) for an evidence item letter."""
        for other, function in _FUNCTION_FOR.items():
            if other != kind and ident in self.known[other]:
                what = {"evidence": "an evidence item", "scene": "a scene", "question": "a question"}[other]
                return f"'{ident}' is {what}: write {function}({ident})"
        return ""
