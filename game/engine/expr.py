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

import functools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, NamedTuple, Protocol

from game.engine.diagnostics import suggestion

RefKind = Literal["evidence", "scene", "question", "interpretation"]
CompareOp = Literal["==", "!=", "<", "<=", ">", ">="]
BinaryOp = Literal["or", "and", "+", "-", "==", "!=", "<", "<=", ">", ">="]
AssignOp = Literal["=", "+=", "-="]
TokenKind = Literal["int", "name", "op", "end"]

# name -> the kinds of id each argument refers to
FUNCTIONS: dict[str, tuple[RefKind, ...]] = {
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
    op: BinaryOp
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
    op: AssignOp
    value: Expr


Effect = Gain | Assign

_TOKEN = re.compile(
    r"\s*(?:(?P<int>\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|!=|<=|>=|\+=|-=|[<>()+,=-])|(?P<bad>\S))"
)


class _Tok(NamedTuple):
    kind: TokenKind
    text: str
    col: int


# What a word processor or another language puts where this one wants a word: (found, hint).
_FOREIGN = (
    ("&&", "write 'and' instead of &&"),
    ("||", "write 'or' instead of ||"),
    ("//", "a condition has no comments: put a note on its own line starting with #"),
    ("!", "write 'not' instead of !"),
    ("&", "write 'and' instead of &"),
    ("|", "write 'or' instead of |"),
)
_QUOTES = "\"'\u201c\u201d\u2018\u2019"


def _bad_character(source: str, col: int) -> ExprError:
    char = source[col - 1]
    rest = source[col - 1 :]
    hint = next((h for found, h in _FOREIGN if rest.startswith(found)), "")
    if char in _QUOTES:
        quoted = re.match(r".([A-Za-z_][A-Za-z0-9_]*)", rest)
        ident = quoted.group(1) if quoted else "letter"
        hint = f"ids go without quotes: write {ident}, not {char}{ident}{char}"
        if char not in "\"'":
            hint = "curly quotes (from a word processor) are not part of a condition; " + hint
    return ExprError(f"unexpected character {char!r}", col, hint)


def _tokens(source: str, limit: int) -> list[_Tok]:
    out: list[_Tok] = []
    # Every character that is not a space starts a match (an unknown one as "bad"), so nothing is skipped.
    for match in _TOKEN.finditer(source):
        kind = match.lastgroup or "bad"
        if kind == "bad":
            raise _bad_character(source, match.start(kind) + 1)
        out.append(_Tok(kind, match.group(kind), match.start(kind) + 1))  # type: ignore[arg-type]
        if len(out) > limit:
            break
    out.append(_Tok("end", "", len(source) + 1))
    return out


MAX_TOKENS = 200  # a condition longer than this is a mistake, and deep trees would exhaust the stack
MAX_NESTING = 32  # brackets, not and unary minus inside one another
MAX_DIGITS = 9


class _Parser:
    def __init__(self, source: str):
        self.toks = _tokens(source, MAX_TOKENS)
        if len(self.toks) > MAX_TOKENS:
            raise ExprError(f"too long: more than {MAX_TOKENS} parts", self.toks[MAX_TOKENS].col,
                            "split it, or keep a running total in a flag")
        self.i = 0
        self.depth = 0

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExprError(f"nested more than {MAX_NESTING} levels deep", self.tok.col)

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
            self.nest()
            node = Not(self.parse_not())
            self.depth -= 1
            return node
        return self.parse_compare()

    def parse_compare(self) -> Expr:
        node = self.parse_sum()
        if self.tok.text in _COMPARE:
            op = _COMPARE[self.tok.text]
            self.take()
            node = Binary(op, node, self.parse_sum())
            if self.tok.text in ("==", "!=", "<", "<=", ">", ">="):
                raise ExprError("comparisons cannot be chained", self.tok.col, "join them with 'and'")
        elif self.tok.text == "=":
            raise ExprError("'=' sets a flag; to compare, write '=='", self.tok.col)
        return node

    def parse_sum(self) -> Expr:
        node = self.parse_unary()
        while self.tok.text in ("+", "-"):
            op: BinaryOp = "+" if self.take().text == "+" else "-"
            node = Binary(op, node, self.parse_unary())
        return node

    def parse_unary(self) -> Expr:
        if self.tok.text == "-":
            self.take()
            self.nest()
            node = Neg(self.parse_unary())
            self.depth -= 1
            return node
        return self.parse_atom()

    def parse_atom(self) -> Expr:
        tok = self.take()
        if tok.kind == "int":
            if len(tok.text.lstrip("0")) > MAX_DIGITS:
                raise ExprError(f"the number {tok.text[:12]}... is too large", tok.col)
            return Const(int(tok.text))
        if tok.text == "(":
            self.nest()
            node = self.parse_or()
            self.expect(")")
            self.depth -= 1
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


_COMPARE: dict[str, CompareOp] = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_ASSIGN_OPS: dict[str, AssignOp] = {"=": "=", "+=": "+=", "-=": "-="}


def _signature(func: str) -> str:
    return f"{func}({', '.join(k + '_id' for k in FUNCTIONS[func])})"


# Parsed trees are immutable, so a file that repeats "suspicion += 1" a thousand times parses it once.
@functools.lru_cache(maxsize=4096)
def parse_condition(source: str) -> Expr:
    if not source.strip():
        raise ExprError("empty condition", 1, "remove the key or write a condition such as has(letter)")
    parser = _Parser(source)
    node = parser.parse_or()
    parser.finish()
    return node


_ASSIGN = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|=(?!=))")


@functools.lru_cache(maxsize=4096)
def parse_effect(source: str) -> Effect:
    match = _ASSIGN.match(source)
    if match:
        flag, op = match.group(1), _ASSIGN_OPS[match.group(2)]
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
    if not source.strip():
        raise ExprError("empty effect", 1, "remove it or write one such as gain(letter) or suspicion += 1")
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
    if tok.text == "gain" and parser.tok.kind == "name":
        raise ExprError("gain needs parentheses", tok.col, f"write gain({parser.tok.text})")
    if tok.kind == "name" and parser.tok.text == "==":
        raise ExprError("'==' compares; an effect sets a flag with '='", parser.tok.col,
                        f"write {tok.text} = ...")
    raise ExprError(
        "this is not an effect",
        tok.col if tok.kind != "end" else 1,
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
    return _OPERATORS[op](int(evaluate(node.left, ctx)), int(evaluate(node.right, ctx)))


_OPERATORS: dict[str, Callable[[int, int], Value]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
              ">=": operator.ge, "+": operator.add, "-": operator.sub}


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


def references(node: Expr | Effect) -> list[tuple[RefKind, str, int]]:
    """Every (kind, id, col) a condition or effect refers to, left to right; kind is evidence/scene/question/
    interpretation.

    For concluded(q, i) the interpretation id is given as "q.i" so it can be checked against its question.
    """
    out: list[tuple[RefKind, str, int]] = []
    stack: list[object] = [node]  # a loop, not recursion: the checker walks every tree in a large case
    while stack:
        item = stack.pop()
        if isinstance(item, Call):
            for kind, arg in zip(FUNCTIONS[item.func], item.args, strict=True):
                out.append((kind, f"{item.args[0]}.{arg}" if kind == "interpretation" else arg, item.col))
        elif isinstance(item, Binary):
            stack += (item.right, item.left)
        elif isinstance(item, Not | Neg):
            stack.append(item.operand)
        elif isinstance(item, Gain):
            out.append(("evidence", item.evidence_id, item.col))
        elif isinstance(item, Assign):
            stack.append(item.value)
    return out


def flags_read(node: Expr | Effect) -> list[str]:
    """The flags a condition or an effect's value reads, left to right."""
    out: list[str] = []
    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Flag):
            out.append(item.name)
        elif isinstance(item, Binary):
            stack += (item.right, item.left)
        elif isinstance(item, Not | Neg):
            stack.append(item.operand)
        elif isinstance(item, Assign):
            stack.append(item.value)
    return out
