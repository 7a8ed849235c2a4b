"""`verdict play`: open the window, or explain in one line why there is none."""

from __future__ import annotations

import argparse
import os
import sys

NO_DISPLAY = "verdict play: no display to open a window on; play in the terminal with `verdict text`."


def has_display() -> bool:
    """False on Linux with no X or Wayland session and no SDL driver chosen (SSH, CI, containers)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))


def main(args: argparse.Namespace) -> int:
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    try:
        from game.app import SCENARIOS_DIR, build_controller
        from game.window.app import HELP_ROWS
        from game.window.loop import NoDisplayError, create_app
        from game.window.loop import main as run_loop
    except ImportError as exc:
        print(f"verdict play: {exc}; install pygame-ce (pip install -e .) or use `verdict text`.",
              file=sys.stderr)
        return 1
    extra = list(getattr(args, "scenarios", None) or [])
    from game.app.classfile import class_settings
    from game.app.handin import FolderDeliverer
    from game.app.storage import default_storage, user_data_dir

    # The desktop's choices: files in the user-data folder for saves, and hand-ins into its reports/; the
    # teacher's class.toml, if their folder has one.
    settings, problem = class_settings([SCENARIOS_DIR, *extra])
    if problem:
        print(f"verdict play: {problem}", file=sys.stderr)
    controller = build_controller(default_storage(), [SCENARIOS_DIR, *extra], can_quit=True,
                                  deliverer=FolderDeliverer(user_data_dir() / "reports"), help_rows=HELP_ROWS,
                                  class_settings=settings, unlock_all=bool(getattr(args, "unlock", False)))
    if problem:
        controller.notices.append(problem)
    wanted = getattr(args, "scenario", None)
    controller.author = bool(getattr(args, "author", False))
    if getattr(args, "start", None):
        from game.cli import parse_flags

        try:
            problem = controller.open_preview(wanted or "", args.start, tuple(args.give),
                                              parse_flags(args.set_flags))
        except ValueError as err:
            problem = str(err)
        if problem:
            print(f"verdict play: {problem}", file=sys.stderr)
            return 2
    elif wanted and not controller.open_case(wanted):
        known = ", ".join(controller.catalog.scenarios) or "none"
        print(f"verdict play: no case '{wanted}' (cases: {known})", file=sys.stderr)
        return 2
    try:
        app = create_app(controller)
    except NoDisplayError:
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    app.frame()  # the title is on screen before the event loop machinery is even imported
    import asyncio

    asyncio.run(run_loop(app))
    return 0
