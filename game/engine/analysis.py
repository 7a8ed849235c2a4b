"""Static checks on a loaded scenario: reachability, dead ends, unobtainable evidence, weak questions.

Conditions are ignored where noted, so "reachable" means "reachable if every condition could hold";
the seeded playtests (playtest.py) then check what random players really reach.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable

from game.engine.diagnostics import Diagnostic, did_you_mean
from game.engine.expr import Assign, Call, Gain, flags_read
from game.engine.model import Choice, Scenario, Scene
from game.engine.scoring import CITATION_MAX, FULL_SUPPORT, score_verdict, weight
from game.engine.tomlmap import KeyMap, KeyPath

Report = Callable[[KeyPath, str, str, str, str], None]


def analyse(scenario: Scenario, text: str) -> list[Diagnostic]:
    keys = KeyMap(text)
    out: list[Diagnostic] = []

    def report(where: KeyPath, severity: str, message: str, code: str, hint: str = "") -> None:
        line, col = keys.find(where)
        out.append(Diagnostic(scenario.path, line, col, severity, message, code, hint))

    reachable = reachable_scenes(scenario)
    _check_scenes(scenario, reachable, report)
    _check_evidence(scenario, reachable, report)
    _check_questions(scenario, reachable, report)
    _check_flags(scenario, report)
    return out


def successors(scene: Scene) -> Iterable[str]:
    return (c.goto for c in scene.choices)


def reachable_scenes(scenario: Scenario, blocked: Callable[[Scene, Choice | None], bool] | None = None) -> set[str]:
    """Scenes reachable from the start, ignoring conditions; `blocked` can cut scenes or choices."""
    start = scenario.scenes[scenario.start]
    if blocked and blocked(start, None):
        return set()
    seen = {start.id}
    queue = deque([start.id])
    while queue:
        scene = scenario.scenes[queue.popleft()]
        for choice in scene.choices:
            target = scenario.scenes[choice.goto]
            if choice.goto in seen or (blocked and (blocked(scene, choice) or blocked(target, None))):
                continue
            seen.add(choice.goto)
            queue.append(choice.goto)
    return seen


def _check_scenes(scenario: Scenario, reachable: set[str], report: Report) -> None:
    if not scenario.endings:
        report(("scenes",), "error", "the case has no ending", "no-ending", "add a scene with ending = true")
    for sid, scene in scenario.scenes.items():
        where = ("scenes", sid)
        if not scene.ending and not scene.choices:
            report(where, "error", f"scene '{sid}' is a dead end: no choices and not an ending", "dead-end",
                   "add a [[scenes.%s.choices]] table or set ending = true" % sid)
        if sid in reachable:
            continue
        if scene.ending:
            report(where, "error", f"ending '{sid}' can never be reached", "unreachable-ending",
                   "add a choice that leads to it")
        else:
            report(where, "warning", f"scene '{sid}' can never be reached from '{scenario.start}'",
                   "unreachable-scene", "add a choice with goto = \"%s\" or remove the scene" % sid)
    _check_ending_reachable_from_all(scenario, reachable, report)


def _check_ending_reachable_from_all(scenario: Scenario, reachable: set[str], report: Report) -> None:
    # Scenes from which no ending can be reached trap the player (a loop with no way out).
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
    for sid in sorted(reachable - can_finish):
        if scenario.scenes[sid].choices:
            report(("scenes", sid), "error", f"no ending can be reached from scene '{sid}'", "trap",
                   "give the loop a way out towards an ending")


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
            report(where, "warning", f"evidence '{eid}' can never be obtained", "unobtainable-evidence",
                   f'add "gain({eid})" to a choice\'s effects or a scene\'s on_enter')
        if eid not in used:
            report(where, "warning", f"evidence '{eid}' has no stance on any question, so citing it never counts",
                   "evidence-unused", "add it to a question's stances table")
        if not re.search(r"\b(1[89]\d\d|20\d\d)\b", item.citation):
            report(where + ("citation",), "warning", f"citation of '{eid}' gives no year", "citation-incomplete",
                   "cite author, title, year and page or archive reference")


def _check_questions(scenario: Scenario, reachable: set[str], report: Report) -> None:
    checkpoints: dict[str, list[str]] = {}
    for scene in scenario.scenes.values():
        if scene.checkpoint:
            checkpoints.setdefault(scene.checkpoint, []).append(scene.id)
    for qid, question in scenario.questions.items():
        where = ("questions", qid)
        if qid not in checkpoints:
            report(where, "warning", f"question '{qid}' is never asked: no scene has checkpoint = \"{qid}\"",
                   "unused-question", "set checkpoint on the scene where the verdict is due")
        for iid in question.interpretations:
            if not any(st.toward(iid) > 0 for st in question.stances.values()):
                report(where + ("interpretations", iid), "warning",
                       f"no evidence supports interpretation '{iid}' of '{qid}'", "unsupported-interpretation",
                       "give it a supporting stance from at least one item, or drop it")
        supporting = {e for e, st in question.stances.items() if any(v > 0 for v in st.values.values())}
        for sid in checkpoints.get(qid, []):
            if sid in reachable and _reachable_without(scenario, sid, supporting):
                report(("scenes", sid, "checkpoint"), "warning",
                       f"question '{qid}' can be reached before any evidence that supports an answer",
                       "checkpoint-before-evidence", "gate the way to the checkpoint with has(...) or move it later")
        _check_strength(scenario, question, report)


def _reachable_without(scenario: Scenario, target: str, supporting: set[str]) -> bool:
    def gains_support(effects: Iterable[object]) -> bool:
        return any(isinstance(e, Gain) and e.evidence_id in supporting for e in effects)

    def blocked(scene: Scene, choice: Choice | None) -> bool:
        if choice is None:
            return scene.id != target and gains_support(scene.on_enter)
        if gains_support(choice.effects):
            return True
        # A condition that asks about evidence may guard the way; give the author the benefit of the doubt.
        return choice.condition is not None and any(
            isinstance(node, Call) and node.func in ("has", "held") for node in _walk(choice.condition))

    return target in reachable_scenes(scenario, blocked)


def _walk(node: object) -> Iterable[object]:
    yield node
    for attr in ("operand", "left", "right"):
        child = getattr(node, attr, None)
        if child is not None:
            yield from _walk(child)


def _check_strength(scenario: Scenario, question, report: Report) -> None:
    best_id, best_score = None, -1
    everything = list(scenario.evidence)
    for iid in question.interpretations:
        ranked = sorted(question.stances, key=lambda e: -question.stance(e, iid) * weight(scenario.evidence[e]))
        cited = [e for e in ranked if question.stance(e, iid) > 0][: question.max_cite]
        confidence = "probable" if question.disputed else "certain"
        total = score_verdict(scenario, question, iid, cited, confidence, everything).total
        if total > best_score:
            best_id, best_score = iid, total
    if best_id is not None and best_score < 85:
        report(("questions", question.id), "warning",
               f"no answer to '{question.id}' can score 85 with the case's evidence (best: '{best_id}', "
               f"{best_score})", "weak-question",
               f"give the best-supported interpretation reliable evidence worth {FULL_SUPPORT:g} in citations "
               f"(full {CITATION_MAX} points)")


def _check_flags(scenario: Scenario, report: Report) -> None:
    set_flags: set[str] = set()
    reads: list[tuple[str, KeyPath]] = []
    for sid, scene in scenario.scenes.items():
        effects = list(scene.on_enter) + [e for c in scene.choices for e in c.effects]
        set_flags.update(e.flag for e in effects if isinstance(e, Assign))
        for eff in effects:
            reads.extend((f, ("scenes", sid)) for f in flags_read(eff))
        for passage in scene.passages:
            reads.extend((f, ("scenes", sid, "passages")) for f in flags_read(passage.condition))
        for choice in scene.choices:
            if choice.condition is not None:
                reads.extend((f, ("scenes", sid, "choices", choice.index, "if")) for f in flags_read(choice.condition))
    for flag, where in reads:
        if flag not in set_flags:
            near = did_you_mean(flag, set_flags)
            report(where, "warning", f"flag '{flag}' is read but never set"
                   + (f"; did you mean '{near}'?" if near else ""), "unset-flag",
                   "" if near else f"set it with an effect such as \"{flag} = 1\"")
