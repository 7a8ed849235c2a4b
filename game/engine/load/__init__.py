"""Reading scenario and glossary files, one module per job:

- reading: the file's bytes (safely: only regular files, never past the size limit) and its text
- limits: the documented limits; reading.prescan checks those that protect the parser itself
- parsing: text to tables (a compiled parser when installed, tomllib always for errors)
- tomlerrors: TOML syntax errors in a teacher's words
- source: one file's text, positions and diagnostics (every message is made there)
- shapes: tables, keys, types, text that can be drawn
- building: the immutable model, each object with its key path
- references: every id used names something that exists
- crossrefs: evidence by reference ([evidence.x] from = "case.item"), resolved once every file has loaded
- classfile: a teacher's class.toml (settings for every case in the folder)
- outline: outline.toml, the course outline the case menu is grouped by
"""

from game.engine.load.classfile import (
    CLASS_FILE,
    find_class_settings,
    load_class_settings,
    read_class_settings,
)
from game.engine.load.glossary import load_glossary, read_glossary
from game.engine.load.limits import LIMITS, Limits
from game.engine.load.outline import load_outline, outline_references, read_outline
from game.engine.load.reading import read_file
from game.engine.load.scenario import load_scenario, load_scenario_bytes, read_scenario

__all__ = [
    "CLASS_FILE",
    "LIMITS",
    "Limits",
    "find_class_settings",
    "load_class_settings",
    "load_glossary",
    "load_outline",
    "load_scenario",
    "load_scenario_bytes",
    "outline_references",
    "read_class_settings",
    "read_file",
    "read_glossary",
    "read_outline",
    "read_scenario",
]
