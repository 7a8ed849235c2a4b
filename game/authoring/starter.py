"""`verdict new ID`: a commented starter case that checks clean and plays, and a glossary stub beside it."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.engine import Catalog
from game.engine.catalog import GLOSSARY_FILE
from game.engine.fields import ID_PATTERN
from game.engine.outline import OUTLINE_FILE

TEMPLATE = Path(__file__).with_name("starter.toml.tmpl")
_ID = re.compile(ID_PATTERN)

GLOSSARY_STUB = """\
# Your own glossary: terms a student can open wherever they appear in the scene text of any case.
# The game's glossary (scenarios/glossary.toml) is read first; a term here with the same id replaces it.
# Each term is a header [terms.ID] with term and definition (and, if you like, other spellings in
# aliases). The example below is a comment: remove the # signs to use it.
#
# [terms.kolkhoz]
# term = "kolkhoz"
# definition = "A collective farm, which the Soviet state forced peasants to join from the winter of 1929-30."
# aliases = ["kolkhozes", "kolkhozy"]
"""


@dataclass(frozen=True)
class Written:
    case: Path
    glossary: Path | None  # None when a glossary was already there


def id_problem(case_id: str) -> str:
    """Why `case_id` cannot name a case, or "" when it can."""
    if not case_id:
        return "give the new case an id, such as spikelets_1932"
    if not _ID.match(case_id):
        near = re.sub(r"[^a-z0-9_]+", "_", case_id.lower()).strip("_")
        near = near if _ID.match(near) else ""
        return (f"'{case_id}' is not a case id: use lowercase letters, digits and _, starting with a letter"
                + (f" (for example '{near}')" if near else ""))
    if case_id == Path(GLOSSARY_FILE).stem:
        return f"'{case_id}' is the name of the glossary file; choose another id"
    if case_id == Path(OUTLINE_FILE).stem:
        return f"'{case_id}' is the name of the outline file; choose another id"
    if len(case_id) > 40:
        return f"'{case_id}' is longer than 40 characters; a short id is easier to type"
    return ""


def taken_by(case_id: str, into: Path, folders: Sequence[Path]) -> str:
    """Which file already uses this id (a shipped case, a teacher's, or a file in `into`), or ""."""
    own = into / f"{case_id}.toml"
    if own.exists():
        return str(own)
    sources = [*folders, *([into] if into.is_dir() else [])]
    from game.authoring.sources import SHIPPED

    catalog = Catalog.load(SHIPPED, *sources)
    if case_id in catalog.scenarios:
        return catalog.scenarios[case_id].path
    for failure in catalog.failures:  # a broken file still claims its name
        if Path(failure.path).stem == case_id:
            return failure.path
    return ""


def starter_text(case_id: str, into: Path) -> str:
    folder = "" if into == Path(".") else f"{into.as_posix().rstrip('/')}/"
    return string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        case_id=case_id,
        title=case_id.replace("_", " ").capitalize() + " (a starter case)",
        folder_hint=folder,
        scenarios_hint=f" --scenarios {into.as_posix()}",
    )


def write_starter(case_id: str, into: Path, folders: Sequence[Path]) -> Written:
    """Write ID.toml (and glossary.toml if there is none) into `into`; ValueError saying why not."""
    problem = id_problem(case_id)
    if problem:
        raise ValueError(problem)
    owner = taken_by(case_id, into, folders)
    if owner:
        raise ValueError(f"the id '{case_id}' is already used by {owner}; choose another id")
    into.mkdir(parents=True, exist_ok=True)
    case = into / f"{case_id}.toml"
    with case.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite a teacher's file
        out.write(starter_text(case_id, into))
    glossary = into / GLOSSARY_FILE
    if glossary.exists():
        return Written(case, None)
    glossary.write_text(GLOSSARY_STUB, encoding="utf-8", newline="\n")
    return Written(case, glossary)
