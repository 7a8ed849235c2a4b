"""Which copy of a save a launch in an LMS resumes from: never a silent loss of the newer one.

The LMS side is a small SCORM 1.2 data store with the API's calling convention; the whole package is tested
against scorm-again in Chromium (tests/browser/test_scorm.py)."""

from __future__ import annotations

from game.app.saves import save_key
from game.app.storage import MemoryStorage
from game.engine import Session, load_scenario
from game.web import scorm_data
from game.web.scorm import ACCEPTED_KEY, Lms, ScormStorage
from tests.support import SCENARIOS


class DataStore:
    """An LMS's SCORM 1.2 runtime reduced to its data: LMSSetValue may be told to refuse."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.refuse = False

    def LMSInitialize(self, _: str) -> str:
        return "true"

    def LMSGetValue(self, element: str) -> str:
        return self.values.get(element, "")

    def LMSSetValue(self, element: str, value: str) -> str:
        if self.refuse:
            return "false"
        self.values[element] = value
        return "true"

    def LMSGetLastError(self) -> str:
        return "101" if self.refuse else "0"


def tutorial_saves() -> tuple[str, str]:
    """Two moments of one play of the tutorial: an earlier save and a later one."""
    s = Session(load_scenario(SCENARIOS / "tutorial.toml"))
    s.choose(0)
    earlier = s.to_json()
    s.choose(0)
    return earlier, s.to_json()


def test_a_save_the_lms_refused_is_not_replaced_by_the_lms_older_copy() -> None:
    earlier, later = tutorial_saves()
    lms, local = DataStore(), MemoryStorage()
    first = ScormStorage(Lms(lms), local)
    first.write(save_key("tutorial"), earlier)  # the LMS takes this one
    assert local.read(ACCEPTED_KEY) == scorm_data.fingerprint(earlier)
    lms.refuse = True
    first.write(save_key("tutorial"), later)  # ...and refuses this one: this browser keeps it
    lms.refuse = False
    again = ScormStorage(Lms(lms), local)  # the next launch on the same computer
    assert again.read(save_key("tutorial")) == later


def test_a_newer_moment_from_another_computer_is_used_and_this_browsers_copy_set_aside() -> None:
    earlier, later = tutorial_saves()
    lms = DataStore()
    elsewhere = ScormStorage(Lms(lms), MemoryStorage())
    elsewhere.write(save_key("tutorial"), later)  # played on on another computer
    here = MemoryStorage()
    here.write(save_key("tutorial"), earlier)  # this browser still holds an older moment
    resumed = ScormStorage(Lms(lms), here)
    assert resumed.read(save_key("tutorial")) == later
    stored = here.keys()  # the Storage's keys (a list), not a dict's
    kept = [k for k in stored if k.startswith("save.tutorial") and k != save_key("tutorial")]
    assert len(kept) == 1 and here.read(kept[0]) == earlier  # set aside, never lost
    assert any(kept[0] in note for note in resumed.notes)
