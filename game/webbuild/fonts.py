"""Cutting the bundled fonts down to the characters the game can show (fontTools, a build-time dependency).

The fonts are most of the canvas edition's own download, and each carries thousands of glyphs the game never
draws. What the game draws comes from the shipped text (scenarios, the interface strings in game/), so the
fonts keep every character found there, plus all of printable ASCII and Latin-1 for anything composed at run
time (numbers, file names, error messages). The licences (SIL OFL, no reserved names) allow this; the
licence files ship beside the fonts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FONT_SUFFIXES = (".ttf", ".otf")
ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "".join(chr(c) for c in range(0xA0, 0x100)) + (
    "‘’“”–—…•·→←↑↓✓×−€"
)

Log = Callable[[str], object]


def used_text(app: Path) -> str:
    """Every character in the staged game's text files, plus the ALWAYS set."""
    chars = set(ALWAYS)
    for pattern in ("scenarios/*.toml", "game/**/*.py"):
        for path in app.glob(pattern):
            chars.update(path.read_text(encoding="utf-8", errors="replace"))
    return "".join(sorted(c for c in chars if c.isprintable() or c == " "))


def subset_folder(folder: Path, text: str, log: Log = print) -> int:
    """Subset every font in folder in place; returns the bytes saved (0 when fontTools is not installed)."""
    try:
        import logging

        from fontTools import subset  # type: ignore[import-untyped]
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
        from fontTools.varLib import instancer  # type: ignore[import-untyped]
    except ImportError:
        log("fontTools is not installed (pip install fonttools): the fonts ship whole")
        return 0
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # it notes every table it drops
    saved = 0
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        before = path.stat().st_size
        options = subset.Options()
        options.layout_features = ["*"]  # kerning and ligatures as before
        options.name_IDs = ["*"]  # the names and the licence notice inside the font stay
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = False  # FreeType's own hinting draws these sizes as well
        font = TTFont(str(path), lazy=False)
        if "fvar" in font:
            # pygame (SDL_ttf) draws a variable font at its default instance only: keep just that one.
            axes = {axis.axisTag: None for axis in font["fvar"].axes}
            font = instancer.instantiateVariableFont(font, axes, inplace=True)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        subset.save_font(font, str(path), options)
        saved += before - path.stat().st_size
    return saved
