"""What the game keeps in an LMS's ``cmi.suspend_data``, and reading it back: pure Python, no page needed.

SCORM 1.2 gives a course ``cmi.suspend_data`` of at most 4096 characters, and a save with its undo trail
can be ten times that. So the save (and the case cards' progress) is packed as JSON, compressed with zlib
and written in base64, which every LMS stores as it is (ASCII letters, digits, ``+/=``). When even that is
too long, the least useful parts are left out one at a time, and the result is always a save the game's
save reader accepts:

  ``all``               everything
  ``no-undo``           the undo trail left out (on another computer "Undo" starts from the resume)
  ``no-route``          the choices taken left out too (the debrief's route starts at the resume);
                        the verdicts, their order, the evidence held and the place are all kept
  ``short-reasoning``   the written reasoning and rebuttals shortened, each ending in "[…]"

and when nothing fits, a marker that names the case and says so (``none``): the LMS then holds no place
for this case, the browser that played it keeps the whole save, and the student is told. A save is never cut
in the middle, so what the LMS returns is either a whole save or nothing.

Format, version 1 (``VERSION``):

  ``VZ1:`` + base64(zlib(JSON))  with JSON ``{"case", "hash", "kept", "save", "progress"}``
  ``VX1:`` + JSON ``{"case", "hash"}``  the marker

``hash`` is the fingerprint of the whole save (before anything was left out): a browser that holds a save
with the same fingerprint holds the same moment of play, complete, and uses its own copy.

What the LMS returns is untrusted input: the prefix is checked, base64 is decoded strictly, decompression
stops at MAX_UNPACKED bytes (a small string cannot unpack into gigabytes), the JSON passes
``game.engine.safejson`` and every field is type-checked; the save inside then goes through the game's
own save reader (``Session.restore``) like any other save.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from game.engine.safejson import UnsafeJSON, read_json

LIMIT = 4096  # SCORM 1.2: cmi.suspend_data is a CMIString4096
MAX_UNPACKED = 1_000_000  # far above any save; a compressed string claiming more is refused
PACKED = "VZ1:"
MARKER = "VX1:"
LEVELS = ("all", "no-undo", "no-route", "short-reasoning")
NOTHING = "none"
SHORTENED = " […]"
# The lengths the written texts are cut to, one after another, before giving up on them.
REASONING_CUTS = (1000, 400, 150, 40)

# What the student is told when the LMS keeps less than the whole save (the browser keeps all of it).
KEPT_WORDS = {
    "no-undo": "The school's LMS keeps at most 4096 characters of your place: it keeps your place but not "
               "your undo steps, so on another computer Undo starts from there.",
    "no-route": "The school's LMS keeps at most 4096 characters of your place: it keeps your place and "
                "your verdicts, but not the list of choices you took.",
    "short-reasoning": "The school's LMS keeps at most 4096 characters of your place: your written "
                       "reasoning is kept there shortened. This browser keeps it whole, and so does your "
                       "hand-in from this computer.",
    NOTHING: "Your place in this case is too long for the school's LMS to keep (at most 4096 characters). "
             "This browser keeps it; on another computer the case would start again.",
}


class SuspendDataError(ValueError):
    """What the LMS returned is not a place this game can read; the message says why, in plain words."""


@dataclass(frozen=True)
class Packed:
    text: str  # what to write into cmi.suspend_data: at most LIMIT characters
    kept: str  # one of LEVELS, or NOTHING (the marker)
    case: str


@dataclass(frozen=True)
class Unpacked:
    case: str
    hash: str
    kept: str  # one of LEVELS, or NOTHING
    save: str | None  # None for the marker
    progress: str = ""


def fingerprint(save_text: str) -> str:
    return hashlib.sha256(save_text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def pack(save_text: str, progress_text: str = "", limit: int = LIMIT) -> Packed:
    """The fullest form of the save that fits in limit characters, or the marker when none does."""
    digest = fingerprint(save_text)
    case = _case_of(save_text)
    for kept, text in _versions(save_text):
        for progress in dict.fromkeys((progress_text, "")):  # the cards' progress is the first to go
            body = json.dumps({"case": case, "hash": digest, "kept": kept, "save": text,
                               "progress": progress}, ensure_ascii=False, sort_keys=True)
            packed = PACKED + base64.b64encode(zlib.compress(body.encode("utf-8", "surrogatepass"), 9)
                                               ).decode("ascii")
            if len(packed) <= limit:
                return Packed(packed, kept, case)
    marker = MARKER + json.dumps({"case": case, "hash": digest}, sort_keys=True)
    return Packed(marker if len(marker) <= limit else MARKER + "{}", NOTHING, case)


def unpack(text: str) -> Unpacked:
    """Read what pack wrote; SuspendDataError for anything else."""
    if text.startswith(MARKER):
        data = _json(text[len(MARKER):])
        return Unpacked(_field(data, "case"), _field(data, "hash"), NOTHING, None)
    if not text.startswith(PACKED):
        raise SuspendDataError("it was not written by this game")
    try:
        raw = base64.b64decode(text[len(PACKED):].strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SuspendDataError("it is damaged (not base64)") from None
    inflater = zlib.decompressobj()
    try:
        body = inflater.decompress(raw, MAX_UNPACKED)
    except zlib.error:
        raise SuspendDataError("it is damaged (it does not unpack)") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise SuspendDataError("it is damaged or far too large")
    try:
        data = _json(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise SuspendDataError("it is damaged (not text)") from None
    kept = _field(data, "kept")
    if kept not in LEVELS:
        raise SuspendDataError("it says it keeps something this game does not know")
    return Unpacked(_field(data, "case"), _field(data, "hash"), kept, _field(data, "save"),
                    _field(data, "progress"))


def _json(text: str) -> dict[str, Any]:
    try:
        data = read_json(text)
    except UnsafeJSON as exc:
        raise SuspendDataError(f"it is damaged ({exc})") from None
    if not isinstance(data, dict):
        raise SuspendDataError("it is damaged (not a table)")
    return data


def _field(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise SuspendDataError(f"it is damaged (no {name})")
    return value


def _case_of(save_text: str) -> str:
    try:
        data = json.loads(save_text)
    except ValueError:
        return ""
    case = data.get("scenario") if isinstance(data, dict) else None
    return case if isinstance(case, str) else ""


def _versions(save_text: str) -> Iterator[tuple[str, str]]:
    """The save whole, then with less and less of what matters least; each one a save the reader accepts."""
    yield "all", save_text
    try:
        data = json.loads(save_text)
    except ValueError:
        return  # not a save: only the whole text, or nothing
    if not isinstance(data, dict):
        return
    data["undo"] = []  # the reader takes an empty undo trail as "nothing to undo"
    yield "no-undo", _dump(data)
    history = data.get("history")
    if isinstance(history, list):
        # Verdict records stay: the reader takes the verdicts' order from them.
        data["history"] = [r for r in history if isinstance(r, dict) and "verdict" in r]
    yield "no-route", _dump(data)
    verdicts = data.get("verdicts")
    if not isinstance(verdicts, dict):
        return
    for cut in REASONING_CUTS:
        for verdict in verdicts.values():
            if isinstance(verdict, dict):
                for name in ("reasoning", "rebuttal"):
                    value = verdict.get(name)
                    if isinstance(value, str) and len(value) > cut:
                        verdict[name] = value[:cut].rstrip() + SHORTENED
        yield "short-reasoning", _dump(data)


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


# -- SCORM 1.2 values ----------------------------------------------------------------------------------------


def timespan(seconds: float) -> str:
    """A CMITimespan, HHHH:MM:SS.SS (SCORM 1.2 allows two to four digits of hours; more is clamped)."""
    hundredths = min(max(0, round(seconds * 100)), (9999 * 3600 + 3599) * 100 + 99)
    whole, frac = divmod(hundredths, 100)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:04d}:{minutes:02d}:{secs:02d}.{frac:02d}"
