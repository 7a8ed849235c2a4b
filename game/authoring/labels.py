"""The words a map puts on its scenes and arrows, shared by the Mermaid, DOT and HTML maps."""

from __future__ import annotations

import textwrap

from game.authoring.graph import CaseGraph, Edge, Node
from game.engine.prose import plain_text

MARKS = {
    "start": "▶ start",
    "ending": "■ ending",
    "unreachable": "⛔ unreachable",
    "dead_end": "⚠ dead end",
    "no_way_out": "⚠ no ending reachable",
}


def unmarked(text: str) -> str:
    """Text without its *emphasis* marks: a map label is plain."""
    return plain_text(text)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def marks(node: Node) -> list[str]:
    found = [MARKS["start"]] if node.start else []
    if node.scene.ending:
        found.append(MARKS["ending"])
    for flag in ("unreachable", "dead_end", "no_way_out"):
        if getattr(node, flag):
            found.append(MARKS[flag])
    return found


def node_lines(graph: CaseGraph, node: Node, width: int = 34) -> list[str]:
    """Title, id, what is wrong or special, the verdict asked, the evidence gained on entering."""
    lines = [shorten(unmarked(node.scene.title), width), f"({node.id})"]
    lines.extend(marks(node))
    if node.scene.checkpoint:
        lines.append(f"⚖ verdict: {node.scene.checkpoint}")
    for eid in node.gains:
        lines.append("+ " + shorten(evidence_title(graph, eid), width - 2))
    return lines


def edge_lines(graph: CaseGraph, edge: Edge, width: int = 30) -> list[str]:
    lines = [shorten(edge.label, width)]
    if edge.condition:  # wrapped, never cut: a condition is what an author checks the map for
        lines.extend(textwrap.wrap("if " + " ".join(edge.condition.split()), width + 6))
    for eid in edge.gains:
        lines.append("+ " + shorten(evidence_title(graph, eid), width - 2))
    if edge.once:
        lines.append("(once)")
    return lines


def evidence_title(graph: CaseGraph, eid: str) -> str:
    item = graph.scenario.evidence.get(eid)
    return unmarked(item.title) if item else eid
