"""Where the picture goes in the window, and how big a logical unit is there.

Every screen is designed for 1280x720 logical units. The window scales that design to fit, keeping 16:9:
the layout multiplies its units by the scale and the fonts are opened at the scaled size, so text is drawn
crisp at the window's own resolution rather than stretched from a 1280x720 bitmap. Mouse and finger
positions arrive in window pixels; taking off the letterbox offset gives the picture's pixels, which is
what the layout is measured in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

LOGICAL_SIZE = (1280, 720)
MIN_SCALE = 0.3  # below this nothing is legible anyway; the picture is then cropped rather than unreadable


@dataclass(frozen=True)
class Metrics:
    """Logical units turned into pixels at one scale."""

    scale: float = 1.0

    def px(self, units: float) -> int:
        return round(units * self.scale)

    def thin(self, units: float) -> int:
        """A line width or radius: scaled, but never scaled away."""
        return max(1, round(units * self.scale))

    @property
    def size(self) -> tuple[int, int]:
        return self.px(LOGICAL_SIZE[0]), self.px(LOGICAL_SIZE[1])

    @property
    def header_h(self) -> int:
        return self.px(56)

    @property
    def sheet(self) -> pygame.Rect:
        """The paper sheet under the header strip, on the manila folder."""
        width, height = self.size
        top = self.header_h + self.px(8)
        return pygame.Rect(self.px(24), top, width - 2 * self.px(24), height - top - self.px(12))

    @property
    def gap(self) -> int:
        """Between blocks in a column."""
        return self.px(14)


@dataclass(frozen=True)
class Viewport:
    """The 16:9 picture's place in a window of any size."""

    window: tuple[int, int]
    rect: pygame.Rect  # in window pixels
    metrics: Metrics

    def to_picture(self, pos: tuple[float, float]) -> tuple[float, float]:
        return pos[0] - self.rect.x, pos[1] - self.rect.y

    def to_window(self, pos: tuple[float, float]) -> tuple[float, float]:
        return pos[0] + self.rect.x, pos[1] + self.rect.y

    def finger(self, fx: float, fy: float) -> tuple[float, float]:
        """Finger positions are fractions of the window."""
        return self.to_picture((fx * self.window[0], fy * self.window[1]))

    def margins(self) -> list[pygame.Rect]:
        """The bars beside or above and below the picture, which the window fills with the folder."""
        w, h = self.window
        r = self.rect
        bars = [pygame.Rect(0, 0, w, r.top), pygame.Rect(0, r.bottom, w, h - r.bottom),
                pygame.Rect(0, r.top, r.left, r.height), pygame.Rect(r.right, r.top, w - r.right, r.height)]
        return [bar for bar in bars if bar.width > 0 and bar.height > 0]


def fit(window: tuple[int, int]) -> Viewport:
    """The largest 16:9 picture that fits the window, centred; fractional scales are fine."""
    w, h = max(1, window[0]), max(1, window[1])
    scale = max(MIN_SCALE, min(w / LOGICAL_SIZE[0], h / LOGICAL_SIZE[1]))
    metrics = Metrics(scale)
    pw, ph = metrics.size
    rect = pygame.Rect(max(0, (w - pw) // 2), max(0, (h - ph) // 2), min(pw, w), min(ph, h))
    return Viewport((w, h), rect, metrics)


def initial_window_size(desktop: tuple[int, int] | None) -> tuple[int, int]:
    """1280x720 where it fits with room for a title bar and a taskbar; else the largest 16:9 that does."""
    if desktop is None or desktop[0] <= 0 or desktop[1] <= 0:
        return LOGICAL_SIZE
    room_w, room_h = desktop[0] - 16, desktop[1] - 96  # window frame, title bar and taskbar
    scale = min(1.0, room_w / LOGICAL_SIZE[0], room_h / LOGICAL_SIZE[1])
    scale = max(MIN_SCALE, scale)
    return round(LOGICAL_SIZE[0] * scale), round(LOGICAL_SIZE[1] * scale)
