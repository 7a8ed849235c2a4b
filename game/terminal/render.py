"""The controller's document blocks and actions as wrapped text; escape codes only on a real terminal.

Every piece of text passes `visible` first: a scenario, save or message can carry control characters,
and a terminal would obey them (clear the screen, retitle the window, write the clipboard).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.app.actions import Action
from game.app.documents import Block
from game.engine.prose import Paragraph, Span
from game.engine.safetext import visible

Segment = tuple[str, str]  # (text, style) with no whitespace inside
Word = tuple[Segment, ...]

_RULES = {"h1": "=", "h2": "-"}


@dataclass(frozen=True)
class Style:
    width: int = 78
    ansi: bool = False

    def styled(self, text: str, style: str) -> str:
        if not self.ansi or not style:
            return text
        code = "3" if style == "em" else "1"
        return f"\x1b[{code}m{text}\x1b[0m"

    def wrap(self, spans: Paragraph | str, indent: str = "", hanging: str | None = None) -> str:
        """Fill words to the width; a word is never split, and codes never count towards the length."""
        words = _words([(spans, "")] if isinstance(spans, str) else [(s.text, s.style) for s in spans])
        later = indent if hanging is None else hanging
        lines: list[str] = []
        line, length, prefix = "", 0, indent
        for word in words:
            size = sum(len(text) for text, _ in word)
            if length and len(prefix) + length + 1 + size > self.width:
                lines.append(prefix + line)
                line, length, prefix = "", 0, later
            rendered = "".join(self.styled(text, style) for text, style in word)
            line, length = (line + " " + rendered, length + 1 + size) if length else (rendered, size)
        if length or not lines:
            lines.append(prefix + line)
        return "\n".join(lines)


def _words(spans: Iterable[tuple[str, str]]) -> list[Word]:
    """Split styled spans into words; one word may carry several styles (*Pravda*'s)."""
    words: list[Word] = []
    current: list[Segment] = []
    for text, style in spans:
        parts = visible(text, keep_newlines=False).replace("\t", " ").split(" ")
        for n, part in enumerate(parts):
            if n > 0 and current:
                words.append(tuple(current))
                current = []
            if part:
                current.append((part, style))
    if current:
        words.append(tuple(current))
    return words


def block(b: Block, style: Style) -> str:
    if b.kind in _RULES:
        text = style.wrap(b.spans)
        rule = _RULES[b.kind] * min(style.width, max(len(line) for line in text.splitlines()))
        return text if style.ansi and b.kind == "h1" else f"{text}\n{rule}"
    if b.kind == "h3":
        return style.wrap(tuple(Span(s.text, "strong") for s in b.spans))
    if b.kind == "quote":
        return style.wrap(b.spans, "    ")
    if b.kind == "score":
        aside = visible(b.aside)
        return style.wrap(b.spans, f"  {aside:>9}  ", " " * 13) if aside else style.wrap(b.spans, "  ")
    if b.kind == "stamp":
        aside = f" ({visible(b.aside)})" if b.aside else ""
        return style.wrap(f"[{b.text}]{aside}")
    if b.kind == "notice":
        return style.wrap(f"Note: {b.text}", "", "      ")
    return style.wrap(b.spans)


# Block kinds that sit on consecutive lines instead of being separated by a blank one.
_TIGHT = {"score", "meta"}


def document(blocks: Sequence[Block], style: Style) -> str:
    out: list[str] = []
    previous = ""
    for b in blocks:
        if out:
            out.append("\n" if previous in _TIGHT and b.kind in _TIGHT else "\n\n")
        out.append(block(b, style))
        previous = b.kind
    return "".join(out)


def status_lines(counters: Sequence[str], style: Style) -> list[str]:
    """The case's counters as one status line (wrapped if long), set off by brackets; [] when none."""
    if not counters:
        return []
    return [style.wrap("[" + " · ".join(counters) + "]", "", " ")]


def marker(action: Action) -> str:
    if action.selected is None:
        return ""
    if action.kind == "toggle":
        return "[x] " if action.selected else "[ ] "
    return "(*) " if action.selected else "( ) "


BADGES = {"done": "(done)", "new": "(new)", "pinned": "(pinned)"}


def action_heading(action: Action, style: Style) -> str:
    """The heading the controller puts before an action (the case list's outline branches), as text;
    "" for none. A blank line sets it off from the list above it."""
    if not action.heading:
        return ""
    return "\n" + style.wrap((Span(action.heading, "strong"),), "  ")


def action_line(label: str, action: Action, style: Style) -> str:
    head = f"  {label:>3}. "
    badge = (Span(" " + BADGES[action.badge]),) if action.badge in BADGES else ()
    text = style.wrap(
        (*_spans(marker(action)), *action.spans, *badge), head, " " * len(head) + " " * len(marker(action))
    )
    extra = []
    for line in action.detail.splitlines():
        extra.append(style.wrap(line, " " * (len(head) + len(marker(action)))))
    if not action.enabled and action.reason:
        extra.append(style.wrap(f"(not now: {action.reason})", " " * len(head)))
    return "\n".join([text, *extra])


def _spans(text: str) -> Paragraph:
    return (Span(text),) if text else ()
