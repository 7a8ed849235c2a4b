"""Kept so `from game.engine.loader import read_scenario` goes on working: the loader is game.engine.load."""

from game.engine.load import (
    LIMITS,
    Limits,
    load_glossary,
    load_scenario,
    load_scenario_bytes,
    read_file,
    read_glossary,
    read_scenario,
)

__all__ = [
    "LIMITS",
    "Limits",
    "load_glossary",
    "load_scenario",
    "load_scenario_bytes",
    "read_file",
    "read_glossary",
    "read_scenario",
]
