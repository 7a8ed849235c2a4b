"""Text from outside, made safe to show: control characters visible, length bounded.

A terminal obeys escape sequences (screen clears, window titles, clipboard writes); pygame cannot draw a
NUL; a right-to-left override can disguise a file name. Everything from a file, a save or a report that
reaches a terminal, a text report or a drawn message goes through `visible` first.
"""

from __future__ import annotations

import unicodedata

_KEEP = {"\n", "\t"}


def _shown(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ␁ … ␟: the Unicode pictures of the C0 controls
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def visible(text: str, limit: int | None = None, *, keep_newlines: bool = True) -> str:
    """text with every control and formatting character replaced by a visible stand-in, cut at limit."""
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)] + "…"
    keep = _KEEP if keep_newlines else set()
    out = []
    for ch in text:
        if ch in keep:
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") and ch not in "\u00ad":
            out.append(_shown(ch))
        else:
            out.append(ch)
    return "".join(out)
