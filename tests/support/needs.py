"""Whether the window tests can run: pygame-ce is needed; CI (VERDICT_REQUIRE_WINDOW=1) insists on it."""

from __future__ import annotations

import os

import pytest

REQUIRED = os.environ.get("VERDICT_REQUIRE_WINDOW") == "1"
REASON = "pygame-ce is not installed (pip install -e .)"


def require_pygame():
    """Return the pygame module, or skip the calling test module (fail it when the window is required)."""
    try:
        import pygame
    except ImportError:
        if REQUIRED:
            pytest.fail(f"{REASON}, and VERDICT_REQUIRE_WINDOW=1 requires the window tests", pytrace=False)
        pytest.skip(REASON, allow_module_level=True)
    return pygame
