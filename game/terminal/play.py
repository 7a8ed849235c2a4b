"""`verdict text`: the game in a terminal, or through a pipe one answer per line.

A thin front end over the controller: it prints the current screen's document, numbers the actions, and
turns each line typed into `perform(key)`. Every flow (case list, briefing, resume, casebook, glossary,
verdict form and its review, debrief, help) is the controller's, exactly as in the window and the page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.app import SCENARIOS_DIR, build_controller
from game.app.actions import LETTERS, SPECS, Action
from game.app.autoplay import next_keys
from game.app.controller import Controller, Screen
from game.app.handin import FolderDeliverer
from game.app.storage import MemoryStorage, Storage, default_storage, user_data_dir
from game.engine.safetext import visible
from game.terminal import render
from game.terminal.render import Style

# What Help lists in a terminal: the same actions as the window, under the keys typed here.
HELP_ROWS: tuple[tuple[str, str], ...] = (
    ("a number", "pick that choice or option; in the verdict form, several numbers may share a line"),
    *((spec.letter, spec.help) for spec in SPECS.values() if spec.letter and spec.help),
    ("b or Enter", "go back (from a scene: to the case files; your place is saved)"),
    ("q", "quit the game (your place is saved)"),
)
# The settings a terminal can honour: it has no fonts, colours, motion or sound of its own.
TERMINAL_SETTINGS = frozenset({"author_mode"})
BACK_WORDS = {"", "b", "back"}
QUIT_WORDS = {"q", "quit", "exit"}
YES_NO = {"y": "yes", "yes": "yes", "n": "no", "no": "no"}
# Actions listed under their own letters, not numbered: moving around rather than picking.
UNNUMBERED = {"back", "menu", "quit"}


class EndOfInput(Exception):
    """Standard input ran out (piped input finished)."""


Reader = Callable[[], "str | None"]


@dataclass
class Numbering:
    """The label each action is shown with ("1", "c", "b") and the action each label stands for."""

    labels: dict[str, str]  # action key -> label
    keys: dict[str, str]  # label -> action key

    @classmethod
    def of(cls, actions: list[Action]) -> Numbering:
        labels: dict[str, str] = {}
        # Choices keep the numbers the controller gives them (the same as the window's keys); the rest
        # are numbered after them, in order.
        n = max((int(a.shortcut) for a in actions if a.shortcut.isdigit()), default=0)
        for action in actions:
            spec = SPECS[action.name]
            if spec.letter:
                labels[action.key] = spec.letter
            elif action.name in UNNUMBERED:
                labels[action.key] = "b" if action.name != "quit" else "q"
            elif action.shortcut.isdigit():
                labels[action.key] = action.shortcut
            else:
                n += 1
                labels[action.key] = str(n)
        return cls(labels, {label: key for key, label in labels.items()})


class TerminalGame:
    def __init__(self, controller: Controller, read: Reader, out: TextIO, style: Style, *, echo: bool,
                 page_lines: int = 0):
        self.c = controller
        self.page_lines = page_lines  # on a real terminal, pause every screenful of a long text; 0: never
        self._read = read
        self.out = out
        self.style = style
        self.echo = echo  # piped input is not shown by the terminal: print it so a transcript reads well
        self._shown_document = ""
        self._shown_revision = -1

    # -- output ---------------------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def show(self) -> None:
        """Print the screen if it changed: the document when its text changed, the actions always."""
        if self._shown_revision == self.c.revision:
            return
        self._shown_revision = self.c.revision
        doc = render.document(self.c.document(), self.style)
        if doc != self._shown_document:
            self.say()
            self.page(doc)
            self._shown_document = doc
        self.say()
        self.say(self.actions_text())

    def page(self, text: str) -> None:
        """Print text, pausing after each screenful when paging (the debrief runs to many screens)."""
        lines = text.split("\n")
        step = self.page_lines
        if step <= 0 or len(lines) <= step + 3:
            self.say(text)
            return
        for start in range(0, len(lines), step):
            self.say("\n".join(lines[start:start + step]))
            more = start + step < len(lines)
            if more and self.ask("-- more: Enter to read on, s to skip to the end -- ").lower() == "s":
                return

    def actions_text(self) -> str:
        actions = self.c.actions()
        numbering = Numbering.of(actions)
        lines: list[str] = []
        if self.c.screen is Screen.SCENE and self.c.asking is None:
            lines += render.status_lines(self.c.counters(), self.style)  # days, volumes: above the choices
        group = None
        for action in actions:
            if action.group != group:
                group = action.group
                title = self.c.group_title(group)
                if title:
                    lines.append(self.style.wrap(title))
            if action.heading:
                lines.append(render.action_heading(action, self.style))
            lines.append(render.action_line(numbering.labels[action.key], action, self.style))
        return "\n".join(lines)

    # -- input ----------------------------------------------------------------------------------------

    def ask(self, prompt: str = "> ") -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self._read()
        if line is None:
            raise EndOfInput
        if self.echo:
            self.out.write(visible(line.rstrip("\n"), 200, keep_newlines=False) + "\n")
        return line.strip()

    def handle(self, line: str) -> bool:
        """Act on one line typed; False when the player asked to quit."""
        word = line.lower()
        if word in QUIT_WORDS:
            return False
        numbering = Numbering.of(self.c.actions())
        if word in BACK_WORDS:
            if not self.c.back():
                self.say("You are at the title. Type q to quit, or 1 to open the case files.")
            return True
        if word in ("?", "help"):
            word = "h"
        answer = YES_NO.get(word)
        if answer and any(a.key == answer for a in self.c.actions()):
            # A yes/no question reads y and n as the answers, before the letters' shortcuts (n: note).
            self.c.perform(answer)
            return True
        parts = word.replace(",", " ").split()
        if parts and all(part in numbering.keys for part in parts):
            for part in parts:
                # The screen may change after each part (the verdict form stays; a choice moves on).
                key = Numbering.of(self.c.actions()).keys.get(part)
                action = next((a for a in self.c.actions() if a.key == key), None)
                if action is not None and action.kind == "text":
                    words = self.ask(self.style.wrap(f"{action.label} Type it on one line:") + "\n> ")
                    key = f"{key}:{words}"
                if key is None or not self.c.perform(key):
                    self.refused(part)
                    break
            return True
        if word in LETTERS:
            self.say(f"'{word}' does nothing here.")
            return True
        self.say(self.hint())
        return True

    def refused(self, part: str) -> None:
        actions = self.c.actions()
        key = Numbering.of(actions).keys.get(part)
        action = next((a for a in actions if a.key == key), None)
        if action is not None and action.reason:
            self.say(self.style.wrap(f"Not now: {action.reason}"))
        else:
            self.say(self.hint())

    def hint(self) -> str:
        numbered = sorted(int(v) for v in Numbering.of(self.c.actions()).labels.values() if v.isdigit())
        if not numbered:
            return "Type one of the letters shown, or h for help."
        if len(numbered) == 1:
            return f"Type {numbered[0]}, or h for help."
        listed = ", ".join(map(str, numbered[:-1])) + f" or {numbered[-1]}"
        return f"Type {listed}, or h for help."

    # -- the game -------------------------------------------------------------------------------------

    def run(self) -> None:
        while True:
            self.show()
            if self.c.quit_requested or not self.handle(self.ask()):
                return

    def autoplay(self, player_seed: int, case_id: str) -> None:
        """The engine's scripted player drives this controller to the debrief, printing every screen."""
        from game.engine.player import ScriptedPlayer

        player = ScriptedPlayer(player_seed)
        self.say(self.style.wrap(f"Autoplay of '{case_id}' with seed {player_seed}."))
        for _ in range(5000):
            self.show()
            if self.c.screen is Screen.DEBRIEF:
                return
            keys = next_keys(self.c, player, case_id, fresh=True)
            if not keys:
                self.say(f"Autoplay is stuck on the {self.c.screen.value} screen.")
                return
            for key in keys:
                labels = {a.key: a.label for a in self.c.actions()}
                if key.startswith(("choose:", "file")):
                    self.say(f"\n> {visible(labels.get(key, key), 200, keep_newlines=False)}")
                self.c.perform(key)
        self.say("Autoplay stopped after 5000 steps without reaching the debrief.")


# -- the command ---------------------------------------------------------------------------------------


def _stdin_reader() -> str | None:
    line = sys.stdin.readline()
    return None if line == "" else line


def _output() -> TextIO:
    # A Windows console or a redirect may not be UTF-8: replace what it cannot show instead of crashing.
    out = sys.stdout
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return out


def make_controller(args: argparse.Namespace, storage: Storage) -> tuple[Controller, str | None, str]:
    """The controller for this run, the case to open (if any), and an error to print instead."""
    wanted: str | None = args.scenario
    sources: list[str | Path] = [SCENARIOS_DIR, *args.scenarios]
    lenders: list[str | Path] = []
    if wanted and (wanted.endswith(".toml") or Path(wanted).is_file()):
        sources = [wanted]  # a teacher trying one file: just that file
        # ... whose borrowed evidence ([evidence.x] from = "case.item") comes from the cases beside it
        lenders = [SCENARIOS_DIR, Path(wanted).parent, *args.scenarios]
        wanted = None
    deliverer = FolderDeliverer(user_data_dir() / "reports")
    from game.app.classfile import class_settings

    # A teacher's class.toml in their folder sets options for every case (a single file tried: none).
    settings, problem = class_settings(sources if sources != [args.scenario] else [])
    c = build_controller(storage, sources, setting_names=TERMINAL_SETTINGS, help_rows=HELP_ROWS,
                         deliverer=deliverer, class_settings=settings,
                         unlock_all=bool(getattr(args, "unlock", False)), borrow_from=lenders)
    if problem:
        c.notices.append(problem)
    if wanted is None and sources == [args.scenario]:
        if not c.catalog.scenarios:
            message = c.catalog.failures[0].message if c.catalog.failures else "no case in the file"
            return c, None, visible(message, 4000)
        wanted = next(iter(c.catalog.scenarios))
    if wanted and wanted not in c.catalog.scenarios:
        for failure in c.catalog.failures:
            if Path(failure.path).stem == wanted:
                return c, None, visible(f"The case '{wanted}' cannot be opened:\n{failure.message}", 4000)
        cases = ", ".join(c.catalog.scenarios) or "none"
        return c, None, visible(f"There is no case '{wanted}'. Cases: {cases}", 4000)
    return c, wanted, ""


def run_text(args: argparse.Namespace, read: Reader = _stdin_reader, out: TextIO | None = None) -> int:
    out = out or _output()
    ansi = out.isatty() and sys.stdin.isatty()
    width = args.width or min(78, shutil.get_terminal_size((80, 24)).columns - 2)
    style = Style(width=max(30, width), ansi=ansi)
    storage: Storage = MemoryStorage() if args.no_save else default_storage()
    try:
        controller, case_id, error = make_controller(args, storage)
        if error:
            print(error, file=out)
            return 1
        if getattr(args, "author", False):
            controller.author = True
        if getattr(args, "start", None):
            problem = _start_preview(controller, case_id, args)
            if problem:
                print(f"verdict text: {problem}", file=out)
                return 2
            case_id = None
        interactive = sys.stdin.isatty() and out.isatty()
        rows = shutil.get_terminal_size((80, 24)).lines
        game = TerminalGame(controller, read, out, style, echo=not sys.stdin.isatty(),
                            page_lines=max(10, rows - 3) if interactive else 0)
        if args.report:
            _report_at_debrief(controller, Path(args.report), out)
        if args.autoplay is not None:
            game.autoplay(args.autoplay, case_id or "tutorial")
        else:
            if case_id:
                controller.open_case(case_id)
            game.run()
            if controller.session is not None:
                saved = not (args.no_save or controller.preview)
                game.say("Goodbye. Your place is saved." if saved else "Goodbye.")
    except EndOfInput:
        print("\n(Input ended. Your place is saved.)" if not args.no_save else "\n(Input ended.)", file=out)
    except KeyboardInterrupt:
        print("\n(Stopped. Your place is saved.)" if not args.no_save else "\n(Stopped.)", file=out)
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more can be shown, and Python must not complain at exit.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    return 0


def _start_preview(c: Controller, case_id: str | None, args: argparse.Namespace) -> str:
    from game.cli import parse_flags

    if case_id is None:
        return "--start needs a case: verdict text CASE --start SCENE"
    try:
        flags = parse_flags(args.set_flags)
    except ValueError as err:
        return str(err)
    return c.open_preview(case_id, args.start, tuple(args.give), flags)


def _report_at_debrief(c: Controller, path: Path, out: TextIO) -> None:
    """Write the hand-in report each time a debrief is reached (the last one played is kept)."""

    def on_change(c: Controller) -> None:
        if c.screen is Screen.DEBRIEF and c.session is not None:
            _write_report(c, path, out)

    c.subscribe(on_change)


def _write_report(c: Controller, path: Path, out: TextIO) -> None:
    from game.engine import report_json, report_text

    assert c.session is not None
    if path.exists() and not _is_report(path):
        print(f"{path} already exists and is not a case report: not overwritten.", file=out)
        return
    text = report_json(c.session) if path.suffix == ".json" else report_text(c.session)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        print(f"Could not write the case report to {path}: {err.strerror}", file=out)
        return
    print(f"Your case report is in {path}: hand it to your teacher.", file=out)


def _is_report(path: Path) -> bool:
    """Only an earlier report may be replaced: never the save, a document, or anything else."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:200]
    except OSError:
        return False
    return '"format": "verdict-report"' in head or head.startswith("# Verdict case report:")


