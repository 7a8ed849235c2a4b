"""The map in Graphviz DOT (`dot -Tsvg map.dot -o map.svg`), one cluster per act of the case."""

from __future__ import annotations

from game.authoring.graph import CaseGraph
from game.authoring.labels import edge_lines, node_lines


def quote(text: str) -> str:
    """A DOT string: backslashes and quotes escaped, so `\\n` in a title stays text, not a line break."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ") + '"'


def label(lines: list[str]) -> str:
    return "\\n".join(quote(line)[1:-1] for line in lines).join('""')


def render(graph: CaseGraph) -> str:
    s = graph.scenario
    out = [
        f"// Map of the case {quote(s.id)}, drawn by verdict map. Dashed: a condition; red: a problem.",
        f"digraph {quote(s.id)} {{",
        f"  label={quote(s.title)}; labelloc=t; fontname=\"Helvetica\"; rankdir=TB; newrank=true;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9, color="#555555"];',
    ]
    for number, group in enumerate(graph.groups):
        out.append(f"  subgraph cluster_{number} {{")
        out.append(f'    label={quote(group)}; style="rounded,dashed"; color="#999999";')
        for node in graph.group_nodes(group):
            attrs = [f"label={label(node_lines(graph, node))}"]
            if node.unreachable or node.dead_end or node.no_way_out:
                attrs += ['color="#c5221f"', 'fillcolor="#fce8e6"', "penwidth=2",
                          'style="rounded,filled,dashed"']
            elif node.start:
                attrs += ['fillcolor="#e8f0fe"', "penwidth=2"]
            if node.scene.ending:
                attrs.append("peripheries=2")
                if not node.unreachable:
                    attrs.append('fillcolor="#e6f4ea"')
            if node.scene.checkpoint:
                attrs += ["shape=hexagon", 'fillcolor="#fef7e0"']
            out.append(f"    {quote(node.id)} [{', '.join(attrs)}];")
        out.append("  }")
    for edge in graph.edges:
        attrs = [f"label={label(edge_lines(graph, edge))}"]
        if edge.condition:
            attrs.append("style=dashed")
        out.append(f"  {quote(edge.source)} -> {quote(edge.target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"
