"""Colours of the case-file look, and the WCAG contrast arithmetic that keeps them readable.

Pure Python (no pygame) so the contrast test runs anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

RGB = tuple[int, int, int]


def _hex(code: str) -> RGB:
    code = code.lstrip("#")
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Theme:
    name: str
    min_text_contrast: float  # what the test holds every text/background pair to
    folder: RGB  # the manila folder behind the sheet
    folder_ink: RGB  # header text on the folder
    paper: RGB  # the sheet
    ink: RGB  # body text
    muted: RGB  # dates, provenance labels, details
    stamp: RGB  # stamp red: headings' accents, reliability stamps
    link: RGB  # glossary words
    rule: RGB  # lines and borders (decoration, not text)
    button: RGB
    button_hover: RGB
    button_ink: RGB
    selected: RGB  # a chosen radio button or the open document
    selected_ink: RGB
    disabled_ink: RGB
    notice: RGB
    notice_ink: RGB
    focus: RGB  # the focus ring: non-text, needs 3:1 against paper and folder

    def text_pairs(self) -> list[tuple[str, RGB, RGB]]:
        """Every (label, text colour, background) combination the window draws."""
        paper_texts = ("ink", "muted", "stamp", "link")
        pairs = [(f"{t} on paper", getattr(self, t), self.paper) for t in paper_texts]
        pairs += [(f"{t} on button", getattr(self, t), self.button) for t in ("button_ink", "muted", "stamp")]
        pairs += [(f"{t} on hover", getattr(self, t), self.button_hover)
                  for t in ("button_ink", "muted", "stamp")]
        pairs += [
            ("folder_ink on folder", self.folder_ink, self.folder),
            ("selected_ink on selected", self.selected_ink, self.selected),
            ("disabled_ink on paper", self.disabled_ink, self.paper),
            ("disabled_ink on button", self.disabled_ink, self.button),
            ("notice_ink on notice", self.notice_ink, self.notice),
        ]
        return pairs


def _theme(name: str, minimum: float, **colours: str) -> Theme:
    names = {f.name for f in fields(Theme)} - {"name", "min_text_contrast"}
    missing = names - colours.keys()
    if missing:
        raise ValueError(f"theme {name} lacks {sorted(missing)}")
    return Theme(name, minimum, **{k: _hex(v) for k, v in colours.items()})  # type: ignore[arg-type]


PAPER = _theme(
    "paper", 4.5,
    folder="#c8b283", folder_ink="#1f1a12",
    paper="#f6efdf", ink="#1f1b16", muted="#4d4438", stamp="#9e1b1b", link="#1d3f73", rule="#8c7b62",
    button="#fffaf0", button_hover="#efe3c8", button_ink="#1f1b16",
    selected="#27344f", selected_ink="#fffaf0", disabled_ink="#5f574c",
    notice="#f3e2a9", notice_ink="#1f1b16",
    focus="#1b55d6",
)

HIGH_CONTRAST = _theme(
    "high_contrast", 7.0,
    folder="#000000", folder_ink="#ffffff",
    paper="#ffffff", ink="#000000", muted="#1a1a1a", stamp="#8a0000", link="#00007a", rule="#000000",
    button="#ffffff", button_hover="#e4e4e4", button_ink="#000000",
    selected="#000000", selected_ink="#ffffff", disabled_ink="#3a3a3a",
    notice="#fff2a8", notice_ink="#000000",
    focus="#0047ff",
)

THEMES = {PAPER.name: PAPER, HIGH_CONTRAST.name: HIGH_CONTRAST}


def theme_for(high_contrast: bool) -> Theme:
    return HIGH_CONTRAST if high_contrast else PAPER
