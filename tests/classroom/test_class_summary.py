"""Thirty scripted students' reports become one markbook and one class page with every section."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

import pytest

from game.app.handin import read_report
from game.classroom.command import MARKBOOK, PAGE, run
from game.classroom.files import Loaded, find, load
from game.classroom.markbook import COLUMNS, neutral
from game.classroom.summary import ClassSummary, summarise
from game.cli import main
from game.engine import Catalog
from game.engine.model import STANCE_WORDS
from game.engine.safetext import visible
from tests.support import SCENARIOS
from tests.support.classroom import HandedIn


def _raw(folder: Path) -> list[dict[str, Any]]:
    return [read_report(p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())]


@pytest.fixture(scope="module")
def outcome(class_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str, Path]:
    out = tmp_path_factory.mktemp("out")
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run([class_folder], out, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue(), out


@pytest.fixture(scope="module")
def summary(class_folder: Path) -> ClassSummary:
    files, problems = find([class_folder])
    loaded = [r for r in (load(p, shown) for p, shown in files) if isinstance(r, Loaded)]
    return summarise(loaded, problems, Catalog.load(SCENARIOS).scenarios)


def test_the_class_is_varied_and_handed_in_both_forms(handed_in: list[HandedIn]) -> None:
    assert len(handed_in) == 30
    assert Counter(h.form for h in handed_in) == {"html": 15, "json": 15}
    assert len({h.case for h in handed_in}) == 3
    data = _raw(handed_in[0].path.parent)
    verdicts = [v for d in data for v in d["verdicts"]]
    assert {v["confidence"] for v in verdicts} == {"certain", "probable", "possible"}
    assert len({v["score"] for v in verdicts}) > 20
    written = [bool(v["reasoning"]) for v in verdicts]
    assert any(written) and not all(written)
    assert any(v["rebuttal"] for v in verdicts)


def test_thirty_reports_become_one_markbook_and_one_page(outcome: tuple[int, str, str, Path],
                                                         class_folder: Path) -> None:
    code, stdout, stderr, out = outcome
    assert code == 0, stderr
    assert stderr == ""
    assert "Summarised 30 reports" in stdout and str(out / PAGE) in stdout
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKBOOK, PAGE])
    rows = list(csv.reader(io.StringIO((out / MARKBOOK).read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    body = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    files = {p.name: read_report(p.read_text(encoding="utf-8")) for p in class_folder.iterdir()}
    assert len(body) == sum(len(d["verdicts"]) for d in files.values())  # one row per student and question
    for name, d in files.items():
        mine = [r for r in body if Path(r["file"]).name == name]
        assert len(mine) == len(d["verdicts"])
        for row, verdict in zip(mine, d["verdicts"], strict=True):
            assert row["score"] == str(verdict["score"]) and row["case score"] == str(d["case_score"])
            assert row["case version"] == d["content_hash"][:12]
            assert row["question"] == verdict["prompt"] and row["interpretation chosen"] == verdict["claim"]
            assert row["confidence"] == verdict["confidence"]
            assert row["official"] == ("yes" if verdict["official"] else "no")
            assert row["evidence cited"] == "; ".join(c["title"] for c in verdict["cited"])
            assert row["reasoning"] == neutral(visible(verdict["reasoning"]))
            assert row["name"] == neutral(visible(d["student"]["name"], keep_newlines=False))
            assert row["flags"] == ""


def test_the_page_has_every_section_for_every_question(outcome: tuple[int, str, str, Path],
                                                       summary: ClassSummary) -> None:
    page = (outcome[3] / PAGE).read_text(encoding="utf-8")
    questions = [q for case in summary.cases for q in case.questions]
    assert len(questions) == 2 + 3 + 6  # army_purge, kirov, show_trial
    for heading in ("Score spread", "Interpretations chosen, and with what confidence", "Evidence cited most",
                    "Strong counter-evidence most often left unanswered",
                    "Coerced or weak sources cited as proof", "What each student wrote"):
        assert page.count(f"<h4>{heading}</h4>") == len(questions), heading
    assert page.count("<h4>Case scores") == 3
    assert page.count('<svg class="chart" role="img"') >= 3 + 2 * len(questions)
    assert '<h2 id="check">Reports to check</h2>' in page and "no report is flagged" in page


def test_the_page_is_self_contained(outcome: tuple[int, str, str, Path]) -> None:
    page = (outcome[3] / PAGE).read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    tags = re.findall(r"<[a-z][^>]*>", page, re.I)  # text from reports is escaped, so these are the markup
    attribute = re.compile(r"\b(?:src|href)\s*=\s*[\"']?([^\"'\s>]*)", re.I)
    links = [link for tag in tags for link in attribute.findall(tag)]
    assert links and all(link.startswith("#") for link in links)  # only links within the page
    assert "@import" not in page and "url(" not in page and "<link" not in page
    assert "http" not in page.replace("HYPERLINK(&quot;http://example.invalid", "")


def test_each_students_reasoning_stands_beside_their_score(outcome: tuple[int, str, str, Path],
                                                           class_folder: Path) -> None:
    page = (outcome[3] / PAGE).read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(.*?)</td><td>.*?</td><td class=\"n\">(\d+)</td><td>(.*?)</td>", page, re.S)
    seen = 0
    for d in _raw(class_folder):
        for v in d["verdicts"]:
            if not v["reasoning"]:
                continue
            name, words_given = escape(visible(d["student"]["name"])), escape(visible(v["reasoning"]))
            assert any(name in who and score == str(v["score"]) and words_given in words
                       for who, score, words in rows), (name, v["question"])
            seen += 1
    assert seen > 20


def test_the_counts_agree_with_the_reports(summary: ClassSummary, class_folder: Path) -> None:
    data = _raw(class_folder)
    for case in summary.cases:
        for q in case.questions:
            verdicts = [v for d in data if d["scenario"] == case.id for v in d["verdicts"]
                        if v["question"] == q.id]
            assert sorted(q.scores) == sorted(v["score"] for v in verdicts)
            chosen = Counter((v["interpretation"], v["confidence"]) for v in verdicts)
            assert {(i.id, c): k for i in q.interpretations for c, k in i.by_confidence if k} == chosen
            cited = Counter(c["title"] for v in verdicts for c in v["cited"])
            assert {c.label: c.count for c in q.cited} == cited
            weak = Counter(c["title"] for v in verdicts for c in v["cited"]
                           if STANCE_WORDS[c["stance"]] > 0 and (c["coerced"] or c["reliability"] == "low"))
            assert {c.label: c.count for c in q.weak} == weak
            assert [c.count for c in q.cited] == sorted((c.count for c in q.cited), reverse=True)


def test_ignored_counter_evidence_includes_everything_the_scoring_named(summary: ClassSummary,
                                                                     class_folder: Path) -> None:
    # The score's Counter-evidence line names what was held at the verdict; the summary counts what was held
    # at the hand-in, which can only be more.
    prefix = "You held strong counter-evidence and the claim cannot answer it: "
    named_total = 0
    for case in summary.cases:
        for q in case.questions:
            for a in q.answers:
                data = read_report((class_folder.parent / a.entry.path).read_text(encoding="utf-8"))
                lines = next(v["lines"] for v in data["verdicts"] if v["question"] == q.id)
                text = next(line["text"] for line in lines if line["label"] == "Counter-evidence")
                if text.startswith(prefix):
                    named = text[len(prefix):].rstrip(".").split("; ")
                    assert set(named) <= set(a.ignored), (a.entry.path, q.id)
                    named_total += len(named)
            assert {c.label: c.count for c in q.ignored} == Counter(t for a in q.answers for t in a.ignored)
    assert named_total > 0
    assert any(q.weak for case in summary.cases for q in case.questions)


def test_the_verdict_command_runs_the_summary(class_folder: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(class_folder), "--out", str(tmp_path), "--scenarios", str(SCENARIOS)]) == 0
    assert "Summarised 30 reports" in capsys.readouterr().out
    # Written into the reports' own folder, the class page is not read back as a report the next time.
    folder = tmp_path / "reports"
    shutil.copytree(class_folder, folder)
    assert main(["report", str(folder), "--out", str(folder)]) == 0
    assert main(["report", str(folder), "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("Summarised 30 reports") == 2
