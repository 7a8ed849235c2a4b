"""Glossary links in wrapped text: the underline spans the term's letters and nothing after them."""

from __future__ import annotations

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.documents import Span  # noqa: E402
from game.app.settings import Settings  # noqa: E402
from game.engine.glossary import GlossaryHit, Term  # noqa: E402
from game.window.fonts import FontBook  # noqa: E402
from game.window.text import TextCache  # noqa: E402

pytestmark = pytest.mark.window
INK, PAPER, LINK = (0, 0, 0), (255, 255, 255), (0, 0, 200)


@pytest.fixture
def fonts() -> FontBook:
    pygame.font.init()
    return FontBook(Settings())


def underline(fonts: FontBook, spans: tuple[Span, ...], start: int, end: int) -> tuple[int, int]:
    """Where the link colour runs on the underline row: (first x, last x + 1)."""
    text = "".join(s.text for s in spans)
    hit = GlossaryHit(start, end, Term("term", text[start:end], "A definition."))
    rendered = TextCache(fonts).render(spans, "p", 900, INK, PAPER, LINK, (hit,))
    (link,) = rendered.links
    row = link.rect.y + fonts.font("p").get_ascent() + 3
    surface = rendered.surface
    xs = [x for x in range(surface.get_width()) if surface.get_at((x, row))[:3] == LINK]
    return xs[0], xs[-1] + 1


# An italic word leans past its advance (and, unlike the upright face, its image is wider than it): the
# underline follows the advance, which the upright face measures. The space after the word is not the link's.
@pytest.mark.parametrize(("style", "measured_in"), [("", "p"), ("em", "p"), ("strong", "strong")])
def test_the_underline_ends_with_the_word(fonts: FontBook, style: str, measured_in: str) -> None:
    first, last = underline(fonts, (Span("The "), Span("NKVD", style), Span(" came at night.")), 4, 8)
    assert first == fonts.font("p").size("The ")[0]
    assert last - first == fonts.font(measured_in).size("NKVD")[0]


def test_a_two_word_term_is_underlined_as_one(fonts: FontBook) -> None:
    first, last = underline(fonts, (Span("At the show trial, again."),), 7, 17)
    assert first == fonts.font("p").size("At the ")[0]
    assert last - first == fonts.font("p").size("show trial")[0]
