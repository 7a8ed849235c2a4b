"""Front-end-neutral application layer: screens, actions, saves and settings (no pygame here).

The pygame window (game/window) and the browser page (game/web) both drive one Controller.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game.app.controller import Action, Controller, Screen
from game.app.documents import HelpRows
from game.app.handin import Deliverer
from game.app.saves import SaveStore
from game.app.storage import Storage, default_storage

if TYPE_CHECKING:
    from game.engine import Catalog
    from game.engine.options import ClassSettings

# The scenarios folder ships beside the game package, in the repository and in the web build alike.
SCENARIOS_DIR = Path(__file__).resolve().parents[2] / "scenarios"


Sources = str | Path | Sequence[str | Path]


def build_controller(storage: Storage | None = None, scenarios: Sources | None = None,
                     *, can_quit: bool = False, setting_names: frozenset[str] | None = None,
                     help_rows: HelpRows | None = None, deliverer: Deliverer | None = None,
                     class_settings: ClassSettings | None = None,
                     unlock_all: bool = False, unlocked: frozenset[str] = frozenset(),
                     borrow_from: Sequence[str | Path] = ()) -> Controller:
    """A controller for every case in one folder or several, with the player's settings.

    The cases are parsed when first needed (controller.catalog); a broken case file becomes an
    'unavailable' card and the others still play. class_settings: the teacher's class file, which the
    entry point reads (game.app.classfile.class_settings). unlock_all / unlocked: a teacher's setting that
    opens every locked case ([scenario] unlock_after), or the cases named. borrow_from: folders whose cases
    only lend evidence to these (a teacher trying one file that borrows from the game's cases).
    """
    if scenarios is None:
        sources: list[str | Path] = [SCENARIOS_DIR]
    elif isinstance(scenarios, (str, Path)):
        sources = [scenarios]
    else:
        sources = list(scenarios)
    def load_catalog() -> Catalog:
        from game.engine import Catalog  # imported here so the title screen can draw without it

        return Catalog.load(*sources, borrow_from=borrow_from)

    return Controller(load_catalog, SaveStore(storage or default_storage()), can_quit=can_quit,
                      setting_names=setting_names, help_rows=help_rows, deliverer=deliverer,
                      class_settings=class_settings, unlock_all=unlock_all, unlocked=unlocked)


__all__ = ["SCENARIOS_DIR", "Action", "Controller", "Screen", "build_controller"]
