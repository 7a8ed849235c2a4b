"""Static checks on a loaded scenario: reachability, dead ends, unobtainable evidence, weak questions.

Conditions are ignored where noted, so "reachable" means "reachable if every condition could hold";
the seeded playtests (playtest.py) then check what random players really reach.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable

from game.engine.bounds import World, can_be_true, never_holds, value_range
from game.engine.diagnostics import Diagnostic, Severity, Suggester, clip
from game.engine.expr import Assign, Call, Effect, Expr, Gain, flags_read
from game.engine.load.source import Source, Where
from game.engine.model import Choice, KeyPath, Question, Scenario, Scene
from game.engine.scoring import CITATION_MAX, FULL_SUPPORT, score_verdict, weight

# report(where, severity, message, code, hint="", word=""): `word` points at that word in the value at `where`
Report = Callable[..., None]


def analyse(scenario: Scenario, text: str | Source) -> list[Diagnostic]:
    src = text if isinstance(text, Source) else Source(scenario.path, text)
    start = len(src.diagnostics)

    def report(
        where: Where, severity: Severity, message: str, code: str, hint: str = "", word: str = ""
    ) -> None:
        src.report(severity, src.word(where, word) if word else where, message, code, hint)

    reachable = reachable_scenes(scenario)
    _check_scenes(scenario, reachable, report)
    _check_evidence(scenario, reachable, report)
    _check_questions(scenario, reachable, report)
    _check_flags(scenario, report)
    _check_feasible(scenario, reachable, report)
    return src.diagnostics[start:]


def successors(scene: Scene) -> Iterable[str]:
    return (c.goto for c in scene.choices)


def reachable_scenes(scenario: Scenario) -> set[str]:
    """Scenes reachable from the start, ignoring conditions."""
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        for target in successors(scenario.scenes[queue.popleft()]):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _check_scenes(scenario: Scenario, reachable: set[str], report: Report) -> None:
    if not scenario.endings:
        report(("scenes",), "error", "the case has no ending", "no-ending", "add a scene with ending = true")
    for sid, scene in scenario.scenes.items():
        where = ("scenes", sid)
        if not scene.ending and not scene.choices:
            report(
                where,
                "error",
                f"scene '{sid}' is a dead end: no choices and not an ending",
                "dead-end",
                f"add a [[scenes.{sid}.choices]] table or set ending = true",
            )
        if sid in reachable:
            continue
        if scene.ending:
            report(
                where,
                "error",
                f"ending '{sid}' can never be reached",
                "unreachable-ending",
                "add a choice that leads to it",
            )
        else:
            report(
                where,
                "warning",
                f"scene '{sid}' can never be reached from '{scenario.start}'",
                "unreachable-scene",
                f'add a choice with goto = "{sid}" or remove the scene',
            )
    _check_ending_reachable_from_all(scenario, reachable, report)


def scenes_that_can_finish(scenario: Scenario) -> set[str]:
    """The scenes from which some ending can be reached by following gotos (conditions aside)."""
    reverse: dict[str, set[str]] = {sid: set() for sid in scenario.scenes}
    for scene in scenario.scenes.values():
        for target in successors(scene):
            reverse[target].add(scene.id)
    can_finish = {s.id for s in scenario.endings}
    queue = deque(can_finish)
    while queue:
        for source in reverse[queue.popleft()]:
            if source not in can_finish:
                can_finish.add(source)
                queue.append(source)
    return can_finish


def _check_ending_reachable_from_all(scenario: Scenario, reachable: set[str], report: Report) -> None:
    # Scenes from which no ending can be reached trap the player (a loop with no way out).
    can_finish = scenes_that_can_finish(scenario)
    for sid in sorted(reachable - can_finish):
        if scenario.scenes[sid].choices:
            report(
                ("scenes", sid),
                "error",
                f"no ending can be reached from scene '{sid}'",
                "trap",
                "give the loop a way out towards an ending",
            )


def _gains(scenario: Scenario) -> dict[str, list[tuple[Scene, Choice | None]]]:
    where: dict[str, list[tuple[Scene, Choice | None]]] = {}
    for scene in scenario.scenes.values():
        for eff in scene.on_enter:
            if isinstance(eff, Gain):
                where.setdefault(eff.evidence_id, []).append((scene, None))
        for choice in scene.choices:
            for eff in choice.effects:
                if isinstance(eff, Gain):
                    where.setdefault(eff.evidence_id, []).append((scene, choice))
    return where


def _check_evidence(scenario: Scenario, reachable: set[str], report: Report) -> None:
    gains = _gains(scenario)
    used = {eid for q in scenario.questions.values() for eid in q.stances}
    for eid, item in scenario.evidence.items():
        where = ("evidence", eid)
        if not any(scene.id in reachable for scene, _ in gains.get(eid, [])):
            report(
                where,
                "warning",
                f"evidence '{eid}' can never be obtained",
                "unobtainable-evidence",
                f"add \"gain({eid})\" to a choice's effects or a scene's on_enter",
            )
        if eid not in used:
            report(
                where,
                "warning",
                f"evidence '{eid}' has no stance on any question, so citing it never counts",
                "evidence-unused",
                "add it to a question's stances table",
            )
        # A borrowed item's citation is checked in the case it is written in, not again at its `from`.
        if eid not in scenario.evidence_from and not re.search(r"\b(1[89]\d\d|20\d\d)\b", item.citation):
            report(
                where + ("citation",),
                "warning",
                f"citation of '{eid}' gives no year",
                "citation-incomplete",
                "cite author, title, year and page or archive reference",
            )


def _check_questions(scenario: Scenario, reachable: set[str], report: Report) -> None:
    checkpoints: dict[str, list[str]] = {}
    for scene in scenario.scenes.values():
        if scene.checkpoint:
            checkpoints.setdefault(scene.checkpoint, []).append(scene.id)
    early = _reachable_before_support(scenario, checkpoints)
    for qid, question in scenario.questions.items():
        where = ("questions", qid)
        if qid not in checkpoints:
            report(
                where,
                "warning",
                f"question '{qid}' is never asked: no scene has checkpoint = \"{qid}\"",
                "unused-question",
                "set checkpoint on the scene where the verdict is due",
            )
        for iid in question.interpretations:
            if not any(st.toward(iid) > 0 for st in question.stances.values()):
                report(
                    where + ("interpretations", iid),
                    "warning",
                    f"no evidence supports interpretation '{iid}' of '{qid}'",
                    "unsupported-interpretation",
                    "give it a supporting stance from at least one item, or drop it",
                )
        for sid in checkpoints.get(qid, []):
            if sid in reachable and sid in early.get(qid, ()):
                report(
                    ("scenes", sid, "checkpoint"),
                    "warning",
                    f"question '{qid}' can be reached before any evidence that supports an answer",
                    "checkpoint-before-evidence",
                    "gate the way to the checkpoint with has(...) or move it later",
                )
        _check_strength(scenario, question, report)


def _reachable_before_support(scenario: Scenario, checkpoints: dict[str, list[str]]) -> dict[str, set[str]]:
    """For each asked question, the scenes a player reaches without gaining evidence that supports an answer.

    All questions in one walk over the graph, each a bit in a mask, so the cost does not grow with
    scenes x questions. A scene whose on_enter gains support can be reached, but not passed through; a
    choice that gains support, or whose condition asks about evidence (has/held: the author may be guarding
    the way), is not taken.
    """
    asked = [qid for qid in scenario.questions if qid in checkpoints]
    if not asked:
        return {}
    bit = {qid: 1 << i for i, qid in enumerate(asked)}
    supports: dict[str, int] = {}  # evidence id -> questions it supports an answer to
    for qid in asked:
        for eid, stance in scenario.questions[qid].stances.items():
            if any(v > 0 for v in stance.values.values()):
                supports[eid] = supports.get(eid, 0) | bit[qid]
    everything = (1 << len(asked)) - 1

    def gains(effects: Iterable[object]) -> int:
        mask = 0
        for e in effects:
            if isinstance(e, Gain):
                mask |= supports.get(e.evidence_id, 0)
        return mask

    def closed(choice: Choice) -> int:
        if choice.condition is not None and any(
            isinstance(node, Call) and node.func in ("has", "held") for node in _walk(choice.condition)
        ):
            return everything
        return gains(choice.effects)

    scenes = scenario.scenes
    reached = dict.fromkeys(scenes, 0)
    passed = dict.fromkeys(scenes, 0)
    reached[scenario.start] = everything
    queue = deque([(scenario.start, everything)])
    while queue:
        sid, mask = queue.popleft()
        scene = scenes[sid]
        fresh = mask & ~gains(scene.on_enter) & ~passed[sid]
        if not fresh:
            continue
        passed[sid] |= fresh
        for choice in scene.choices:
            onward = fresh & ~closed(choice) & ~reached[choice.goto]
            if onward:
                reached[choice.goto] |= onward
                queue.append((choice.goto, onward))
    return {qid: {sid for sid in checkpoints[qid] if reached[sid] & bit[qid]} for qid in asked}


def _walk(node: object) -> Iterable[object]:
    """Every node of a tree (a loop, not recursion: this runs on every condition of a large case)."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(child for attr in ("right", "left", "operand") if (child := getattr(item, attr, None)))


def _check_strength(scenario: Scenario, question: Question, report: Report) -> None:
    best_id, best_score = None, -1
    # Scoring weighs only the items with a stance on the question, so holding those is holding everything.
    everything = [e for e in question.stances if e in scenario.evidence]
    for iid in question.interpretations:
        ranked = sorted(
            question.stances, key=lambda e: -question.stance(e, iid) * weight(scenario.evidence[e])
        )
        cited = [e for e in ranked if question.stance(e, iid) > 0][: question.max_cite]
        confidence = "probable" if question.disputed else "certain"
        total = score_verdict(scenario, question, iid, cited, confidence, everything).total
        if total > best_score:
            best_id, best_score = iid, total
    if best_id is not None and best_score < 85:
        report(
            ("questions", question.id),
            "warning",
            f"no answer to '{question.id}' can score 85 with the case's evidence (best: '{best_id}', "
            f"{best_score})",
            "weak-question",
            f"give the best-supported interpretation reliable evidence worth {FULL_SUPPORT:g} in citations "
            f"(full {CITATION_MAX} points)",
        )


def _check_flags(scenario: Scenario, report: Report) -> None:
    set_at: dict[str, KeyPath] = {}  # flag -> where it is first set
    for scene in scenario.scenes.values():
        for eff in scene.on_enter:
            if isinstance(eff, Assign):
                set_at.setdefault(eff.flag, scene.where + ("on_enter",))
        for choice in scene.choices:
            for eff in choice.effects:
                if isinstance(eff, Assign):
                    set_at.setdefault(eff.flag, choice.where + ("effects",))
    unset: dict[tuple[str, KeyPath], None] = {}  # (flag, where it is read), in file order, without repeats
    read_flags: set[str] = set()

    def read(node: Expr | Effect, where: KeyPath) -> None:
        for flag in flags_read(node):
            read_flags.add(flag)
            if flag not in set_at:
                unset[(flag, where)] = None

    for scene in scenario.scenes.values():
        for eff in scene.on_enter:
            read(eff, scene.where + ("on_enter",))
        for passage in scene.passages:
            read(passage.condition, passage.where + ("if",))
        for choice in scene.choices:
            if choice.condition is not None:
                read(choice.condition, choice.where + ("if",))
            for eff in choice.effects:
                read(eff, choice.where + ("effects",))
    near = Suggester(set_at)
    for flag, where in unset:
        close = near.near(flag)
        if close:
            read_flags.add(close)  # the same mistake: one message for it
        report(
            where,
            "warning",
            f"flag '{flag}' is read but never set" + (f"; did you mean '{close}'?" if close else ""),
            "unset-flag",
            "" if close else f'set it with an effect such as "{flag} = 1"',
            word=flag,
        )
    for flag, where in set_at.items():
        if flag not in read_flags:
            report(
                where,
                "warning",
                f"flag '{flag}' is set but never read, so setting it changes nothing",
                "unused-flag",
                f'use it in a condition (if = "{flag} > 0") or remove the effect',
                word=flag,
            )


# ---- what no player can do: conditions that never hold, scenes every way to which is closed -------------


def revisitable_scenes(scenario: Scenario) -> set[str]:
    """Scenes on a loop (a player can enter them again): the strongly connected parts of the scene graph
    with more than one scene or a choice back to itself. Tarjan's algorithm, as a loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: set[str] = set()
    counter = 0
    scenes = scenario.scenes
    for root in scenes:
        if root in index:
            continue
        work = [(root, iter([c.goto for c in scenes[root].choices if c.goto in scenes]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter([c.goto for c in scenes[child].choices if c.goto in scenes])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    part.append(item)
                    if item == node:
                        break
                if len(part) > 1 or any(c.goto == node for c in scenes[node].choices):
                    out.update(part)
    return out


def _gains_of(effects: Iterable[Effect]) -> list[str]:
    return [e.evidence_id for e in effects if isinstance(e, Gain)]


def feasible_reach(scenario: Scenario, revisitable: set[str]) -> tuple[set[str], set[str], set[int]]:
    """The scenes a player can reach and the items they can hold, when a choice is taken only if its
    condition could hold with what can have been found and visited before it (evidence gates in a loop
    keep each other shut); and the choices taken (by id()), whose conditions can therefore hold."""
    scenes = scenario.scenes
    reached: set[str] = set()
    held: set[str] = set()
    world = World(held, reached, revisitable, len(scenario.evidence))
    blocked: list[Choice] = []
    taken: set[int] = set()
    queue: deque[str] = deque()

    def enter(sid: str) -> bool:
        if sid in reached or sid not in scenes:
            return False
        reached.add(sid)
        held.update(_gains_of(scenes[sid].on_enter))
        queue.append(sid)
        return True

    def take(choice: Choice) -> bool:
        taken.add(id(choice))
        grew = len(held)
        held.update(_gains_of(choice.effects))
        return enter(choice.goto) or len(held) != grew

    can_hold: set[int] = set()  # conditions (by id(); parsed trees are shared) known to be able to hold

    def open_(choice: Choice) -> bool:
        cond = choice.condition
        if cond is None or id(cond) in can_hold:
            return True
        if can_be_true(value_range(cond, world)):
            can_hold.add(id(cond))  # and for good: the world only grows
            return True
        return False

    enter(scenario.start)
    while queue:
        while queue:
            for choice in scenes[queue.popleft()].choices:
                if open_(choice):
                    take(choice)
                else:
                    blocked.append(choice)
        # Something new was found or reached: a blocked choice may open now.
        still: list[Choice] = []
        for choice in blocked:
            if open_(choice):
                take(choice)
            else:
                still.append(choice)
        blocked = still
    return reached, held, taken


def _check_feasible(scenario: Scenario, reachable: set[str], report: Report) -> None:
    revisitable = revisitable_scenes(scenario)
    reached, held, taken = feasible_reach(scenario, revisitable)
    world = World(held, reached, revisitable, len(scenario.evidence))
    frontier = {c.goto for sid in reached for c in scenario.scenes[sid].choices}
    for sid, scene in scenario.scenes.items():
        if sid not in reached:
            # The first closed scene on each way, and every ending: not everything beyond a closed door.
            if sid in reachable and (scene.ending or sid in frontier):
                what = "ending" if scene.ending else "scene"
                report(
                    scene,
                    "error",
                    f"{what} '{sid}' can never be reached: every way to it is closed by a condition that "
                    "cannot hold by then",
                    f"gated-{what}",
                    f"an item or visit the way to '{sid}' asks for is only found after it, or never: "
                    "check the "
                    f'conditions of the choices with goto = "{sid}"',
                )
            continue
        for passage in scene.passages:
            why = never_holds(passage.condition, world)
            if why:
                report(
                    passage.where + ("if",),
                    "error",
                    f"passage {int(passage.where[-1]) + 1 if passage.where else '?'} of scene '{sid}' "
                    "is never shown: "
                    f"'{clip(passage.condition_source, 80)}' can never hold ({why})",
                    "never-holds",
                    "change the condition, or remove the passage",
                )
        for choice in scene.choices:
            if choice.condition is None or id(choice) in taken:  # taken: it can hold (ranges only grow)
                continue
            why = never_holds(choice.condition, world)
            if why:
                report(
                    choice.where + ("if",),
                    "error",
                    f"choice {choice.index + 1} of scene '{sid}' can never be taken: "
                    f"'{clip(choice.condition_source, 80)}' can never hold ({why})",
                    "never-holds",
                    "change the condition, or remove the choice",
                )
