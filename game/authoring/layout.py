"""A layered layout for the HTML map, computed here so the page needs no library and no network.

Scenes sit in rows by their distance from the start (BFS depth); a wide layer wraps onto several rows.
Within a layer, scenes are ordered by the mean position of the scenes that lead to them (the barycenter
heuristic), sweeping down and up a few times, which removes most crossings in a case's branching shape.
Unreachable scenes go in a last row of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.authoring.graph import CaseGraph

NODE_W, LINE_H, PAD, GAP_X, GAP_Y, MARGIN, LEFT = 196, 15, 10, 22, 56, 24, 90
MAX_PER_ROW = 6


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    row: int

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass(frozen=True)
class Row:
    y: float
    label: str


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    rows: list[Row]
    width: float
    height: float


def layers(graph: CaseGraph) -> list[tuple[str, list[str]]]:
    """(label, scene ids) per layer, start first, unreachable last."""
    by_depth: dict[int, list[str]] = {}
    lost: list[str] = []
    for node in graph.nodes.values():
        if node.depth is None:
            lost.append(node.id)
        else:
            by_depth.setdefault(node.depth, []).append(node.id)
    found = [(f"step {d}" if d else "start", by_depth[d]) for d in sorted(by_depth)]
    return found + ([("unreachable", lost)] if lost else [])


def _order(graph: CaseGraph, stack: list[list[str]], sweeps: int = 4) -> list[list[str]]:
    into: dict[str, list[str]] = {sid: [] for sid in graph.nodes}
    out: dict[str, list[str]] = {sid: [] for sid in graph.nodes}
    for edge in graph.edges:
        if edge.target in into and edge.source != edge.target:
            into[edge.target].append(edge.source)
            out[edge.source].append(edge.target)
    stack = [list(layer) for layer in stack]
    for sweep in range(sweeps):
        place = {sid: i / max(1, len(layer)) for layer in stack for i, sid in enumerate(layer)}
        down = sweep % 2 == 0
        indices = range(1, len(stack)) if down else range(len(stack) - 2, -1, -1)
        neighbours = into if down else out
        for i in indices:
            keys = {sid: _barycenter(sid, neighbours, place) for sid in stack[i]}
            stack[i] = sorted(stack[i], key=keys.__getitem__)
            place.update({sid: j / max(1, len(stack[i])) for j, sid in enumerate(stack[i])})
    return stack


def _barycenter(sid: str, neighbours: dict[str, list[str]], place: dict[str, float]) -> float:
    near = [place[n] for n in neighbours[sid] if n in place]
    return sum(near) / len(near) if near else place[sid]


def lay_out(graph: CaseGraph, line_counts: dict[str, int]) -> Layout:
    named = layers(graph)
    ordered = _order(graph, [ids for _, ids in named])
    boxes: dict[str, Box] = {}
    rows: list[Row] = []
    y = MARGIN
    widest = 0.0
    row_number = 0
    for (label, _), ids in zip(named, ordered, strict=True):
        chunks = [ids[i : i + MAX_PER_ROW] for i in range(0, len(ids), MAX_PER_ROW)]
        for part, chunk in enumerate(chunks):
            rows.append(Row(y, label if part == 0 else ""))
            height = max(line_counts.get(sid, 2) for sid in chunk) * LINE_H + 2 * PAD
            offset = (MAX_PER_ROW - len(chunk)) * (NODE_W + GAP_X) / 2 if len(ids) < MAX_PER_ROW else 0
            for i, sid in enumerate(chunk):
                x = LEFT + offset + i * (NODE_W + GAP_X)
                h = line_counts.get(sid, 2) * LINE_H + 2 * PAD
                boxes[sid] = Box(x, y, NODE_W, h, row_number)
                widest = max(widest, x + NODE_W)
            y += height + GAP_Y
            row_number += 1
    return Layout(boxes, rows, widest + MARGIN, y - GAP_Y + MARGIN)
