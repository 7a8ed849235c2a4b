"""The bundled fonts at the sizes the current settings and the window's scale ask for.

Fonts are loaded by path from assets/fonts: the browser build has no system fonts, and pygame's default
font lacks many glyphs. Sizes are in logical units (a 1280x720 design) and opened at the window's scale, so
text is rasterised at the size it is shown, never stretched.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.app.settings import Settings
from game.window.metrics import Metrics

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
BODY = "AtkinsonHyperlegible-Regular.ttf"
BODY_BOLD = "AtkinsonHyperlegible-Bold.ttf"
TYPEWRITER = "CourierPrime-Bold.otf"
READING = "Lexend-Variable.ttf"

BODY_SIZES = (18, 21, 24, 28)  # one per text-size step; 18 px is the smallest comfortable on a laptop

# Block kinds and what they are set in: (face, size relative to body, bold, italic).
ROLES: dict[str, tuple[str, float, bool, bool]] = {
    "p": ("body", 1.0, False, False),
    "em": ("body", 1.0, False, True),
    "strong": ("bold", 1.0, False, False),
    "quote": ("body", 1.0, False, False),
    "notice": ("body", 1.0, False, False),
    "button": ("bold", 1.0, False, False),
    "meta": ("body", 0.86, False, False),
    "detail": ("body", 0.86, False, False),
    "reason": ("body", 0.86, False, False),  # why a button is disabled, under it
    "score": ("body", 1.0, False, False),
    "aside": ("bold", 1.0, False, False),
    "badge": ("type", 0.86, False, False),
    "badge_small": ("type", 0.86, False, False),  # in the header strip, capped like the header
    "h1": ("type", 1.55, False, False),
    "h2": ("type", 1.25, False, False),
    "h3": ("type", 1.05, False, False),
    "stamp": ("type", 0.95, False, False),
    "header": ("type", 1.0, False, False),
    "header_note": ("body", 0.86, False, False),  # a disabled header button's reason, under the strip
}
# Roles drawn in the header strip or just under it: one line across the picture, so they grow with the
# setting only so far (in logical units; the window's scale applies on top).
HEADER_CAPS = {"header": 20, "badge_small": 20, "header_note": 15}
STYLES = ("em", "strong")  # inline styles any role can carry: "button+em" is a button label's italic run

MIN_SMALL_PX = 15  # small print never goes below this (logical units)


def styled(role: str, style: str) -> str:
    """The role name for a styled run inside a block of `role`."""
    return f"{role}+{style}" if style in STYLES else role


class FontBook:
    """pygame Font objects per role for one settings combination and scale (rebuilt on change)."""

    def __init__(self, settings: Settings, metrics: Metrics | None = None):
        self.metrics = metrics or Metrics()
        self.key = (settings.text_size, settings.reading_font, self.metrics.scale)
        self.body_units = BODY_SIZES[settings.text_size]
        self.body_px = self.metrics.px(self.body_units)
        self.reading_font = settings.reading_font
        self._fonts: dict[str, pygame.font.Font] = {}

    def px(self, units: float) -> int:
        return self.metrics.px(units)

    def _file(self, face: str) -> Path:
        if face == "type":
            return FONT_DIR / TYPEWRITER
        if self.reading_font:
            return FONT_DIR / READING
        return FONT_DIR / (BODY_BOLD if face == "bold" else BODY)

    def units_of(self, role: str) -> float:
        """The role's size in logical units."""
        base = role.partition("+")[0]
        _, scale, _, _ = ROLES[base]
        if base in HEADER_CAPS:
            return min(HEADER_CAPS[base], max(MIN_SMALL_PX + 1, round(self.body_units * 0.9)))
        return max(MIN_SMALL_PX, round(self.body_units * scale))

    def size_of(self, role: str) -> int:
        """The role's size in pixels at the window's scale."""
        return max(1, self.metrics.px(self.units_of(role)))

    def font(self, role: str) -> pygame.font.Font:
        font = self._fonts.get(role)
        if font is None:
            base, _, style = role.partition("+")
            face, _, bold, italic = ROLES[base]
            if style == "strong" and face == "body":
                face = "bold"
            font = pygame.font.Font(self._file(face), self.size_of(role))
            # Lexend ships as one variable file: its bold is synthesised.
            font.bold = bold or (self.reading_font and face == "bold")
            font.italic = italic or style == "em"
            self._fonts[role] = font
        return font

    def line_height(self, role: str) -> int:
        """Generous leading (about 1.45) because long passages are read, not skimmed."""
        base = role.partition("+")[0]
        return round(self.size_of(role) * (1.2 if base in ("h1", "h2", "badge", "stamp") else 1.45))

    def column_width(self, chars: int = 72) -> int:
        """Pixel width holding about `chars` characters of ordinary prose, so lines stay under ~75."""
        sample = "the quick brown fox jumps over the lazy dog, said Mr Nikolaev to the guard"
        width, _ = self.font("p").size(sample)
        return round(width / len(sample) * chars)
