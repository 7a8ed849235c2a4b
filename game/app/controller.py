"""The screens and what the player can do on each: one state machine shared by the canvas and the page.

Front ends read `screen`, `document()` and `actions()`, draw them however they like, and call
`perform(action.key)` (or the named helpers such as `choose(i)`). Every change bumps `revision` and calls
the subscribers, so a view redraws only when something changed.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from game.app import case_menu, casebook, documents, earlier
from game.app.actions import Action, act
from game.app.documents import Block
from game.app.handin import FORMS, MIME, Deliverer, Form, file_name, render
from game.app.saves import Progress, SaveStore
from game.app.settings import SETTING_INFO, Settings, describe
from game.app.unlocks import Lock, Unlocks, lock_for
from game.engine.notes import MAX_NOTE
from game.engine.safetext import visible
from game.engine.state import MAX_WHY

if TYPE_CHECKING:  # the engine is imported when the cases are first needed, after the title is drawn
    from game.engine import (
        Catalog,
        Evidence,
        GlossaryHit,
        Question,
        Scenario,
        SceneView,
        ScoreReport,
        Session,
        Term,
    )
    from game.engine.explore import Outlook
    from game.engine.options import CaseOptions, ClassSettings

__all__ = ["Action", "CaseCard", "Controller", "ErrorInfo", "Screen", "Unavailable", "VerdictDraft"]

MAX_MESSAGE = 2000  # a rejected file's message shown on its card; the checker prints the rest
IDLE_LIMIT = 120.0  # seconds: the most one pause between actions adds to the time spent on a case


class Screen(StrEnum):
    TITLE = "title"
    CASES = "cases"
    BRIEFING = "briefing"  # one case's card in full: role, summary, content note, start or resume
    SCENE = "scene"
    CASEBOOK = "casebook"
    VERDICT = "verdict"
    GLOSSARY = "glossary"
    SETTINGS = "settings"
    HELP = "help"
    DEBRIEF = "debrief"
    HANDIN = "handin"  # the hand-in form over the debrief: name, class, form, where
    ERROR = "error"


# Screens opened on top of another one; Esc returns to what was underneath.
OVERLAYS = {Screen.CASEBOOK, Screen.VERDICT, Screen.GLOSSARY, Screen.SETTINGS, Screen.HELP, Screen.HANDIN}

GROUP_TITLES = {
    "interpretation": "1. Which interpretation does the evidence support?",
    "cite": "2. Which evidence do you cite?",
    "confidence": "3. How sure are you?",
    "reasoning": "4. Your reasoning, in a few sentences",
    "handin": "Who is handing in",
    "handin_form": "In what form",
    "trust": "How far do you trust this document?",
    "setting": "Settings",
}

CONFIDENCE_LABELS = {
    "certain": "Certain: the evidence leaves no real doubt",
    "probable": "Probable: the evidence points this way",
    "possible": "Possible: it fits, but so do others",
}


@dataclass(frozen=True)
class CaseCard:
    id: str
    title: str
    period: str
    role: str
    minutes: int
    summary: str
    progress: str  # e.g. "Not started", "In progress; 3 of 9 documents found"
    best: int | None
    in_progress: bool
    locked: str = ""  # why the case cannot be opened yet ("" when it can): "Opens after you finish ..."


@dataclass(frozen=True)
class Unavailable:
    path: str
    message: str  # the checker's message


@dataclass
class VerdictDraft:
    question_id: str
    interpretation: str | None = None
    cited: list[str] = field(default_factory=list)
    confidence: str | None = None
    reviewing: bool = False  # the summary "You argue … citing …" is shown, with File and Change
    reasoning: str = ""  # why the cited evidence supports the claim (kept with the verdict, not scored)
    rebuttal: str = ""  # the strongest evidence against, and why it does not change the verdict

    def missing(self) -> str:
        """What must still be answered before the verdict can be reviewed, in words; "" when ready."""
        parts = []
        if self.interpretation is None:
            parts.append("1 (an interpretation)")
        if self.confidence is None:
            parts.append("3 (how sure you are)")
        return f"Answer {' and '.join(parts)} first." if parts else ""


@dataclass
class JudgementDraft:
    """Sourcing practice: the student's judgement of one document, until they record it."""

    evidence_id: str
    trust: str | None = None
    why: str = ""


@dataclass(frozen=True)
class ErrorInfo:
    summary: str
    details: str


@dataclass
class HandinDraft:
    name: str = ""
    klass: str = ""
    form: Form = "html"


@dataclass(frozen=True)
class Ask:
    """A question put before an action that cannot be taken back (quitting, starting a case again)."""

    question: str
    yes: str  # the label of the button that goes ahead
    no: str
    action: str  # the action key that goes ahead when the player says yes


Listener = Callable[["Controller"], None]


class Controller:
    def __init__(
        self,
        catalog: Catalog | Callable[[], Catalog],
        store: SaveStore,
        *,
        can_quit: bool = False,
        setting_names: frozenset[str] | None = None,
        help_rows: documents.HelpRows | None = None,
        deliverer: Deliverer | None = None,
        class_settings: ClassSettings | None = None,
        unlock_all: bool = False,
        unlocked: frozenset[str] = frozenset(),
    ):
        # A function is called the first time the cases are needed: the title screen can show before
        # every scenario file has been parsed (the slowest part of starting, especially in WebAssembly).
        self._catalog: Catalog | None = None if callable(catalog) else catalog
        self._load_catalog = catalog if callable(catalog) else None
        self.store = store
        self.can_quit = can_quit  # desktop only: a browser tab is closed by the browser
        # The settings this front end can honour (a terminal has no fonts or contrast); None: all of them.
        self.setting_names = setting_names if setting_names is not None else frozenset(
            info.name for info in SETTING_INFO)
        self.help_rows = help_rows  # the front end's own keys for the Help screen; None: the window's
        self.deliverer = deliverer  # where a hand-in goes (the entry point decides); None: no hand-in here
        self.author = False  # --author: as if the author-mode setting were on
        # A teacher's setting (--unlock, a class settings file): every case open, or these cases.
        by_class = class_settings is not None and class_settings.unlock_all
        self.unlocks = Unlocks(unlock_all or by_class, frozenset(unlocked))
        self.preview = False  # a preview started mid-case: nothing is saved or recorded
        # The teacher's class file (class.toml), read by the entry point: options over every case, the
        # class code, and unlock_all (read by the lock on cases). None: no class file.
        self.class_settings = class_settings
        self.handin = HandinDraft(klass=class_settings.code if class_settings is not None else "")
        self.judging: JudgementDraft | None = None  # sourcing practice: a judgement being made
        self.settings, problem = store.load_settings()
        self.screen = Screen.TITLE
        self._under: list[Screen] = []  # screens beneath the current overlay
        self.scenario: Scenario | None = None
        self.session: Session | None = None
        self.briefing: Scenario | None = None
        self.evidence_id: str | None = None
        self.term: Term | None = None
        self.draft: VerdictDraft | None = None
        self.error: ErrorInfo | None = None
        self.notices: list[str] = [problem] if problem else []
        # Read progress now so a corrupt file is set aside and reported on the first screen, not mid-game.
        self.store.all_progress()
        self.quit_requested = False
        self.asking: Ask | None = None  # a yes/no question that must be answered before anything else
        self._seen_choices: dict[str, set[int]] = {}  # per scene, the choices shown when last left
        self.clock: Callable[[], float] = time.monotonic
        self._outlook: tuple[int, Outlook] | None = None
        self._last_action: float | None = None
        self.revision = 0
        self._listeners: list[Listener] = []
        self._view: SceneView | None = None  # cached: the engine rebuilds it on every call
        self.case_order: case_menu.CaseOrder = "date"  # the case list: by date, or by outline branch

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            assert self._load_catalog is not None
            self._catalog = self._load_catalog()
        return self._catalog

    @property
    def catalog_loaded(self) -> bool:
        return self._catalog is not None

    # -- change notification ------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call listener(controller) after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _changed(self) -> None:
        self.revision += 1
        self._view = None
        for listener in list(self._listeners):
            listener(self)

    # -- reading the state ---------------------------------------------------------------------------------

    @property
    def view(self) -> SceneView | None:
        if self.session is None:
            return None
        if self._view is None:
            self._view = self.session.view()
        return self._view

    @property
    def question(self) -> Question | None:
        if self.session is None or self.draft is None:
            return None
        return self.session.scenario.questions.get(self.draft.question_id)

    @property
    def evidence(self) -> Evidence | None:
        if self.scenario is None or self.evidence_id is None:
            return None
        return self.scenario.evidence.get(self.evidence_id)

    def held_evidence(self) -> list[Evidence]:
        if self.session is None:
            return []
        return [self.session.scenario.evidence[e] for e in self.session.held]

    def glossary_hits(self, text: str) -> list[GlossaryHit]:
        """The glossary terms in one passage, each linked at its first use only (a paragraph with "NKVD"
        five times gets one link, not five)."""
        seen: set[str] = set()
        hits = []
        for hit in self.catalog.glossary.find(text):
            if hit.term.id not in seen:
                seen.add(hit.term.id)
                hits.append(hit)
        return hits

    def page_terms(self) -> list[Term]:
        """Glossary terms in the current scene's prose, each once, in reading order; on a page with none
        (and from the title), the whole glossary to browse."""
        view = self.view
        whole = sorted(self.catalog.glossary.terms.values(), key=lambda t: t.term.lower())
        if view is None:
            return whole
        if self.screen not in (Screen.SCENE, Screen.GLOSSARY):
            return []
        seen: dict[str, Term] = {}
        for para in view.paragraphs:
            for hit in self.glossary_hits("".join(span.text for span in para)):
                seen.setdefault(hit.term.id, hit.term)
        return list(seen.values()) or whole

    def cards(self) -> list[CaseCard]:
        cards = []
        stored = self.store.all_progress()
        for sc in self.catalog.scenarios.values():
            progress = stored.get(sc.id) or Progress()
            in_progress = progress.open and self.store.has_save(sc.id)
            line = progress.describe(len(sc.evidence))
            if in_progress:
                line = "In progress" + ("" if line == "Not started" else "; " + line)
            lock = self._lock(sc, stored)
            if lock is not None:
                line = "Locked" + ("" if line == "Not started" else "; " + line)
            cards.append(CaseCard(sc.id, sc.title, sc.period, sc.role, sc.minutes, sc.summary, line,
                                  progress.best, in_progress, lock.reason if lock is not None else ""))
        return cards

    def _all_cases(self) -> dict[str, Scenario]:
        """The cases listed and those read only to lend them evidence (their titles are shown too)."""
        return {**self.catalog.lenders, **self.catalog.scenarios}

    def lock(self, scenario_id: str) -> Lock | None:
        """Why a case cannot be opened yet ([scenario] unlock_after), or None when it can."""
        scenario = self.catalog.scenarios.get(scenario_id)
        return None if scenario is None else self._lock(scenario, self.store.all_progress())

    def _lock(self, scenario: Scenario, stored: dict[str, Progress]) -> Lock | None:
        if not scenario.unlock_after:
            return None  # the common case: no progress to weigh
        # The cases that count: those listed, and those read only to lend evidence (one file tried alone).
        return lock_for(scenario, self._all_cases().values(), stored, self.unlocks)

    def unavailable(self) -> list[Unavailable]:
        # The checker names the file by its full path; the player needs only its name.
        failures = self.catalog.failures
        return [Unavailable(f.path, visible(f.message.replace(f.path, Path(f.path).name), MAX_MESSAGE))
                for f in failures]

    def group_title(self, group: str) -> str:
        if group == "cite" and self.question is not None:
            return f"2. Which evidence do you cite? (up to {self.question.max_cite})"
        return GROUP_TITLES.get(group, "")

    def document(self) -> list[Block]:
        """The text of the current screen, top to bottom."""
        if self.asking is not None and self.asking.action.startswith("choose!"):
            # A choice's warning (the case file's words, *emphasis* kept) stands last, just above Yes and Not
            # yet: the player clicked near the end of a long scene and must not have to scroll up to read it.
            return [*self._document(), documents.styled("h2", self.asking.question)]
        if self.asking is not None:
            return [documents.block("h1", self.asking.question), *self._document()]
        return self._document()

    def counters(self) -> list[str]:
        """The open case's counters filled in from the flags now ("Days used: 3 of 11"); [] if none.

        The window's case card, the page's status region and the terminal's status line all show these.
        """
        if self.session is None:
            return []
        return documents.counter_lines(self.session)

    def _document(self) -> list[Block]:
        screen = self.screen
        if screen is Screen.TITLE:
            return [*documents.title_document(), *self._notice_blocks()]
        if screen is Screen.CASES:
            doc = [documents.block("h1", "Case files"), *self._notice_blocks()]
            if self.unavailable():
                note = "Some case files could not be opened; they are listed last."
                doc.append(documents.block("meta", note))
            return doc
        if screen is Screen.BRIEFING and self.briefing is not None:
            progress = self.store.progress(self.briefing.id)
            line = progress.describe(len(self.briefing.evidence))
            lock = self.lock(self.briefing.id)
            locked = [documents.block("notice", lock.reason)] if lock is not None else []
            return [*documents.briefing_document(self.briefing, line, progress.best), *locked,
                    *self._notice_blocks()]
        if screen is Screen.SCENE and self.view is not None and self.scenario is not None:
            doc = documents.scene_document(self.view, self.scenario, self.notices)
            return [*doc, *self._author_blocks()] if self.author_mode else doc
        if screen is Screen.CASEBOOK:
            total = len(self.scenario.evidence) if self.scenario else 0
            doc = documents.casebook_intro(len(self.held_evidence()), total)
            if self.evidence is not None:
                doc += self._evidence_document(self.evidence)
                if self.scenario is not None and self.evidence.id in self.scenario.evidence_from:
                    doc += earlier.borrowed_item_blocks(self.scenario, self.evidence.id, self._all_cases(),
                                                        self.store.all_progress())
            return [*doc, *self._notice_blocks()] if self._practising_sourcing() else doc
        if screen is Screen.VERDICT and self.question is not None and self.draft is not None:
            if self.draft.reviewing and self.scenario is not None:
                d = self.draft
                review = documents.verdict_review(self.question, self.scenario, d.interpretation or "",
                                                  d.cited, d.confidence or "", d.reasoning, d.rebuttal)
                return self._with_pin_reminder(review)
            sc = self.scenario
            borrowed = (earlier.verdict_blocks(sc, self._all_cases(), self.store.all_progress())
                        if sc is not None and sc.evidence_from else [])
            return [*documents.verdict_document(self.question, len(self.held_evidence())), *borrowed,
                    *self._notice_blocks()]
        if screen is Screen.GLOSSARY:
            return documents.glossary_document(self.term, self.page_terms())
        if screen is Screen.SETTINGS:
            return [documents.block("h1", "Settings"), *self._notice_blocks()]
        if screen is Screen.HELP:
            return documents.help_document(self.help_rows)
        if screen is Screen.DEBRIEF and self.session is not None:
            doc = documents.debrief_document(self.session.debrief(), self.session.scenario)
            if self._practising_sourcing():
                return self._with_sourcing(doc)
            return [doc[0], *self._notice_blocks(), *doc[1:]]
        if screen is Screen.HANDIN:
            return documents.handin_document()
        if screen is Screen.ERROR and self.error is not None:
            return documents.error_document(self.error.summary, self.error.details)
        return [documents.block("h1", "Verdict")]

    # -- play options (the case's own, or the class file's) ---------------------------------------------

    @property
    def options(self) -> CaseOptions:
        """The options in force for the case being played (or briefed): the class file's over the case's."""
        return self.options_for(self.scenario or self.briefing)

    def options_for(self, scenario: Scenario | None) -> CaseOptions:
        from game.engine.options import CaseOptions

        options = scenario.options if scenario is not None else CaseOptions()
        return self.class_settings.apply(options) if self.class_settings is not None else options

    def _practising_sourcing(self) -> bool:
        return self.session is not None and (self.options.sourcing == "student" or
                                             bool(self.session.state.judgements))

    def _judged(self, evidence_id: str) -> bool:
        """Whether the case's grade of this item may be shown: always, unless the student grades sources."""
        if self.session is None or self.options.sourcing != "student":
            return True
        return evidence_id in self.session.state.judgements

    def _evidence_document(self, item: Evidence) -> list[Block]:
        from game.app import sourcing

        if self.options.sourcing != "student" or self.session is None:
            return documents.evidence_document(item)
        judgement = self.session.state.judgements.get(item.id)
        if judgement is None:
            return sourcing.unjudged_document(item)
        return sourcing.judged_document(item, judgement)

    def _with_sourcing(self, doc: list[Block]) -> list[Block]:
        """The debrief with the sourcing line after the verdicts' scores, and its section before the
        evidence never found (or the people's fate)."""
        from game.app import sourcing

        assert self.session is not None
        summary, section = sourcing.debrief_blocks(self.session.sourcing())
        first_h2 = next((n for n, b in enumerate(doc) if b.kind == "h2"), len(doc))
        before = next((n for n, b in enumerate(doc) if b.kind == "h2" and n > first_h2 and
                       b.text in (documents.MISSED_HEADING, documents.AFTERMATH_HEADING)), len(doc))
        return [doc[0], *self._notice_blocks(), *doc[1:first_h2], *summary, *doc[first_h2:before], *section,
                *doc[before:]]

    def interpretation_order(self, question: Question) -> list[str]:
        """The question's interpretation ids in the order the verdict form lists them: the file's, or
        shuffled per play (the play's seed, so the order holds across redraws, saves and resumes)."""
        ids = list(question.interpretations)
        if not self.options.shuffle_interpretations or self.session is None:
            return ids
        from game.engine.options import shuffled

        return shuffled(ids, self.session.seed, self.session.scenario.id, question.id)

    def rebuttal_missing(self) -> str:
        """Why the verdict cannot be filed yet when the rebuttal is required; "" otherwise."""
        draft = self.draft
        if draft is None or self.options.rebuttal != "required" or draft.rebuttal.strip():
            return ""
        return ("Write the strongest evidence against your claim, and why it does not change your verdict, "
                "first.")

    @property
    def author_mode(self) -> bool:
        """Flags, the endings still reachable and Reload on the scene screen, for teachers writing cases."""
        return self.author or self.settings.author_mode

    def _author_blocks(self) -> list[Block]:
        from game.engine.explore import reachable_endings

        assert self.session is not None
        if self._outlook is None or self._outlook[0] != self.revision:
            self._outlook = (self.revision, reachable_endings(self.session))
        outlook = self._outlook[1]
        flags = ", ".join(f"{k} = {v}" for k, v in sorted(self.session.flags.items())) or "none set"
        endings = ", ".join(sorted(outlook.endings)) or "none found"
        more = "" if outlook.complete else " (the search stopped early: there may be more)"
        return [documents.block("h3", "Author mode"),
                documents.block("meta", f"Scene: {self.session.scene_id} · flags: {flags}"),
                documents.block("meta", f"Evidence held: {', '.join(self.session.held) or 'none'}"),
                documents.block("meta", f"Endings still reachable: {endings}{more}")]

    def _notice_blocks(self) -> list[Block]:
        # Storage trouble (e.g. corrupt progress) stays in view on the menus until the game is restarted.
        menus = self.screen in (Screen.TITLE, Screen.CASES)
        notes = [*self.notices, *(self.store.problems if menus else [])]
        return [documents.block("notice", note) for note in notes]

    def actions(self) -> list[Action]:
        """Everything the player can do on this screen, in focus order."""
        if self.asking is not None:
            return [act("yes", self.asking.yes), act("no", self.asking.no)]
        builder: Callable[[], list[Action]] = getattr(self, f"_actions_{self.screen.value}")
        return builder()

    def _actions_title(self) -> list[Action]:
        acts = []
        last = self.store.last_open_case()
        if last is not None:
            acts.append(act("continue", f"Continue: {last[1]}"))
        acts += [act("cases", "Open the case files"), act("glossary", "Glossary"), *self._settings_action(),
                 act("help", "How to play")]
        if self.can_quit:
            acts.append(act("quit", "Quit"))
        return acts

    def _actions_cases(self) -> list[Action]:
        acts = []
        by_outline = self.case_order == "outline" and bool(self.catalog.outline)
        practice = [sid for sid, sc in self.catalog.scenarios.items() if sc.practice]
        cards = case_menu.ordered(self.cards(), self.catalog.outline, practice) if by_outline else \
            [(card, "", "") for card in self.cards()]
        for n, (card, heading, also) in enumerate(cards, start=1):
            best = f" · best score {card.best}/100" if card.best is not None else ""
            detail = f"{card.period} · {card.role} · about {card.minutes} min\n{card.progress}{best}"
            acts.append(act(f"case:{card.id}", card.title, number=n, detail=detail + also, heading=heading,
                            enabled=not card.locked, reason=card.locked))
        for i, item in enumerate(self.unavailable()):
            heading = case_menu.UNAVAILABLE_HEADING if by_outline and i == 0 else ""
            acts.append(act(f"unavailable:{item.path}", f"Unavailable: {visible(Path(item.path).name, 120)}",
                            enabled=False, detail=item.message, reason="This case file has a problem.",
                            heading=heading))
        acts += case_menu.order_action(self.catalog.outline, self.case_order)
        acts.append(act("back", "Back to the title"))
        return acts

    def _actions_briefing(self) -> list[Action]:
        sc = self.briefing
        if sc is None:
            return [act("back", "Back")]
        saved = self.store.has_save(sc.id)
        label = "Open the case"
        if saved:
            label = "Resume the case" if self.store.progress(sc.id).open else "Return to your finished case"
        lock = self.lock(sc.id)
        why = lock.reason if lock is not None else ""
        acts = [act("begin", label, enabled=not why, reason=why)]
        if saved:
            acts.append(act("restart", "Start again from the beginning", enabled=not why, reason=why))
        acts.append(act("back", "Back to the case files"))
        return acts

    def _actions_scene(self) -> list[Action]:
        view, session = self.view, self.session
        if view is None or session is None:
            return [act("menu", "Back to the case files")]
        # A choice keeps its key and number (its place in the file) while others appear and disappear, so
        # a number never moves under the player's finger and a stale click cannot pick another choice.
        taken, seen = session.taken, self._seen_choices.get(view.scene_id)
        acts = []
        for c in view.choices:
            badge = "done" if (view.scene_id, c.source_index) in taken else (
                "new" if seen is not None and c.source_index not in seen else "")
            acts.append(act(f"choose:{c.source_index}", c.label, number=c.source_index + 1, badge=badge))
        if view.checkpoint is not None:
            acts.append(act("verdict", "Give your verdict"))
        elif view.is_ending:
            acts.append(act("debrief", "Read the debrief"))
        acts += [
            act("casebook", f"Casebook ({len(session.held)})"),
            act("undo", "Undo", enabled=session.can_undo, reason=self._undo_reason(session)),
        ]
        if self.catalog.glossary.terms:  # always there, so the bar never reflows from page to page
            acts.append(act("glossary", "Glossary"))
        if self.author_mode:
            acts.append(act("reload", "Reload the case file"))
        acts += [act("help", "Help"), *self._settings_action(), act("menu", "Case files")]
        return acts

    @staticmethod
    def _undo_reason(session: Session) -> str:
        if session.can_undo:
            return ""
        if not session.history:
            return "Nothing to undo yet."
        return "A verdict cannot be taken back, nor the choices before it."

    def _settings_action(self) -> list[Action]:
        return [act("settings", "Settings")] if self.setting_names else []

    def _reliability(self, item: Evidence) -> str:
        if not self._judged(item.id):
            from game.app.sourcing import NOT_JUDGED

            return NOT_JUDGED
        detail = documents.RELIABILITY_WORDS.get(item.reliability, item.reliability)
        detail = detail + " · under duress" if item.coerced else detail
        ref = self.scenario.evidence_from.get(item.id) if self.scenario is not None else None
        if ref is not None:  # borrowed from another case: say which
            source = self._all_cases().get(ref.case)
            detail += f" · from {source.title if source is not None else ref.case}"
        return detail

    def _actions_casebook(self) -> list[Action]:
        session = self.session
        if session is None:
            return [act("back", "Close the casebook")]
        # Pinned items first; each says where it is cited and shows the player's note (game/app/casebook.py).
        cited = casebook.cited_in(session)
        drafted = set(self.draft.cited) if self.draft is not None else set()
        acts = []
        for eid in casebook.pinned_first(session.held, session.pins):
            item = session.scenario.evidence[eid]
            detail = casebook.casebook_detail(self._reliability(item), cited.get(eid, []), eid in drafted,
                                              session.note(eid))
            acts.append(act(f"evidence:{eid}", item.title, selected=eid == self.evidence_id, detail=detail,
                            badge="pinned" if session.pinned(eid) else ""))
        acts += self._judging_actions()
        if self.evidence_id is not None and self.evidence_id in session.held:
            eid = self.evidence_id
            note = session.note(eid)
            acts += [
                act("pin", "Pin this document to the top of the list", selected=session.pinned(eid)),
                act("note", f"Your note on this document (up to {MAX_NOTE} characters)", value=note,
                    detail=note or "No note yet."),
            ]
        acts.append(act("back", "Close the casebook"))
        return acts

    def _judging_actions(self) -> list[Action]:
        """Sourcing practice: judge the open document (how far to trust it, and why) before its grade
        shows."""
        from game.app.sourcing import TRUST_LABELS

        eid = self.evidence_id
        if eid is None or self._judged(eid) or self.session is None or eid not in self.session.held:
            return []
        draft = self.judging if self.judging is not None and self.judging.evidence_id == eid else None
        trust, why = (draft.trust, draft.why) if draft is not None else (None, "")
        acts = [act(f"trust:{level}", label, selected=trust == level)
                for level, label in TRUST_LABELS.items()]
        acts.append(act("trustwhy", "In one line: why do you trust it that far?", value=why,
                        detail=why or "Not written yet."))
        acts.append(act("judge", "Record my judgement", enabled=trust is not None,
                        reason="" if trust is not None else "Choose how far you trust it first."))
        return acts

    def _actions_verdict(self) -> list[Action]:
        question, draft = self.question, self.draft
        if question is None or draft is None:
            return [act("back", "Back")]
        if draft.reviewing:
            blocked = self.rebuttal_missing()
            return [act("file", "File the verdict", enabled=not blocked, reason=blocked),
                    act("change", "Change it"), act("casebook", "Casebook")]
        acts = [
            act(f"interp:{iid}", question.interpretations[iid].claim, number=n,
                selected=draft.interpretation == iid)
            for n, iid in enumerate(self.interpretation_order(question), start=1)
        ]
        full = len(draft.cited) >= question.max_cite
        session = self.session
        assert session is not None
        # Pinned items first, each with the player's note beside it: what they noted is read while citing.
        for eid in casebook.pinned_first(session.held, session.pins):
            item = session.scenario.evidence[eid]
            chosen = item.id in draft.cited
            acts.append(act(f"cite:{item.id}", item.title, enabled=chosen or not full, selected=chosen,
                            detail=casebook.cite_detail(self._reliability(item), session.pinned(eid),
                                                        session.note(eid)),
                            reason="" if chosen or not full else f"You may cite up to {question.max_cite}."))
        acts += [act(f"confidence:{c}", CONFIDENCE_LABELS.get(c, c), selected=draft.confidence == c)
                 for c in self._confidences()]
        acts.append(act("reason", "Why does the evidence you cite support your claim?", value=draft.reasoning,
                        detail=draft.reasoning or "Not written yet."))
        rebuttal = self.options.rebuttal
        if rebuttal != "off":
            need = "Required" if rebuttal == "required" else "Optional"
            acts.append(act("rebut", f"{need}: the strongest evidence against it, and why it does not change "
                            "your verdict", value=draft.rebuttal,
                            detail=draft.rebuttal or ("Not written yet." if rebuttal == "required"
                                                      else "Not written.")))
        missing = draft.missing() or self.rebuttal_missing()
        acts += [
            act("confirm", "Review the verdict", enabled=not missing, reason=missing),
            act("casebook", "Casebook"),
            act("back", "Back to the scene"),
        ]
        return acts

    @staticmethod
    def _confidences() -> tuple[str, ...]:
        from game.engine import CONFIDENCES

        return CONFIDENCES

    def _actions_glossary(self) -> list[Action]:
        current = self.term.id if self.term is not None else None
        acts = [act(f"term:{t.id}", t.term, selected=t.id == current) for t in self.page_terms()]
        acts.append(act("back", "Close the glossary"))
        return acts

    def _actions_settings(self) -> list[Action]:
        acts = []
        for info in SETTING_INFO:
            if info.name not in self.setting_names:
                continue
            if info.name == "text_size":
                size = describe(self.settings, "text_size")
                acts += [act("smaller", f"Smaller text (now {size})", enabled=self.settings.text_size > 0,
                             detail=info.help, reason="This is the smallest size."),
                         act("larger", f"Larger text (now {size})", enabled=self.settings.text_size < 3,
                             reason="This is the largest size.")]
                continue
            acts.append(act(f"setting:{info.name}", f"{info.label}: {describe(self.settings, info.name)}",
                            selected=bool(getattr(self.settings, info.name)), detail=info.help))
        acts.append(act("back", "Done"))
        return acts

    def _actions_help(self) -> list[Action]:
        return [act("back", "Back")]

    def _actions_debrief(self) -> list[Action]:
        acts = [act("handin", "Hand in your work")] if self.deliverer is not None else []
        return [*acts, act("menu", "Back to the case files"), act("restart", "Play this case again")]

    def _actions_handin(self) -> list[Action]:
        h, deliverer = self.handin, self.deliverer
        acts = [act("name", "Your name", value=h.name, detail=h.name or "Not written yet."),
                act("klass", "Class code (if your teacher gave you one)", value=h.klass,
                    detail=h.klass or "None.")]
        if deliverer is not None and deliverer.folder is not None:
            folder = deliverer.folder
            acts.append(act("folder", "Folder to save it in", value=folder, detail=folder))
        acts += [act(f"form:{form}", label, selected=h.form == form) for form, (_, label) in FORMS.items()]
        ready = bool(h.name.strip())
        acts += [act("write", "Write the report", enabled=ready,
                     reason="" if ready else "Write your name first."),
                 act("back", "Back to the debrief")]
        return acts

    def _actions_error(self) -> list[Action]:
        return [act("menu", "Back to the case files")]

    # -- acting ---------------------------------------------------------------------------------------------

    def perform(self, key: str) -> bool:
        """Do what the action with this key does, if it is offered and enabled now; True when it was done.

        Keys that are not on the screen are refused rather than guessed at, so a stale button in the page or
        a double click cannot act on the wrong screen. An unexpected error opens the error screen.
        """
        name, _, arg = key.partition(":")
        offered = {a.key: a for a in self.actions()}
        action = offered.get(key)
        if action is None and name in offered and offered[name].kind == "text":
            action = offered[name]  # "reason:the player's words"
        # Glossary words in the prose are links, not buttons: they may be opened from the scene directly.
        is_term_link = name == "term" and self.screen is Screen.SCENE
        if not is_term_link and (action is None or not action.enabled):
            return False
        self._count_time()
        try:
            getattr(self, f"_do_{name}")(arg)
        except Exception as exc:  # the error screen is the safety net: the autosave keeps progress
            self.show_error(exc)
            return True
        self._changed()
        return True

    def _count_time(self) -> None:
        # Time between two actions counts as play, up to a limit: a student who leaves the game open over
        # lunch has not spent an hour on the case.
        now = self.clock()
        if self.session is not None and self._last_action is not None:
            self.session.spend(min(now - self._last_action, IDLE_LIMIT))
        self._last_action = now

    # Named helpers so callers need not build keys.
    def choose(self, index: int) -> bool:
        return self.perform(f"choose:{index}")

    def undo(self) -> bool:
        return self.perform("undo")

    def back(self) -> bool:
        """Esc: leave the current screen (the scene goes to the case files, saved)."""
        return any(self.perform(key) for key in ("no", "change", "back", "menu", "quit"))

    def show_error(self, exc: BaseException) -> None:
        details = "".join(traceback.format_exception(exc))
        self.error = ErrorInfo(f"{type(exc).__name__}: {exc}", details)
        self._under.clear()
        self.screen = Screen.ERROR
        self._changed()

    def _go(self, screen: Screen) -> None:
        self._under.clear()
        self.screen = screen

    def _open_overlay(self, screen: Screen) -> None:
        if self.screen in OVERLAYS:
            # An overlay opened from an overlay (the casebook from the verdict) stacks on it.
            self._under.append(self.screen)
        else:
            self._under = [self.screen]
        self.screen = screen

    def _do_back(self, _: str) -> None:
        if self._under:
            self.screen = self._under.pop()
        elif self.screen is Screen.CASES:
            self.screen = Screen.TITLE
        elif self.screen is Screen.BRIEFING:
            self.screen = Screen.CASES
        else:
            self._go(Screen.TITLE)
        self.notices = []

    def _do_quit(self, _: str) -> None:
        self.asking = Ask("Quit Verdict?", "Quit", "Stay", "quit!")

    def _do_yes(self, _: str) -> None:
        assert self.asking is not None
        name, _, arg = self.asking.action.partition(":")
        self.asking = None
        getattr(self, f"_confirmed_{name.rstrip('!')}")(arg)

    def _do_no(self, _: str) -> None:
        self.asking = None

    def _confirmed_quit(self, _: str) -> None:
        self.quit_requested = True

    def _do_continue(self, _: str) -> None:
        last = self.store.last_open_case()
        if last is None or last[0] not in self.catalog.scenarios:
            self.notices = ["That case is no longer available."]
            return
        self.briefing = self.catalog.scenarios[last[0]]
        if self.lock(last[0]) is not None:  # the teacher's setting that opened it is gone: say why
            self._go(Screen.BRIEFING)
            return
        self._start(fresh=False)

    def _do_cases(self, _: str) -> None:
        self._go(Screen.CASES)

    def _do_order(self, _: str) -> None:
        self.case_order = "date" if self.case_order == "outline" else "outline"

    def _do_menu(self, _: str) -> None:
        self.session = self.scenario = None
        self.draft = None
        self.notices = []
        self._go(Screen.CASES)

    def _do_settings(self, _: str) -> None:
        self._open_overlay(Screen.SETTINGS)

    def _do_help(self, _: str) -> None:
        self._open_overlay(Screen.HELP)

    def _do_case(self, scenario_id: str) -> None:
        self.briefing = self.catalog.scenarios[scenario_id]
        self.notices = []
        self._go(Screen.BRIEFING)

    def open_case(self, scenario_id: str) -> bool:
        """Go straight to one case's briefing (a teacher's link names the case)."""
        if scenario_id not in self.catalog.scenarios:
            return False
        self._do_case(scenario_id)
        self._changed()
        return True

    def open_preview(self, scenario_id: str, start: str, give: tuple[str, ...] = (),
                     flags: dict[str, int | bool] | None = None) -> str:
        """Start a case at any scene with given evidence and flags, saving nothing; "" or what is wrong."""
        from game.engine.explore import preview_session

        scenario = self.catalog.scenarios.get(scenario_id)
        if scenario is None:
            return f"there is no case '{scenario_id}'"
        try:
            session = preview_session(scenario, start, give, flags)
        except KeyError as err:
            return str(err.args[0])
        self.preview = True
        self.briefing = self.scenario = scenario
        self.session, self.draft = session, None
        self.notices = [f"Preview from the scene '{start}': nothing is saved and no progress is recorded."]
        self._go(Screen.SCENE)
        self._changed()
        return ""

    def _do_reload(self, _: str) -> None:
        """Read the case file again and carry the player over to it, at the same scene when it still exists.

        When the edited file has an error, the old version keeps running and the checker's message is shown.
        """
        from game.engine import Session, read_scenario

        assert self.session is not None and self.scenario is not None
        from game.engine.load import read_file

        path = Path(self.scenario.path)
        data, problem = read_file(path)  # only a regular file, never past the size limit
        if data is None:
            why = problem.message if problem is not None else "it cannot be read"
            self.notices = [f"The case file could not be read again ({visible(why, 300)}); the old one is "
                            "still running."]
            return
        scenario, diagnostics = read_scenario(data, str(path))
        if scenario is not None and scenario.evidence_from:  # evidence by reference: from the other cases
            scenario, problems = self.catalog.resolve(scenario)
            diagnostics = [*problems, *diagnostics]
        if scenario is None:
            first = next((d.format() for d in diagnostics if d.severity == "error"), "it does not load")
            self.notices = [f"The edited file has a problem, so the old version is still running: "
                            f"{visible(first, MAX_MESSAGE)}"]
            return
        restored = Session.restore(scenario, self.session.to_json())
        self.catalog.scenarios[scenario.id] = scenario
        self.scenario = self.briefing = scenario
        self.session = restored.session
        self.notices = ["The case file was reloaded.", *restored.notes]
        self._autosave()

    def _do_begin(self, _: str) -> None:
        self._start(fresh=False)

    def _do_restart(self, _: str) -> None:
        if self.screen is Screen.DEBRIEF and self.scenario is not None:
            self.briefing = self.scenario
            self._start(fresh=True)  # the finished run is already recorded: nothing to lose
        elif self.briefing is not None and self.store.progress(self.briefing.id).open:
            self.asking = Ask("Start this case again? Your place in it will be lost.", "Start again",
                              "Keep my place", "restart!")
        else:
            self._start(fresh=True)

    def _confirmed_restart(self, _: str) -> None:
        self._start(fresh=True)

    def _start(self, fresh: bool) -> None:
        scenario = self.briefing
        if scenario is None:
            return
        self.notices = []
        session = None
        if not fresh:
            loaded = self.store.load(scenario)
            session = loaded.session
            self.notices += loaded.notes
            if loaded.problem:
                self.notices.append(loaded.problem)
        if session is None:
            from game.engine import Session
            from game.engine.options import new_seed

            # A play's own seed orders shuffled interpretations; 0 (none) keeps a plain play's save as it was.
            shuffle = self.options_for(scenario).shuffle_interpretations
            session = Session(scenario, seed=new_seed() if shuffle else 0)
        self.scenario, self.session = scenario, session
        self.draft = None
        self.judging = None
        self.preview = False
        self._seen_choices = {}
        self._autosave()
        self._go(Screen.SCENE)

    def _autosave(self) -> None:
        if self.session is not None and not self.preview:
            problem = self.store.save(self.session)
            if problem:
                self.notices.append(problem)

    def _do_choose(self, arg: str) -> None:
        assert self.session is not None and self.view is not None
        choice = next((c for c in self.session.scene.choices if c.index == int(arg)), None)
        if choice is not None and choice.confirm:
            # A step the case warns about (it ends the investigation): the player says yes first.
            self.asking = Ask(choice.confirm, f"Yes: {choice.label}", "Not yet", f"choose!:{arg}")
            return
        self._confirmed_choose(arg)

    def _confirmed_choose(self, arg: str) -> None:
        assert self.session is not None and self.view is not None
        self.notices = []
        view = self.view
        self._seen_choices[view.scene_id] = {c.source_index for c in view.choices}
        index = next(c.index for c in view.choices if c.source_index == int(arg))
        self.session.choose(index)
        self._autosave()
        if self.session.is_over and self.session.pending_question is None:
            self._finished()

    def _finished(self) -> None:
        assert self.session is not None
        if self.preview:
            return
        problem = self.store.record_finished(self.session)
        if problem:
            self.notices.append(problem)

    def _do_undo(self, _: str) -> None:
        assert self.session is not None
        self.session.undo()
        self._autosave()
        self.notices = [f"Undone: you are back in “{self.session.scene.title}”."]

    def _do_casebook(self, _: str) -> None:
        held = self.session.held if self.session else ()
        if self.evidence_id not in held:
            self.evidence_id = held[-1] if held else None
        self._open_overlay(Screen.CASEBOOK)

    def _do_evidence(self, evidence_id: str) -> None:
        self.evidence_id = evidence_id

    def _do_pin(self, _: str) -> None:
        assert self.session is not None and self.evidence_id is not None
        self.session.pin(self.evidence_id, not self.session.pinned(self.evidence_id))
        self._autosave()

    def _do_note(self, text: str) -> None:
        assert self.session is not None and self.evidence_id is not None
        self.session.annotate(self.evidence_id, text)
        self._autosave()

    def _with_pin_reminder(self, review: list[Block]) -> list[Block]:
        """The verdict's review, with a line naming the pinned items not cited, after the citations."""
        assert self.session is not None and self.scenario is not None and self.draft is not None
        s = self.session
        line = casebook.uncited_pins(self.scenario, s.pins, s.held, self.draft.cited)
        if not line:
            return review
        at = next((i for i, b in enumerate(review) if b.kind == "h3" and b.text == "Confidence"), len(review))
        return [*review[:at], documents.block("meta", line), *review[at:]]

    def _judging_draft(self) -> JudgementDraft:
        assert self.evidence_id is not None
        if self.judging is None or self.judging.evidence_id != self.evidence_id:
            self.judging = JudgementDraft(self.evidence_id)
        return self.judging

    def _do_trust(self, level: str) -> None:
        self._judging_draft().trust = level

    def _do_trustwhy(self, text: str) -> None:
        self._judging_draft().why = " ".join(text.split())[:MAX_WHY]

    def _do_judge(self, _: str) -> None:
        draft = self._judging_draft()
        assert self.session is not None and draft.trust is not None
        self.session.judge(draft.evidence_id, draft.trust, draft.why)
        self.judging = None
        self._autosave()
        self.notices = ["Your judgement is recorded; the case's grade is shown beside it."]

    def _do_glossary(self, _: str) -> None:
        terms = self.page_terms()
        self.term = terms[0] if terms else None
        self._open_overlay(Screen.GLOSSARY)

    def _do_term(self, term_id: str) -> None:
        self.term = self.catalog.glossary.terms[term_id]
        if self.screen is not Screen.GLOSSARY:
            self._open_overlay(Screen.GLOSSARY)

    def _do_setting(self, name: str) -> None:
        self._change_settings(self.settings.toggled(name))

    def _do_smaller(self, _: str) -> None:
        self._change_settings(self.settings.stepped("text_size", -1))

    def _do_larger(self, _: str) -> None:
        self._change_settings(self.settings.stepped("text_size", +1))

    def _change_settings(self, settings: Settings) -> None:
        self.settings = settings
        problem = self.store.save_settings(self.settings)
        self.notices = [problem] if problem else []

    # -- the verdict ----------------------------------------------------------------------------------------

    def _do_verdict(self, _: str) -> None:
        view = self.view
        assert view is not None and view.checkpoint is not None
        if self.draft is None or self.draft.question_id != view.checkpoint.id:
            self.draft = VerdictDraft(view.checkpoint.id)
        self.notices = []
        self._open_overlay(Screen.VERDICT)

    def _do_interp(self, iid: str) -> None:
        assert self.draft is not None
        self.draft.interpretation = iid

    def _do_cite(self, evidence_id: str) -> None:
        assert self.draft is not None
        if evidence_id in self.draft.cited:
            self.draft.cited.remove(evidence_id)
        else:
            self.draft.cited.append(evidence_id)

    def _do_confidence(self, confidence: str) -> None:
        assert self.draft is not None
        self.draft.confidence = confidence

    def _do_confirm(self, _: str) -> None:
        assert self.draft is not None and not self.draft.missing()
        self.draft.reviewing = True
        self.notices = []

    def _do_handin(self, _: str) -> None:
        self.notices = []
        self._open_overlay(Screen.HANDIN)

    def _do_name(self, text: str) -> None:
        self.handin.name = " ".join(text.split())[:120]

    def _do_klass(self, text: str) -> None:
        self.handin.klass = " ".join(text.split())[:40]

    def _do_folder(self, text: str) -> None:
        assert self.deliverer is not None
        self.deliverer.folder = text.strip() or self.deliverer.folder

    def _do_form(self, form: str) -> None:
        chosen = next(f for f in FORMS if f == form)  # a Form, not any string
        self.handin.form = chosen

    def _do_write(self, _: str) -> None:
        from game.engine.report import case_report

        assert self.session is not None and self.deliverer is not None
        data = case_report(self.session, self.handin.name, self.handin.klass)
        form = self.handin.form
        message = self.deliverer.deliver(file_name(data, form), render(data, form), MIME[form])
        self._do_back("")
        self.notices = [message]

    def _do_reason(self, text: str) -> None:
        assert self.draft is not None
        self.draft.reasoning = " ".join(text.split())[:2000]

    def _do_rebut(self, text: str) -> None:
        assert self.draft is not None
        self.draft.rebuttal = " ".join(text.split())[:2000]

    def _do_change(self, _: str) -> None:
        assert self.draft is not None
        self.draft.reviewing = False

    def _do_file(self, _: str) -> None:
        draft, session = self.draft, self.session
        assert draft is not None and session is not None
        assert draft.interpretation is not None and draft.confidence is not None
        from game.engine import VerdictError

        try:
            report = session.submit_verdict(draft.question_id, draft.interpretation, draft.cited,
                                            draft.confidence, draft.reasoning, draft.rebuttal)
        except VerdictError as exc:  # e.g. a citation the engine refuses: say so and stay on the form
            draft.reviewing = False
            self.notices = [f"The verdict cannot be filed: {exc}."]
            return
        self.draft = None
        self._autosave()
        self._under.clear()
        self.screen = Screen.SCENE
        self.notices = documents.verdict_feedback(report)
        if session.is_over:
            self._finished()

    def _do_debrief(self, _: str) -> None:
        self.notices = []
        self._go(Screen.DEBRIEF)

    # Named helpers for the verdict form.
    def pick_interpretation(self, iid: str) -> bool:
        return self.perform(f"interp:{iid}")

    def toggle_citation(self, evidence_id: str) -> bool:
        return self.perform(f"cite:{evidence_id}")

    def set_confidence(self, confidence: str) -> bool:
        return self.perform(f"confidence:{confidence}")

    def confirm_verdict(self) -> bool:
        """Review and file the draft in one go (the player sees the summary between the two steps)."""
        return self.perform("confirm") and self.perform("file")

    @property
    def last_report(self) -> ScoreReport | None:
        """The most recently filed verdict's score, for front ends that show more than the feedback."""
        if self.session is None or not self.session.verdicts:
            return None
        return list(self.session.verdicts.values())[-1].report
