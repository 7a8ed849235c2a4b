"""What `verdict web` baked into a build for the class: a small JSON file beside this module.

The build writes `build_config.json` here (in the staged copy only) when a teacher asked for a setting, e.g.
`verdict web --unlock`; the browser entry points read it and pass it to the controller as plain parameters.
Absent, unreadable or odd: the defaults, and the game starts as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "build_config.json"
# A one-case SCORM package keeps the cases its case borrows evidence from in this folder of scenarios/:
# loaded for their evidence only, not listed (game/webbuild/scorm.py writes it, game/web/boot.py reads it).
LENDERS_FOLDER = "lenders"
CONFIG_PATH = Path(__file__).resolve().parent / CONFIG_NAME


@dataclass(frozen=True)
class BuildConfig:
    unlock_all: bool = False  # every case open, whatever the player has finished


def read_build_config(path: Path = CONFIG_PATH) -> BuildConfig:
    from game.engine.safejson import read_json

    try:
        if not path.is_file():
            return BuildConfig()
        data = read_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, RecursionError, UnicodeDecodeError):
        return BuildConfig()
    if not isinstance(data, dict):
        return BuildConfig()
    return BuildConfig(unlock_all=data.get("unlock_all") is True)


def build_config_text(config: BuildConfig) -> str:
    import json

    return json.dumps({"unlock_all": config.unlock_all}, indent=1) + "\n"
