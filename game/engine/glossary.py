"""Terms students can open for a definition wherever they appear in the prose."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlossaryHit:
    start: int
    end: int
    term: Term


class Glossary:
    def __init__(self, terms: Mapping[str, Term] | None = None):
        self.terms: Mapping[str, Term] = dict(terms or {})
        names = []
        self._by_name: dict[str, Term] = {}
        for term in self.terms.values():
            for name in (term.term, *term.aliases):
                self._by_name[name.lower()] = term
                names.append(name)
        # Longest names first so "Great Terror" wins over "Terror".
        names.sort(key=len, reverse=True)
        self._pattern = (
            re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
            if names
            else None
        )

    def find(self, text: str) -> list[GlossaryHit]:
        if self._pattern is None:
            return []
        return [
            GlossaryHit(m.start(), m.end(), self._by_name[m.group(1).lower()])
            for m in self._pattern.finditer(text)
        ]

    def __len__(self) -> int:
        return len(self.terms)
