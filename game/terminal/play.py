"""`verdict text`: the whole game in a terminal, or through a pipe one answer per line."""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from game.app.saves import SaveStore
from game.app.storage import default_storage
from game.engine import (
    CONFIDENCES,
    Catalog,
    Scenario,
    ScenarioError,
    Session,
    load_scenario,
    report_json,
    report_text,
)
from game.engine.playtest import informed_verdict, random_verdict
from game.terminal import render
from game.terminal.render import Style

HELP = """Type the number of a choice and press Enter.
  c  casebook: read the evidence you hold      u  undo the last choice (until a verdict)
  h  this help                                 q  quit
In lists, type a number to pick, or press Enter to go back."""


class EndOfInput(Exception):
    """Standard input ran out (piped input finished)."""


class Terminal:
    def __init__(self, read: Callable[[], str | None], out: TextIO, style: Style):
        self._read = read
        self.out = out
        self.style = style

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self._read()
        if line is None:
            raise EndOfInput
        return line.strip()

    def pick(self, prompt: str, count: int, allow_empty: bool = True) -> int | None:
        """A number from 1..count (returned 0-based); None for an empty answer when that is allowed."""
        while True:
            answer = self.ask(prompt)
            if not answer and allow_empty:
                return None
            if answer.isdigit() and 1 <= int(answer) <= count:
                return int(answer) - 1
            self.say(f"Please type a number from 1 to {count}.")


def _stdin_reader() -> str | None:
    line = sys.stdin.readline()
    return None if line == "" else line


def run_text(
    args: argparse.Namespace, read: Callable[[], str | None] = _stdin_reader, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    ansi = out.isatty() and sys.stdin.isatty()
    width = args.width or min(78, shutil.get_terminal_size((80, 24)).columns - 2)
    term = Terminal(read, out, Style(width=max(30, width), ansi=ansi))
    scenario = _choose_scenario(args, term)
    if scenario is None:
        return 1
    try:
        if args.autoplay is not None:
            session = autoplay(scenario, args.autoplay, term)
        else:
            saves = None if getattr(args, "no_save", False) else SaveStore(default_storage())
            session = play(scenario, term, saves)
        if getattr(args, "report", None):
            _write_report(session, Path(args.report), term)
    except EndOfInput:
        term.say("\n(Input ended.)")
    except KeyboardInterrupt:
        term.say("\n(Stopped.)")
    return 0


def _write_report(session: Session, path: Path, term: Terminal) -> None:
    text = report_json(session) if path.suffix == ".json" else report_text(session)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        term.say(f"Could not write the case report to {path}: {err.strerror}")
        return
    term.say(f"Your case report is in {path}: hand it to your teacher.")


def _choose_scenario(args: argparse.Namespace, term: Terminal) -> Scenario | None:
    wanted = args.scenario
    if wanted and (wanted.endswith(".toml") or Path(wanted).is_file()):
        try:
            return load_scenario(wanted)
        except ScenarioError as err:
            term.say(str(err))
            return None
    catalog = Catalog.load(_packaged_scenarios() or Path("scenarios"), *args.scenarios)
    if wanted:
        if wanted in catalog.scenarios:
            return catalog.scenarios[wanted]
        for failure in catalog.failures:
            if Path(failure.path).stem == wanted:
                term.say(f"The case '{wanted}' cannot be opened:\n{failure.message}")
                return None
        term.say(f"There is no case '{wanted}'. Cases: {', '.join(catalog.scenarios)}")
        return None
    return _menu(catalog, term)


def _packaged_scenarios() -> Path | None:
    # Works from any folder: the scenarios ship next to the game package.
    here = Path(__file__).resolve().parent.parent.parent / "scenarios"
    return here if here.is_dir() else None


def _menu(catalog: Catalog, term: Terminal) -> Scenario | None:
    style = term.style
    term.say(style.heading("Verdict"))
    term.say(
        style.wrap("Investigate episodes of Stalin's purges, weigh the evidence, and argue your verdict.")
    )
    term.say()
    cases = list(catalog.scenarios.values())
    for i, scenario in enumerate(cases, start=1):
        term.say(render.case_card(i, scenario, style))
    for failure in catalog.failures:
        term.say(style.wrap(f"Unavailable: {Path(failure.path).name}: {failure.message}"))
    if not cases:
        term.say("No cases could be loaded.")
        return None
    term.say()
    index = term.pick(f"Choose a case (1-{len(cases)}): ", len(cases), allow_empty=False)
    return cases[index] if index is not None else None


def _content_note(scenario: Scenario, term: Terminal) -> None:
    style = term.style
    term.say()
    term.say(style.heading(scenario.title))
    term.say(style.wrap(f"Content note: {scenario.content_note.strip()}"))
    term.say(style.wrap(f"You are: {scenario.role}."))
    term.ask("Press Enter to begin. ")


def _resume(scenario: Scenario, saves: SaveStore | None, term: Terminal) -> Session:
    """The autosaved session if the player wants it (shared with the window game), else a fresh one."""
    if saves is None:
        return Session(scenario)
    loaded = saves.load(scenario)
    if loaded.problem:
        term.say(term.style.wrap(loaded.problem))
    session = loaded.session
    if session is None or session.is_over:
        return Session(scenario)
    for note in loaded.notes:
        term.say(term.style.wrap(note))
    answer = term.ask("You have a case in progress. Resume where you left off? (y/n) ").lower()
    return session if answer in ("", "y", "yes") else Session(scenario)


def _autosave(session: Session, saves: SaveStore | None, term: Terminal) -> None:
    if saves is not None and (problem := saves.save(session)):
        term.say(term.style.wrap(problem))


def play(scenario: Scenario, term: Terminal, saves: SaveStore | None = None) -> Session:
    _content_note(scenario, term)
    session = _resume(scenario, saves, term)
    style = term.style
    term.say("Type h for help at any time.")
    shown = None
    while not session.is_over:
        view = session.view()
        marker = (view.scene_id, len(session.history))
        if shown != marker:
            term.say()
            term.say(render.scene(view, scenario, style))
            shown = marker
        if view.checkpoint is not None:
            _verdict(session, term)
            _autosave(session, saves, term)
            continue
        term.say()
        term.say(render.choices(view, style))
        answer = term.ask("> ").lower()
        if answer.isdigit() and 1 <= int(answer) <= len(view.choices):
            session.choose(int(answer) - 1)
            _autosave(session, saves, term)
        elif answer == "c":
            _casebook(session, term)
            shown = None
        elif answer == "u":
            if session.can_undo:
                session.undo()
                _autosave(session, saves, term)
                term.say("Undone.")
                shown = None
            else:
                term.say("Nothing to undo (a verdict cannot be taken back).")
        elif answer in ("h", "?"):
            term.say(HELP)
        elif answer == "q":
            term.say("Goodbye." if saves is None else "Goodbye. Your place is saved.")
            return session
        else:
            term.say(f"Type a number from 1 to {len(view.choices)}, or h for help.")
    term.say()
    term.say(render.scene(session.view(), scenario, style))
    term.say()
    term.say(render.debrief(session.debrief(), scenario, style))
    return session


def _casebook(session: Session, term: Terminal) -> None:
    items = [session.scenario.evidence[e] for e in session.held]
    if not items:
        term.say("Your casebook is empty so far.")
        return
    while True:
        term.say()
        term.say(term.style.heading("Casebook"))
        for i, item in enumerate(items, start=1):
            term.say(f"{i}. {item.title} ({item.kind.replace('_', ' ')}, {item.date})")
        index = term.pick("Read which item? (Enter to go back) ", len(items))
        if index is None:
            return
        term.say()
        term.say(render.evidence(items[index], term.style))


def _verdict(session: Session, term: Terminal) -> None:
    question = session.pending_question
    assert question is not None
    style = term.style
    interps = list(question.interpretations.values())
    while True:
        term.say()
        term.say(style.heading(f"Verdict: {question.prompt}"))
        for i, interp in enumerate(interps, start=1):
            term.say(style.wrap(f"{i}. {interp.claim}"))
        term.say(style.wrap("Type c to read your casebook first."))
        answer = term.ask(f"Your interpretation (1-{len(interps)}): ").lower()
        if answer == "c":
            _casebook(session, term)
            continue
        if not (answer.isdigit() and 1 <= int(answer) <= len(interps)):
            term.say(f"Please type a number from 1 to {len(interps)}.")
            continue
        interp = interps[int(answer) - 1]
        cited = _cite(session, question.max_cite, term)
        confidence = _confidence(term)
        names = ", ".join(session.scenario.evidence[e].title for e in cited) or "nothing"
        term.say(style.wrap(f"You argue: {interp.claim} Citing: {names}. Confidence: {confidence}."))
        if term.ask("Submit this verdict? A verdict cannot be undone. (y/n) ").lower() not in ("y", "yes"):
            continue
        report = session.submit_verdict(question.id, interp.id, cited, confidence)
        term.say()
        term.say(render.score(report, question, style))
        term.ask("Press Enter to continue. ")
        return


def _cite(session: Session, max_cite: int, term: Terminal) -> list[str]:
    held = list(session.held)
    if not held:
        term.say("You hold no evidence to cite.")
        return []
    term.say(term.style.wrap(f"Cite up to {max_cite} items that support your claim:"))
    for i, eid in enumerate(held, start=1):
        item = session.scenario.evidence[eid]
        term.say(term.style.wrap(f"{i}. {item.title} ({render.reliability_marker(item)})", ""))
    while True:
        answer = term.ask("Numbers separated by spaces (Enter for none): ").replace(",", " ").split()
        if all(a.isdigit() and 1 <= int(a) <= len(held) for a in answer) and len(set(answer)) <= max_cite:
            return [held[int(a) - 1] for a in dict.fromkeys(answer)]
        term.say(f"Type up to {max_cite} different numbers from 1 to {len(held)}.")


def _confidence(term: Terminal) -> str:
    for i, name in enumerate(CONFIDENCES, start=1):
        term.say(f"{i}. {name}")
    index = term.pick("How confident are you? ", len(CONFIDENCES), allow_empty=False)
    return CONFIDENCES[index or 0]


def autoplay(scenario: Scenario, seed: int, term: Terminal) -> Session:
    """Random choices and random (or careful) verdicts to an ending, printing the transcript."""
    rng = random.Random(seed)
    careful = rng.random() < 0.5
    session = Session(scenario)
    style = term.style
    term.say(style.wrap(f"Autoplay of '{scenario.id}' with seed {seed}."))
    for _step in range(1000):
        view = session.view()
        term.say()
        term.say(render.scene(view, scenario, style))
        if session.is_over:
            term.say()
            term.say(render.debrief(session.debrief(), scenario, style))
            term.say()
            term.say(f"Reached ending: {session.scene_id}")
            return session
        if view.checkpoint is not None:
            pick = informed_verdict if careful else random_verdict
            iid, cited, confidence = pick(session, view.checkpoint, rng)
            report = session.submit_verdict(view.checkpoint.id, iid, cited, confidence)
            term.say()
            term.say(render.score(report, view.checkpoint, style))
            continue
        if not view.choices:
            term.say(f"Stuck in scene '{view.scene_id}': no choice is available.")
            return session
        index = rng.randrange(len(view.choices))
        term.say(f"\n> {index + 1}. {view.choices[index].label}")
        session.choose(index)
    term.say("Stopped after 1000 steps without reaching an ending.")
    return session
