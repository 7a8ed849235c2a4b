"""What the game keeps in an LMS's cmi.suspend_data: packed into 4096 characters, and read back safely."""

from __future__ import annotations

import base64
import contextlib
import json
import zlib
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Catalog, Scenario, Session
from game.web import scorm_data
from game.web.scorm_data import LIMIT, NOTHING, PACKED, SuspendDataError, pack, timespan, unpack

ROOT = Path(__file__).resolve().parents[2]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000)


@cache
def scenario() -> Scenario:
    return Catalog.load(ROOT / "scenarios").scenarios["tutorial"]


def played(reasoning: str, choices: int) -> Session:
    """The tutorial played a few choices in, with its first verdict filed when one comes up."""
    session = Session(scenario())
    for _ in range(choices):
        view = session.view()
        if view.checkpoint is not None:
            question = view.checkpoint
            session.submit_verdict(question.id, next(iter(question.interpretations)), [], "probable",
                                   reasoning, reasoning[::-1])
        elif view.is_ending or not view.choices:
            break
        else:
            session.choose(view.choices[0].index)
    return session


@given(TEXT, TEXT)
def test_any_text_that_fits_comes_back_exactly(save: str, progress: str) -> None:
    packed = pack(save, progress)
    assert len(packed.text) <= LIMIT and packed.text.isascii()
    back = unpack(packed.text)
    if packed.kept == "all":
        assert back.save == save
        assert back.progress in (progress, "")
    else:  # not a save, so nothing to leave out: the marker
        assert packed.kept == NOTHING and back.save is None
    assert back.hash == scorm_data.fingerprint(save)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=2000),
       st.integers(min_value=0, max_value=12))
def test_a_real_save_always_comes_back_as_a_save_the_reader_accepts(reasoning: str, choices: int) -> None:
    session = played(reasoning, choices)
    text = session.to_json()
    packed = pack(text, '{"version": 1, "cases": {}}')
    assert len(packed.text) <= LIMIT
    back = unpack(packed.text)
    assert back.case == "tutorial" and back.kept == packed.kept
    if packed.kept == NOTHING:
        assert back.save is None
        return
    assert back.save is not None
    restored = Session.restore(scenario(), back.save).session  # the game's own save reader
    assert restored.state.scene == session.state.scene
    assert restored.state.held == session.state.held
    assert list(restored.verdicts) == list(session.verdicts)
    if packed.kept == "all":
        assert back.save == text
    for verdict in restored.verdicts.values():
        assert reasoning.startswith(verdict.reasoning.removesuffix(scorm_data.SHORTENED))


def test_leaving_things_out_goes_step_by_step_and_says_so() -> None:
    text = played("Because the diary and the register agree. " * 40, 12).to_json()
    kinds = [pack(text, limit=limit).kept for limit in range(LIMIT, 100, -100)]
    order = [*scorm_data.LEVELS, NOTHING]
    assert kinds == sorted(kinds, key=order.index)  # a smaller room never keeps more
    assert kinds[0] == "all" and kinds[-1] == NOTHING
    assert set(kinds) - {"all"} <= set(scorm_data.KEPT_WORDS)


@pytest.mark.parametrize("text", [
    "", "hello", PACKED, PACKED + "!!!!", PACKED + base64.b64encode(b"not zlib").decode(),
    PACKED + base64.b64encode(zlib.compress(b"[1, 2]")).decode(),
    PACKED + base64.b64encode(zlib.compress(b'{"case": "x", "hash": "h", "kept": "all"}')).decode(),
    PACKED + base64.b64encode(zlib.compress(json.dumps(
        {"case": "x", "hash": "h", "kept": "everything", "save": "", "progress": ""}).encode())).decode(),
    PACKED + base64.b64encode(zlib.compress(b"\xff\xfe")).decode(),
    PACKED + base64.b64encode(zlib.compress(b"[" * 5000)).decode(),
    scorm_data.MARKER + "{",
])
def test_what_this_game_did_not_write_is_refused_in_words(text: str) -> None:
    with pytest.raises(SuspendDataError) as err:
        unpack(text)
    assert str(err.value).startswith("it ")


def test_a_small_string_cannot_unpack_into_a_huge_one() -> None:
    bomb = PACKED + base64.b64encode(zlib.compress(b" " * (scorm_data.MAX_UNPACKED * 4), 9)).decode()
    assert len(bomb) < 20_000
    with pytest.raises(SuspendDataError, match="too large"):
        unpack(bomb)


@given(st.text(max_size=LIMIT + 50))
def test_unpack_never_fails_other_than_in_words(text: str) -> None:
    with contextlib.suppress(SuspendDataError):
        unpack(text)


@pytest.mark.parametrize(("seconds", "expected"), [
    (0, "0000:00:00.00"), (59.994, "0000:00:59.99"), (61.5, "0000:01:01.50"),
    (3600 * 27 + 62, "0027:01:02.00"),
    (-5, "0000:00:00.00"), (10**9, "9999:59:59.99"),
])
def test_session_time_is_a_scorm_timespan(seconds: float, expected: str) -> None:
    assert timespan(seconds) == expected
