"""Column items (text blocks, buttons): each knows its height for a width and draws itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.app.controller import Action
from game.app.documents import Block, Span
from game.window.text import Link, Rendered, TextCache
from game.window.theme import Theme

if TYPE_CHECKING:
    from game.engine import GlossaryHit

# Lists whose chosen item is highlighted rather than marked with a radio button.
_HIGHLIGHTED_LISTS = {"evidence", "term"}


def has_mark(a: Action) -> bool:
    """A radio button or checkbox is drawn beside the label (the kind comes from the action's spec)."""
    return a.kind in ("radio", "toggle") and a.selected is not None and a.group not in _HIGHLIGHTED_LISTS
PAD = 12


@dataclass
class State:
    focused: bool = False
    hovered: bool = False
    pressed: bool = False


class Widget:
    action: Action | None = None
    y = 0
    height = 0
    width = 0

    def layout(self, width: int) -> int:
        raise NotImplementedError

    def draw(self, surface: pygame.Surface, x: int, y: int, state: State) -> None:
        raise NotImplementedError

    def links(self) -> list[Link]:
        return []

    def texts(self) -> list[str]:
        return []


class TextWidget(Widget):
    """One document block: paragraph, heading, quote, stamp, notice or score line."""

    def __init__(self, block: Block, cache: TextCache, theme: Theme, hits: tuple[GlossaryHit, ...] = ()):
        self.block, self.cache, self.theme, self.hits = block, cache, theme, hits
        self._main: Rendered | None = None
        self._aside: Rendered | None = None

    def _colours(self) -> tuple:
        t, kind = self.theme, self.block.kind
        if kind == "notice":
            return t.notice_ink, t.notice
        if kind == "meta":
            return t.muted, t.paper
        if kind in ("stamp", "h1"):
            return t.stamp, t.paper
        return t.ink, t.paper

    def layout(self, width: int) -> int:
        kind = self.block.kind
        fg, bg = self._colours()
        inner = width
        if kind in ("quote", "stamp", "notice"):
            inner = width - 2 * PAD - 6
        if kind == "score" and self.block.aside:
            self._aside = self.cache.plain(self.block.aside, "aside", width // 3, fg, bg)
            inner = width - self._aside.surface.get_width() - 3 * PAD
        else:
            self._aside = None
        self._main = self.cache.render(self.block.spans, kind, inner, fg, bg, self.theme.link, self.hits,
                                       uppercase=kind == "stamp")
        self.width = width
        height = self._main.surface.get_height()
        if self._aside is not None:
            height = max(height, self._aside.surface.get_height())  # a long aside wraps too
        if kind in ("stamp", "notice", "quote"):
            height += 2 * (PAD // 2 if kind == "stamp" else PAD)
        if kind == "stamp" and self.block.aside:
            height += self.cache.fonts.line_height("meta")
        self.height = height
        return height

    def draw(self, surface: pygame.Surface, x: int, y: int, state: State) -> None:
        assert self._main is not None
        t, kind, main = self.theme, self.block.kind, self._main.surface
        if kind == "notice":
            pygame.draw.rect(surface, t.notice, (x, y, self.width, self.height), border_radius=4)
            pygame.draw.rect(surface, t.rule, (x, y, self.width, self.height), 1, border_radius=4)
            surface.blit(main, (x + PAD + 3, y + PAD))
        elif kind == "quote":
            pygame.draw.rect(surface, t.rule, (x, y + 4, 4, self.height - 8))
            surface.blit(main, (x + PAD + 6, y + PAD))
        elif kind == "stamp":
            # A rubber stamp: red double border, slightly inset, typewriter capitals.
            box = pygame.Rect(x, y, main.get_width() + 2 * PAD + 6, main.get_height() + PAD)
            pygame.draw.rect(surface, t.stamp, box, 3, border_radius=3)
            pygame.draw.rect(surface, t.stamp, box.inflate(-8, -8), 1, border_radius=2)
            surface.blit(main, (x + PAD + 3, y + PAD // 2))
            if self.block.aside:
                note = self.cache.plain(self.block.aside, "meta", self.width, t.muted, t.paper).surface
                surface.blit(note, (x, box.bottom + 2))
        else:
            surface.blit(main, (x, y))
            if kind == "h1":
                rule_y = y + main.get_height() + 2
                pygame.draw.line(surface, t.stamp, (x, rule_y), (x + min(self.width, 260), rule_y), 3)
            if self._aside is not None:
                aside = self._aside.surface
                surface.blit(aside, (x + self.width - aside.get_width(), y))

    def links(self) -> list[Link]:
        if self._main is None:
            return []
        dx, dy = {"notice": (PAD + 3, PAD), "quote": (PAD + 6, PAD)}.get(self.block.kind, (0, 0))
        return [Link(link.rect.move(dx, dy), link.term_id) for link in self._main.links]

    def texts(self) -> list[str]:
        return [self.block.text, self.block.aside] if self.block.aside else [self.block.text]


class ButtonWidget(Widget):
    """A pressable box: label, optional shortcut badge, radio or check mark, and a detail line."""

    def __init__(self, action: Action, cache: TextCache, theme: Theme, compact: bool = False):
        self.action, self.cache, self.theme, self.compact = action, cache, theme, compact
        self.label_role = "header" if compact else "button"
        self.badge_role = "badge_small" if compact else "badge"

    def _mark_w(self) -> int:
        a = self.action
        assert a is not None
        return 34 if has_mark(a) else 0

    def _badge_w(self) -> int:
        a = self.action
        assert a is not None
        if not a.shortcut:
            return 0
        return self.cache.fonts.font(self.badge_role).size(a.shortcut)[0] + 14 + 8

    def natural_width(self) -> int:
        a = self.action
        assert a is not None
        label_w = self.cache.fonts.font(self.label_role).size(a.label)[0]
        return label_w + self._badge_w() + self._mark_w() + 2 * PAD + 8  # slack: wrapping keeps 4 px spare

    def _colours(self, state: State) -> tuple:
        t, a = self.theme, self.action
        assert a is not None
        if not a.enabled:
            return t.disabled_ink, t.button
        highlighted = a.selected and not has_mark(a)
        if highlighted:
            return t.selected_ink, t.selected
        if state.hovered or state.pressed:
            return t.button_ink, t.button_hover
        return t.button_ink, t.button

    def _render(self, state: State) -> tuple[Rendered, list[Rendered]]:
        a = self.action
        assert a is not None
        fg, bg = self._colours(state)
        inner = self.width - 2 * PAD - self._badge_w() - self._mark_w()
        label = self.cache.render(a.spans, self.label_role, inner, fg, bg)
        details = []
        if a.detail and not self.compact:
            muted = self.theme.muted if fg == self.theme.button_ink else fg
            # Each line of the detail is its own paragraph (a card's facts, then its progress).
            details = [self.cache.render((Span(line),), "detail", inner, muted, bg)
                       for line in a.detail.splitlines() if line.strip()]
        return label, details

    def layout(self, width: int) -> int:
        self.width = width
        label, details = self._render(State())
        pad = 8 if self.compact else PAD
        detail_h = sum(d.surface.get_height() + 2 for d in details)
        self.height = 2 * pad + label.surface.get_height() + detail_h
        return self.height

    def draw(self, surface: pygame.Surface, x: int, y: int, state: State) -> None:
        t, a = self.theme, self.action
        assert a is not None
        fg, bg = self._colours(state)
        box = pygame.Rect(x, y, self.width, self.height)
        pygame.draw.rect(surface, bg, box, border_radius=6)
        border = t.rule if a.enabled else t.disabled_ink
        pygame.draw.rect(surface, border, box, 2 if not self.compact else 1, border_radius=6)
        label, details = self._render(state)
        pad = 8 if self.compact else PAD
        cx = x + PAD
        line_h = self.cache.fonts.line_height(self.label_role)
        if self._mark_w():
            self._draw_mark(surface, cx, y + pad + line_h // 2, fg, bg)
            cx += self._mark_w()
        if a.shortcut:
            image = self.cache.label(a.shortcut, self.badge_role, fg, bg)
            badge = pygame.Rect(cx, y + pad + (line_h - image.get_height() - 6) // 2, image.get_width() + 14,
                                image.get_height() + 6)
            pygame.draw.rect(surface, fg, badge, 1, border_radius=4)
            surface.blit(image, (badge.x + 7, badge.y + 3))
            cx += self._badge_w()
        surface.blit(label.surface, (cx, y + pad))
        dy = y + pad + label.surface.get_height() + 2
        for detail in details:
            surface.blit(detail.surface, (cx, dy))
            dy += detail.surface.get_height() + 2
        if state.focused:
            # Two rings, blue outside paper-coloured, so the focus shows on any background.
            pygame.draw.rect(surface, t.paper, box.inflate(4, 4), 2, border_radius=8)
            pygame.draw.rect(surface, t.focus, box.inflate(10, 10), 4, border_radius=10)

    def _draw_mark(self, surface: pygame.Surface, x: int, cy: int, fg, bg) -> None:
        a = self.action
        assert a is not None
        if a.kind == "radio":
            pygame.draw.circle(surface, fg, (x + 10, cy), 10, 2)
            if a.selected:
                pygame.draw.circle(surface, fg, (x + 10, cy), 5)
        else:
            box = pygame.Rect(x, cy - 10, 20, 20)
            pygame.draw.rect(surface, fg, box, 2, border_radius=2)
            if a.selected:
                pygame.draw.lines(surface, fg, False, [(x + 4, cy), (x + 9, cy + 5), (x + 16, cy - 6)], 3)

    def texts(self) -> list[str]:
        a = self.action
        assert a is not None
        return [a.label, *a.detail.splitlines()]
