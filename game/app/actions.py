"""Every action a player can take, declared once: its kind, its keys and what Help says about it.

The controller builds its buttons from these specs; the window's key map, the terminal's letters and the
help screen all read the same table, so a shortcut cannot be one thing in one front end and another
elsewhere. Choices and lists are numbered by position instead (1-9), which is why they have no letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine.notes import MAX_NOTE
from game.engine.prose import Paragraph, Span, parse_prose
from game.engine.state import MAX_WHY

# choice: moves the story or opens an item; toggle: a checkbox; radio: one of a group; command: a button;
# text: a box the player writes in (perform "key:the words"; an empty text clears it).
ActionKind = Literal["choice", "toggle", "radio", "command", "text"]
# Buttons are laid out and titled by group; kind says how they behave.
ActionGroup = Literal[
    "choice", "nav", "case", "unavailable", "evidence", "interpretation", "cite", "confidence", "reasoning",
    "confirm", "term", "setting", "handin", "handin_form", "trust", "trust_why",
    "annotate", "note",  # the casebook's pin and note on the open document
]


@dataclass(frozen=True)
class ActionSpec:
    name: str  # the part of an action key before ":"
    kind: ActionKind
    group: ActionGroup
    letter: str = ""  # a one-letter shortcut, the same in the window and the terminal
    keys: str = ""  # how Help and the button name the window's keys, e.g. "Esc", "F1 or H"
    help: str = ""  # a line for the Help screen; empty: not listed there


SPECS: dict[str, ActionSpec] = {
    spec.name: spec
    for spec in (
        ActionSpec("choose", "choice", "choice", help="pick a choice in the story"),
        ActionSpec("case", "choice", "case", help="open a case on the case list"),
        ActionSpec("unavailable", "command", "unavailable"),
        ActionSpec("verdict", "command", "choice", "v", "V", "give your verdict at a turning point"),
        ActionSpec("debrief", "command", "choice", keys="Enter"),
        ActionSpec("casebook", "command", "nav", "c", "C", "open the casebook: every document you found"),
        ActionSpec("undo", "command", "nav", "u", "U", "undo the last choice (free until a verdict)"),
        ActionSpec("glossary", "command", "nav", "g", "G", "glossary: the terms on this page explained"),
        ActionSpec("help", "command", "nav", "h", "F1 or H", "this help"),
        ActionSpec("settings", "command", "nav", "s", "S", "settings"),
        ActionSpec("cases", "command", "nav", keys="Enter"),
        ActionSpec("begin", "command", "nav", keys="Enter"),
        ActionSpec("restart", "command", "nav"),
        ActionSpec("menu", "command", "nav", keys="Esc",
                   help="go back (from a scene: to the case files; the game is saved)"),
        ActionSpec("back", "command", "nav", keys="Esc"),
        ActionSpec("quit", "command", "nav", keys="Esc"),
        ActionSpec("evidence", "radio", "evidence"),
        ActionSpec("pin", "toggle", "annotate", "p", "P",
                   "in the casebook: pin the open document to the top of the list, or unpin it"),
        ActionSpec("note", "text", "note", "n", "N",
                   "in the casebook: write a short note on the open document"),
        ActionSpec("interp", "radio", "interpretation"),
        ActionSpec("cite", "toggle", "cite"),
        ActionSpec("confidence", "radio", "confidence"),
        ActionSpec("handin", "command", "nav"),
        ActionSpec("reload", "command", "nav", keys="F5", help="author mode: reload the case file from disk"),
        ActionSpec("name", "text", "handin"),
        ActionSpec("klass", "text", "handin"),
        ActionSpec("folder", "text", "handin"),
        ActionSpec("form", "radio", "handin_form"),
        ActionSpec("write", "command", "confirm"),
        ActionSpec("reason", "text", "reasoning"),
        ActionSpec("rebut", "text", "reasoning"),
        ActionSpec("confirm", "command", "confirm"),
        ActionSpec("trust", "radio", "trust"),  # sourcing practice: how far the student trusts a document
        ActionSpec("trustwhy", "text", "trust_why"),
        ActionSpec("judge", "command", "confirm"),
        ActionSpec("file", "command", "confirm", keys="Enter"),
        ActionSpec("change", "command", "confirm"),
        ActionSpec("term", "radio", "term"),
        ActionSpec("setting", "toggle", "setting"),
        ActionSpec("smaller", "command", "setting"),
        ActionSpec("larger", "command", "setting"),
        ActionSpec("continue", "command", "nav"),
        ActionSpec("yes", "command", "confirm", keys="Enter"),
        ActionSpec("no", "command", "confirm", keys="Esc"),
        ActionSpec("order", "toggle", "nav", "o", "O",
                   "case files: list the cases by date or by outline branch"),
    )
}

TEXT_LIMIT = 2000  # characters the controller keeps of a written answer (reasoning, rebuttal)
TEXT_LIMITS = {"note": MAX_NOTE, "trustwhy": MAX_WHY}  # boxes that keep fewer


def text_limit(key: str) -> int:
    """How many characters a text action keeps: every front end's box stops there."""
    return TEXT_LIMITS.get(key.partition(":")[0], TEXT_LIMIT)


LETTERS: dict[str, str] = {spec.letter: spec.name for spec in SPECS.values() if spec.letter}


@dataclass(frozen=True)
class Action:
    key: str  # what perform() takes, e.g. "choose:0", "cite:nikolaev_diary", "back"
    label: str
    group: ActionGroup
    kind: ActionKind
    enabled: bool = True
    selected: bool | None = None  # None: a plain button; True/False: a toggle's or radio button's state
    shortcut: str = ""  # the key shown next to the label, e.g. "1", "C", "Esc"
    detail: str = ""  # a second, smaller line
    reason: str = ""  # why a disabled action is disabled, said beside it
    badge: str = ""  # a short mark beside a choice: "done" (taken before) or "new" (just became possible);
    # beside a casebook item: "pinned"
    value: str = ""  # a text action's current words
    heading: str = ""  # a heading every front end draws before this action (the case list's outline branches)

    def __post_init__(self) -> None:
        # Labels come from multi-line TOML strings; a button shows them as one run of words.
        object.__setattr__(self, "label", " ".join(self.label.split()))

    @property
    def name(self) -> str:
        return self.key.partition(":")[0]

    @property
    def spans(self) -> Paragraph:
        """The label with its *emphasis* as styled spans: every front end draws labels from this."""
        paras = parse_prose(self.label)
        return paras[0] if paras else (Span(self.label),)


def act(key: str, label: str, *, number: int = 0, **options: object) -> Action:
    """An Action whose kind, group and shortcut come from its spec; number is its place in a list (1-9)."""
    spec = SPECS[key.partition(":")[0]]
    shortcut = str(number) if 0 < number < 10 else spec.keys
    return Action(key, label, spec.group, spec.kind, shortcut=shortcut, **options)  # type: ignore[arg-type]


def help_keys() -> tuple[tuple[str, str], ...]:
    """The Help screen's key table, built from the specs and the keys that move the focus."""
    rows: list[tuple[str, str]] = [("1 – 9", "pick a choice (on the case cards: open a case)")]
    rows += [
        ("Tab, arrow keys", "move the focus ring; Shift+Tab moves back"),
        ("Enter or Space", "press the button with the focus ring"),
    ]
    rows += [(spec.keys, spec.help) for spec in SPECS.values() if spec.keys and spec.help]
    rows += [("Page Up, Page Down, Home, End, mouse wheel", "scroll long passages")]
    return tuple(rows)
