"""The bundled fonts at the sizes the current settings ask for.

Fonts are loaded by path from assets/fonts: the browser build has no system fonts, and pygame's default
font lacks many glyphs.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.app.settings import Settings

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
    "score": ("body", 1.0, False, False),
    "aside": ("bold", 1.0, False, False),
    "badge": ("type", 0.86, False, False),
    "badge_small": ("type", 0.86, False, False),  # in the header strip, capped like the header
    "h1": ("type", 1.55, False, False),
    "h2": ("type", 1.25, False, False),
    "h3": ("type", 1.05, False, False),
    "stamp": ("type", 0.95, False, False),
    "header": ("type", 1.0, False, False),
}

MIN_SMALL_PX = 15  # small print never goes below this


class FontBook:
    """pygame Font objects per role for one settings combination (cheap to keep, rebuilt on change)."""

    def __init__(self, settings: Settings):
        self.key = (settings.text_size, settings.reading_font)
        self.body_px = BODY_SIZES[settings.text_size]
        self.reading_font = settings.reading_font
        self._fonts: dict[str, pygame.font.Font] = {}

    def _file(self, face: str) -> Path:
        if face == "type":
            return FONT_DIR / TYPEWRITER
        if self.reading_font:
            return FONT_DIR / READING
        return FONT_DIR / (BODY_BOLD if face == "bold" else BODY)

    def size_of(self, role: str) -> int:
        _, scale, _, _ = ROLES[role]
        if role in ("header", "badge_small"):
            # The header strip is one line at 1280 px wide: it grows with the setting, but only so far.
            return min(20, max(MIN_SMALL_PX + 1, round(self.body_px * 0.9)))
        return max(MIN_SMALL_PX, round(self.body_px * scale))

    def font(self, role: str) -> pygame.font.Font:
        font = self._fonts.get(role)
        if font is None:
            face, _, bold, italic = ROLES[role]
            font = pygame.font.Font(self._file(face), self.size_of(role))
            # Lexend ships as one variable file: its bold is synthesised.
            font.bold = bold or (self.reading_font and face == "bold")
            font.italic = italic
            self._fonts[role] = font
        return font

    def line_height(self, role: str) -> int:
        """Generous leading (about 1.45) because long passages are read, not skimmed."""
        return round(self.size_of(role) * (1.2 if role in ("h1", "h2", "badge", "stamp") else 1.45))

    def column_width(self, chars: int = 72) -> int:
        """Pixel width holding about `chars` characters of ordinary prose, so lines stay under ~75."""
        sample = "the quick brown fox jumps over the lazy dog, said Mr Nikolaev to the guard"
        width, _ = self.font("p").size(sample)
        return round(width / len(sample) * chars)
