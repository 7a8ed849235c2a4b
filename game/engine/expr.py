"""The condition and effect language of scenario files, parsed into a tree at load time.

Grammar (lowest precedence first):
    condition := or
    or        := and ("or" and)*
    and       := not ("and" not)*
    not       := "not" not | compare
    compare   := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
    sum       := unary (("+"|"-") unary)*
    unary     := "-" unary | atom
    atom      := INT | "true" | "false" | NAME | NAME "(" [NAME ("," NAME)*] ")" | "(" or ")"
    effect    := "gain" "(" NAME ")" | NAME ("="|"+="|"-=") or
Nothing here is ever passed to eval or exec.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

# name -> the kinds of id each argument refers to
FUNCTIONS: dict[str, tuple[str, ...]] = {
    "has": ("evidence",),
    "visited": ("scene",),
    "visits": ("scene",),
    "answered": ("question",),
    "concluded": ("question", "interpretation"),
    "score": ("question",),
    "held": (),
}
KEYWORDS = {"and", "or", "not", "true", "false"}

Value = int | bool


class ExprError(ValueError):
    def __init__(self, message: str, col: int, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.col = col  # 1-based column within the expression
        self.hint = hint


class Context(Protocol):
    def has(self, evidence_id: str) -> bool: ...
    def visits(self, scene_id: str) -> int: ...
    def answered(self, question_id: str) -> bool: ...
    def concluded(self, question_id: str, interpretation_id: str) -> bool: ...
    def score(self, question_id: str) -> int: ...
    def held_count(self) -> int: ...
    def flag(self, name: str) -> Value: ...


@dataclass(frozen=True)
class Const:
    value: Value


@dataclass(frozen=True)
class Flag:
    name: str


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[str, ...]
    col: int


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class Binary:
    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Neg:
    operand: Expr


Expr = Const | Flag | Call | Not | Binary | Neg


@dataclass(frozen=True)
class Gain:
    evidence_id: str
    col: int


@dataclass(frozen=True)
class Assign:
    flag: str
    op: str  # "=", "+=", "-="
    value: Expr


Effect = Gain | Assign

_TOKEN = re.compile(
    r"\s*(?:(?P<int>\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|!=|<=|>=|\+=|-=|[<>()+,=-]))"
)


@dataclass(frozen=True)
class _Tok:
    kind: str  # "int" | "name" | "op" | "end"
    text: str
    col: int


def _tokens(source: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _TOKEN.match(source, pos)
        if not match:
            col = pos + len(source[pos:]) - len(source[pos:].lstrip()) + 1
            raise ExprError(f"unexpected character {source[col - 1]!r}", col)
        kind = match.lastgroup or "op"
        out.append(_Tok(kind, match.group(kind), match.start(kind) + 1))
        pos = match.end()
    out.append(_Tok("end", "", len(source) + 1))
    return out


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.toks = _tokens(source)
        self.i = 0

    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> _Tok:
        if self.tok.text != text:
            found = self.tok.text or "the end"
            raise ExprError(f"expected '{text}' but found '{found}'", self.tok.col)
        return self.take()

    def finish(self) -> None:
        if self.tok.kind != "end":
            hint = "use 'and' / 'or' to join conditions" if self.tok.kind == "name" else ""
            raise ExprError(f"unexpected '{self.tok.text}'", self.tok.col, hint)

    def parse_or(self) -> Expr:
        node = self.parse_and()
        while self.tok.text == "or":
            self.take()
            node = Binary("or", node, self.parse_and())
        return node

    def parse_and(self) -> Expr:
        node = self.parse_not()
        while self.tok.text == "and":
            self.take()
            node = Binary("and", node, self.parse_not())
        return node

    def parse_not(self) -> Expr:
        if self.tok.text == "not":
            self.take()
            return Not(self.parse_not())
        return self.parse_compare()

    def parse_compare(self) -> Expr:
        node = self.parse_sum()
        if self.tok.text in ("==", "!=", "<", "<=", ">", ">="):
            op = self.take().text
            node = Binary(op, node, self.parse_sum())
            if self.tok.text in ("==", "!=", "<", "<=", ">", ">="):
                raise ExprError("comparisons cannot be chained", self.tok.col, "join them with 'and'")
        elif self.tok.text == "=":
            raise ExprError("'=' sets a flag; to compare, write '=='", self.tok.col)
        return node

    def parse_sum(self) -> Expr:
        node = self.parse_unary()
        while self.tok.text in ("+", "-"):
            op = self.take().text
            node = Binary(op, node, self.parse_unary())
        return node

    def parse_unary(self) -> Expr:
        if self.tok.text == "-":
            self.take()
            return Neg(self.parse_unary())
        return self.parse_atom()

    def parse_atom(self) -> Expr:
        tok = self.take()
        if tok.kind == "int":
            return Const(int(tok.text))
        if tok.text == "(":
            node = self.parse_or()
            self.expect(")")
            return node
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return Const(tok.text == "true")
            if tok.text in KEYWORDS:
                raise ExprError(f"'{tok.text}' needs something before it", tok.col)
            if self.tok.text == "(":
                return self.parse_call(tok)
            if tok.text in FUNCTIONS:
                raise ExprError(f"'{tok.text}' is a function: write {_signature(tok.text)}", tok.col)
            return Flag(tok.text)
        found = tok.text or "the end"
        raise ExprError(f"expected a value but found '{found}'", tok.col)

    def parse_call(self, name: _Tok) -> Call:
        if name.text not in FUNCTIONS:
            from game.engine.diagnostics import suggestion

            raise ExprError(f"unknown function '{name.text}'", name.col, suggestion(name.text, FUNCTIONS))
        self.expect("(")
        args: list[str] = []
        while self.tok.text != ")":
            arg = self.take()
            if arg.kind != "name" or arg.text in KEYWORDS:
                raise ExprError(f"{name.text}() takes ids, not '{arg.text or 'the end'}'", arg.col)
            args.append(arg.text)
            if self.tok.text == ",":
                self.take()
            elif self.tok.text != ")":
                raise ExprError(f"expected ',' or ')' but found '{self.tok.text or 'the end'}'", self.tok.col)
        self.take()
        if len(args) != len(FUNCTIONS[name.text]):
            raise ExprError(
                f"{name.text}() takes {len(FUNCTIONS[name.text])} argument(s), got {len(args)}",
                name.col,
                f"write {_signature(name.text)}",
            )
        return Call(name.text, tuple(args), name.col)


def _signature(func: str) -> str:
    return f"{func}({', '.join(k + '_id' for k in FUNCTIONS[func])})"


def parse_condition(source: str) -> Expr:
    if not source.strip():
        raise ExprError("empty condition", 1, "remove the key or write a condition such as has(letter)")
    parser = _Parser(source)
    node = parser.parse_or()
    parser.finish()
    return node


_ASSIGN = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|=(?!=))")


def parse_effect(source: str) -> Effect:
    match = _ASSIGN.match(source)
    if match:
        flag, op = match.group(1), match.group(2)
        if flag in KEYWORDS or flag in FUNCTIONS:
            raise ExprError(f"'{flag}' is a reserved word and cannot be a flag", match.start(1) + 1)
        parser = _Parser(source[match.end() :])
        offset = match.end()
        try:
            value = parser.parse_or()
            parser.finish()
        except ExprError as err:
            raise ExprError(err.message, err.col + offset, err.hint) from None
        return Assign(flag, op, value)
    parser = _Parser(source)
    tok = parser.take()
    if tok.text == "gain" and parser.tok.text == "(":
        parser.take()
        arg = parser.take()
        if arg.kind != "name":
            raise ExprError("gain() takes an evidence id", arg.col)
        parser.expect(")")
        parser.finish()
        return Gain(arg.text, arg.col)
    raise ExprError(
        f"not an effect: '{source.strip()}'",
        1,
        "effects are gain(evidence_id), flag = value, flag += value or flag -= value",
    )


def evaluate(node: Expr, ctx: Context) -> Value:
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Flag):
        return ctx.flag(node.name)
    if isinstance(node, Call):
        return _call(node, ctx)
    if isinstance(node, Not):
        return not truthy(evaluate(node.operand, ctx))
    if isinstance(node, Neg):
        return -int(evaluate(node.operand, ctx))
    op = node.op
    if op == "and":
        return truthy(evaluate(node.left, ctx)) and truthy(evaluate(node.right, ctx))
    if op == "or":
        return truthy(evaluate(node.left, ctx)) or truthy(evaluate(node.right, ctx))
    left, right = int(evaluate(node.left, ctx)), int(evaluate(node.right, ctx))
    return {
        "==": lambda: left == right,
        "!=": lambda: left != right,
        "<": lambda: left < right,
        "<=": lambda: left <= right,
        ">": lambda: left > right,
        ">=": lambda: left >= right,
        "+": lambda: left + right,
        "-": lambda: left - right,
    }[op]()


def _call(node: Call, ctx: Context) -> Value:
    a = node.args
    match node.func:
        case "has":
            return ctx.has(a[0])
        case "visited":
            return ctx.visits(a[0]) > 0
        case "visits":
            return ctx.visits(a[0])
        case "answered":
            return ctx.answered(a[0])
        case "concluded":
            return ctx.concluded(a[0], a[1])
        case "score":
            return ctx.score(a[0])
        case _:
            return ctx.held_count()


def truthy(value: Value) -> bool:
    return bool(value)


def references(node: Expr | Effect) -> Iterator[tuple[str, str, int]]:
    """Every (kind, id, col) a condition or effect refers to; kind is evidence/scene/question/interpretation.

    For concluded(q, i) the interpretation id is yielded as "q.i" so it can be checked against its question.
    """
    if isinstance(node, Gain):
        yield ("evidence", node.evidence_id, node.col)
    elif isinstance(node, Assign):
        yield from references(node.value)
    elif isinstance(node, Call):
        kinds = FUNCTIONS[node.func]
        for kind, arg in zip(kinds, node.args, strict=True):
            if kind == "interpretation":
                yield (kind, f"{node.args[0]}.{arg}", node.col)
            else:
                yield (kind, arg, node.col)
    elif isinstance(node, Not | Neg):
        yield from references(node.operand)
    elif isinstance(node, Binary):
        yield from references(node.left)
        yield from references(node.right)


def flags_read(node: Expr | Effect) -> Iterator[str]:
    if isinstance(node, Flag):
        yield node.name
    elif isinstance(node, Assign):
        yield from flags_read(node.value)
    elif isinstance(node, Not | Neg):
        yield from flags_read(node.operand)
    elif isinstance(node, Binary):
        yield from flags_read(node.left)
        yield from flags_read(node.right)
