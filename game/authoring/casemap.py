"""`verdict map CASE`: the case drawn as Mermaid, Graphviz DOT or a self-contained HTML page."""

from __future__ import annotations

from typing import Literal

from game.authoring import dot, htmlmap, mermaid
from game.authoring.graph import Grouping, build_graph
from game.engine.model import Scenario

MapFormat = Literal["mermaid", "dot", "html"]
FORMATS: tuple[MapFormat, ...] = ("mermaid", "dot", "html")
SUFFIXES = {".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid", ".dot": "dot", ".gv": "dot",
            ".html": "html", ".htm": "html"}


def draw(scenario: Scenario, fmt: MapFormat = "mermaid", grouping: Grouping = "checkpoint") -> str:
    graph = build_graph(scenario, grouping)
    if fmt == "dot":
        return dot.render(graph)
    if fmt == "html":
        return htmlmap.render(graph)
    return mermaid.render(graph)


def markdown(chart: str) -> str:
    """A Mermaid chart in a fenced block, which GitHub and most wikis draw in a .md file."""
    return f"```mermaid\n{chart}```\n"
