"""The shape of a case as a map draws it: scenes, the choices between them, and what is wrong with it.

Reachability follows every goto from the start and ignores conditions, as `verdict check` does: a scene
no path reaches is unreachable whatever the flags. A dead end is a scene that is not an ending and offers
no choice. Scenes are grouped by the last verdict a player has given on the shortest way to them (the
"acts" of the case), or by their distance from the start.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Literal

from game.engine.analysis import scenes_that_can_finish
from game.engine.expr import Effect, Gain
from game.engine.model import Scenario, Scene

Grouping = Literal["checkpoint", "layer"]
BEFORE_ANY = "Before the first verdict"
UNREACHABLE = "Unreachable from the start"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    index: int  # the choice's place in its scene (0-based)
    label: str
    condition: str  # as written in the file, "" when the choice is always offered
    gains: tuple[str, ...]  # evidence ids the choice's effects gain
    effects: tuple[str, ...]  # every effect, as written
    once: bool


@dataclass(frozen=True)
class Node:
    scene: Scene
    depth: int | None  # steps from the start along gotos; None when unreachable
    group: str
    gains: tuple[str, ...]  # evidence gained on entering (on_enter)
    start: bool
    dead_end: bool
    no_way_out: bool  # reachable and has choices, but no ending can be reached from it

    @property
    def id(self) -> str:
        return self.scene.id

    @property
    def unreachable(self) -> bool:
        return self.depth is None


@dataclass
class CaseGraph:
    scenario: Scenario
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # in the order a player meets them

    def group_nodes(self, group: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.group == group]

    def gained_where(self) -> dict[str, list[str]]:
        """Evidence id -> the places it is gained: "scene" (on entering) or "scene → target" (a choice)."""
        where: dict[str, list[str]] = {eid: [] for eid in self.scenario.evidence}
        for node in self.nodes.values():
            for eid in node.gains:
                where.setdefault(eid, []).append(f"entering {node.id}")
        for edge in self.edges:
            for eid in edge.gains:
                place = f"choice {edge.index + 1} in {edge.source} (to {edge.target})"
                where.setdefault(eid, []).append(place)
        return where


def gains_of(effects: tuple[Effect, ...]) -> tuple[str, ...]:
    return tuple(e.evidence_id for e in effects if isinstance(e, Gain))


def build_graph(scenario: Scenario, grouping: Grouping = "checkpoint") -> CaseGraph:
    depth, parent = _breadth_first(scenario)
    finishing = scenes_that_can_finish(scenario)
    graph = CaseGraph(scenario)
    for sid, scene in scenario.scenes.items():
        for choice in scene.choices:
            graph.edges.append(Edge(sid, choice.goto, choice.index, choice.label, choice.condition_source,
                                    gains_of(choice.effects), choice.effect_sources, choice.once))
    groups: dict[str, int] = {}
    for sid, scene in scenario.scenes.items():
        d = depth.get(sid)
        if d is None:
            group = UNREACHABLE
        elif grouping == "layer":
            group = f"Step {d}" if d else "Start"
        else:
            group = _act(scenario, sid, parent)
        groups.setdefault(group, 10**6 if d is None else d)
        groups[group] = min(groups[group], 10**6 if d is None else d)
        graph.nodes[sid] = Node(
            scene, d, group, gains_of(scene.on_enter), sid == scenario.start,
            dead_end=not scene.ending and not scene.choices,
            no_way_out=d is not None and bool(scene.choices) and sid not in finishing,
        )
    graph.groups = sorted(groups, key=lambda g: (groups[g], g))
    return graph


def _breadth_first(scenario: Scenario) -> tuple[dict[str, int], dict[str, str]]:
    depth = {scenario.start: 0}
    parent: dict[str, str] = {}
    queue = deque([scenario.start])
    while queue:
        sid = queue.popleft()
        for choice in scenario.scenes[sid].choices:
            if choice.goto not in depth:
                depth[choice.goto] = depth[sid] + 1
                parent[choice.goto] = sid
                queue.append(choice.goto)
    return depth, parent


def _act(scenario: Scenario, sid: str, parent: dict[str, str]) -> str:
    """The last question asked on the shortest way here (a checkpoint scene opens its own act)."""
    at: str | None = sid
    while at is not None:
        checkpoint = scenario.scenes[at].checkpoint
        if checkpoint:
            return f"Verdict: {checkpoint}"
        at = parent.get(at)
    return BEFORE_ANY
