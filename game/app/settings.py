"""Player settings: what they are, their labels for every front end, and their JSON form."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace

SETTINGS_VERSION = 1
TEXT_SIZES = ("Small", "Medium", "Large", "Extra large")


@dataclass(frozen=True)
class Settings:
    text_size: int = 1  # index into TEXT_SIZES; medium by default because students read on small laptops
    high_contrast: bool = False
    reading_font: bool = False  # the dyslexia-friendly font
    reduced_motion: bool = False
    sound: bool = True
    author_mode: bool = False  # for teachers writing cases: flags, reachable endings, reload

    def to_json(self) -> str:
        return json.dumps({"version": SETTINGS_VERSION, **asdict(self)}, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Settings:
        """Parse stored settings; unknown keys are ignored and bad values fall back to defaults.

        Raises ValueError when the text is not a settings object at all, so the caller can set it aside.
        """
        from game.engine.safejson import read_json  # bounded: any page on the site can write this value

        data = read_json(text, max_bytes=100_000, max_depth=4)
        if not isinstance(data, dict) or "version" not in data:
            raise ValueError("not a settings object")
        if not isinstance(data["version"], int) or isinstance(data["version"], bool) \
                or data["version"] > SETTINGS_VERSION:
            raise ValueError(f"settings version {data['version']!r} is newer than this game understands")
        values: dict[str, object] = {}
        for f in fields(cls):
            value = data.get(f.name)
            if f.name == "text_size":
                if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(TEXT_SIZES):
                    values[f.name] = value
            elif isinstance(value, bool):
                values[f.name] = value
        return cls(**values)  # type: ignore[arg-type]

    def stepped(self, name: str, delta: int) -> Settings:
        """The text size one step smaller (-1) or larger (+1), stopping at either end."""
        if name != "text_size":
            raise KeyError(name)
        return replace(self, text_size=max(0, min(len(TEXT_SIZES) - 1, self.text_size + delta)))

    def toggled(self, name: str) -> Settings:
        """The settings with one option changed: booleans flip, the text size steps round."""
        if name == "text_size":
            return replace(self, text_size=(self.text_size + 1) % len(TEXT_SIZES))
        current = getattr(self, name)
        if not isinstance(current, bool):
            raise KeyError(name)
        return replace(self, **{name: not current})


@dataclass(frozen=True)
class SettingInfo:
    name: str
    label: str
    help: str


SETTING_INFO: tuple[SettingInfo, ...] = (
    SettingInfo("text_size", "Text size", "Four steps; long passages scroll."),
    SettingInfo("high_contrast", "High contrast", "Black on white, contrast above 7:1."),
    SettingInfo("reading_font", "Reading-friendly font", "Lexend, designed to ease reading."),
    SettingInfo("reduced_motion", "Reduced motion", "No fading or moving text."),
    SettingInfo("sound", "Sound", "Quiet typewriter clicks."),
    SettingInfo("author_mode", "Author mode", "For writing cases: shows flags and the endings still "
                "reachable, and reloads the case file (F5)."),
)


def describe(settings: Settings, name: str) -> str:
    """The current value as words, e.g. "Large" or "On"."""
    if name == "text_size":
        return TEXT_SIZES[settings.text_size]
    return "On" if getattr(settings, name) else "Off"
