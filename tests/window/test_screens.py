"""Every screen draws its text, in every look; the themes meet WCAG contrast."""

from __future__ import annotations

import pytest

from game.app.settings import Settings
from game.engine.prose import plain
from game.window.theme import THEMES, contrast_ratio
from game.window.tour import tour

ALL_SCREENS = {"title", "help", "settings", "cases", "briefing", "scene", "glossary", "casebook", "verdict",
               "verdict-review", "debrief", "error"}


def test_every_theme_meets_its_contrast_minimum():
    for theme in THEMES.values():
        for label, fg, bg in theme.text_pairs():
            ratio = contrast_ratio(fg, bg)
            assert ratio >= theme.min_text_contrast, f"{theme.name}: {label} is {ratio:.2f}:1"
        # The focus ring is not text, but it must stand out (WCAG non-text contrast, 3:1).
        assert contrast_ratio(theme.focus, theme.paper) >= 3
        assert contrast_ratio(theme.focus, theme.button) >= 3
    assert THEMES["high_contrast"].min_text_contrast >= 7


def test_contrast_ratio_matches_known_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)


@pytest.mark.window
@pytest.mark.parametrize("settings", [
    Settings(),
    Settings(text_size=3, high_contrast=True, reading_font=True),
    Settings(text_size=0, reduced_motion=True),
], ids=["default", "largest-high-contrast-lexend", "smallest"])
def test_each_screen_draws_its_text(make_driver, settings):
    d = make_driver(settings=settings)
    seen = set()
    for name in tour(d.c):
        d.frame()
        seen.add(name)
        page_texts = d.texts()
        assert page_texts, name
        rendered = set(d.app.cache.rendered_texts())
        for block in d.c.document():
            if block.text:
                assert block.text in rendered, f"{name}: {block.text[:60]!r} was not rendered"
        for action in d.c.actions():
            label = plain(action.spans)  # the words, without the *markup*
            assert label in rendered, f"{name}: button {label!r} was not rendered"
            if not action.enabled and action.reason:
                assert action.reason in rendered, f"{name}: {action.key} does not say why it is disabled"
        # Something was drawn on the sheet: more than a handful of colours in it.
        sheet = d.app.surface.subsurface((300, 80, 600, 200))
        colours = {tuple(sheet.get_at((x, y))) for x in range(0, 600, 7) for y in range(0, 200, 5)}
        assert len(colours) > 3, f"{name} looks blank"
        if name == "glossary":
            card = d.app.page.panes[0]  # a short definition fits its card whole, without scrolling
            assert card.content_h > 0 and card.max_scroll == 0, (card.content_h, card.rect)
    assert seen == ALL_SCREENS


@pytest.mark.window
def test_lines_stay_under_about_75_characters(make_driver):
    d = make_driver(settings=Settings(text_size=0))
    for name in tour(d.c):
        d.frame()
        if name == "scene":
            break
    font = d.app.fonts.font("p")
    for pane in d.app.page.panes:
        average = font.size("the quick brown fox jumps over the lazy dog")[0] / 43
        assert pane.rect.width / average <= 80


@pytest.mark.window
def test_every_shipped_case_draws_every_screen(make_driver):
    d = make_driver()
    d.c.unlocks = type(d.c.unlocks)(all=True)  # the capstone opens after three cases: tour it as a teacher
    cases = list(d.c.catalog.scenarios)
    assert "tutorial" in cases and not d.c.catalog.failures, d.c.catalog.failures
    for case in cases:
        d.c.perform("menu") or d.c.back()
        names = []
        for name in tour(d.c, case):
            d.frame()
            assert d.texts(), (case, name)
            names.append(name)
        assert "debrief" in names, (case, names)


@pytest.mark.window
def test_tab_reaches_every_action_on_every_screen_and_the_ring_shows(make_driver):
    import pygame

    d = make_driver()
    for name in tour(d.c):
        d.frame()
        wanted = {a.key for a in d.c.actions() if a.enabled}
        reached = set()
        for _ in range(len(wanted) + 2):
            d.key(pygame.K_TAB)
            reached.add(d.app.focus_key)
        assert reached == wanted, name
        widget, pane = d.app.focused()
        ring = d.app.page.rect_of(widget, pane).inflate(10, 10)
        edge = [d.app.surface.get_at((ring.centerx, ring.top + dy))[:3] for dy in range(4)]
        assert d.app.theme.focus in edge, f"{name}: no focus ring at {ring}"
