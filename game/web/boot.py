"""Starting the text layer: beside pygbag's pygame window, or on its own in a plain page (Pyodide)."""

from __future__ import annotations

from pathlib import Path

from game.app import build_controller
from game.app.controller import Controller
from game.web.dom import Dom
from game.web.page import Page
from game.web.storage import browser_storage, requested_scenario

# pygbag holds Python event handlers only weakly: the pages stay referenced here for the life of the tab.
_attached: list[Page] = []


def attach(controller: Controller) -> Page | None:
    """Mirror a running controller into the page; None outside a browser. Call once, after pygame starts.

    The window front end calls this in the pygbag build, so the canvas and the page drive one session.
    A ``?scenario=ID`` link then opens that case.
    """
    dom = Dom.detect()
    if dom is None:
        return None
    page = Page(dom, controller)
    _attached.append(page)
    case = requested_scenario(dom)
    if case is not None and not controller.open_case(case):
        page.say(f"The link asks for a case called {case!r}, which this game does not have.")
    return page


def start(scenarios: str | Path | None = None) -> Page | None:
    """The whole game as the text layer alone, with saves in localStorage (the browser tests use this)."""
    if Dom.detect() is None:
        return None
    return attach(build_controller(browser_storage(), scenarios))
