"""`verdict pack CASE`: one printable, self-contained HTML page for the teacher.

The summary and content note, the casebook, the questions and who holds each reading, the stance table as
an answer key, the historians' debate, a claim–evidence–reasoning rubric tied to the lines of the score,
the endings and the aftermath. Everything is read from the case file, so the pack never drifts from it.
"""

from __future__ import annotations

from game.authoring.graph import build_graph
from game.authoring.grid import best_scores, net_support
from game.authoring.htmlkit import esc, page, prose
from game.engine.model import STANCE_NAMES, Question, Scenario
from game.engine.scoring import (
    CALIBRATION_MAX,
    CITATION_MAX,
    COERCED_COST,
    COUNTER_MAX,
    FULL_SUPPORT,
    IGNORED_COST,
    LOW_COST,
    MISCITE_COST,
    STANDING_MAX,
    strong_counter,
    weight,
)

CSS = """
.note { border: 2px solid #b06000; background: #fef7e0; padding: 0.6rem 0.9rem; border-radius: 4px; }
.doc { border: 1px solid var(--line); border-radius: 4px; padding: 0.5rem 0.8rem; margin: 0.6rem 0;
       break-inside: avoid; }
.doc h4 { margin: 0 0 0.3rem; }
dl.meta { display: grid; grid-template-columns: 9rem 1fr; gap: 0.1rem 0.8rem; margin: 0.3rem 0; }
dl.meta dt { font-family: Helvetica, Arial, sans-serif; font-size: 0.85rem; color: var(--muted); }
dl.meta dd { margin: 0; }
.stance-p2 { background: #ceead6; } .stance-p1 { background: #e6f4ea; } .stance-0 { background: #fff; }
.stance-m1 { background: #fce8e6; } .stance-m2 { background: #f6aea9; }
nav ol { columns: 2; }
section.part { break-before: page; }
@media print { body { font-size: 11pt; max-width: none; padding: 0; } nav { display: none; }
               a { color: inherit; text-decoration: none; } }
"""


def render(scenario: Scenario) -> str:
    s = scenario
    parts = [
        f"<h1>Teacher's pack: {_inline(s.title)}</h1>",
        f"<p class=\"muted\">{esc(s.period)} · about {s.minutes} minutes · {esc(s.role)} · case "
        f"<code>{esc(s.id)}</code>, version {esc(s.content_hash[:8] or 'unknown')} · by {esc(s.author)}</p>",
        _contents(s),
        "<h2 id=\"summary\">The case</h2>",
        prose(s.summary),
        "<h3>Content note</h3>",
        f"<div class=\"note\">{prose(s.content_note)}</div>",
        "<p class=\"muted\">Students see this note before the case starts. Read it with them first.</p>",
        _topics(s),
        _casebook(s),
        _questions(s),
        _answer_key(s),
        _debate(s),
        _rubric(s),
        _endings(s),
        "<section class=\"part\"><h2 id=\"aftermath\">Aftermath: what became of them</h2>",
        prose(s.aftermath),
        "</section>",
    ]
    return page(f"Teacher's pack: {s.title}", "\n".join(parts), CSS)


def _contents(s: Scenario) -> str:
    entries = [("summary", "The case and its content note"), ("casebook", "The casebook"),
               ("questions", "The questions and who holds each reading"),
               ("key", "Answer key: stance tables"),
               ("debate", "The historians' debate"), ("rubric", "Claim, evidence, reasoning: a rubric"),
               ("endings", "The endings"), ("aftermath", "Aftermath")]
    items = "".join(f'<li><a href="#{a}">{esc(t)}</a></li>' for a, t in entries)
    return f"<nav><h2>Contents</h2><ol>{items}</ol></nav>"


def _topics(s: Scenario) -> str:
    topics = "".join(f"<li>{esc(t)}</li>" for t in s.topics)
    works = "".join(f"<li>{_inline(b)}</li>" for b in s.bibliography)
    return f"<h3>Topics</h3><ul>{topics}</ul><h3>Works the case draws on</h3><ul>{works}</ul>"


def _inline(text: str) -> str:
    """One line of text with *italic* titles kept (bibliographies write titles that way)."""
    html = prose(text)
    return html.removeprefix("<p>").removesuffix("</p>")


def _casebook(s: Scenario) -> str:
    where = build_graph(s).gained_where()
    out = ["<section class=\"part\"><h2 id=\"casebook\">The casebook</h2>",
           f"<p>Every document in the case ({len(s.evidence)}), in the order the file lists them. Weight is "
           "how much the item counts in the score: high 1.0, medium 0.6, low 0.3, and 0.1 for a statement "
           "obtained under duress.</p>"]
    for eid, item in s.evidence.items():
        grade = item.reliability + (", obtained under duress (coerced)" if item.coerced else "")
        places = "; ".join(where.get(eid, [])) or "never (the case gives no way to find it)"
        rows = [("kind", esc(item.kind.replace("_", " "))), ("date", esc(item.date)),
                ("provenance", _inline(item.provenance)),
                ("reliability", f"{esc(grade)} (weight {weight(item):g})"),
                ("why", _inline(item.reliability_note)), ("citation", _inline(item.citation)),
                ("found", esc(places))]
        meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        out.append(f'<div class="doc" id="ev-{esc(eid)}"><h4>{_inline(item.title)} '
                   f'<span class="id">({esc(eid)})</span></h4><dl class="meta">{meta}</dl>'
                   f"{prose(item.text)}</div>")
    out.append("</section>")
    return "\n".join(out)


def _questions(s: Scenario) -> str:
    out = ["<section class=\"part\"><h2 id=\"questions\">The questions</h2>"]
    for qid, q in s.questions.items():
        state = "still disputed by historians" if q.disputed else "largely settled among historians"
        out.append(f"<h3>{_inline(q.prompt)} <span class=\"id\">({esc(qid)})</span></h3>")
        out.append(f"<p>This question is {state}. Students may cite up to {q.max_cite} items.</p>")
        rows = []
        for iid, interp in q.interpretations.items():
            official = " <em>(the official verdict of the time)</em>" if interp.official else ""
            rows.append(f"<tr><td><strong>{_inline(interp.claim)}</strong>{official} "
                        f"<span class=\"id\">({esc(iid)})</span></td><td>{_inline(interp.held_by)}</td>"
                        f"<td>{_inline(interp.explanation)}</td></tr>")
        out.append("<table><tr><th>reading</th><th>who holds it</th><th>the argument and its weaknesses</th>"
                   f"</tr>{''.join(rows)}</table>")
    out.append("</section>")
    return "\n".join(out)


def _answer_key(s: Scenario) -> str:
    out = ["<section class=\"part\"><h2 id=\"key\">Answer key: the stance tables</h2>",
           "<p>How each item bears on each reading, as the case scores it, with the reason the debrief "
           "shows. An item not listed is irrelevant to the question; a blank cell counts as neutral.</p>"]
    for qid, q in s.questions.items():
        out.append(f"<h3>{_inline(q.prompt)}</h3>")
        head = "".join(f"<th>{esc(iid)}</th>" for iid in q.interpretations)
        rows = []
        for eid, stance in q.stances.items():
            item = s.evidence.get(eid)
            if item is None:
                continue
            cells = "".join(f'<td class="{_stance_class(stance.toward(iid))}">'
                            f"{esc(STANCE_NAMES[stance.toward(iid)])}</td>" for iid in q.interpretations)
            grade = item.reliability + (", coerced" if item.coerced else "")
            rows.append(f"<tr><td>{_inline(item.title)} <span class=\"muted\">({esc(grade)})</span></td>"
                        f"{cells}<td>{esc(stance.why)}</td></tr>")
        nets, best = net_support(s, qid), best_scores(s, qid)
        net_cells = "".join(f"<td>{nets[i]:+.1f}</td>" for i in q.interpretations)
        best_cells = "".join(f"<td>{best[i]}</td>" for i in q.interpretations)
        out.append(f"<table><tr><th>evidence</th>{head}<th>why</th></tr>{''.join(rows)}"
                   f"<tr><th>weighted support, everything found</th>{net_cells}<td></td></tr>"
                   f"<tr><th>best possible score</th>{best_cells}<td class=\"muted\">argued from its "
                   "strongest items with everything found</td></tr></table>")
    out.append("</section>")
    return "\n".join(out)


def _stance_class(value: int) -> str:
    return f"stance-{'p' if value > 0 else 'm' if value < 0 else ''}{abs(value)}"


def _debate(s: Scenario) -> str:
    out = ["<section class=\"part\"><h2 id=\"debate\">The historians' debate</h2>"]
    for q in s.questions.values():
        out.append(f"<h3>{_inline(q.prompt)}</h3>{prose(q.debate)}")
    out.append("</section>")
    return "\n".join(out)


def _best(s: Scenario, q: Question) -> str:
    nets = net_support(s, q.id)
    return max(q.interpretations, key=lambda iid: nets[iid])


def _rubric(s: Scenario) -> str:
    bands = [
        ("Claim", f"Standing ({STANDING_MAX}) and Calibration ({CALIBRATION_MAX})",
         "Chooses the reading the evidence held supports best, and states it with a confidence that fits: "
         "'probable' on a question historians dispute, 'certain' only where the sources settle it.",
         "Chooses a defensible reading, but over- or under-states how sure the evidence allows one to be.",
         "Chooses a reading the evidence undermines, or the verdict of the time taken on trust."),
        ("Evidence", f"Citations ({CITATION_MAX}) and Source criticism (−{COERCED_COST} per coerced, "
                     f"−{LOW_COST} per low-reliability item cited as proof)",
         f"Cites the most reliable items that strongly support the claim (full marks at a support of "
         f"{FULL_SUPPORT:g}: two reliable items that strongly support it); cites no confession as proof.",
         "Cites relevant items, but weaker ones, or only items that partly support the claim.",
         f"Cites nothing, items that undermine the claim (−{MISCITE_COST} each), or coerced statements "
         "as proof."),
        ("Reasoning", f"Counter-evidence ({COUNTER_MAX}); the written reasoning and rebuttal (not scored "
                      "by the game: yours to judge)",
         f"Explains how each cited item supports the claim, weighing who made it and under what pressure, "
         f"and answers the strongest counter-evidence held (−{IGNORED_COST} for each strong, reliable item "
         "left unanswered).",
         "Explains the evidence, but passes over the strongest item against the claim.",
         "Restates the claim; no weighing of sources, no answer to the evidence against it."),
    ]
    rows = "".join(f"<tr><td><strong>{esc(c)}</strong><br><span class=\"muted\">{esc(lines)}</span></td>"
                   f"<td>{esc(a)}</td><td>{esc(b)}</td><td>{esc(d)}</td></tr>" for c, lines, a, b, d in bands)
    out = ["<section class=\"part\"><h2 id=\"rubric\">Claim, evidence, reasoning: a rubric</h2>",
           "<p>The game's score has four lines and two kinds of deduction (see docs/scoring.md); each "
           "belongs to one strand of a claim–evidence–reasoning answer. The debrief shows every line with "
           "its points, so a student's score tells you which strand to work on.</p>",
           "<table><tr><th>strand (score lines)</th><th>secure</th><th>developing</th><th>beginning</th>"
           f"</tr>{rows}</table>",
           "<h3>For this case</h3>"]
    for qid, q in s.questions.items():
        best = _best(s, q)
        ranked = sorted((e for e in q.stances if e in s.evidence and q.stance(e, best) > 0),
                        key=lambda e: -q.stance(e, best) * weight(s.evidence[e]))
        strongest = ", ".join(s.evidence[e].title for e in ranked[: q.max_cite]) or "none"
        weak = [s.evidence[e] for e in q.stances if e in s.evidence]
        caution = ", ".join(item.title for item in weak if item.coerced or item.reliability == "low")
        official = [i for i, interp in q.interpretations.items() if interp.official]
        counter = {iid: [s.evidence[e].title for e in strong_counter(s, q, iid, q.stances)]
                   for iid in q.interpretations}
        items = [f"<li><strong>Best supported by the evidence in the case:</strong> "
                 f"{_inline(q.interpretations[best].claim)}</li>",
                 f"<li><strong>Its strongest evidence:</strong> {_inline(strongest)}</li>",
                 f"<li><strong>Sources to treat with caution:</strong> {_inline(caution or 'none')}</li>"]
        if official:
            items.append(f"<li><strong>The verdict of the time:</strong> "
                         f"{_inline(q.interpretations[official[0]].claim)}</li>")
        answers = "".join(f"<li>{esc(iid)}: {_inline(', '.join(t) or 'nothing strong and reliable')}</li>"
                          for iid, t in counter.items())
        items.append(f"<li><strong>Counter-evidence each reading must answer:</strong><ul>{answers}</ul>"
                     "</li>")
        out.append(f"<h4>{_inline(q.prompt)} <span class=\"id\">({esc(qid)})</span></h4>"
                   f"<ul>{''.join(items)}</ul>")
    out.append("</section>")
    return "\n".join(out)


def _endings(s: Scenario) -> str:
    out = ["<section class=\"part\"><h2 id=\"endings\">The endings</h2>"]
    for scene in s.endings:
        out.append(f"<h3>{_inline(scene.title)} <span class=\"id\">({esc(scene.id)})</span></h3>"
                   f"{prose(scene.text)}{prose(scene.debrief)}")
    out.append("</section>")
    return "\n".join(out)
