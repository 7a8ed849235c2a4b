"""`verdict pack`: the teacher's pack holds the whole case, escaped, and needs nothing from the network."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from game.authoring.pack import render
from game.cli import main
from game.engine import Catalog, load_scenario
from game.engine.model import STANCE_NAMES
from tests.support import SCENARIOS
from tests.support.authoring import HOSTILE_TITLE, hostile_tutorial

CASES = Catalog.load(SCENARIOS).scenarios


def _text(page: str) -> str:
    """The page's text, tags dropped and entities read, whitespace collapsed."""
    import re

    inline = re.sub(r"</?(?:strong|em|span|a|code)\b[^>]*>", "", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def _has(text: str, words: str) -> bool:
    flat = " ".join(words.replace("**", "").replace("*", "").split())
    return flat in text


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_pack_holds_the_whole_case(case: str) -> None:
    s = CASES[case]
    page = render(s)
    text = _text(page)
    assert 'src="' not in page and "http" not in page.replace("http-equiv", "")
    for part in (s.title, s.summary, s.content_note, s.aftermath, *s.bibliography):
        assert _has(text, part), part[:60]
    for item in s.evidence.values():
        for part in (item.title, item.provenance, item.citation, item.reliability_note, item.text, item.date):
            assert _has(text, part), (item.id, part[:60])
    for q in s.questions.values():
        assert _has(text, q.prompt) and _has(text, q.debate)
        for interp in q.interpretations.values():
            assert _has(text, interp.claim) and _has(text, interp.held_by)
        for stance in q.stances.values():
            assert _has(text, stance.why)
            assert all(STANCE_NAMES[v] in text for v in stance.values.values())
    for ending in s.endings:
        assert _has(text, ending.debrief)
    for line in ("Standing (35)", "Citations (35)", "Counter-evidence (15)", "Calibration (15)",
                 "Source criticism"):
        assert line in text


def test_the_answer_key_and_rubric_for_the_tutorial() -> None:
    text = _text(render(CASES["tutorial"]))
    assert "Best supported by the evidence in the case: The bindery removed it for repair" in text
    assert "Its strongest evidence: Bindery log, 1968, The repair box" in text
    assert "Sources to treat with caution: The porter's story, The clerk's written admission" in text
    assert "The verdict of the time: A junior clerk lost it through carelessness" in text
    assert "best possible score 100 9 7" in text


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    page = render(load_scenario(hostile_tutorial(tmp_path)))
    assert "<script>alert" not in page and HOSTILE_TITLE in html.unescape(page)
    assert page.count("<script") == 0  # the pack runs no script at all


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["pack", "tutorial"]) == 0
    written = (tmp_path / "tutorial-teachers-pack.html").read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>")
    assert main(["pack", "kirov", "--out", "packs/k.html"]) == 0 and (tmp_path / "packs" / "k.html").exists()
    assert "Wrote the teacher's pack for 'kirov'" in capsys.readouterr().out


def test_the_answer_key_colours_support_and_undermining_apart() -> None:
    page = render(CASES["tutorial"])
    assert '<td class="stance-p2">strongly supports</td>' in page
    assert '<td class="stance-m2">strongly undermines</td>' in page
    assert '<td class="stance-0">neutral</td>' in page
    assert ".stance-p2 { background: #ceead6; }" in page  # green for support, red for undermining
