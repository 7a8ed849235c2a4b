"""Write a PNG of every screen to docs/screenshots/ (used by the README), and a few in scaled windows.

    python tools/screenshots.py [--out docs/screenshots] [--high-contrast] [--text-size 0-3]

Runs headless: SDL's dummy video driver renders to an ordinary surface. Each screen is saved as the page
draws it at 1280x720; a few are also saved as the whole window at other sizes (NAME-WxH.png), bars and all,
to show the page scaled to the window with its text rendered at that size.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.app import build_controller  # noqa: E402
from game.app.settings import Settings  # noqa: E402
from game.app.storage import MemoryStorage  # noqa: E402
from game.window.app import HELP_ROWS, WindowApp  # noqa: E402
from game.window.loop import create_app  # noqa: E402
from game.window.metrics import LOGICAL_SIZE  # noqa: E402
from game.window.tour import tour  # noqa: E402

# Screens also shown in other windows: a small laptop window, a laptop with a taskbar, a full-HD screen.
SCALED = {"scene": ((900, 560), (1366, 728)), "verdict": ((1920, 1080),), "verdict-review": ((1920, 1080),)}


def resize(size: tuple[int, int]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pygame.Window.from_display_module().size = size


def settle(app: WindowApp) -> None:
    app.frame()
    app.skip_animation()  # the picture shows the page, not the middle of its fade-in
    app.frame()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--text-size", type=int, default=1, choices=range(4))
    parser.add_argument("--case", default="tutorial")
    args = parser.parse_args(argv)
    storage = MemoryStorage()
    settings = Settings(text_size=args.text_size, high_contrast=args.high_contrast)
    storage.write("settings", settings.to_json())
    controller = build_controller(storage, help_rows=HELP_ROWS)
    app = create_app(controller)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "-high-contrast" if args.high_contrast else ""

    def save(surface: pygame.Surface, name: str) -> None:
        path = args.out / f"{name}{suffix}.png"
        pygame.image.save(surface, str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    for name in tour(controller, args.case):
        settle(app)
        save(app.surface, name)
        if args.high_contrast:
            continue
        for size in SCALED.get(name, ()):
            resize(size)
            settle(app)
            save(pygame.display.get_surface(), f"{name}-{size[0]}x{size[1]}")
        if name in SCALED:
            resize(LOGICAL_SIZE)
            settle(app)
    pygame.display.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
