"""Which conditions can never hold: each expression's possible values as a range, worked out statically.

`score(q) >= 170` cannot hold (a score is 0 to 100), nor `held() >= 9` in a case with six items, nor
`visits(hall) > 1` when no way leads back to the hall. Flags and answers are taken to be anything, so
this finds only what is certain: a condition it calls impossible is impossible for every player.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from game.engine.expr import Binary, Call, Const, Expr, Flag, Neg, Not

INF = float("inf")
Range = tuple[float, float]
SCORE_MAX = 100
_ANY: Range = (-INF, INF)
_BOOL: Range = (0, 1)


@dataclass(frozen=True)
class World:
    """What a player could have at best: items that can be obtained, scenes that can be reached, scenes
    that can be entered more than once."""

    held: Collection[str]
    reached: Collection[str]
    revisitable: Collection[str]
    evidence_count: int


def can_be_true(r: Range) -> bool:
    return not (r[0] == 0 and r[1] == 0)


def can_be_false(r: Range) -> bool:
    return r[0] <= 0 <= r[1]


def _truth(true: bool, false: bool) -> Range:
    return (0 if false else 1, 1 if true else 0)


def _add(a: Range, b: Range) -> Range:
    lo, hi = a[0] + b[0], a[1] + b[1]
    return (-INF if lo != lo else lo, INF if hi != hi else hi)  # inf - inf: anything


def value_range(node: Expr, world: World) -> Range:
    if isinstance(node, Const):
        return (int(node.value), int(node.value))
    if isinstance(node, Flag):
        return _ANY
    if isinstance(node, Call):
        return _call_range(node, world)
    if isinstance(node, Neg):
        lo, hi = value_range(node.operand, world)
        return (-hi, -lo)
    if isinstance(node, Not):
        inner = value_range(node.operand, world)
        return _truth(can_be_false(inner), can_be_true(inner))
    left, right = value_range(node.left, world), value_range(node.right, world)
    op = node.op
    if op == "and":
        return _truth(can_be_true(left) and can_be_true(right), can_be_false(left) or can_be_false(right))
    if op == "or":
        return _truth(can_be_true(left) or can_be_true(right), can_be_false(left) and can_be_false(right))
    if op == "+":
        return _add(left, right)
    if op == "-":
        return _add(left, (-right[1], -right[0]))
    return _truth(*_compare(op, left, right))


def _compare(op: str, a: Range, b: Range) -> tuple[bool, bool]:
    """(can be true, can be false) of `a op b` for any values in the ranges."""
    if op == "<":
        return a[0] < b[1], a[1] >= b[0]
    if op == "<=":
        return a[0] <= b[1], a[1] > b[0]
    if op == ">":
        return a[1] > b[0], a[0] <= b[1]
    if op == ">=":
        return a[1] >= b[0], a[0] < b[1]
    overlap = a[0] <= b[1] and b[0] <= a[1]
    single = a[0] == a[1] == b[0] == b[1]
    return (overlap, not single) if op == "==" else (not single, overlap)


def _call_range(node: Call, world: World) -> Range:
    func, args = node.func, node.args
    if func == "has":
        return (0, 1 if args[0] in world.held else 0)
    if func == "visited":
        return (0, 1 if args[0] in world.reached else 0)
    if func == "visits":
        if args[0] not in world.reached:
            return (0, 0)
        return (0, INF if args[0] in world.revisitable else 1)
    if func == "score":
        return (0, SCORE_MAX)
    if func == "held":
        return (0, len(world.held))
    return _BOOL  # answered, concluded


def never_holds(node: Expr, world: World) -> str | None:
    """Why the condition can never hold, or None when some player could meet it."""
    if can_be_true(value_range(node, world)):
        return None
    return _reason(node, world) or "it is false whatever the player does"


def _reason(node: Expr, world: World) -> str | None:
    """The part of the condition to blame, said plainly."""
    stack: list[Expr] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Binary) and item.op not in ("and", "or", "+", "-"):
            left, right = value_range(item.left, world), value_range(item.right, world)
            if not _compare(item.op, left, right)[0]:
                return _describe(item.left, left, world) or _describe(item.right, right, world)
        if isinstance(item, Call) and not can_be_true(_call_range(item, world)):
            return _describe(item, _call_range(item, world), world)
        if isinstance(item, Binary):
            stack += (item.right, item.left)
        elif isinstance(item, Not | Neg):
            stack.append(item.operand)
    return None


def _describe(node: Expr, r: Range, world: World) -> str | None:
    if not isinstance(node, Call):
        return None
    arg = node.args[0] if node.args else ""
    if node.func == "score":
        return f"score({arg}) is between 0 and {SCORE_MAX}"
    if node.func == "held":
        count = len(world.held)
        total = world.evidence_count
        return (f"held() is at most {count}: the case has {total} evidence items" if count == total
                else f"held() is at most {count}: only {count} of the case's {total} items can be obtained")
    if node.func in ("visits", "visited") and arg not in world.reached:
        return f"scene '{arg}' can never be reached"
    if node.func == "visits":
        return f"visits({arg}) is at most 1: no way leads back to scene '{arg}'"
    if node.func == "has":
        return f"evidence '{arg}' can never be obtained before this point"
    return None
