from __future__ import annotations

import pytest

from game.engine.expr import Assign, ExprError, Gain, evaluate, parse_condition, parse_effect, references


class Ctx:
    def __init__(self, **flags: int) -> None:
        self.flags = flags
        self.held = {"diary"}

    def has(self, e: str) -> bool:
        return e in self.held

    def visits(self, s: str) -> int:
        return {"corridor": 2}.get(s, 0)

    def answered(self, q: str) -> bool:
        return q == "who"

    def concluded(self, q: str, i: str) -> bool:
        return (q, i) == ("who", "lone")

    def score(self, q: str) -> int:
        return 72 if q == "who" else 0

    def held_count(self) -> int:
        return len(self.held)

    def flag(self, name: str) -> int:
        return self.flags.get(name, 0)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("has(diary) and not visited(corridor)", False),
        ("has(diary) and visited(corridor)", True),
        ("suspicion >= 2", True),
        ("suspicion + 1 == 4 or false", True),
        ("not (has(letter) or visits(corridor) < 2)", True),
        ("concluded(who, lone) and score(who) >= 70", True),
        ("answered(other)", False),
        ("held() == 1", True),
        ("-suspicion < 0", True),
        ("unset_flag", False),
    ],
)
def test_conditions_evaluate(source: str, expected: bool) -> None:
    assert bool(evaluate(parse_condition(source), Ctx(suspicion=3))) is expected


@pytest.mark.parametrize(
    ("source", "col", "fragment"),
    [
        ("has(x", 6, "expected ',' or ')'"),
        ("hsa(x)", 1, "unknown function 'hsa'"),
        ("a = 1", 3, "write '=='"),
        ("has()", 1, "takes 1 argument"),
        ("a b", 3, "unexpected 'b'"),
        ("1 < 2 < 3", 7, "cannot be chained"),
        ("$", 1, "unexpected character"),
        ("", 1, "empty condition"),
        ("has(and)", 5, "takes ids"),
    ],
)
def test_bad_conditions_say_where(source: str, col: int, fragment: str) -> None:
    with pytest.raises(ExprError) as err:
        parse_condition(source)
    assert fragment in err.value.message
    assert err.value.col == col


def test_unknown_function_suggests_the_nearest() -> None:
    with pytest.raises(ExprError) as err:
        parse_condition("hsa(x)")
    assert "has" in err.value.hint


def test_effects_parse() -> None:
    assert parse_effect("gain(diary)") == Gain("diary", 6)
    effect = parse_effect("suspicion += 2")
    assert isinstance(effect, Assign) and effect.op == "+="
    assert isinstance(parse_effect("seen_it = true"), Assign)
    for bad in ("gain()", "print(1)", "not = 1", "x == 1", "gain(x) y"):
        with pytest.raises(ExprError):
            parse_effect(bad)


def test_references_name_every_id() -> None:
    node = parse_condition("has(a) and visited(b) or concluded(q, i) and score(q) > 1")
    kinds = sorted((k, i) for k, i, _ in references(node))
    assert kinds == [("evidence", "a"), ("interpretation", "q.i"), ("question", "q"), ("question", "q"),
                     ("scene", "b")]


def test_no_python_is_ever_evaluated() -> None:
    for hostile in ("__import__('os')", "open('x')", "a.b", "x[0]", "lambda: 1"):
        with pytest.raises(ExprError):
            parse_condition(hostile)
