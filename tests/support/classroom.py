"""A class that hands in: scripted students play real cases through the controller and hand in their reports.

Each student is the engine's scripted player (half reason from the evidence, half guess), writes reasoning
(or none) at each verdict form, and hands in from the debrief as a person would: name, class code, form,
"Write the report". The tests of `verdict report` and its benchmark read what they wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.app import Screen, build_controller
from game.app.autoplay import next_keys
from game.app.handin import FolderDeliverer
from game.app.storage import MemoryStorage
from game.engine.player import ScriptedPlayer
from tests.support import CORE_CASES, SCENARIOS

HOSTILE_NAME = '<script>alert("name")</script> Bobby\x1b[2J\u202etables'
HOSTILE_REASONING = '<img src=x onerror=alert(1)> =HYPERLINK("http://example.invalid") \x07\x1b]0;owned\x07'
NAMES = (
    "Amira Haddad", "Ben Okafor", "Chloé Martin", "Dmitri Volkov", "Ewa Nowak", "Farid Rahimi", HOSTILE_NAME,
    "Hana Sato", "Ivan Petrov", "Jonas Berg", "Kofi Mensah", "Lena Fischer", "Marta Ruiz", "Noah Cohen",
    "Olga Smirnova", "Priya Nair", "Quentin Blake", "Rosa Lima", "Sami Laine", "Tomás Ortega", "Uma Patel",
    "Viktor Horvat", "Wen Li", "Xavier Dubois", "Yara Costa", "Zoë Ćirić", "Наталья Иванова", "Aoife Byrne",
    "Bilal Khan", "=cmd|' /C calc'!A0",
)
REASONS = (
    "The NKVD file and the witness agree on the times, and neither was written under pressure.",
    "",
    "I trust the documents written at the time more than what people said later in court.",
    "The confessions all tell the same story, so it must be true.",
    "Line one.\nLine two after a break: the memoir contradicts the protocol.",
    HOSTILE_REASONING,
    "- the archive says so\n- the historians agree",
)
REBUTTALS = ("", "The defector's memoir points the other way, but he wrote it decades later.", "")


@dataclass(frozen=True)
class HandedIn:
    name: str
    case: str
    form: str
    path: Path


def hand_in_class(folder: Path, count: int = 30) -> list[HandedIn]:
    """count students, each playing one core case and handing in as JSON or HTML into folder."""
    deliverer = FolderDeliverer(folder)
    c = build_controller(MemoryStorage(), SCENARIOS, deliverer=deliverer)
    handed: list[HandedIn] = []
    for n in range(count):
        case = CORE_CASES[n % len(CORE_CASES)]
        player = ScriptedPlayer(seed=n)  # "mixed": the seed decides whether this student reasons or guesses
        written = 0
        while c.screen is not Screen.DEBRIEF:
            keys = next_keys(c, player, case, fresh=True)
            assert keys, f"student {n} is stuck on {c.screen}"
            if keys[0] == "verdict":  # the verdict form: write before the review step, as a student does
                k = n + written
                reason, rebut = REASONS[k % len(REASONS)], REBUTTALS[k % len(REBUTTALS)]
                keys[-2:-2] = ([f"reason:{reason}"] if reason else []) + ([f"rebut:{rebut}"] if rebut else [])
                written += 1
            for key in keys:
                assert c.perform(key), f"student {n}: {key} refused on {c.screen}"
        name, form = NAMES[n % len(NAMES)], ("html", "json")[n % 2]
        before = set(folder.iterdir()) if folder.exists() else set()
        for key in ("handin", f"name:{name}", f"klass:{('10A', '10B')[n % 2]}", f"form:{form}", "write"):
            assert c.perform(key), f"student {n}: {key} refused on the hand-in form"
        (path,) = set(folder.iterdir()) - before
        handed.append(HandedIn(name, case, form, path))
        assert c.perform("menu")
    return handed
