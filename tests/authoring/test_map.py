"""`verdict map`: every scene, choice, gain, verdict and ending drawn; problems marked; text escaped."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.authoring import dot, htmlmap, mermaid
from game.authoring.graph import UNREACHABLE, build_graph
from game.authoring.layout import lay_out
from game.cli import main
from game.engine import Catalog, Scenario, load_scenario
from tests.support import SCENARIOS
from tests.support.authoring import HOSTILE_TITLE, hostile_tutorial

CASES = Catalog.load(SCENARIOS).scenarios


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return load_scenario(hostile_tutorial(tmp_path_factory.mktemp("hostile")))


def test_reachability_and_dead_ends_follow_the_gotos(hostile: Scenario) -> None:
    graph = build_graph(hostile)
    orphan = graph.nodes["orphan"]
    assert orphan.unreachable and orphan.dead_end and orphan.group == UNREACHABLE
    assert graph.nodes["reading_room"].start and graph.nodes["reading_room"].depth == 0
    assert graph.nodes["bindery"].depth == 1 and graph.nodes["shelves"].depth == 2
    assert not any(n.unreachable or n.dead_end for sid, n in graph.nodes.items() if sid != "orphan")
    assert graph.gained_where()["repair_box"] == ["entering shelves"]
    assert graph.gained_where()["sheet_list"] == ["choice 1 in reading_room (to the_folder)"]
    kirov = build_graph(CASES["kirov"])
    assert not any(n.unreachable or n.dead_end or n.no_way_out for n in kirov.nodes.values())
    assert kirov.groups[0] == "Before the first verdict" and len(kirov.groups) == 4


@pytest.mark.parametrize("case", sorted(CASES))
def test_mermaid_draws_every_scene_and_choice(case: str) -> None:
    scenario = CASES[case]
    chart = mermaid.render(build_graph(scenario))
    assert chart.splitlines()[3] == "flowchart TD"
    nodes = re.findall(r"^    s_(\w+)[\[\(\{]", chart, re.M)
    assert sorted(nodes) == sorted(scenario.scenes)
    arrows = re.findall(r"^  s_(\w+) -\.?->\|\"[^\"]*\"\| s_(\w+)$", chart, re.M)
    assert arrows == [(s.id, c.goto) for s in scenario.scenes.values() for c in s.choices]
    assert chart.count("subgraph") == chart.count("\n  end")
    decoded = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), chart)
    readable = " ".join(decoded.replace("<br>", " ").split())
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.condition_source:  # every condition in full, however long
                assert "if " + " ".join(choice.condition_source.split()) in readable, choice.condition_source
    for scene in scenario.scenes.values():
        if scene.checkpoint:
            assert re.search(rf"s_{scene.id}\{{\{{.*verdict: {scene.checkpoint}", chart)
        if scene.ending:
            assert f"s_{scene.id}([" in chart


def test_mermaid_escapes_everything_a_title_could_break(hostile: Scenario) -> None:
    chart = mermaid.render(build_graph(hostile))
    for line in chart.splitlines():
        for quoted in re.findall(r'"([^"]*)"', line):
            bare = re.sub(r"#\d+;", "", quoted.replace("<br>", ""))
            assert not set(bare) & set('<>&`[]{}|;#\\'), quoted
    assert "<script>" not in chart and "#60;script#62;alert(1)#60;/script#62;" in chart
    assert "⛔ unreachable" in chart and "⚠ dead end" in chart and "class " in chart


def test_dot_quotes_every_label(hostile: Scenario) -> None:
    text = dot.render(build_graph(hostile))
    for line in text.splitlines()[1:]:
        # Outside the quoted strings nothing of the title survives: quotes and backslashes are escaped.
        outside = re.sub(r'"(?:[^"\\]|\\.)*"', "", line)
        assert "script" not in outside and '"' not in outside, line
    assert '\\"' in text and "back\\\\slash" in text
    assert '"orphan" [label="Nobody comes here\\n(orphan)\\n⛔ unreachable\\n⚠ dead end"' in text


@pytest.mark.skipif(shutil.which("dot") is None,
                    reason="Graphviz's dot is not installed (apt install graphviz)")
@pytest.mark.parametrize("case", ["kirov", "hostile"])
def test_graphviz_renders_the_dot_map(case: str, hostile: Scenario, tmp_path: Path) -> None:
    scenario = hostile if case == "hostile" else CASES[case]
    source = tmp_path / "map.dot"
    source.write_text(dot.render(build_graph(scenario)), encoding="utf-8")
    done = subprocess.run(["dot", "-Tsvg", str(source)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert done.stdout.count('class="node"') == len(scenario.scenes)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("case", ["kirov", "show_trial", "hostile"])
def test_the_html_map_is_whole_and_every_scene_can_be_read(case: str, hostile: Scenario) -> None:
    scenario = hostile if case == "hostile" else CASES[case]
    page = htmlmap.render(build_graph(scenario))
    parsed = _Collect()
    parsed.feed(page)
    tags = parsed.tags
    assert [t for t, _ in tags].count("script") == 1  # ours, inline
    for tag, attrs in tags:
        assert not attrs.get("src"), (tag, attrs)
        assert not (attrs.get("href") or "#").startswith(("http", "//")), (tag, attrs)
    details = {a["id"] for t, a in tags if t == "details"}
    nodes = {a["data-scene"] for t, a in tags if t == "g" and "data-scene" in a}
    links = {a["href"] for t, a in tags if t == "a"}
    assert details == {f"scene-{sid}" for sid in scenario.scenes} and nodes == set(scenario.scenes)
    assert {f"#scene-{sid}" for sid in scenario.scenes} <= links
    text = "".join(parsed.text)
    for scene in scenario.scenes.values():
        assert scene.title in text
    if case == "hostile":
        assert HOSTILE_TITLE in text and "<script>alert" not in page and "<b>lost</b>" not in page
        assert "To fix" in text and "⛔ unreachable" in text


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_layout_keeps_scenes_apart(case: str) -> None:
    graph = build_graph(CASES[case])
    layout = lay_out(graph, {sid: 4 for sid in graph.nodes})
    boxes = list(layout.boxes.values())
    assert len(boxes) == len(graph.nodes)
    for i, a in enumerate(boxes):
        assert a.x >= 0 and a.x + a.w <= layout.width and a.y + a.h <= layout.height
        for b in boxes[i + 1:]:
            assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
    assert layout.width < 1600  # a large case wraps its widest layer instead of running off the page


def test_the_command_line_picks_the_format_from_the_file_name(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", "kirov"]) == 0 and "flowchart TD" in capsys.readouterr().out
    for name, start in (("k.dot", "// Map"), ("k.html", "<!DOCTYPE html>"), ("k.md", "```mermaid")):
        assert main(["map", "kirov", "--out", str(tmp_path / name)]) == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    assert main(["map", str(SCENARIOS / "tutorial.toml"), "--format", "dot", "--group", "layer"]) == 0
    assert "Step 1" in capsys.readouterr().out
    assert main(["map", "nowhere"]) == 1 and "there is no case 'nowhere'" in capsys.readouterr().err


def test_a_teachers_folder_from_the_flag_or_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    hostile_tutorial(tmp_path)
    assert main(["map", "hostile"]) == 1
    capsys.readouterr()
    assert main(["map", "hostile", "--scenarios", str(tmp_path)]) == 0
    assert "s_orphan" in capsys.readouterr().out
    other = tmp_path / "empty"
    other.mkdir()
    monkeypatch.setenv("VERDICT_SCENARIOS", f"{other}{__import__('os').pathsep}{tmp_path}")
    assert main(["map", "hostile"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("VERDICT_SCENARIOS", str(tmp_path / "missing"))
    assert main(["map", "kirov"]) == 1 and "VERDICT_SCENARIOS names" in capsys.readouterr().err
