"""`verdict play` with no display: one line pointing to `verdict text`, exit 1, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support import ROOT
from tests.support.needs import require_pygame

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display detection is for Linux")


def run_play(**extra_env: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env.update(extra_env)
    return subprocess.run([sys.executable, "-m", "game", "play"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_no_display_points_to_the_text_version():
    proc = run_play()
    assert proc.returncode == 1
    assert "verdict text" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_video_driver_that_cannot_open_a_window_is_reported_the_same_way():
    require_pygame()
    proc = run_play(SDL_VIDEODRIVER="x11")  # no X server here: SDL refuses
    assert proc.returncode == 1, proc.stderr
    assert "verdict text" in proc.stderr and "Traceback" not in proc.stderr
