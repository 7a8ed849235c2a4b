"""Word-wrapped rich text (emphasis, strong, glossary links) rendered once and cached.

Rendering a paragraph costs about ten times as much as blitting it, and a text adventure redraws the
same paragraphs over and over, so every rendered paragraph is kept keyed by its text, width and look.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.app.documents import Span
from game.window.fonts import FontBook, styled
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
    role: str  # font role: the block's role, or e.g. "p+em" for an italic run in a paragraph
    link: str | None


class TextCache:
    """Renders wrapped text and keeps the surfaces; the fonts are set per settings change."""

    def __init__(self, fonts: FontBook, limit: int = 600):
        self.fonts = fonts
        self.limit = limit
        self._cache: OrderedDict[tuple, Rendered] = OrderedDict()
        self._labels: dict[tuple, pygame.Surface] = {}  # a few short words (key badges) in a few colours
        # Word widths by font role: prose repeats its words, and measuring one costs as much as a page of
        # lookups. Laying a long page out again at a new window size is mostly this.
        self._widths: dict[tuple[str, str], int] = {}
        self.renders = 0  # how many paragraphs were actually rendered (the idle-frame test reads it)
        self.used: set[str] = set()  # the texts the current page asked for, cached or not

    def set_fonts(self, fonts: FontBook) -> None:
        if fonts.key != self.fonts.key:
            self._cache.clear()
            self._labels.clear()
            self._widths.clear()
        self.fonts = fonts

    def width(self, role: str, text: str) -> int:
        """How far the text advances the pen in the role's font (remembered)."""
        key = (role, text)
        found = self._widths.get(key)
        if found is None:
            if len(self._widths) > 50_000:
                self._widths.clear()
            found = self._widths[key] = _advance(self.fonts.font(role), text)
        return found

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

    def measure(self, spans: tuple[Span, ...], role: str) -> int:
        """How wide the spans run on one line, as `render` would set them (without wrapping)."""
        return sum(self.width(styled(role, span.style), span.text) for span in spans)

    # -- the work ------------------------------------------------------------------------------------------

    def _pieces(self, spans: tuple[Span, ...], role: str, hits: tuple[GlossaryHit, ...],
                uppercase: bool) -> list[list[_Piece]]:
        """Split the text into words, each a list of pieces that differ in style or link."""
        # Line breaks inside a paragraph are the author's, not ours: wrapping decides where lines end.
        text = "".join(s.text for s in spans).replace("\n", " ")
        if uppercase:
            text = text.upper()
        # Where the look changes: span edges (any block can carry emphasis) and glossary links' edges.
        starts, roles = [], []
        at = 0
        for span in spans:
            starts.append(at)
            roles.append(styled(role, span.style))
            at += len(span.text)
        ordered = sorted((h.start, min(h.end, len(text)), h.term.id) for h in hits if h.start < len(text))
        link_starts = [h[0] for h in ordered]
        edges = sorted({*starts, *link_starts, *(h[1] for h in ordered)})

        def look(i: int) -> tuple[str, str | None]:
            n = bisect_right(link_starts, i) - 1
            link = ordered[n][2] if n >= 0 and i < ordered[n][1] else None
            return roles[bisect_right(starts, i) - 1], link

        words = []
        for match in _WORD.finditer(text):
            begin, end = match.span()
            cuts = edges[bisect_right(edges, begin):bisect_left(edges, end)]
            pieces = []
            for a, b in zip([begin, *cuts], [*cuts, end], strict=True):
                piece_role, link = look(a)
                if pieces and (pieces[-1].role, pieces[-1].link) == (piece_role, link):
                    pieces[-1] = _Piece(pieces[-1].text + text[a:b], piece_role, link)
                else:
                    pieces.append(_Piece(text[a:b], piece_role, link))
            words.append(pieces)
        return words

    def _render(self, spans, role, width, colour, background, link_colour, hits, uppercase) -> Rendered:
        fonts = self.fonts
        line_h = fonts.line_height(role)
        words = self._pieces(spans, role, hits, uppercase)
        lines: list[list[_Piece]] = [[]]
        x = 0
        slack = fonts.px(4)  # a little room for kerning
        for word in words:
            word_w = sum(self.width(p.role, p.text) for p in word)
            last = word[-1]
            # A word may end a line even if its trailing space does not fit.
            bare = last.text.rstrip()
            bare_w = word_w if bare == last.text else \
                word_w - self.width(last.role, last.text) + self.width(last.role, bare)
            if x and x + bare_w > width - slack:
                lines.append([])
                x = 0
            lines[-1].extend(word)
            x += word_w
        # Each run is placed where the pen stands after the one before (its advance), not after the end of
        # its image: a slanted run's image is wider than its advance, and placing the next run after the
        # image drew a double space after every italic word. Runs are rendered transparent and composed on
        # the background, so the slant of an italic letter is not painted over by the next run's space.
        placed: list[list[tuple[_Piece, int, pygame.Surface]]] = []
        right = 1
        for line in lines:
            row = []
            x = 0
            for n, run in enumerate(runs := _merge(line)):
                shown = run.text.rstrip() if n == len(runs) - 1 else run.text
                if not shown:
                    continue
                font = fonts.font(run.role)
                image = font.render(shown, True, link_colour if run.link else colour)
                row.append((run, x, image))
                right = max(right, x + image.get_width())
                x += self.width(run.role, shown)
            placed.append(row)
        # The surface is sized after rendering: a run's image can exceed its measured width by a few pixels
        # of kerning or slant, and a fixed-width surface would clip the last full stop.
        surface = pygame.Surface((right, max(1, len(lines) * line_h)))
        surface.fill(background)
        found: list[Link] = []
        underline_gap, underline_w = fonts.px(3), fonts.metrics.thin(2)
        for number, row in enumerate(placed):
            y = number * line_h + (line_h - fonts.font(role).get_linesize()) // 2
            for run, x, image in row:
                font = fonts.font(run.role)
                surface.blit(image, (x, y))
                if run.link:
                    advance = self.width(run.role, run.text.rstrip())
                    underline_y = y + font.get_ascent() + underline_gap
                    last_x = x + advance - 1  # draw.line includes its end point
                    pygame.draw.line(surface, link_colour, (x, underline_y), (last_x, underline_y),
                                     underline_w)
                    found.append(Link(pygame.Rect(x, y, max(advance, 1), font.get_linesize()), run.link))
        return Rendered(surface, found, "".join(s.text for s in spans))


def _advance(font: pygame.font.Font, text: str) -> int:
    """How far the text advances the pen: where the next run starts, and the width an underline spans.

    For synthetic italics a rendered image (and font.size) is wider by the slant's overhang past the last
    letter; the slant does not move the pen, so upright metrics give the advance, kerning included.
    """
    if not font.italic:
        return font.size(text)[0]
    font.italic = False
    try:
        return font.size(text)[0]
    finally:
        font.italic = True


def ellipsise(font: pygame.font.Font, text: str, width: int) -> str:
    """The text, or as much of it as fits in width followed by "…", ending on a whole word if one is near."""
    if font.size(text)[0] <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if font.size(text[:mid].rstrip() + "…")[0] <= width:
            low = mid
        else:
            high = mid - 1
    cut = text[:low]
    space = cut.rfind(" ")
    if space >= max(1, low - 12):  # end on a whole word unless that would throw away much
        cut = cut[:space]
    cut = cut.rstrip(" ,;:·-–")
    return cut + "…" if cut else ("…" if font.size("…")[0] <= width else "")


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
