"""Two quiet sounds made in code (no audio files to license or convert): a key click and a stamp thud."""

from __future__ import annotations

import math
import random
from array import array

import pygame

RATE = 22050


def _samples(duration: float, pitch: float, noise: float, decay: float, seed: int) -> array:
    rng = random.Random(seed)  # its own generator: the sound must not depend on the game's random state
    out = array("h")
    for n in range(int(RATE * duration)):
        t = n / RATE
        value = (1 - noise) * math.sin(2 * math.pi * pitch * t) + noise * (rng.random() * 2 - 1)
        out.append(int(9000 * value * math.exp(-t * decay)))
    return out


class Sounds:
    """Plays the sounds when enabled; any audio failure (no device, a browser without a gesture) is silent."""

    def __init__(self) -> None:
        self._sounds: dict[str, pygame.mixer.Sound] | None = None
        self._failed = False

    def _load(self) -> dict[str, pygame.mixer.Sound] | None:
        if self._sounds is None and not self._failed:
            try:
                if not pygame.mixer.get_init():
                    pygame.mixer.init(RATE, -16, 1, 512)
                self._sounds = {
                    "click": pygame.mixer.Sound(buffer=_samples(0.03, 1800, 0.7, 160, 1).tobytes()),
                    "stamp": pygame.mixer.Sound(buffer=_samples(0.12, 90, 0.35, 30, 2).tobytes()),
                }
            except Exception:  # sound is a nicety: no device, or a browser that refuses, means silence
                self._failed = True
        return self._sounds

    def play(self, name: str, enabled: bool) -> None:
        if not enabled:
            return
        sounds = self._load()
        if sounds and name in sounds:
            try:
                sounds[name].play()
            except pygame.error:
                self._failed = True
