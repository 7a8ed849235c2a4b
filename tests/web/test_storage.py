"""Browser saves without a browser: LocalStorage over a stand-in for the page's localStorage."""

from __future__ import annotations

import json

import pytest

from game.app.saves import SaveStore, save_key
from game.app.storage import MemoryStorage, Storage, StorageError
from game.engine import Scenario, Session
from game.web.dom import Dom
from game.web.storage import (
    PREFIX,
    LocalStorage,
    browser_storage,
    export_filename,
    parse_save_file,
    requested_scenario,
)


class FakePage:
    """The few Dom methods storage uses, over a dict (what localStorage is: strings under string keys)."""

    def __init__(self, search: str = "", refuse: bool = False, fragment: str = "", kept: str | None = None):
        self.items: dict[str, str] = {"other-game:score": "12"}  # another game on the same site
        self.search = search
        self.fragment = fragment
        self.kept = kept  # what the page's deeplink.js left in window.verdictCase
        self.refuse = refuse

    def _check(self) -> None:
        if self.refuse:
            raise OSError("browser storage refused setItem: QuotaExceededError")

    def storage_get(self, key: str) -> str | None:
        return self.items.get(key)

    def storage_set(self, key: str, value: str) -> None:
        self._check()
        self.items[key] = value

    def storage_remove(self, key: str) -> None:
        self.items.pop(key, None)

    def storage_keys(self) -> list[str]:
        return list(self.items)

    def location_search(self) -> str:
        return self.search

    def location_hash(self) -> str:
        return self.fragment

    def window_value(self, name: str) -> str | None:
        assert name == "verdictCase"
        return self.kept


def local(page: FakePage) -> LocalStorage:
    return LocalStorage(page)  # type: ignore[arg-type]


def test_local_storage_is_a_storage_under_its_own_prefix() -> None:
    page = FakePage()
    store = local(page)
    assert isinstance(store, Storage)
    store.write("save.tutorial", "{}")
    assert page.items[PREFIX + "save.tutorial"] == "{}"
    assert store.read("save.tutorial") == "{}"
    assert store.read("settings") is None
    assert store.keys() == ["save.tutorial"]  # the other game's key is not ours


def test_set_aside_keeps_the_value_under_a_new_key() -> None:
    page = FakePage()
    store = local(page)
    store.write("progress", "garbage")
    assert store.set_aside("progress") == "progress.corrupt-1"
    store.write("progress", "more garbage")
    assert store.set_aside("progress") == "progress.corrupt-2"
    assert store.read("progress") is None
    assert store.read("progress.corrupt-1") == "garbage"
    assert store.set_aside("progress") is None


def test_a_full_store_is_a_storage_error_and_the_game_says_so(tutorial: Scenario) -> None:
    page = FakePage(refuse=True)
    problem = SaveStore(local(page)).save(Session(tutorial))
    assert problem is not None and "could not be saved" in problem
    with pytest.raises(StorageError):
        local(page).write("settings", "{}")


def test_a_corrupt_save_is_reported_and_set_aside(tutorial: Scenario) -> None:
    page = FakePage()
    page.items[PREFIX + save_key(tutorial.id)] = '{"format": "verdict-save", "vers'
    result = SaveStore(local(page)).load(tutorial)
    assert result.session is None and result.problem and "starts afresh" in result.problem
    assert page.items[PREFIX + save_key(tutorial.id) + ".corrupt-1"].endswith("vers")


def test_outside_a_browser_there_is_no_page_and_saves_stay_in_memory() -> None:
    assert Dom.detect() is None
    assert isinstance(browser_storage(None), MemoryStorage)


def test_a_page_that_blocks_storage_plays_unsaved() -> None:
    class Blocked(FakePage):
        def storage_get(self, key: str) -> str | None:
            raise OSError("browser storage refused getItem: SecurityError")

    assert isinstance(browser_storage(Blocked()), MemoryStorage)  # type: ignore[arg-type]
    assert isinstance(browser_storage(FakePage()), LocalStorage)  # type: ignore[arg-type]


@pytest.mark.parametrize(("search", "fragment", "kept", "environ", "expected"), [
    ("?case=kirov", "", None, {}, "kirov"),
    ("?scenario=kirov", "", None, {}, "kirov"),  # the older form still works
    ("?x=1&case=army_purge", "", None, {}, "army_purge"),
    ("", "#case=spy_ring", None, {}, "spy_ring"),  # where deeplink.js moves the case in the canvas edition
    ("", "", "spy_ring", {}, "spy_ring"),  # what deeplink.js kept before pygbag's loader read the address
    ("", "", None, {"scenario": "kirov"}, "kirov"),  # pygbag copies the query into os.environ
    ("?case=../etc/passwd", "", None, {}, None),
    ("?case=<script>", "#case=%3Cb%3E", "<i>", {}, None),
    ("", "", None, {}, None),
])
def test_a_link_can_name_a_case(search: str, fragment: str, kept: str | None, environ: dict[str, str],
                                expected: str | None) -> None:
    page = FakePage(search, fragment=fragment, kept=kept)
    assert requested_scenario(page, environ) == expected  # type: ignore[arg-type]


def test_save_files_round_trip(tutorial: Scenario) -> None:
    session = Session(tutorial)
    session.choose(0)
    imported = parse_save_file(session.to_json())
    assert imported.scenario_id == tutorial.id
    assert Session.restore(tutorial, imported.text).session.scene_id == session.scene_id
    assert export_filename(tutorial.id) == "verdict-tutorial-save.json"


@pytest.mark.parametrize("text", ["not json", "[1, 2]", json.dumps({"scenario": "kirov"}),
                                  json.dumps({"format": "verdict-save", "scenario": "../x"})])
def test_files_that_are_not_saves_are_refused_in_words(text: str) -> None:
    with pytest.raises(ValueError, match="not a Verdict save"):
        parse_save_file(text)
