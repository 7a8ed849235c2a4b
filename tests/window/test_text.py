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


def first_ink_of_last_glyph(surface: pygame.Surface, rows: range) -> int:
    """The leftmost column of the last glyph on the line, looked for in rows near the baseline (where a
    slanted letter has hardly moved): scanning from the right, ink, then the gap before it."""
    def ink(x: int) -> bool:
        return any(surface.get_at((x, y))[:3] != PAPER for y in rows)

    x = surface.get_width() - 1
    while x >= 0 and not ink(x):
        x -= 1
    while x >= 0 and ink(x):
        x -= 1
    return x + 1


@pytest.mark.parametrize("role", ["p", "meta", "button"])
def test_an_italic_run_is_followed_by_one_space_not_two(fonts: FontBook, role: str) -> None:
    """"Fond 3, *opis* 1": the 1 stands where it would after an upright opis (it stood 4 px further)."""
    cache = TextCache(fonts)
    slanted = cache.render((Span("Fond 3, "), Span("opis", "em"), Span(" 1")), role, 900, INK, PAPER).surface
    upright = cache.render((Span("Fond 3, opis 1"),), role, 900, INK, PAPER).surface
    font = fonts.font(role)
    baseline = (fonts.line_height(role) - font.get_linesize()) // 2 + font.get_ascent()
    rows = range(baseline - font.get_ascent() // 4, baseline)
    assert abs(first_ink_of_last_glyph(slanted, rows) - first_ink_of_last_glyph(upright, rows)) <= 1


def test_wrapping_measures_an_italic_word_by_its_advance(fonts: FontBook) -> None:
    cache = TextCache(fonts)
    words = [Span("word ", "em") for _ in range(40)]
    italic = cache.render(tuple(words), "p", 500, INK, PAPER)
    upright = cache.render(tuple(Span(s.text) for s in words), "p", 500, INK, PAPER)
    # The same words per line, slanted or not: a slant leans, it takes no room.
    assert italic.surface.get_height() == upright.surface.get_height()


@pytest.mark.parametrize("role", ["button", "header", "meta", "detail", "h2"])
def test_emphasis_is_drawn_in_every_role_that_shows_labels(fonts: FontBook, role: str) -> None:
    from game.app.actions import act

    action = act("choose:0", "Order *Pravda* for December 1934")
    assert "".join(s.text for s in action.spans) == "Order Pravda for December 1934"
    cache = TextCache(fonts)
    marked = cache.render(action.spans, role, 900, INK, PAPER)
    plain = cache.render((Span("Order Pravda for December 1934"),), role, 900, INK, PAPER)
    assert marked.text == "Order Pravda for December 1934"  # no asterisks on the page
    assert pygame.image.tobytes(marked.surface, "RGB") != pygame.image.tobytes(plain.surface, "RGB")
    assert cache.fonts.font(f"{role}+em").italic


def test_a_button_label_with_emphasis_shows_italics_without_asterisks(make_driver) -> None:
    from game.app.actions import act
    from game.window.widgets import ButtonWidget, State

    d = make_driver()
    action = act("choose:0", "Order the émigré *Bulletin of the Opposition*, 1934–35", number=1)
    button = ButtonWidget(action, d.app.cache, d.app.theme)
    button.layout(700)
    assert button.texts()[0] == "Order the émigré Bulletin of the Opposition, 1934–35"
    assert button.natural_width() < 700
    surface = pygame.Surface((720, button.height))
    button.draw(surface, 0, 0, State())
    assert "Order the émigré Bulletin of the Opposition, 1934–35" in d.app.cache.rendered_texts()
