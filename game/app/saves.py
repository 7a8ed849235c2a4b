"""Autosaves, progress for the case cards, and settings, on top of any Storage.

Nothing here ever deletes a player's data: a value that cannot be read is set aside under a new key and
the player is told, in words, what happened.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, TypeGuard

from game.app.settings import Settings
from game.app.storage import Storage, StorageError
from game.engine.safejson import read_json

if TYPE_CHECKING:  # the engine is imported when a save is loaded: the title screen does not need it
    from game.engine import Scenario, Session

PROGRESS_KEY = "progress"
SETTINGS_KEY = "settings"
PROGRESS_VERSION = 1


def save_key(scenario_id: str) -> str:
    return f"save.{scenario_id}"


@dataclass
class LoadResult:
    session: Session | None  # None: no save, or the save was unusable (see problem)
    notes: list[str] = field(default_factory=list)  # the engine's remarks on a usable save
    problem: str | None = None  # a sentence for the player when the save was set aside


@dataclass(frozen=True)
class Conclusion:
    """What the player concluded on one question the last time they finished the case (shown beside the
    evidence a later case borrows from it)."""

    question: str  # the question's id
    prompt: str
    claim: str  # the claim of the interpretation chosen
    confidence: str
    score: int  # 0..100


@dataclass
class Progress:
    best: int | None = None  # best case score 0..100 over finished runs
    finished: int = 0  # how many times the case reached an ending
    found: int = 0  # most evidence items held in any run
    open: bool = False  # the autosave is mid-case (not at an ending)
    # Per question, what the last finished run concluded (absent in older records: none).
    concluded: tuple[Conclusion, ...] = ()

    def describe(self, evidence_total: int) -> str:
        parts = []
        if self.finished:
            parts.append("Finished" if self.finished == 1 else f"Finished {self.finished} times")
        if evidence_total:
            parts.append(f"{self.found} of {evidence_total} documents found")
        return "; ".join(parts) if parts else "Not started"


def case_score(session: Session) -> int | None:
    """The case's score: the mean of its verdict scores, None before the first verdict."""
    from game.engine.scoring import case_score as mean_score

    return mean_score(session.verdicts.values())


def _parse_progress(raw: object) -> Progress:
    """One case's stored progress; a value of the wrong type counts as never set."""
    if not isinstance(raw, dict):
        return Progress()
    best, finished, found = raw.get("best"), raw.get("finished"), raw.get("found")
    return Progress(
        best=best if _is_int_in(best, 0, 100) else None,
        finished=finished if _is_int_in(finished, 0, 10**9) else 0,
        found=found if _is_int_in(found, 0, 10**9) else 0,
        open=raw.get("open") is True,
        concluded=_parse_conclusions(raw.get("concluded")),
    )


MAX_CONCLUSIONS = 200  # the format's limit on questions in one case
_TEXT_CHARS = {"question": 64, "prompt": 300, "claim": 20_000, "confidence": 20}


def _parse_conclusions(raw: object) -> tuple[Conclusion, ...]:
    """The conclusions kept for a case; any entry that is not what was written is left out, not guessed."""
    if not isinstance(raw, list):
        return ()
    out = []
    for item in raw[:MAX_CONCLUSIONS]:
        if not isinstance(item, dict):
            continue
        texts = {key: item.get(key) for key in _TEXT_CHARS}
        score = item.get("score")
        if all(isinstance(v, str) and len(v) <= _TEXT_CHARS[k] for k, v in texts.items()) and \
                _is_int_in(score, 0, 100):
            out.append(Conclusion(str(texts["question"]), str(texts["prompt"]), str(texts["claim"]),
                                  str(texts["confidence"]), score))
    return tuple(out)


def conclusions_of(session: Session) -> tuple[Conclusion, ...]:
    """What the player concluded on each question of a session, in the case's order of questions."""
    out = []
    for qid, question in session.scenario.questions.items():
        verdict = session.verdicts.get(qid)
        if verdict is None:
            continue
        interp = question.interpretations.get(verdict.interpretation_id)
        claim = interp.claim if interp is not None else verdict.interpretation_id
        out.append(Conclusion(qid, question.prompt, claim, verdict.confidence, verdict.report.total))
    return tuple(out)


def _is_int_in(value: object, low: int, high: int) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


class SaveStore:
    def __init__(self, storage: Storage):
        self.storage = storage
        self.problems: list[str] = []  # storage trouble not tied to one action, e.g. corrupt progress

    # -- autosave -----------------------------------------------------------------------------------------

    def save(self, session: Session) -> str | None:
        """Write the session and its progress; returns a message for the player when that failed."""
        try:
            self.storage.write(save_key(session.scenario.id), session.to_json())
            self._record_progress(session)
        except (StorageError, OSError) as exc:
            return f"The game could not be saved ({exc}). You can keep playing."
        return None

    def has_save(self, scenario_id: str) -> bool:
        try:
            return self.storage.read(save_key(scenario_id)) is not None
        except StorageError:
            return True  # there is something; loading it will report and set it aside

    def load(self, scenario: Scenario) -> LoadResult:
        from game.engine import SaveError, Session

        key = save_key(scenario.id)
        try:
            text = self.storage.read(key)
            if text is None:
                return LoadResult(None)
            restored = Session.restore(scenario, text)
        except (StorageError, SaveError, ValueError, KeyError, TypeError, RecursionError) as exc:
            return LoadResult(None, problem=self._set_aside(key, scenario.title, exc))
        notes = list(restored.notes)
        if restored.lossy:
            # The next autosave would overwrite what this version of the case cannot hold: keep the original.
            try:
                kept = self.storage.set_aside(key)
            except (StorageError, OSError):
                kept = None
            if kept:
                notes.append(f'Your save as it was before is kept as "{kept}", so nothing is lost if the '
                             "case is changed back.")
        return LoadResult(restored.session, notes)

    def _set_aside(self, key: str, title: str, exc: Exception) -> str:
        try:
            kept = self.storage.set_aside(key)
        except (StorageError, OSError):
            kept = None
        where = f' It was kept as "{kept}" in case someone can recover it.' if kept else ""
        return f"The saved game for {title} could not be read ({exc}).{where} The case starts afresh."

    # -- progress for the case cards --------------------------------------------------------------------

    def _read_progress(self) -> dict[str, Any]:
        return self._read_progress_file()[0]

    def _read_progress_file(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The cases' progress and the record of the case played last (both empty when unreadable)."""
        try:
            text = self.storage.read(PROGRESS_KEY)
            if text is None:
                return {}, {}
            data = read_json(text)
            cases = data["cases"]
            if not isinstance(cases, dict):
                raise ValueError("cases is not a table")
            last = data.get("last")
            return cases, last if isinstance(last, dict) else {}
        except (StorageError, ValueError, KeyError, TypeError, RecursionError) as exc:
            problem = self._set_aside(PROGRESS_KEY, "your progress", exc)
            self.problems.append(problem.replace("The case starts afresh.", "Scores start afresh."))
            return {}, {}

    def progress(self, scenario_id: str) -> Progress:
        return _parse_progress(self._read_progress().get(scenario_id))

    def all_progress(self) -> dict[str, Progress]:
        """Every case's progress from one read (the case list shows them all at once)."""
        return {sid: _parse_progress(raw) for sid, raw in self._read_progress().items()}

    def _record_progress(self, session: Session, finished: bool = False) -> None:
        cases = self._read_progress()
        sid = session.scenario.id
        old = _parse_progress(cases.get(sid))
        new = Progress(best=old.best, finished=old.finished, found=max(old.found, len(session.held)),
                       open=not session.is_over, concluded=old.concluded)
        if finished:
            score = case_score(session)
            if score is not None:
                new.best = score if old.best is None else max(old.best, score)
            new.finished += 1
            new.concluded = conclusions_of(session)
        record = asdict(new)
        if not new.concluded:
            del record["concluded"]  # an optional key: records without one read as before
        cases[sid] = record
        last = {"id": sid, "title": session.scenario.title}
        self.storage.write(PROGRESS_KEY, json.dumps({"version": PROGRESS_VERSION, "cases": cases,
                                                     "last": last}, indent=1))

    def last_open_case(self) -> tuple[str, str] | None:
        """(id, title) of the case saved last, if it is still mid-case: the title's "Continue" button."""
        cases, last = self._read_progress_file()
        sid, title = last.get("id"), last.get("title")
        if not (isinstance(sid, str) and isinstance(title, str)):
            return None
        if not _parse_progress(cases.get(sid)).open or not self.has_save(sid):
            return None
        return sid, title

    def record_finished(self, session: Session) -> str | None:
        """Count a run that just reached an ending (called once, on arrival) and keep the best score."""
        try:
            self._record_progress(session, finished=True)
        except (StorageError, OSError) as exc:
            return f"Your score could not be recorded ({exc})."
        return None

    # -- settings ---------------------------------------------------------------------------------------

    def load_settings(self) -> tuple[Settings, str | None]:
        try:
            text = self.storage.read(SETTINGS_KEY)
            if text is None:
                return Settings(), None
            return Settings.from_json(text), None
        except (StorageError, ValueError, TypeError, RecursionError) as exc:
            problem = self._set_aside(SETTINGS_KEY, "your settings", exc)
            return Settings(), problem.replace("The case starts afresh.", "Default settings are used.")

    def save_settings(self, settings: Settings) -> str | None:
        try:
            self.storage.write(SETTINGS_KEY, settings.to_json())
        except StorageError as exc:
            return f"Settings could not be saved ({exc})."
        return None
