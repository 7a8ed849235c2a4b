"""The map as a Mermaid flowchart: renders on GitHub, in VS Code and in most wikis.

Every label is quoted, and any character Mermaid could read as syntax is written as an entity code
(#35; for '#'), so a scene title can never break the chart or inject markup.
"""

from __future__ import annotations

from game.authoring.graph import CaseGraph
from game.authoring.labels import edge_lines, node_lines

_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:!?'’()-_+=/…▶■⛔⚠⚖")


def escape(text: str) -> str:
    return "".join(ch if ch in _SAFE or (ord(ch) > 127 and ch.isalnum()) else f"#{ord(ch)};" for ch in text)


def label(lines: list[str]) -> str:
    return '"' + "<br>".join(escape(line) for line in lines) + '"'


def node_id(scene_id: str) -> str:
    return f"s_{scene_id}"  # a prefix: a scene called "end" or "graph" would be a Mermaid keyword


def render(graph: CaseGraph) -> str:
    s = graph.scenario
    out = [
        f"%% Map of the case '{s.id}' ({escape(s.title)}), drawn by verdict map.",
        "%% ⛔ unreachable: no path of choices leads there from the start. ⚠ dead end: not an ending and no",
        "%% choices. Dashed arrows have a condition; '+' is evidence gained.",
        "flowchart TD",
    ]
    for number, group in enumerate(graph.groups):
        out.append(f"  subgraph g{number}[{label([group])}]")
        out.append("    direction TB")
        for node in graph.group_nodes(group):
            lines = node_lines(graph, node)
            if node.scene.checkpoint:
                shape = ("{{", "}}")  # a hexagon
            else:
                shape = ("([", "])") if node.scene.ending else ("[", "]")
            out.append(f"    {node_id(node.id)}{shape[0]}{label(lines)}{shape[1]}")
        out.append("  end")
    for edge in graph.edges:
        arrow = "-.->" if edge.condition else "-->"
        text = label(edge_lines(graph, edge))
        out.append(f"  {node_id(edge.source)} {arrow}|{text}| {node_id(edge.target)}")
    styles = {
        "start": "fill:#e8f0fe,stroke:#1a56db,stroke-width:2px",
        "ending": "fill:#e6f4ea,stroke:#137333,stroke-width:2px",
        "checkpoint": "fill:#fef7e0,stroke:#b06000,stroke-width:2px",
        "problem": "fill:#fce8e6,stroke:#c5221f,stroke-width:3px,stroke-dasharray:6 3",
    }
    for name, style in styles.items():
        out.append(f"  classDef {name} {style}")
    for name, members in _classes(graph).items():
        if members:
            out.append(f"  class {','.join(node_id(m) for m in members)} {name}")
    return "\n".join(out) + "\n"


def _classes(graph: CaseGraph) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"start": [], "ending": [], "checkpoint": [], "problem": []}
    for node in graph.nodes.values():
        if node.unreachable or node.dead_end or node.no_way_out:
            found["problem"].append(node.id)
        elif node.start:
            found["start"].append(node.id)
        elif node.scene.ending:
            found["ending"].append(node.id)
        elif node.scene.checkpoint:
            found["checkpoint"].append(node.id)
    return found
