"""A student's case report: what they concluded, from which evidence, and how it scored.

Account-free hand-in: the report is a small JSON document (for a teacher's tools) or plain text (to paste or
print). It carries the scenario's content hash so a teacher can tell which version of a case was played.
"""

from __future__ import annotations

import json
from typing import Any

from game.engine.scoring import stance_name
from game.engine.session import Session

REPORT_FORMAT = "verdict-report"
REPORT_VERSION = 1


def case_report(session: Session) -> dict[str, Any]:
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
            "confidence": verdict.confidence,
            "cited": [{"id": e, "title": scenario.evidence[e].title,
                       "stance": stance_name(question.stance(e, verdict.interpretation_id))}
                      for e in verdict.cited],
            "score": verdict.report.total,
            "lines": [{"label": line.label, "points": line.points, "max": line.max_points, "text": line.text}
                      for line in verdict.report.lines],
        })
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "scenario": scenario.id,
        "title": scenario.title,
        "content_hash": scenario.content_hash,
        "finished": session.is_over,
        "ending": session.scene.title if session.is_over else None,
        "verdicts": verdicts,
        "evidence_found": list(session.held),
        "evidence_missed": [e for e in scenario.evidence if e not in session.held],
        "scenes_visited": len(session.visited_scenes),
        "scenes_total": len(scenario.scenes),
        "undo_count": session.undo_count,
    }


def report_json(session: Session) -> str:
    return json.dumps(case_report(session), ensure_ascii=False, indent=2)


def report_text(session: Session) -> str:
    data = case_report(session)
    lines = [f"Verdict case report: {data['title']} ({data['scenario']})",
             f"Case version: {data['content_hash'][:12]}",
             f"Ending: {data['ending'] or 'not finished'}",
             f"Evidence found: {len(data['evidence_found'])} of "
             f"{len(data['evidence_found']) + len(data['evidence_missed'])}; "
             f"scenes visited: {data['scenes_visited']} of {data['scenes_total']}; "
             f"choices undone: {data['undo_count']}", ""]
    for v in data["verdicts"]:
        lines.append(f"Q: {v['prompt']}")
        lines.append(f"A ({v['confidence']}): {v['claim']}")
        for item in v["cited"]:
            lines.append(f"   cited: {item['title']} ({item['stance']} the claim)")
        lines.append(f"   score: {v['score']}/100")
        for line in v["lines"]:
            points = f"{line['points']:+d}" if line["max"] == 0 else f"{line['points']}/{line['max']}"
            lines.append(f"   {line['label']} {points}: {line['text']}")
        lines.append("")
    if not data["verdicts"]:
        lines.append("No verdicts given yet.")
    return "\n".join(lines).rstrip() + "\n"
