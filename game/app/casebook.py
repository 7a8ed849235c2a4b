"""The casebook as a working tool: the words for where an item is cited, its pin and the player's note.

The controller puts these words in the casebook list's and the verdict form's detail lines, so every front
end shows the same marks (the window under each button, the page beside each control, the terminal under
each numbered line).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.engine.prose import plain_text

if TYPE_CHECKING:
    from game.engine import Scenario, Session

PROMPT_LIMIT = 60  # characters of a question's prompt named in a mark: enough to recognise it


def short_prompt(prompt: str, limit: int = PROMPT_LIMIT) -> str:
    """A question's prompt as one plain line (its *emphasis* dropped), cut at a word with "…" if long."""
    text = plain_text(prompt)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def cited_in(session: Session) -> dict[str, list[str]]:
    """Each cited evidence id and the prompts of the filed verdicts citing it, in the order filed."""
    found: dict[str, list[str]] = {}
    for verdict in session.verdicts.values():
        question = session.scenario.questions.get(verdict.question_id)
        if question is None:
            continue
        for eid in verdict.cited:
            found.setdefault(eid, []).append(short_prompt(question.prompt))
    return found


def cited_line(prompts: Sequence[str]) -> str:
    """"Cited in your verdict on “…”": the words a student reads under a cited item."""
    if not prompts:
        return ""
    quoted = [f"“{p}”" for p in prompts]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    return f"Cited in your verdict{'s' if len(quoted) > 1 else ''} on {listed}"


DRAFT_LINE = "Ticked in the verdict you are writing"
PINNED_WORD = "Pinned"


def note_line(note: str) -> str:
    return f"Your note: {note}" if note else ""


def casebook_detail(reliability: str, prompts: Sequence[str], in_draft: bool, note: str) -> str:
    """An item's detail lines in the casebook list: how far to trust it, where it is cited, the note."""
    lines = [reliability, cited_line(prompts), DRAFT_LINE if in_draft else "", note_line(note)]
    return "\n".join(line for line in lines if line)


def cite_detail(reliability: str, pinned: bool, note: str) -> str:
    """A cite checkbox's detail: how far to trust it, then the pin and the note, read while citing."""
    mark = " · ".join(part for part in (PINNED_WORD if pinned else "", note_line(note)) if part)
    return "\n".join(line for line in (reliability, mark) if line)


def pinned_first(ids: Sequence[str], pins: Sequence[str]) -> list[str]:
    """Pinned items first, in the order they were pinned, then the rest in the order found."""
    held = set(ids)
    first = [eid for eid in pins if eid in held]
    return first + [eid for eid in ids if eid not in first]


def uncited_pins(scenario: Scenario, pins: Sequence[str], held: Sequence[str], cited: Sequence[str]) -> str:
    """"You pinned … but did not cite it." for the verdict's review; "" when every pin is cited."""
    titles = [plain_text(scenario.evidence[e].title)
              for e in pins if e in held and e not in cited and e in scenario.evidence]
    if not titles:
        return ""
    # Titles may hold commas: semicolons keep the list readable.
    listed = titles[0] if len(titles) == 1 else "; ".join(titles[:-1]) + " and " + titles[-1]
    return f"You pinned {listed} but did not cite {'it' if len(titles) == 1 else 'them'}."
