"""Write a PNG of every screen to docs/screenshots/ (used by the README).

    python tools/screenshots.py [--out docs/screenshots] [--high-contrast] [--text-size 0-3]

Runs headless: SDL's dummy video driver renders to an ordinary surface.
"""

from __future__ import annotations

import argparse
import os
import sys
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
from game.window.loop import create_app  # noqa: E402
from game.window.tour import tour  # noqa: E402


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
    controller = build_controller(storage)
    app = create_app(controller)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "-high-contrast" if args.high_contrast else ""
    for name in tour(controller, args.case):
        app.frame()
        app.skip_animation()  # the picture shows the page, not the middle of its fade-in
        app.frame()
        path = args.out / f"{name}{suffix}.png"
        pygame.image.save(app.surface, str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    pygame.display.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
