"""The documented limits of a scenario file (docs/scenario-format.md, "Limits").

Each is far above what a real case needs (the largest shipped case has 57 scenes and 1,700-character
scenes) and low enough that every front end can draw and save what the checker accepts, and that no file,
however made, costs the checker more than a few seconds and a few hundred megabytes. A file over a limit
gets a message that names the limit.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.fields import EXPRESSION_CHARS, ID_CHARS, LINE_CHARS, PROSE_CHARS


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 10 * 1024 * 1024  # 10 MiB: a 10,000-scene case is 9 MB
    # Counted before parsing, in the whole file: each is some four times what a 10,000-scene case has, and
    # bounds the parser's work however densely a file is packed (a list of millions of 1s).
    lines: int = 500_000
    equals_signs: int = 250_000  # key = value pairs
    commas: int = 250_000  # list items and inline-table entries (and the commas in prose)
    brackets: int = 250_000  # [ and {: table headers, lists, inline tables
    key_parts: int = 12  # a.b.c = 1 has three parts; the format needs five at most
    key_chars: int = 128  # one key, or one part of a dotted key
    scenes: int = 12_000
    evidence: int = 2_000
    questions: int = 200
    interpretations: int = 20  # per question
    choices: int = 100  # per scene; also passages per scene and effects per list
    glossary_terms: int = 5_000
    outline_branches: int = 200  # outline.toml: branches in the outline
    outline_points: int = 500  # outline.toml: points in one branch; also cases and refs named by one point
    id_chars: int = ID_CHARS
    flag_chars: int = 64
    prose_chars: int = PROSE_CHARS
    line_chars: int = LINE_CHARS
    expression_chars: int = EXPRESSION_CHARS


LIMITS = Limits()
# The TOML reader's own nesting limit is what bounds lists inside lists: tomllib stops at about 300 levels
# (RecursionError, reported as "nested too deeply"), the compiled parser at 80; the format needs two.
