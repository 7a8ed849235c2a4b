"""The player's own marks on the casebook: pins and a short note per evidence item.

Pins and notes are part of the play (kept in the PlayState and saved with it) but not of the rules: no
condition reads them, no score counts them, and undo leaves them alone, as a student's margin notes stay
when they go back a step.
"""

from __future__ import annotations

MAX_NOTE = 280  # characters: a line or two, like a card in a card index


def clean_note(text: str) -> str:
    """A note as it is kept: whitespace collapsed to single spaces, at most MAX_NOTE characters."""
    return " ".join(text.split())[:MAX_NOTE]
