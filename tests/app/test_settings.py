"""Settings: round trip, tolerance of odd values, refusal of non-settings."""

from __future__ import annotations

import json

import pytest

from game.app.settings import TEXT_SIZES, Settings, describe


def test_round_trip():
    s = Settings(text_size=3, high_contrast=True, reading_font=True, reduced_motion=True, sound=False)
    assert Settings.from_json(s.to_json()) == s
    assert json.loads(s.to_json())["version"] == 1


def test_bad_values_fall_back_to_defaults():
    text = json.dumps({"version": 1, "text_size": 9, "high_contrast": "yes", "sound": False, "extra": 1})
    assert Settings.from_json(text) == Settings(sound=False)


@pytest.mark.parametrize("text", ["[]", "{}", '{"version": 99}', "not json"])
def test_non_settings_are_refused(text):
    with pytest.raises(ValueError):
        Settings.from_json(text)


def test_toggled_steps_text_size_round_and_flips_booleans():
    s = Settings()
    sizes = [s.text_size]
    for _ in TEXT_SIZES:
        s = s.toggled("text_size")
        sizes.append(s.text_size)
    assert sizes == [1, 2, 3, 0, 1]
    assert Settings().toggled("high_contrast").high_contrast
    assert describe(Settings(), "sound") == "On"
    assert describe(Settings(), "text_size") == "Medium"
