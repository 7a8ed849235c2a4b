"""The main loop, shaped the way pygbag needs it: async, awaiting on every frame, never blocking.

No time.sleep, no pygame.event.wait, no low-rate Clock.tick and no threads anywhere: in the browser each
of those freezes the tab. Between frames the loop awaits asyncio.sleep — 0 while something moves, a
thirtieth of a second otherwise, which keeps idling nearly free.
"""

from __future__ import annotations

import os
import random
import sys
import time

import pygame

from game.app import build_controller
from game.app.controller import Controller
from game.app.storage import Storage
from game.window.app import HELP_ROWS, WindowApp
from game.window.metrics import LOGICAL_SIZE, initial_window_size

TITLE = "Verdict: case files of the Soviet purges"
IS_BROWSER = sys.platform == "emscripten"


class NoDisplayError(RuntimeError):
    """SDL could not open a window (no X or Wayland session, or no video driver)."""


def open_display() -> pygame.Surface:
    """A resizable window; the app scales its page to whatever size the window has (game/window/metrics).

    Not SDL's SCALED mode: that stretches a 1280x720 bitmap, blurring the text, and on a screen smaller than
    that picks a window that does not fit.
    """
    try:
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(TITLE)
        if IS_BROWSER:
            return pygame.display.set_mode(LOGICAL_SIZE)  # pygbag sizes the canvas itself
        headless = pygame.display.get_driver() in ("dummy", "offscreen")
        desktops = pygame.display.get_desktop_sizes()
        size = LOGICAL_SIZE if headless or not desktops else initial_window_size(desktops[0])
        return pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error as exc:
        raise NoDisplayError(str(exc)) from exc


def create_app(controller: Controller | None = None, storage: Storage | None = None) -> WindowApp:
    surface = open_display()
    pygame.key.set_repeat(400, 40)
    if controller is None:
        controller = build_controller(storage, can_quit=not IS_BROWSER, help_rows=HELP_ROWS)
        start = os.environ.get("VERDICT_SCENARIO")
        if start:
            controller.open_case(start)  # open one case directly, e.g. for a lesson
    if IS_BROWSER:
        attach_page(controller)
    return WindowApp(controller, surface)


def attach_page(controller: Controller) -> None:
    """In the browser, mirror the session into the page's accessible text layer (game/web).

    importlib keeps pygbag's import scanner from treating the module as a package to download. The
    canvas works without the layer, so a failure there is reported on the console and play goes on.
    """
    import importlib

    try:
        importlib.import_module("game.web.boot").attach(controller)
    except Exception as exc:  # the layer is an addition; never let it take the canvas down
        print(f"verdict: the page's text layer could not start: {exc!r}", file=sys.stderr)


async def main(app: WindowApp | None = None) -> None:
    """Run the game until the player quits (desktop) or forever (browser)."""
    # Imported here, not at the top: `verdict play` draws its first frame before paying for asyncio's
    # import (it brings ssl along). In the browser main.py has already imported pygbag's asyncio.
    import asyncio

    # pygbag seeds random with 1 on every page load; seed explicitly so nothing repeats by accident.
    random.seed(time.time_ns())
    if app is None:
        app = create_app()
    while app.running:
        delay = app.frame()
        await asyncio.sleep(delay)
    if not IS_BROWSER:
        pygame.display.quit()
