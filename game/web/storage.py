"""Browser saves: the Storage interface over localStorage, save files to export and import, and deep links.

Every game on a site such as ``user.github.io`` shares one localStorage, so every key carries the
``verdict:v1:`` prefix (the version lets a later format live beside this one instead of misreading it).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

from game.app.storage import MemoryStorage, Storage, StorageError, aside_key, check_key
from game.web.dom import Dom

PREFIX = "verdict:v1:"
# An exported save is a few kilobytes; anything far bigger is the wrong file, not worth reading into memory.
MAX_IMPORT_BYTES = 1_000_000
_SCENARIO_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class LocalStorage:
    """The game's Storage (read/write/set_aside/keys) kept in the page's localStorage under PREFIX."""

    def __init__(self, dom: Dom, prefix: str = PREFIX):
        self.dom = dom
        self.prefix = prefix

    def read(self, key: str) -> str | None:
        try:
            return self.dom.storage_get(self.prefix + check_key(key))
        except OSError as exc:
            raise StorageError(str(exc)) from exc

    def write(self, key: str, text: str) -> None:
        try:
            self.dom.storage_set(self.prefix + check_key(key), text)
        except OSError as exc:  # typically the ~5 MB per-site quota
            raise StorageError(str(exc)) from exc

    def set_aside(self, key: str) -> str | None:
        text = self.read(key)
        if text is None:
            return None
        new_key = aside_key(key, set(self.keys()))
        # Copy first, then remove: if the copy fails the original is still there.
        self.write(new_key, text)
        try:
            self.dom.storage_remove(self.prefix + key)
        except OSError as exc:
            raise StorageError(str(exc)) from exc
        return new_key

    def keys(self) -> list[str]:
        try:
            names = self.dom.storage_keys()
        except OSError:
            return []
        return sorted(name[len(self.prefix) :] for name in names if name.startswith(self.prefix))


def browser_storage(dom: Dom | None) -> Storage:
    """localStorage when the page allows it, else memory (the game still plays, unsaved)."""
    if dom is None:
        return MemoryStorage()
    try:
        dom.storage_get(PREFIX + "probe")  # reading localStorage throws when the browser blocks it
    except OSError:
        return MemoryStorage()
    return LocalStorage(dom)


# -- deep links: ?case=ID ------------------------------------------------------------------------------------

# The page's own script (deeplink.js) reads the link before pygbag's loader runs, because that loader takes
# the first query item containing "py" for the interpreter's name (?scenario=spy_ring would ask for a
# Python called "o=spy_ring"); it keeps the case in a global and moves it into the address's #fragment.
LINK_GLOBAL = "verdictCase"
LINK_KEYS = ("case", "scenario")


def requested_scenario(dom: Dom | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The case a link asks for (``?case=ID``, ``#case=ID`` or the older ``?scenario=ID``), or None.

    Read from what the page script kept, then the address itself (a page without that script), then the
    environment (pygbag copies the query into os.environ). Anything not shaped like a case id is ignored.
    """
    candidates: list[str] = []
    if dom is not None:
        # No location or globals (a worker, a test double): fall back to the environment.
        with contextlib.suppress(Exception):
            saved = dom.window_value(LINK_GLOBAL)
            if saved:
                candidates.append(saved)
        with contextlib.suppress(Exception):
            for part in (dom.location_search(), dom.location_hash()):
                query = parse_qs(part.lstrip("?#"))
                for key in LINK_KEYS:
                    candidates += query.get(key, [])
    candidates += [environ.get(name, "") for key in LINK_KEYS for name in (key, key.upper())]
    for value in candidates:
        value = value.strip().lower()
        if _SCENARIO_ID.match(value):
            return value
    return None


# -- save files ---------------------------------------------------------------------------------------------


def export_filename(scenario_id: str) -> str:
    return f"verdict-{scenario_id}-save.json"


@dataclass
class ImportedSave:
    scenario_id: str
    text: str


def parse_save_file(text: str) -> ImportedSave:
    """Find which case an exported save belongs to; ValueError with a plain sentence when it is not a save.

    The save format's own module reads the header (format, version, case); whether the save fits the case
    is the engine's job (Session.restore), done when it is loaded.
    """
    from game.engine.savefile import SaveError, read_header  # only when a file is chosen

    try:
        header = read_header(text)
    except SaveError as exc:
        raise ValueError(f"This file is not a Verdict save this game can read ({exc}).") from exc
    if not _SCENARIO_ID.match(header.scenario):
        raise ValueError("This file is not a Verdict save (it names no case).")
    return ImportedSave(header.scenario, text)
