"""A student's hand-in: what they concluded, from which evidence, in their words, and how it scored.

Account-free: the report is one data model (`case_report`) written as JSON (for a teacher's tools), as a
self-contained HTML page (to print or upload; it carries the same JSON inside, so `verdict report` reads it
too) or as Markdown. It names the case's content hash, so a teacher knows which version was played, and a
keyed checksum, so `verdict report` can tell a file edited by hand. The checksum stops casual edits, not a
determined forger: the key ships with the game.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from game.engine.safetext import visible
from game.engine.scoring import case_score, stance_name
from game.engine.state import ChoiceRecord

if TYPE_CHECKING:
    from game.engine.session import Session

REPORT_FORMAT = "verdict-report"
REPORT_VERSION = 2
_KEY = b"verdict hand-in v2: this stops casual edits, not a determined forger"
STANCE_PHRASES = {
    "strongly supports": "strongly supports the claim",
    "supports": "supports the claim",
    "neutral": "neither supports nor undermines the claim",
    "undermines": "undermines the claim",
    "strongly undermines": "strongly undermines the claim",
}


def case_report(session: Session, name: str = "", class_code: str = "",
                when: datetime | None = None) -> dict[str, Any]:
    scenario = session.scenario
    verdicts = []
    for qid, verdict in session.verdicts.items():
        question = scenario.questions[qid]
        verdicts.append({
            "question": qid,
            "prompt": question.prompt,
            "disputed": question.disputed,
            "interpretation": verdict.interpretation_id,
            "claim": question.interpretations[verdict.interpretation_id].claim,
            "official": question.interpretations[verdict.interpretation_id].official,
            "confidence": verdict.confidence,
            "cited": [{"id": e, "title": scenario.evidence[e].title,
                       "stance": stance_name(question.stance(e, verdict.interpretation_id)),
                       "coerced": scenario.evidence[e].coerced,
                       "reliability": scenario.evidence[e].reliability}
                      for e in verdict.cited],
            "score": verdict.report.total,
            "lines": [{"label": line.label, "points": line.points, "max": line.max_points, "text": line.text}
                      for line in verdict.report.lines],
            "reasoning": verdict.reasoning,
            "rebuttal": verdict.rebuttal,
            "held_when_filed": list(verdict.held),
        })
    route = [scenario.start] + [r.goto for r in session.history if isinstance(r, ChoiceRecord)]
    data: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "scenario": scenario.id,
        "title": scenario.title,
        "content_hash": scenario.content_hash,
        "student": {"name": " ".join(name.split())[:120], "class": " ".join(class_code.split())[:40]},
        "handed_in": (when or datetime.now(UTC)).replace(microsecond=0).isoformat(),
        "seconds_played": session.state.seconds,
        "finished": session.is_over,
        "ending": session.scene.title if session.is_over else None,
        "case_score": case_score(session.verdicts.values()),
        "verdicts": verdicts,
        "route": [{"scene": s, "title": scenario.scenes[s].title} for s in route if s in scenario.scenes],
        "evidence_found": list(session.held),
        "evidence_missed": [e for e in scenario.evidence if e not in session.held],
        "scenes_visited": len(session.visited_scenes),
        "scenes_total": len(scenario.scenes),
        "undo_count": session.undo_count,
    }
    if session.judgements:  # sourcing practice (added in version 2: readers treat it as optional)
        data["sourcing"] = sourcing_data(session)
    data["checksum"] = checksum(data)
    return data


def sourcing_data(session: Session) -> dict[str, Any]:
    """The student's judgement of each source beside the case's grade, and the sourcing score's line."""
    score = session.sourcing()
    return {
        "judged": score.judged,
        "exact": score.exact,
        "near": score.near,
        "points": score.points,
        "line": score.line(),
        "items": [{"id": i.evidence_id, "title": i.title, "trust": i.trust, "why": i.why,
                   "reliability": i.reliability, "coerced": i.coerced, "credit": i.credit}
                  for i in score.items],
        "unjudged": list(score.unjudged),
    }


def checksum(data: dict[str, Any]) -> str:
    body = {k: v for k, v in data.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(_KEY, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def is_untouched(data: dict[str, Any]) -> bool:
    """True when the report is exactly as the game wrote it."""
    given = data.get("checksum")
    return isinstance(given, str) and hmac.compare_digest(given, checksum(data))


def report_json(session: Session, **who: Any) -> str:
    return json.dumps(case_report(session, **who), ensure_ascii=False, indent=2)


def _minutes(seconds: int) -> str:
    minutes = round(seconds / 60)
    return "under a minute" if minutes < 1 else ("1 minute" if minutes == 1 else f"{minutes} minutes")


def _summary_lines(data: dict[str, Any]) -> list[str]:
    student = data["student"]["name"] or "(no name given)"
    klass = f", class {data['student']['class']}" if data["student"]["class"] else ""
    found = len(data["evidence_found"])
    total = found + len(data["evidence_missed"])
    score = data["case_score"]
    return [
        f"Student: {student}{klass}",
        f"Handed in: {data['handed_in']} after {_minutes(data['seconds_played'])} of play",
        f"Case version: {data['content_hash'][:12]}",
        f"Ending: {data['ending'] or 'not finished'}",
        f"Case score: {score}/100 (the average of the verdicts)" if score is not None else "No verdict yet",
        f"Evidence found: {found} of {total}; scenes visited: {data['scenes_visited']} of the case's "
        f"{data['scenes_total']} (one play reaches one ending); choices undone: {data['undo_count']}",
    ]


def report_text(session: Session, **who: Any) -> str:
    """The report as Markdown: readable as plain text, and as a page where Markdown is rendered."""
    return report_markdown(case_report(session, **who))


def report_markdown(data: dict[str, Any]) -> str:
    lines = [f"# Verdict case report: {data['title']} ({data['scenario']})", ""]
    lines += [f"- {line}" for line in _summary_lines(data)] + [""]
    for v in data["verdicts"]:
        lines += [f"## {v['prompt']}", "", f"**Verdict ({v['confidence']}):** {v['claim']}", ""]
        for item in v["cited"]:
            lines.append(f"- cited: {item['title']} ({STANCE_PHRASES.get(item['stance'], item['stance'])})")
        lines += ["", f"**Reasoning:** {v['reasoning'] or '(none written)'}"]
        if v["rebuttal"]:
            lines.append(f"**Against it:** {v['rebuttal']}")
        lines += ["", f"**Score: {v['score']}/100**", ""]
        for line in v["lines"]:
            points = f"{line['points']:+d}" if line["max"] == 0 else f"{line['points']}/{line['max']}"
            lines.append(f"- {line['label']} {points}: {line['text']}")
        lines.append("")
    if not data["verdicts"]:
        lines += ["No verdicts given yet.", ""]
    sourcing = data.get("sourcing")
    if isinstance(sourcing, dict):
        lines += ["## Sourcing: how far you trusted each document", "", str(sourcing.get("line", "")), ""]
        for item in sourcing.get("items", []):
            why = f": {item['why']}" if item.get("why") else ""
            lines.append(f"- {item['title']}: you judged it {item['trust']}{why}; the case grades it "
                         f"{item['reliability']}")
        lines.append("")
    lines.append("Route: " + " → ".join(step["title"] for step in data["route"]))
    lines.append(f"\nChecksum: {data['checksum']}")
    return visible("\n".join(lines)).rstrip() + "\n"
