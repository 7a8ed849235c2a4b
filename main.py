# /// script
# dependencies = [
#     "pygame-ce",
# ]
# ///
"""The canvas edition's entry point: pygbag runs this file (it must be main.py, at the top of the app).

This is the browser's composition root. It chooses the browser's storage, attaches the accessible page layer
first, so that text mode plays whether or not pygame and its canvas start, and then runs the pygame window
over the same controller. pygbag decides what to install by reading this file's own text (the block above
and its imports), which is why pygame is imported here and not only inside game/window. Every failure is
handed to the page's loading script, which shows the student a message instead of a black stage.
Desktop players use `verdict play` (game/window/launch.py), which never runs this file.
"""

import asyncio
import sys
import traceback


def _tell_page(stage: str, exc: BaseException) -> None:
    """Report a failure that happened before game.web could be imported (so without its helpers)."""
    traceback.print_exception(exc)
    try:
        import platform

        platform.window.verdict_failed(stage, f"{type(exc).__name__}: {exc}")
    except Exception:
        print("verdict: the page could not be told why the game stopped", file=sys.stderr)


controller = progress = page = None
try:
    from game.app import build_controller
    from game.web.boot import Progress, attach
    from game.web.buildconfig import read_build_config
    from game.web.dom import Dom
    from game.web.handin import DownloadDeliverer
    from game.web.storage import browser_storage

    dom = Dom.detect()
    progress = Progress(dom)
    progress.stage("python")
    deliverer = DownloadDeliverer(dom) if dom is not None else None
    from game.app import SCENARIOS_DIR
    from game.app.classfile import class_settings

    # A web build of a teacher's folder ships its class.toml beside the cases (game/webbuild).
    settings, problem = class_settings([SCENARIOS_DIR])
    controller = build_controller(browser_storage(dom), can_quit=False, deliverer=deliverer,
                                  class_settings=settings,
                                  unlock_all=read_build_config().unlock_all)  # verdict web --unlock
    if problem:
        controller.notices.append(problem)
    if dom is not None:
        page = attach(controller, dom)
    progress.stage("frame")
except Exception as exc:
    _tell_page("python", exc)

run_window = None
try:
    import pygame  # noqa: F401  (named here for pygbag's installer; game/window uses it)

    from game.window.loop import main as run_window
except Exception as exc:
    if progress is not None and controller is not None:  # else the page already says what failed first
        progress.canvas_failed(exc, page)


async def main() -> None:
    if controller is None or progress is None or run_window is None:
        return  # the page already says why; the text layer, when it started, plays on its own
    try:
        await run_window(controller=controller, on_start=progress.started)
    except Exception as exc:
        progress.canvas_failed(exc, page)


asyncio.run(main())
