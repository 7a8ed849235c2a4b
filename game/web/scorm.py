"""The game inside a school's LMS: SCORM 1.2's API for saves (``cmi.suspend_data``) and for the gradebook.

The HTML edition's page looks for the LMS's API (the standard search: ``window.API`` here, in the parents,
in the opener; game/webbuild/scorm.js) and leaves it in ``window.verdictLmsApi``. Its entry point
(game/web/boot.start) then installs the two objects below instead of plain browser saves; without an API
nothing here runs and the game plays as usual.

- :class:`ScormStorage` is the game's Storage: every save is written to this browser (under a key of its own
  for each student, since school computers are shared) and packed into ``cmi.suspend_data``
  (game/web/scorm_data), so the student resumes on another computer.
- :class:`ScormReporter` listens to the controller (``subscribe``: no SCORM code in game/app) and reports
  what the gradebook shows: the lesson status, the case score, the time spent and each verdict as an
  interaction; it commits at each verdict and at the end of a case, and finishes when the page goes.

Reporting rules (docs/publishing.md repeats them for teachers):
- ``cmi.core.lesson_status``: "incomplete" from the first launch; when a case reaches its ending "passed" or
  "failed" against ``cmi.student_data.mastery_score`` when the LMS gives one, else "completed".
- ``cmi.core.score.raw``: the case score (0-100, the mean of its verdicts' scores), min 0, max 100, set
  when a case ends; a case played again and finished again reports its new score.
- ``cmi.core.session_time``: the time played in this launch, counted as the game counts it for the
  hand-in (pauses over two minutes count as two minutes).
- each verdict is ``cmi.interactions.n``: id ``CASE-QUESTION``, type "choice", the interpretation chosen as
  ``student_response``, result "correct" (score 70 or more), "wrong" (under 40) or "neutral", weighting 1
  (the case score is the plain mean), the time it was filed, and as ``latency`` the time from the verdict
  form's first showing to the filing.
- in review mode (``cmi.core.lesson_mode`` "review") nothing is reported: the LMS keeps none of it.
- ``cmi.core.exit``: "suspend" while a case is open and not finished, else "" (a normal exit).

Nothing the LMS does may stop the game: every call is caught, and a refused call is kept in ``errors``.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.app.saves import PROGRESS_KEY, case_score, save_key
from game.app.storage import MemoryStorage, Storage, StorageError, aside_key
from game.web import scorm_data
from game.web.dom import Dom, JsObject
from game.web.storage import PREFIX, LocalStorage

if TYPE_CHECKING:
    from game.app.controller import Controller
    from game.engine import Scenario, Session, Verdict

API_GLOBAL = "verdictLmsApi"  # where the page's search leaves the API it found (game/webbuild/scorm.js)
CORRECT_FROM = 70  # a verdict scoring this or more is reported "correct"
WRONG_BELOW = 40  # under this, "wrong"; between the two, "neutral"
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")  # SCORM 1.2's CMIIdentifier, strictly read
_CASE_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
ACCEPTED_KEY = "lms.accepted"  # the fingerprint of the last save the LMS took from this browser
LMS_ASIDE = "save.lms"  # what the LMS returned and the game could not read is kept under this key's aside


class Lms:
    """One SCORM 1.2 API object (``LMSInitialize`` … ``LMSFinish``), every call guarded."""

    def __init__(self, api: JsObject):
        self.api = api
        self.errors: list[str] = []  # calls the LMS refused, with its error code: for the teacher's console

    def _call(self, name: str, *args: str) -> str:
        try:
            result = getattr(self.api, name)(*args)
        except Exception as exc:  # an LMS's API that throws must not take the game down
            self.errors.append(f"{name}: {type(exc).__name__}: {exc}")
            return ""
        return "" if result is None else str(result)

    def _ok(self, name: str, *args: str) -> bool:
        if self._call(name, *args) == "true":
            return True
        code = self._call("LMSGetLastError")
        self.errors.append(f"{name}{args[:1]} refused: error {code}")
        return False

    def initialize(self) -> bool:
        return self._ok("LMSInitialize", "")

    def get(self, element: str) -> str:
        return self._call("LMSGetValue", element)

    def set(self, element: str, value: str) -> bool:
        return self._ok("LMSSetValue", element, value)

    def commit(self) -> bool:
        return self._ok("LMSCommit", "")

    def finish(self) -> bool:
        return self._ok("LMSFinish", "")


def connect(dom: Dom) -> Lms | None:
    """The LMS the page found, initialised; None outside an LMS (or when it refuses to start a session)."""
    try:
        api = getattr(dom.window, API_GLOBAL, None)
    except Exception:
        api = None
    if api is None:
        return None
    lms = Lms(api)
    if not lms.initialize():
        print("verdict: the LMS's SCORM API refused LMSInitialize; playing without it:", lms.errors)
        return None
    return lms


def student_storage(dom: Dom, lms: Lms) -> Storage:
    """This browser's copy, under keys of this student's own (a shared computer must not mix students)."""
    student = lms.get("cmi.core.student_id")
    if not student:
        return MemoryStorage()  # no one to file it under: the LMS's copy is the only one
    tag = hashlib.sha256(student.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    try:
        dom.storage_get(PREFIX + "probe")
    except OSError:
        return MemoryStorage()
    return LocalStorage(dom, prefix=f"{PREFIX.rstrip(':')}-lms-{tag}:")


# -- saves --------------------------------------------------------------------------------------------------


class ScormStorage:
    """The game's Storage in an LMS: this browser's copy, and the latest save packed into suspend_data.

    Which copy a resume uses is decided once, at launch: the LMS's when it holds a moment this browser does
    not have (the student played elsewhere since), else this browser's own, which is whole.
    """

    def __init__(self, lms: Lms, local: Storage):
        self.lms = lms
        self.local = local
        self.tell: Callable[[str], None] = lambda message: None  # the entry point points it at the page
        self.notes: list[str] = []  # what the student should be told at launch
        self.kept = "all"  # what the last write could keep in the LMS (scorm_data.LEVELS or NOTHING)
        self._save = ""
        self._progress = ""
        self._resume_case = ""
        self._resume_save: str | None = None
        self._resume_progress: str | None = None
        self._take_resume(lms.get("cmi.suspend_data"))

    def _take_resume(self, raw: str) -> None:
        if not raw:
            return
        try:
            found = scorm_data.unpack(raw)
            if not _CASE_ID.match(found.case):
                raise scorm_data.SuspendDataError("it names no case")
        except scorm_data.SuspendDataError as exc:
            kept = self._keep_aside(raw)
            self.notes.append(f"The place your school's LMS kept for you could not be read ({exc}).{kept} "
                              "Your cases start from what this browser holds.")
            return
        try:
            here = self.local.read(save_key(found.case)) if found.case else None
        except (StorageError, ValueError):
            here = None
        if here is not None and scorm_data.fingerprint(here) == found.hash:
            return  # this browser holds the same moment, whole
        if here is not None and self._accepted() == found.hash:
            return  # the LMS holds what this browser last gave it, and this browser has played on since
        if here is not None and found.save is not None:
            # The student played elsewhere since: the LMS's moment is used, and this browser's is kept.
            try:
                aside = self.local.set_aside(save_key(found.case))
            except StorageError:
                aside = None
            if aside:
                self.notes.append("This browser's own copy of the case, from another moment, is kept as "
                                  f'"{aside}".')
        if found.save is None:
            self.notes.append(scorm_data.KEPT_WORDS[scorm_data.NOTHING].replace(
                "This browser keeps it; on another computer the case would start again.",
                "The computer you played on keeps it; here the case starts from what this browser holds."))
            return
        self._resume_case = found.case
        self._resume_save = found.save
        self._resume_progress = found.progress or None
        if found.kept != "all":
            self.notes.append(scorm_data.KEPT_WORDS[found.kept])

    def _accepted(self) -> str:
        """The fingerprint of the last save the LMS took from this browser ("" if none)."""
        try:
            return self.local.read(ACCEPTED_KEY) or ""
        except (StorageError, ValueError):
            return ""

    def _keep_aside(self, text: str) -> str:
        try:
            key = aside_key(LMS_ASIDE, set(self.local.keys()))
            self.local.write(key, text)
        except (StorageError, ValueError):
            return ""
        return f' It is kept in this browser as "{key}".'

    def _resume_key(self) -> str | None:
        return save_key(self._resume_case) if self._resume_save is not None else None

    # -- the Storage interface -----------------------------------------------------------------------------

    def read(self, key: str) -> str | None:
        if key == self._resume_key():
            return self._resume_save
        if key == PROGRESS_KEY and self._resume_progress is not None:
            return self._resume_progress
        return self.local.read(key)

    def write(self, key: str, text: str) -> None:
        problem: StorageError | None = None
        try:
            self.local.write(key, text)
        except StorageError as exc:
            problem = exc
        if key == self._resume_key():
            self._resume_save = None
        if key == PROGRESS_KEY:
            self._resume_progress = None
        if key.startswith("save.") and not key.startswith(LMS_ASIDE):
            self._save = text
        elif key == PROGRESS_KEY:
            self._progress = text
        else:
            if problem is not None:
                raise problem
            return
        if self._save and not self._push() and problem is not None:
            raise StorageError(f"neither this browser nor the LMS took the save ({problem})")

    def set_aside(self, key: str) -> str | None:
        if key == self._resume_key():
            text = self._resume_save or ""
            self._resume_save = None
            try:
                new_key = aside_key(key, set(self.local.keys()))
                self.local.write(new_key, text)
            except ValueError as exc:
                raise StorageError(str(exc)) from exc
            return new_key
        if key == PROGRESS_KEY and self._resume_progress is not None:
            self._resume_progress = None
            return None
        return self.local.set_aside(key)

    def keys(self) -> list[str]:
        keys = set(self.local.keys())
        resume = self._resume_key()
        if resume is not None:
            keys.add(resume)
        return sorted(keys)

    def _push(self) -> bool:
        packed = scorm_data.pack(self._save, self._progress)
        ok = self.lms.set("cmi.suspend_data", packed.text)
        if packed.kept != self.kept and packed.kept != "all":
            self.tell(scorm_data.KEPT_WORDS[packed.kept])
        self.kept = packed.kept
        if not ok:
            self.tell("The school's LMS did not take your place just now; this browser keeps it.")
        else:
            # So that a later launch here knows this browser's save is the newer one (_take_resume).
            with contextlib.suppress(StorageError, ValueError):
                self.local.write(ACCEPTED_KEY, scorm_data.fingerprint(self._save))
        return ok


# -- the gradebook ------------------------------------------------------------------------------------------


class ScormReporter:
    """Reports play to the LMS by watching the controller; the rules are in this module's docstring."""

    def __init__(self, lms: Lms, now: Callable[[], time.struct_time] = time.localtime,
                 clock: Callable[[], float] = time.monotonic):
        self.lms = lms
        self.now = now
        self.clock = clock
        # The LMS shows a finished attempt for review: it keeps nothing sent, so nothing is.
        self.review = lms.get("cmi.core.lesson_mode") == "review"
        self.mastery = _mastery(lms.get("cmi.student_data.mastery_score"))
        self.finished = False
        self.seconds = 0  # played in this launch, every case together
        self._session: Session | None = None
        self._seen_seconds = 0
        self._reported: dict[str, Verdict] = {}
        self._ended = False
        self._open = False  # a case is open and not at its ending
        self._form_opened: dict[str, float] = {}  # question -> when its verdict form was first shown
        status = lms.get("cmi.core.lesson_status")
        if status in ("", "not attempted") and not self.review:
            lms.set("cmi.core.lesson_status", "incomplete")

    def watch(self, controller: Controller) -> Callable[[], None]:
        unsubscribe = controller.subscribe(self.changed)
        self.changed(controller)
        return unsubscribe

    def changed(self, controller: Controller) -> None:
        try:
            self._changed(controller)
        except Exception:  # reporting must never be what stops the game
            traceback.print_exc()

    def _changed(self, controller: Controller) -> None:
        session, scenario = controller.session, controller.scenario
        if session is None or scenario is None or controller.preview or self.finished or self.review:
            return
        if controller.draft is not None:
            self._form_opened.setdefault(controller.draft.question_id, self.clock())
        if session is not self._session:
            # A new play, a resume or a reload: what it already holds was reported when it happened.
            self._session = session
            self._seen_seconds = session.state.seconds
            self._reported = dict(session.verdicts)
            self._ended = session.is_over
        if session.state.seconds > self._seen_seconds:
            self.seconds += session.state.seconds - self._seen_seconds
        self._seen_seconds = session.state.seconds
        self._open = not session.is_over
        filed = [v for q, v in session.verdicts.items() if self._reported.get(q) is not v]
        for verdict in filed:
            self._interaction(scenario, verdict)
            self._reported[verdict.question_id] = verdict
        ended = session.is_over and not self._ended
        if ended:
            self._ended = True
            self._case_finished(session)
        if filed or ended:
            self.commit()

    def _interaction(self, scenario: Scenario, verdict: Verdict) -> None:
        count = self.lms.get("cmi.interactions._count")
        n = int(count) if count.isdigit() else 0
        base = f"cmi.interactions.{n}."
        total = verdict.report.total
        result = "correct" if total >= CORRECT_FROM else "wrong" if total < WRONG_BELOW else "neutral"
        stamp = self.now()
        values = [
            ("id", interaction_id(scenario.id, verdict.question_id)),
            ("type", "choice"),
            ("student_response", verdict.interpretation_id[:255]),
            ("result", result),
            ("weighting", "1"),
            ("time", f"{stamp.tm_hour:02d}:{stamp.tm_min:02d}:{stamp.tm_sec:02d}"),
        ]
        opened = self._form_opened.pop(verdict.question_id, None)
        if opened is not None:  # from the verdict form's first showing to the filing
            values.append(("latency", scorm_data.timespan(self.clock() - opened)))
        for name, value in values:  # the id first: the LMS opens interaction n when its id is set
            self.lms.set(base + name, value)

    def _case_finished(self, session: Session) -> None:
        score = case_score(session)
        if score is None:  # an ending reached without a verdict: finished, with nothing to mark
            self.lms.set("cmi.core.lesson_status", "completed")
            return
        self.lms.set("cmi.core.score.min", "0")
        self.lms.set("cmi.core.score.max", "100")
        self.lms.set("cmi.core.score.raw", str(score))
        status = "completed" if self.mastery is None else "passed" if score >= self.mastery else "failed"
        self.lms.set("cmi.core.lesson_status", status)

    def commit(self) -> bool:
        """Time spent and how the student is leaving, then LMSCommit."""
        if self.review:
            return self.lms.commit()
        self.lms.set("cmi.core.session_time", scorm_data.timespan(self.seconds))
        self.lms.set("cmi.core.exit", "suspend" if self._open else "")
        return self.lms.commit()

    def leave(self, controller: Controller | None = None) -> None:
        """The page is going: the last report, then LMSFinish (once; the LMS refuses calls after it)."""
        if self.finished:
            return
        if controller is not None:
            self.changed(controller)
        self.commit()
        self.lms.finish()
        self.finished = True


def interaction_id(case: str, question: str) -> str:
    return _ID_UNSAFE.sub("_", f"{case}-{question}")[:255]


def _mastery(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 <= value <= 100 else None


def install(dom: Dom, lms: Lms, controller: Controller, storage: ScormStorage,
            say: Callable[[str], None]) -> ScormReporter:
    """Report this controller to the LMS, tell the student what the LMS could not keep, finish on leaving."""
    storage.tell = say
    reporter = ScormReporter(lms)
    reporter.watch(controller)
    for note in storage.notes:
        say(note)

    def leaving(_event: Any) -> None:
        reporter.leave(controller)

    def hidden(_event: Any) -> None:
        # Phones and tablets often never send pagehide: commit whenever the page is put away.
        try:
            if str(dom.document.visibilityState) == "hidden" and not reporter.finished:
                reporter.commit()
        except Exception:
            traceback.print_exc()

    dom.on(dom.window, "pagehide", leaving)
    dom.on(dom.window, "beforeunload", leaving)
    dom.on(dom.document, "visibilitychange", hidden)
    _installed.append(reporter)
    return reporter


_installed: list[ScormReporter] = []  # kept for the life of the tab (and for the browser tests to read)
