"""Whatever sits in storage (another page on the site can write localStorage), the game starts and plays.

Every value read back passes one validating reader; what it refuses is set aside and reported.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.app import build_controller
from game.app.controller import Controller, Screen
from game.app.storage import MemoryStorage
from tests.support import SCENARIOS, KeyPlayer

KEYS = ("settings", "progress", "save.tutorial")


def play_tutorial(values: dict[str, str]) -> Controller:
    storage = MemoryStorage(values)
    c = build_controller(storage, SCENARIOS)
    player = KeyPlayer("tutorial")
    for _ in range(400):
        if c.screen is Screen.DEBRIEF:
            return c
        assert c.screen is not Screen.ERROR, c.error
        assert c.perform(player.next_key(c))
    raise AssertionError("the tutorial did not reach its debrief")


def valid_save() -> dict:
    c = build_controller(MemoryStorage(), SCENARIOS)
    for key in ("cases", "case:tutorial", "begin", "choose:0"):
        c.perform(key)
    return json.loads(c.store.storage.read("save.tutorial") or "{}")


HOSTILE = {
    "deep array": "[" * 100_000 + "]" * 100_000,
    "deep object": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "huge number": "9" * 5000,
    "infinity": '{"version": 1, "cases": {"tutorial": {"best": Infinity, "finished": NaN}}}',
    "lone surrogate": '{"version": 1, "text_size": "\\ud800"}',
    "not text at all": "\x00\x01\x02",
}


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_value_is_set_aside_and_the_game_plays(key: str, name: str) -> None:
    c = play_tutorial({key: HOSTILE[name]})
    assert c.store.progress("tutorial").finished == 1


def test_damaged_fields_inside_a_real_save_are_refused_or_dropped() -> None:
    base = valid_save()
    for damage in (
        {"undo_count": 1e999},
        {"history": json.loads("[" * 30 + "1" + "]" * 30)},
        {"flags": {"\ud800": 1}},
        {"visits": {"reading_room": 10**30}},
        {"held": [["nested"]], "taken": [[1, 2, 3]]},
    ):
        text = json.dumps({**base, **damage})
        c = play_tutorial({"save.tutorial": text})
        assert c.store.progress("tutorial").finished == 1


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=15,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(KEYS), value=json_values, field=st.sampled_from(
    ["scene", "flags", "held", "visits", "taken", "history", "verdicts", "undo", "undo_count", "turn",
     "gained", "version", "cases", "text_size"]))
def test_any_json_value_in_any_storage_key_leaves_the_game_playable(key: str, value: object, field: str):
    base = valid_save() if key == "save.tutorial" else {"version": 1}
    text = json.dumps({**base, field: value})
    play_tutorial({key: text})
