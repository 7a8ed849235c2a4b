"""Column items (text blocks, buttons): each knows its height for a width and draws itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.app.controller import Action
from game.app.documents import Block, Span
from game.engine.prose import plain
from game.window.text import Link, Rendered, TextCache
from game.window.theme import Theme

if TYPE_CHECKING:
    from game.engine import GlossaryHit

# Lists whose chosen item is highlighted rather than marked with a radio button.
_HIGHLIGHTED_LISTS = {"evidence", "term"}
# A choice's badge (Action.badge) as the small stamp at the button's right: taken before, or just opened.
BADGE_WORDS = {"done": "DONE", "new": "NEW", "pinned": "PINNED"}


def has_mark(a: Action) -> bool:
    """A radio button or checkbox is drawn beside the label (the kind comes from the action's spec)."""
    return a.kind in ("radio", "toggle") and a.selected is not None and a.group not in _HIGHLIGHTED_LISTS
PAD = 12


@dataclass
class State:
    focused: bool = False
    hovered: bool = False
    pressed: bool = False


@dataclass(frozen=True)
class _Geometry:
    """A button's measurements in pixels at the current scale and text size."""

    pad: int  # inside the box, above and below the label
    side: int  # inside the box, left of the mark and right of the text
    mark: int  # the checkbox's side, or the radio button's diameter
    mark_w: int  # the room the mark takes, with its gap
    across: int  # the badge's padding beside its key
    down: int  # and above and below it
    badge_w: int  # the room the badge takes, with its gap
    badge_text: tuple[int, int]  # the key's size in the badge font
    tag_w: int  # the room the DONE or NEW stamp takes at the right, with its gap
    tag_text: tuple[int, int]
    line_h: int  # the label's line height: marks and badges are centred on the first line


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

    def _px(self, units: float) -> int:
        return self.cache.fonts.px(units)

    def _inset(self) -> tuple[int, int]:
        """Where the text starts inside a boxed block (across, down)."""
        pad = self._px(PAD)
        return {"notice": (pad + self._px(3), pad), "quote": (pad + self._px(6), pad),
                "stamp": (pad + self._px(3), pad // 2)}.get(self.block.kind, (0, 0))

    def layout(self, width: int) -> int:
        kind = self.block.kind
        fg, bg = self._colours()
        pad = self._px(PAD)
        inner = width
        if kind in ("quote", "stamp", "notice"):
            inner = width - 2 * pad - self._px(6)
        if kind == "score" and self.block.aside:
            self._aside = self.cache.plain(self.block.aside, "aside", width // 3, fg, bg)
            inner = width - self._aside.surface.get_width() - 3 * pad
        else:
            self._aside = None
        self._main = self.cache.render(self.block.spans, kind, inner, fg, bg, self.theme.link, self.hits,
                                       uppercase=kind == "stamp")
        self.width = width
        height = self._main.surface.get_height()
        if self._aside is not None:
            height = max(height, self._aside.surface.get_height())  # a long aside wraps too
        if kind in ("stamp", "notice", "quote"):
            height += 2 * (pad // 2 if kind == "stamp" else pad)
        if kind == "stamp" and self.block.aside:
            height += self.cache.fonts.line_height("meta")
        self.height = height
        return height

    def draw(self, surface: pygame.Surface, x: int, y: int, state: State) -> None:
        assert self._main is not None
        t, kind, main = self.theme, self.block.kind, self._main.surface
        m = self.cache.fonts.metrics
        dx, dy = self._inset()
        if kind == "notice":
            box = (x, y, self.width, self.height)
            pygame.draw.rect(surface, t.notice, box, border_radius=m.thin(4))
            pygame.draw.rect(surface, t.rule, box, m.thin(1), border_radius=m.thin(4))
            surface.blit(main, (x + dx, y + dy))
        elif kind == "quote":
            pygame.draw.rect(surface, t.rule, (x, y + m.px(4), m.thin(4), self.height - m.px(8)))
            surface.blit(main, (x + dx, y + dy))
        elif kind == "stamp":
            # A rubber stamp: red double border, slightly inset, typewriter capitals.
            pad = self._px(PAD)
            box = pygame.Rect(x, y, main.get_width() + 2 * pad + self._px(6), main.get_height() + pad)
            pygame.draw.rect(surface, t.stamp, box, m.thin(3), border_radius=m.thin(3))
            pygame.draw.rect(surface, t.stamp, box.inflate(-m.px(8), -m.px(8)), m.thin(1),
                             border_radius=m.thin(2))
            surface.blit(main, (x + dx, y + dy))
            if self.block.aside:
                note = self.cache.plain(self.block.aside, "meta", self.width, t.muted, t.paper).surface
                surface.blit(note, (x, box.bottom + m.px(2)))
        else:
            surface.blit(main, (x, y))
            if kind == "h1":
                rule_y = y + main.get_height() + m.px(2)
                pygame.draw.line(surface, t.stamp, (x, rule_y), (x + min(self.width, m.px(260)), rule_y),
                                 m.thin(3))
            if self._aside is not None:
                aside = self._aside.surface
                surface.blit(aside, (x + self.width - aside.get_width(), y))

    def links(self) -> list[Link]:
        if self._main is None:
            return []
        dx, dy = self._inset()
        return [Link(link.rect.move(dx, dy), link.term_id) for link in self._main.links]

    def texts(self) -> list[str]:
        return [self.block.text, self.block.aside] if self.block.aside else [self.block.text]


class ButtonWidget(Widget):
    """A pressable box: label, optional shortcut badge, radio or check mark, and a detail line.

    A disabled button says why under its box (the action's reason), in a muted line that is part of the
    widget, so it moves and scrolls with the button and changes as soon as the reason does. The marks and
    badges are sized from the label's font, so they grow with the text size.
    """

    def __init__(self, action: Action, cache: TextCache, theme: Theme, compact: bool = False):
        self.action, self.cache, self.theme, self.compact = action, cache, theme, compact
        self.label_role = "header" if compact else "button"
        self.badge_role = "badge_small" if compact else "badge"
        self.box_h = 0  # the pressable box; below it, for a disabled button, its reason
        self._geometry: _Geometry | None = None

    @property
    def _fonts(self):
        return self.cache.fonts

    @property
    def geometry(self) -> _Geometry:
        """Measured once: a widget lives for one layout, at one scale and text size."""
        if self._geometry is None:
            fonts, a = self._fonts, self.action
            assert a is not None
            mark = round(fonts.size_of(self.label_role) * 1.1)  # a little taller than a capital
            badge_px = fonts.size_of(self.badge_role)
            # Inside the badge's border (across, down), and the gap after it: in proportion to its text.
            across, down, after = max(2, round(badge_px * 0.47)), max(1, round(badge_px * 0.2)), \
                max(3, round(badge_px * 0.53))
            badge_font = fonts.font(self.badge_role)
            text_w, text_h = badge_font.size(a.shortcut) if a.shortcut else (0, 0)
            word = BADGE_WORDS.get(a.badge, "")
            tag_text = badge_font.size(word) if word else (0, 0)
            self._geometry = _Geometry(
                pad=fonts.px(8 if self.compact else PAD), side=fonts.px(PAD), mark=mark,
                mark_w=mark * 17 // 10 if has_mark(a) else 0, across=across, down=down,
                badge_w=text_w + 2 * across + after if a.shortcut else 0, badge_text=(text_w, text_h),
                tag_w=tag_text[0] + 2 * across + after if word else 0, tag_text=tag_text,
                line_h=fonts.line_height(self.label_role))
        return self._geometry

    def mark_size(self) -> int:
        """The side of the checkbox (or the radio button's diameter)."""
        return self.geometry.mark

    def _mark_w(self) -> int:
        return self.geometry.mark_w

    def _badge_w(self) -> int:
        return self.geometry.badge_w

    def natural_width(self) -> int:
        a = self.action
        assert a is not None
        label_w = self.cache.measure(a.spans, self.label_role)
        # Slack: wrapping keeps 4 px spare.
        g = self.geometry
        return label_w + g.badge_w + g.mark_w + g.tag_w + 2 * g.side + self._fonts.px(8)

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

    def _inner(self) -> int:
        g = self.geometry
        return self.width - 2 * g.side - g.badge_w - g.mark_w - g.tag_w

    def _render(self, state: State) -> tuple[Rendered, list[Rendered]]:
        a = self.action
        assert a is not None
        fg, bg = self._colours(state)
        inner = self._inner()
        label = self.cache.render(a.spans, self.label_role, inner, fg, bg)
        details = []
        if a.detail and not self.compact:
            muted = self.theme.muted if fg == self.theme.button_ink else fg
            # Each line of the detail is its own paragraph (a card's facts, then its progress).
            details = [self.cache.render((Span(line),), "detail", inner, muted, bg)
                       for line in a.detail.splitlines() if line.strip()]
        return label, details

    def reason(self) -> Rendered | None:
        """Why the button cannot be pressed, as drawn under it (header buttons say it under the strip)."""
        a = self.action
        assert a is not None
        if a.enabled or not a.reason or self.compact:
            return None
        return self.cache.plain(a.reason, "reason", self.width, self.theme.muted, self.theme.paper)

    def layout(self, width: int) -> int:
        self.width = width
        label, details = self._render(State())
        pad = self.geometry.pad
        detail_h = sum(d.surface.get_height() + self._fonts.px(2) for d in details)
        self.box_h = 2 * pad + label.surface.get_height() + detail_h
        why = self.reason()
        self.height = self.box_h + (why.surface.get_height() + self._fonts.px(4) if why else 0)
        return self.height

    def draw(self, surface: pygame.Surface, x: int, y: int, state: State) -> None:
        t, a, m, g = self.theme, self.action, self._fonts.metrics, self.geometry
        assert a is not None
        fg, bg = self._colours(state)
        box = pygame.Rect(x, y, self.width, self.box_h)
        radius = m.thin(6)
        pygame.draw.rect(surface, bg, box, border_radius=radius)
        border = t.rule if a.enabled else t.disabled_ink
        pygame.draw.rect(surface, border, box, m.thin(1 if self.compact else 2), border_radius=radius)
        label, details = self._render(state)
        cx = x + g.side
        if g.mark_w:
            self._draw_mark(surface, cx, y + g.pad + g.line_h // 2, fg)
            cx += g.mark_w
        badge = self.badge_rect(x, y)
        if badge is not None:
            image = self.cache.label(a.shortcut, self.badge_role, fg, bg)
            pygame.draw.rect(surface, fg, badge, m.thin(1), border_radius=m.thin(4))
            surface.blit(image, (badge.x + g.across, badge.y + g.down))
            cx += g.badge_w
        tag = self.tag_rect(x, y)
        if tag is not None:
            ink = t.stamp if a.badge == "new" else t.muted
            if a.selected and not has_mark(a):
                ink = fg  # on the highlighted item (the open document) muted ink would vanish
            pygame.draw.rect(surface, ink, tag, m.thin(1), border_radius=m.thin(3))
            surface.blit(self.cache.label(BADGE_WORDS[a.badge], self.badge_role, ink, bg),
                         (tag.x + g.across, tag.y + g.down))
        surface.blit(label.surface, (cx, y + g.pad))
        gap = m.px(2)
        dy = y + g.pad + label.surface.get_height() + gap
        for detail in details:
            surface.blit(detail.surface, (cx, dy))
            dy += detail.surface.get_height() + gap
        why = self.reason()
        if why is not None:
            surface.blit(why.surface, (x, box.bottom + m.px(4)))
        if state.focused:
            # Two rings, blue outside paper-coloured, so the focus shows on any background.
            pygame.draw.rect(surface, t.paper, box.inflate(m.px(4), m.px(4)), m.thin(2),
                             border_radius=m.thin(8))
            pygame.draw.rect(surface, t.focus, box.inflate(m.px(10), m.px(10)), m.thin(4),
                             border_radius=m.thin(10))

    def badge_rect(self, x: int, y: int) -> pygame.Rect | None:
        """The shortcut's box for a button drawn at (x, y): its key in the badge font, centred on line one."""
        g = self.geometry
        if not g.badge_w:
            return None
        text_w, text_h = g.badge_text
        top = y + g.pad + (g.line_h - text_h - 2 * g.down) // 2
        return pygame.Rect(x + g.side + g.mark_w, top, text_w + 2 * g.across, text_h + 2 * g.down)

    def tag_rect(self, x: int, y: int) -> pygame.Rect | None:
        """The DONE or NEW stamp at the right of the first line, for a button drawn at (x, y)."""
        g = self.geometry
        if not g.tag_w:
            return None
        text_w, text_h = g.tag_text
        w, h = text_w + 2 * g.across, text_h + 2 * g.down
        return pygame.Rect(x + self.width - g.side - w, y + g.pad + (g.line_h - h) // 2, w, h)

    def mark_rect(self, x: int, y: int) -> pygame.Rect:
        """Where the checkbox or radio button sits for a button drawn at (x, y)."""
        g = self.geometry
        cy = y + g.pad + g.line_h // 2
        return pygame.Rect(x + g.side, cy - g.mark // 2, g.mark, g.mark)

    def _draw_mark(self, surface: pygame.Surface, x: int, cy: int, fg) -> None:
        a = self.action
        assert a is not None
        side = self.mark_size()
        stroke = max(2, round(side / 10))
        if a.kind == "radio":
            r = side // 2
            pygame.draw.circle(surface, fg, (x + r, cy), r, stroke)
            if a.selected:
                pygame.draw.circle(surface, fg, (x + r, cy), max(2, side // 4))
        else:
            box = pygame.Rect(x, cy - side // 2, side, side)
            pygame.draw.rect(surface, fg, box, stroke, border_radius=max(1, side // 10))
            if a.selected:
                u = side / 20  # the tick drawn on a 20-unit box
                tick = [(x + 4 * u, cy), (x + 9 * u, cy + 5 * u), (x + 16 * u, cy - 6 * u)]
                pygame.draw.lines(surface, fg, False, [(round(px), round(py)) for px, py in tick],
                                  max(2, round(3 * u)))

    def texts(self) -> list[str]:
        a = self.action
        assert a is not None
        tag = [BADGE_WORDS[a.badge]] if a.badge in BADGE_WORDS else []
        why = [a.reason] if not a.enabled and a.reason else []
        return [plain(a.spans), *tag, *a.detail.splitlines(), *why]
