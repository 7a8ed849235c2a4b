"""Every TOML example in docs/authoring.md is checked: the complete case passes `verdict check --strict`
with the shipped cases, fragments parse, mistakes are refused, the worked scores are the engine's, and the
walkthrough's edits turn `verdict new`'s starter into exactly the case the guide shows."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from game import check
from game.authoring.starter import starter_text
from game.engine import load_scenario, score_verdict
from tests.support import ROOT, SCENARIOS

GUIDE = ROOT / "docs" / "authoring.md"
FENCE = re.compile(r"(?:<!-- check: (?P<mark>\w+) -->\n)?```toml\n(?P<body>.*?)```", re.S)


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group("mark") or "fragment", m.group("body")) for m in FENCE.finditer(text)]


def _section(heading: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n### ", start + len(heading))
    return text[start:end]


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        elif value and isinstance(value, list) and isinstance(value[0], dict) and key in base:
            base[key].extend(value)  # [[...]] adds items to an array of tables
        else:
            base[key] = value


def test_the_guide_has_its_examples() -> None:
    marks = [mark for mark, _ in _blocks(GUIDE.read_text(encoding="utf-8"))]
    assert marks.count("case") == 1 and marks.count("broken") >= 2 and marks.count("fragment") >= 8


def test_the_complete_case_checks_clean_with_the_shipped_cases(tmp_path: Path) -> None:
    (body,) = [b for mark, b in _blocks(GUIDE.read_text(encoding="utf-8")) if mark == "case"]
    case_id = tomllib.loads(body)["scenario"]["id"]
    (tmp_path / f"{case_id}.toml").write_text(body, encoding="utf-8")
    out = io.StringIO()
    assert check.run([str(SCENARIOS), str(tmp_path)], "text", True, 100, out) == 0, out.getvalue()


@pytest.mark.parametrize("number", range(len(_blocks(GUIDE.read_text(encoding="utf-8")))))
def test_each_example_parses_or_is_refused_as_the_guide_says(number: int) -> None:
    mark, body = _blocks(GUIDE.read_text(encoding="utf-8"))[number]
    if mark == "broken":
        with pytest.raises(tomllib.TOMLDecodeError):
            tomllib.loads(body)
    else:
        assert isinstance(tomllib.loads(body), dict)


def test_the_walkthrough_turns_the_starter_into_the_case_shown() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    (case,) = [b for mark, b in _blocks(text) if mark == "case"]
    expected = tomllib.loads(case)
    built = tomllib.loads(starter_text("letter_1936", Path("my-cases")))
    edits = [b for _, b in _blocks(_section("### Step 5"))]
    assert len(edits) == 2
    for edit in edits:
        _merge(built, tomllib.loads(edit))
    assert built == expected


def test_the_worked_scores_are_the_engines(tmp_path: Path) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    (case,) = [b for mark, b in _blocks(text) if mark == "case"]
    path = tmp_path / "letter_1936.toml"
    path.write_text(case, encoding="utf-8")
    scenario = load_scenario(path)
    marker = re.search(r"<!-- scores: (\w+) (\w+) -->\n(.*?)\n\n", text, re.S)
    assert marker and marker.group(1) == scenario.id
    question = scenario.questions[marker.group(2)]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in marker.group(3).splitlines()[2:]]
    assert len(rows) >= 5
    for reading, cited, *totals in rows:
        items = [] if cited == "nothing" else [c.strip() for c in cited.split(",")]
        for confidence, total in zip(("certain", "probable", "possible"), totals, strict=True):
            report = score_verdict(scenario, question, reading, items, confidence, list(scenario.evidence))
            assert report.total == int(total), (reading, cited, confidence)


def test_the_old_guide_is_gone_and_nothing_links_to_it() -> None:
    assert not (ROOT / "docs" / "writing-cases.md").exists()
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        assert "writing-cases" not in doc.read_text(encoding="utf-8"), doc
