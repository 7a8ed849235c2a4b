"""Light markup for scene prose: blank lines separate paragraphs, *emphasis* and **strong**."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SpanStyle = Literal["", "em", "strong"]


@dataclass(frozen=True)
class Span:
    text: str
    style: SpanStyle = ""


Paragraph = tuple[Span, ...]

_MARK = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def parse_prose(text: str) -> list[Paragraph]:
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            paragraphs.append(_spans(joined))
    return paragraphs


def _spans(text: str) -> Paragraph:
    spans: list[Span] = []
    pos = 0
    for match in _MARK.finditer(text):
        if match.start() > pos:
            spans.append(Span(text[pos : match.start()]))
        if match.group(1) is not None:
            spans.append(Span(match.group(1), "strong"))
        else:
            spans.append(Span(match.group(2), "em"))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:]))
    return tuple(spans)


def plain(paragraph: Paragraph) -> str:
    return "".join(span.text for span in paragraph)


def plain_text(text: str) -> str:
    """Prose as one line of plain words, its *emphasis* marks dropped: for a label or a sentence built
    around a title."""
    return " ".join(plain(para) for para in parse_prose(text)) or " ".join(text.split())


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9'’-]+", text))
