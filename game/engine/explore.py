"""What can still happen from here: a bounded search over real sessions, for authors and previews.

The checker proves things about a case statically; an author testing a scene wants to know, from this
exact state (these flags, this evidence), which endings can still be reached. The search plays every
available choice from copies of the session (verdicts filed with each interpretation), up to a limit.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from game.engine.model import Question, Scenario
from game.engine.scoring import weight
from game.engine.session import Session
from game.engine.state import PlayState

MAX_STATES = 1500


@dataclass(frozen=True)
class Outlook:
    endings: frozenset[str]  # ending scene ids reachable from here
    complete: bool  # False when the search stopped at MAX_STATES: more endings may be reachable


def _key(s: Session) -> tuple[object, ...]:
    st = s.state
    return (st.scene, tuple(sorted(st.flags.items())), tuple(sorted(st.held)), tuple(sorted(st.taken)),
            tuple(sorted((q, v.interpretation_id) for q, v in st.verdicts.items())),
            tuple(sorted((k, min(n, 3)) for k, n in st.visits.items())))


def _copy(s: Session) -> Session:
    # Only what conditions can read: the history and the undo trail do not change what can happen next.
    st = s.state
    return Session(s.scenario, PlayState(st.scene, dict(st.flags), list(st.held), dict(st.visits),
                                         list(st.taken), verdicts=dict(st.verdicts)))


def _best_argued(s: Session, question: Question, iid: str) -> tuple[tuple[str, ...], str]:
    held = [e for e in s.held if question.stance(e, iid) > 0]
    held.sort(key=lambda e: -question.stance(e, iid) * weight(s.scenario.evidence[e]))
    return tuple(held[: question.max_cite]), "probable" if question.disputed else "certain"


def reachable_endings(session: Session, limit: int = MAX_STATES) -> Outlook:
    seen: set[tuple[object, ...]] = set()
    queue = deque([_copy(session)])
    endings: set[str] = set()
    while queue:
        s = queue.pop()  # depth first: endings lie deep, and a capped search should still find them
        key = _key(s)
        if key in seen:
            continue
        if len(seen) >= limit:
            return Outlook(frozenset(endings), False)
        seen.add(key)
        if s.is_over:
            endings.add(s.scene_id)
            continue
        question = s.pending_question
        if question is not None:
            # Each reading filed twice: argued as well as the evidence held allows, and argued from
            # nothing, so that conditions on a high score and on a low one can both come true.
            for iid in question.interpretations:
                for cited, confidence in (_best_argued(s, question, iid), ((), "possible")):
                    nxt = _copy(s)
                    nxt.submit_verdict(question.id, iid, cited, confidence)
                    queue.append(nxt)
            continue
        for i in range(len(s.available())):
            nxt = _copy(s)
            nxt.choose(i)
            queue.append(nxt)
    return Outlook(frozenset(endings), True)


def preview_session(scenario: Scenario, start: str, give: tuple[str, ...] = (),
                    flags: dict[str, int | bool] | None = None) -> Session:
    """A session that begins at `start` holding `give` with `flags` set: an author's preview.

    Raises KeyError naming what the case does not have, so the command line can say so.
    """
    if start not in scenario.scenes:
        raise KeyError(f"there is no scene '{start}'")
    for item in give:
        if item not in scenario.evidence:
            raise KeyError(f"there is no evidence '{item}'")
    return Session.starting_at(scenario, start, tuple(dict.fromkeys(give)), flags)
