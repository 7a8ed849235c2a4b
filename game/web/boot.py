"""Putting the page layer on a page, for the two browser entry points.

main.py (the canvas edition, under pygbag) and the HTML edition's page (under Pyodide) each choose their
storage and attach the layer here; nothing below them asks which browser runtime it is in. Both report
their progress to the page's loading script (game/webbuild/boot.js) through :class:`Progress`, which turns
a failure into a message for the student and a details line for the teacher.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from game.app import build_controller
from game.app.controller import Controller
from game.web import scorm
from game.web.dom import Dom
from game.web.handin import DownloadDeliverer
from game.web.page import Page
from game.web.storage import browser_storage, requested_scenario

# pygbag holds Python event handlers only weakly: the pages stay referenced here for the life of the tab.
_attached: list[Page] = []


class Progress:
    """The page script's loading hooks: which stage is running, that the game is up, or what failed."""

    def __init__(self, dom: Dom | None):
        self.dom = dom

    def stage(self, name: str) -> None:
        self._call("verdict_stage", name)

    def started(self) -> None:
        """The first frame (canvas) or the first screen (HTML edition) is showing: hide the loading line."""
        self._call("verdict_started")

    def failed(self, stage: str, exc: BaseException) -> None:
        traceback.print_exception(exc)
        self._call("verdict_failed", stage, describe(exc))

    def canvas_failed(self, exc: BaseException, page: Page | None = None) -> None:
        """pygame or its canvas did not start: the page layer, attached before, is shown and plays alone."""
        traceback.print_exception(exc)
        if page is not None:
            try:
                page.set_text_mode(True)  # for this visit only: the player's own choice stays stored
            except Exception:
                traceback.print_exc()
        self._call("verdict_canvas_failed", describe(exc))

    def _call(self, name: str, *args: str) -> None:
        if self.dom is None:
            return
        try:
            self.dom.call_page(name, *args)
        except Exception:  # the page's messages must never be what stops the game
            traceback.print_exc()


def describe(exc: BaseException) -> str:
    """One line for a teacher: the exception and where it was raised (the last frame of our own code)."""
    where = ""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/game/" in f.filename or
              f.filename.endswith("main.py")]
    if frames:
        last = frames[-1]
        where = f" (in {Path(last.filename).name}, line {last.lineno})"
    return f"{type(exc).__name__}: {exc}{where}"


def attach(controller: Controller, dom: Dom, *, text_only: bool = False) -> Page:
    """Mirror a controller into the page; a deep link (``?case=ID``) then opens that case's briefing.

    ``text_only``: the page has no canvas (the HTML edition), so the layer is always shown, with no toggle.
    """
    page = Page(dom, controller, text_only=text_only)
    _attached.append(page)
    case = requested_scenario(dom)
    if case is not None and not controller.open_case(case):
        page.say(f"The link asks for a case called {case!r}, which this game does not have.")
    return page


def start(scenarios: str | Path | None = None, dom: Dom | None = None) -> Page | None:
    """The whole game as the page layer alone, saves in localStorage: the HTML edition's entry point.

    In an LMS (the page found its SCORM API) the saves go to the LMS too, and play is reported to it.
    """
    dom = dom or Dom.detect()
    if dom is None:
        return None
    from game.app import SCENARIOS_DIR
    from game.app.classfile import class_settings
    from game.web.buildconfig import LENDERS_FOLDER, read_build_config

    # The teacher's class.toml, shipped beside their cases by the web build.
    folder = Path(scenarios if scenarios is not None else SCENARIOS_DIR)
    settings, problem = class_settings([folder])
    lenders: list[str | Path] = [folder / LENDERS_FOLDER] if (folder / LENDERS_FOLDER).is_dir() else []
    lms = scorm.connect(dom)  # the SCORM package's page found an LMS (game/web/scorm.py); else None
    lms_storage = None if lms is None else scorm.ScormStorage(lms, scorm.student_storage(dom, lms))
    storage = browser_storage(dom) if lms_storage is None else lms_storage
    controller = build_controller(storage, scenarios, deliverer=DownloadDeliverer(dom),
                                  class_settings=settings,
                                  unlock_all=read_build_config().unlock_all, borrow_from=lenders)
    if problem:
        controller.notices.append(problem)
    page = attach(controller, dom, text_only=True)
    if lms is not None and lms_storage is not None:
        scorm.install(dom, lms, controller, lms_storage, page.say)
    return page
