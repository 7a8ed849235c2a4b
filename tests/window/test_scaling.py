"""The page fits any window: scaled to it keeping 16:9, text rendered at the scaled size, clicks mapped back.

The window is resized the way a player's drag does it: SDL changes its size and sends the resize events.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from game.app.settings import Settings  # noqa: E402
from game.window.fonts import BODY_SIZES  # noqa: E402
from game.window.widgets import ButtonWidget, State  # noqa: E402

pytestmark = pytest.mark.window

# A small laptop window, a 1366x768 laptop less its taskbar, a full-HD screen.
SIZES = [(900, 560), (1366, 728), (1920, 1080)]


def window_rect(d, action_key: str) -> pygame.Rect:
    rect, _ = d.widget_rect(action_key)
    return rect.move(d.app.viewport.rect.topleft)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_page_fills_the_window_uncropped_and_clicks_land_on_their_buttons(make_driver, size):
    d = make_driver()
    d.resize(size)
    view = d.app.viewport.rect
    window = pygame.Rect((0, 0), size)
    # As large as fits, 16:9, centred; the scale is fractional (none of these is a whole multiple).
    assert window.contains(view)
    assert view.width == size[0] or view.height == size[1]
    assert abs(view.width / view.height - 16 / 9) < 0.01
    assert abs(view.centerx - window.centerx) <= 1 and abs(view.centery - window.centery) <= 1
    scale = d.app.metrics.scale
    assert scale == pytest.approx(min(size[0] / 1280, size[1] / 720))
    # Crisp: the fonts are opened at the scaled size, and the page is drawn at the window's resolution.
    assert d.app.fonts.size_of("p") == round(BODY_SIZES[d.c.settings.text_size] * scale)
    assert d.app.surface.get_size() == view.size
    shown = pygame.display.get_surface().subsurface(view)
    assert pygame.image.tobytes(shown, "RGB") == pygame.image.tobytes(d.app.surface, "RGB")

    for key in ("cases", "case:tutorial", "begin"):
        d.click_window(window_rect(d, key).center)
    assert d.c.screen is Screen.SCENE
    page = d.app.page
    assert page.header, "the top bar has its tabs"
    for widget in page.header:  # every tab, the disabled ones too, whole in the window
        assert view.contains(page.rect_of(widget, None).move(view.topleft)), widget.action.key
    for pane in page.panes:
        assert pygame.Rect((0, 0), view.size).contains(pane.rect), pane.key
    choices = [a.key for a in d.c.actions() if a.name == "choose"]
    assert choices
    for key in choices:
        rect, pane = d.widget_rect(key)
        assert rect.width <= pane.rect.width and rect.height <= pane.rect.height, "a choice does not fit"
    # A click lands on the button under it: the second choice, then the casebook tab.
    d.scroll_into_view(choices[-1])
    target = d.c.view.choices[-1].goto
    d.click_window(window_rect(d, choices[-1]).center)
    assert d.c.session.history and d.c.view.scene_id == target
    d.click_window(window_rect(d, "casebook").center)
    assert d.c.screen is Screen.CASEBOOK


def test_growing_the_window_renders_the_text_larger_not_stretched(make_driver):
    d = make_driver()
    d.resize((1280, 720))
    small = d.app.cache.render(d.c.document()[0].spans, "h1", 2000, (0, 0, 0), (255, 255, 255)).surface
    d.resize((1920, 1080))
    large = d.app.cache.render(d.c.document()[0].spans, "h1", 2000, (0, 0, 0), (255, 255, 255)).surface
    assert d.app.metrics.scale == pytest.approx(1.5)
    assert large.get_height() == pytest.approx(small.get_height() * 1.5, rel=0.08)
    assert large.get_width() == pytest.approx(small.get_width() * 1.5, rel=0.08)
    # Shrinking again brings the layout back: nothing is left over from the larger size.
    d.resize((1280, 720))
    assert d.app.metrics.scale == 1.0 and d.app.surface.get_size() == (1280, 720)


def test_f11_goes_full_screen_and_back_and_the_page_follows(make_driver):
    d = make_driver()
    windowed = pygame.display.get_surface().get_size()
    d.key(pygame.K_F11)
    d.frame()
    assert pygame.display.is_fullscreen()
    full = pygame.display.get_surface().get_size()
    assert d.app.viewport.window == full
    assert pygame.Rect((0, 0), full).contains(d.app.viewport.rect)
    d.key(pygame.K_F11)
    d.frame()
    assert not pygame.display.is_fullscreen()
    assert pygame.display.get_surface().get_size() == windowed == d.app.viewport.window
    d.press("help")
    assert "F11" in [b.aside for b in d.c.document() if b.kind == "score"], "Help lists the key"


# -- every text size --------------------------------------------------------------------------------------

LONG_TITLE = "The Missing Page: a practice case in the reading room of a Moscow archive, spring 1992"


def open_long_titled_case(d) -> None:
    scenarios = d.c.catalog.scenarios
    scenarios["tutorial"] = replace(scenarios["tutorial"], title=LONG_TITLE)
    for key in ("cases", "case:tutorial", "begin"):
        d.click_action(key)
    assert d.c.screen is Screen.SCENE


@pytest.mark.parametrize("text_size", range(len(BODY_SIZES)))
def test_at_every_text_size_the_title_is_ellipsised_and_the_case_card_stays(make_driver, text_size):
    d = make_driver(settings=Settings(text_size=text_size))
    open_long_titled_case(d)
    page = d.app.page
    shown = page.title_shown
    assert shown.endswith("…") and LONG_TITLE.startswith(shown[:-1].rstrip())
    font = d.app.fonts.font("header")
    left_tab = min(page.header_x.values())
    assert d.app.metrics.px(24) + font.size(shown)[0] <= left_tab - d.app.metrics.px(16)
    card, column = page.panes[0], page.panes[-1]
    assert card.key == "case-card", [p.key for p in page.panes]
    assert not card.rect.colliderect(column.rect) and card.rect.width >= d.app.metrics.px(180)
    assert "Case file" in card.widgets[0].texts()
    assert d.app.metrics.sheet.contains(column.rect)


def mark_and_badge(d, action) -> tuple[int, int]:
    """The drawn checkbox's height (its ink) and the badge's height, for a button at the current size."""
    button = ButtonWidget(action, d.app.cache, d.app.theme)
    button.layout(800)
    surface = pygame.Surface((820, button.height))
    surface.fill(d.app.theme.paper)
    button.draw(surface, 0, 0, State())
    mark = button.mark_rect(0, 0)
    fg = d.app.theme.button_ink
    rows = [y for y in range(surface.get_height())
            if any(surface.get_at((x, y))[:3] == fg for x in range(mark.left, mark.right))]
    assert rows, "no checkbox drawn"
    badge = button.badge_rect(0, 0)
    assert badge is not None
    assert surface.get_at((badge.left, badge.centery))[:3] == fg, "no badge border drawn where it should be"
    return rows[-1] - rows[0] + 1, badge.height


def test_checkboxes_and_badges_grow_with_the_text(make_driver):
    from game.app.actions import act

    action = act("cite:x", "A document", number=3, selected=False)
    sizes = {}
    for text_size in (0, len(BODY_SIZES) - 1):
        d = make_driver(settings=Settings(text_size=text_size))
        sizes[text_size] = mark_and_badge(d, action), d.app.fonts.size_of("button")
        pygame.display.quit()
    (mark_small, badge_small), font_small = sizes[0]
    (mark_large, badge_large), font_large = sizes[len(BODY_SIZES) - 1]
    growth = font_large / font_small
    assert mark_large / mark_small == pytest.approx(growth, rel=0.15)
    assert badge_large / badge_small == pytest.approx(growth, rel=0.2)
    assert mark_large >= font_large * 0.9  # as tall as the letters beside it


def test_the_case_card_keeps_its_lines_whole_at_the_largest_text_size(make_driver):
    d = make_driver(settings=Settings(text_size=len(BODY_SIZES) - 1))
    for key in ("cases", "case:kirov", "begin"):  # the case with the most documents
        d.click_action(key)
    card = d.app.page.panes[0]
    counts = [w for w in card.widgets if any(t.startswith("Documents:") for t in w.texts())]
    assert counts and counts[0].height <= d.app.fonts.line_height("meta"), "the document count wrapped"


def test_a_window_being_dragged_is_laid_out_once_it_rests(make_driver, monkeypatch):
    import types
    import warnings

    from game.window import app as window_app

    clock = {"now": 1000.0}
    monkeypatch.setattr(window_app, "time", types.SimpleNamespace(perf_counter=lambda: clock["now"]))
    d = make_driver()
    renders = d.app.cache.renders
    for size in ((1000, 600), (1100, 650), (1200, 700)):  # the steps of one drag
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().size = size
        d.app.frame()
        clock["now"] += 0.05
        assert d.app.viewport.window == (1280, 720), "laid out again in the middle of a drag"
        # Meanwhile the window shows the last picture scaled to fit, the bars in the folder's colour.
        display = pygame.display.get_surface()
        assert display.get_at((1, 1))[:3] == d.app.theme.folder
        assert display.get_at((size[0] // 2, size[1] // 2))[:3] != (0, 0, 0)
    assert d.app.cache.renders == renders
    clock["now"] += 0.2
    d.app.frame()
    assert d.app.viewport.window == (1200, 700)
    assert d.app.metrics.scale == pytest.approx(min(1200 / 1280, 700 / 720))
    assert d.app.cache.renders > renders, "the text is rendered again at the new size"


def test_a_title_with_emphasis_shows_no_asterisks_in_the_strip_or_the_case_card(make_driver):
    d = make_driver()
    scenarios = d.c.catalog.scenarios
    scenarios["tutorial"] = replace(scenarios["tutorial"], title="The *Pravda* Page")
    for key in ("cases", "case:tutorial", "begin"):
        d.click_action(key)
    page = d.app.page
    shown = page.title_shown
    assert "*" not in shown and "The Pravda Page".startswith(shown.removesuffix("…")), shown
    card = page.panes[0]
    title = next(w for w in card.widgets if w.block.kind == "h3")
    assert [s.style for s in title.block.spans] == ["", "em", ""]
