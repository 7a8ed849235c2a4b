"""Word-wrapped rich text (emphasis, strong, glossary links) rendered once and cached.

Rendering a paragraph costs about ten times as much as blitting it, and a text adventure redraws the
same paragraphs over and over, so every rendered paragraph is kept keyed by its text, width and look.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.app.documents import Span
from game.window.fonts import FontBook
from game.window.theme import RGB

if TYPE_CHECKING:
    from game.engine import GlossaryHit

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Link:
    rect: pygame.Rect  # relative to the rendered surface
    term_id: str


@dataclass
class Rendered:
    surface: pygame.Surface
    links: list[Link]
    text: str  # the plain text, kept so tests can check what each screen drew


@dataclass(frozen=True)
class _Piece:
    text: str
    role: str  # font role: the block's role, or "em"/"strong" inside body text
    link: str | None


class TextCache:
    """Renders wrapped text and keeps the surfaces; the fonts are set per settings change."""

    def __init__(self, fonts: FontBook, limit: int = 600):
        self.fonts = fonts
        self.limit = limit
        self._cache: OrderedDict[tuple, Rendered] = OrderedDict()
        self._labels: dict[tuple, pygame.Surface] = {}  # a few short words (key badges) in a few colours
        self.renders = 0  # how many paragraphs were actually rendered (the idle-frame test reads it)
        self.used: set[str] = set()  # the texts the current page asked for, cached or not

    def set_fonts(self, fonts: FontBook) -> None:
        if fonts.key != self.fonts.key:
            self._cache.clear()
            self._labels.clear()
        self.fonts = fonts

    def rendered_texts(self) -> list[str]:
        return [r.text for r in self._cache.values()]

    def begin_page(self) -> None:
        """Forget which texts were used: a new page is being composed (the cache itself is kept)."""
        self.used = set()

    def render(
        self,
        spans: tuple[Span, ...],
        role: str,
        width: int,
        colour: RGB,
        background: RGB,
        link_colour: RGB | None = None,
        hits: tuple[GlossaryHit, ...] = (),
        uppercase: bool = False,
    ) -> Rendered:
        key = (spans, role, width, colour, background, link_colour,
               tuple((h.start, h.end, h.term.id) for h in hits), uppercase, self.fonts.key)
        self.used.add("".join(span.text for span in spans))
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        link_colour = link_colour or colour
        rendered = self._render(spans, role, width, colour, background, link_colour, hits, uppercase)
        self.renders += 1
        self._cache[key] = rendered
        if len(self._cache) > self.limit:
            self._cache.popitem(last=False)
        return rendered

    def plain(self, text: str, role: str, width: int, colour: RGB, background: RGB) -> Rendered:
        return self.render((Span(text),), role, width, colour, background)

    def label(self, text: str, role: str, colour: RGB, background: RGB) -> pygame.Surface:
        """One unwrapped line at the font's own height, kept: buttons redraw on every hover and fade frame."""
        key = (text, role, colour, background)
        image = self._labels.get(key)
        if image is None:
            image = self._labels[key] = self.fonts.font(role).render(text, True, colour, background)
        return image

    # -- the work ------------------------------------------------------------------------------------------

    def _pieces(self, spans: tuple[Span, ...], role: str, hits: tuple[GlossaryHit, ...],
                uppercase: bool) -> list[list[_Piece]]:
        """Split the text into words, each a list of pieces that differ in style or link."""
        # Line breaks inside a paragraph are the author's, not ours: wrapping decides where lines end.
        text = "".join(s.text for s in spans).replace("\n", " ")
        if uppercase:
            text = text.upper()
        styles: list[str] = []
        for span in spans:
            styled = role
            if role in ("p", "quote", "notice", "score") and span.style in ("em", "strong"):
                styled = span.style
            styles += [styled] * len(span.text)
        links: list[str | None] = [None] * len(text)
        for hit in hits:
            for i in range(hit.start, min(hit.end, len(text))):
                links[i] = hit.term.id
        words = []
        for match in _WORD.finditer(text):
            pieces: list[_Piece] = []
            start = match.start()
            for i in range(match.start() + 1, match.end() + 1):
                if i == match.end() or (styles[i], links[i]) != (styles[start], links[start]):
                    pieces.append(_Piece(text[start:i], styles[start], links[start]))
                    start = i
            words.append(pieces)
        return words

    def _render(self, spans, role, width, colour, background, link_colour, hits, uppercase) -> Rendered:
        fonts = self.fonts
        line_h = fonts.line_height(role)
        words = self._pieces(spans, role, hits, uppercase)
        lines: list[list[_Piece]] = [[]]
        x = 0
        for word in words:
            word_w = sum(fonts.font(p.role).size(p.text)[0] for p in word)
            last = word[-1]
            # A word may end a line even if its trailing space does not fit.
            last_font = fonts.font(last.role)
            bare_w = word_w - last_font.size(last.text)[0] + last_font.size(last.text.rstrip())[0]
            if x and x + bare_w > width - 4:  # a little slack for kerning
                lines.append([])
                x = 0
            lines[-1].extend(word)
            x += word_w
        # Render first, then size the surface: a run's real width can exceed the sum of its words' widths
        # by a few pixels of kerning, and a fixed-width surface would clip the last full stop.
        rendered_lines = []
        for line in lines:
            row = []
            for n, run in enumerate(runs := _merge(line)):
                shown = run.text.rstrip() if n == len(runs) - 1 else run.text
                ink = link_colour if run.link else colour
                row.append((run, fonts.font(run.role).render(shown, True, ink, background)))
            rendered_lines.append(row)
        used_w = max((sum(image.get_width() for _, image in row) for row in rendered_lines), default=1)
        surface = pygame.Surface((max(1, used_w), max(1, len(lines) * line_h)))
        surface.fill(background)
        found: list[Link] = []
        for number, row in enumerate(rendered_lines):
            x = 0
            y = number * line_h + (line_h - fonts.font(role).get_linesize()) // 2
            for run, image in row:
                font = fonts.font(run.role)
                surface.blit(image, (x, y))
                if run.link:
                    underline_y = y + font.get_ascent() + 3
                    last_x = x + _advance(font, run.text.rstrip()) - 1  # draw.line includes its end point
                    pygame.draw.line(surface, link_colour, (x, underline_y), (last_x, underline_y), 2)
                    found.append(Link(pygame.Rect(x, y, image.get_width(), font.get_linesize()), run.link))
                x += image.get_width()
        return Rendered(surface, found, "".join(s.text for s in spans))


def _advance(font: pygame.font.Font, text: str) -> int:
    """How far the text advances the pen: the width an underline should span.

    A rendered image is wider by a trailing space, and for synthetic italics by the slant's overhang past
    the last letter; the slant does not move the pen, so upright metrics give the advance, kerning included.
    """
    if not font.italic:
        return font.size(text)[0]
    font.italic = False
    try:
        return font.size(text)[0]
    finally:
        font.italic = True


def _merge(line: list[_Piece]) -> list[_Piece]:
    """Join neighbouring pieces of the same style and link into one render call.

    A term of several words thus becomes one run, underlined as a whole across its inner spaces.
    """
    runs: list[_Piece] = []
    for piece in line:
        if runs and runs[-1].role == piece.role and runs[-1].link == piece.link:
            runs[-1] = _Piece(runs[-1].text + piece.text, piece.role, piece.link)
        else:
            runs.append(piece)
    return runs
