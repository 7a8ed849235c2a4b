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
from collections.abc import Callable

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
    """The window over a controller; the entry point chose its storage and whatever else attaches."""
    surface = open_display()
    pygame.key.set_repeat(400, 40)
    if controller is None:
        controller = build_controller(storage, can_quit=not IS_BROWSER, help_rows=HELP_ROWS)
        start = os.environ.get("VERDICT_SCENARIO")
        if start:
            controller.open_case(start)  # open one case directly, e.g. for a lesson
    return WindowApp(controller, surface)


async def main(app: WindowApp | None = None, *, controller: Controller | None = None,
               storage: Storage | None = None, on_start: Callable[[], object] | None = None) -> None:
    """Run the game until the player quits (desktop) or forever (browser).

    The entry point decides what the window runs over: a ready app, or a controller (or a storage) it made
    for its platform. ``on_start`` runs once the first frame is on screen (the browser page hides its
    loading line then).
    """
    # Imported here, not at the top: `verdict play` draws its first frame before paying for asyncio's
    # import (it brings ssl along). In the browser main.py has already imported pygbag's asyncio.
    import asyncio

    # pygbag seeds random with 1 on every page load; seed explicitly so nothing repeats by accident.
    random.seed(time.time_ns())
    if app is None:
        app = create_app(controller, storage)
    pending = on_start
    while app.running:
        delay = app.frame()
        if pending is not None:
            pending, done = None, pending
            done()
        await asyncio.sleep(delay)
    if not IS_BROWSER:
        pygame.display.quit()
