"""The map as one self-contained HTML page: an SVG drawn here, and every scene's text to read beside it.

Clicking a scene opens its text in the reader and highlights the arrows in and out of it (a few lines of
inline script). Without the script, each scene is still a link to its text further down the page.
"""

from __future__ import annotations

from game.authoring.graph import CaseGraph, Edge, Node
from game.authoring.htmlkit import esc, page, prose
from game.authoring.labels import evidence_title, marks, node_lines
from game.authoring.layout import LINE_H, PAD, Box, lay_out

ACT_COLOURS = ("#1a56db", "#b06000", "#137333", "#9334e6", "#c5221f", "#007b83", "#5f6368", "#b80672")

CSS = """
body { max-width: none; }
.wrap { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 1rem; }
.map { overflow: auto; border: 1px solid var(--line); max-height: 88vh; background: #fafafa; }
.reader { overflow: auto; max-height: 88vh; padding-right: 0.5rem; }
svg text { font: 11px Helvetica, Arial, sans-serif; fill: #1f1f1f; }
svg .row-label { fill: #80868b; font-size: 11px; }
svg .node rect.box { fill: #fff; stroke: #80868b; stroke-width: 1.2; }
svg .node.start rect.box { fill: #e8f0fe; stroke: #1a56db; stroke-width: 2; }
svg .node.ending rect.box { fill: #e6f4ea; stroke: #137333; stroke-width: 2; }
svg .node.checkpoint rect.box { fill: #fef7e0; stroke: #b06000; stroke-width: 2; }
svg .node.problem rect.box { fill: #fce8e6; stroke: #c5221f; stroke-width: 2.5; stroke-dasharray: 6 3; }
svg .node.selected rect.box { stroke: #000; stroke-width: 3; }
svg .node { cursor: pointer; }
svg .edge { fill: none; stroke: #9aa0a6; stroke-width: 1.1; }
svg .edge.conditional { stroke-dasharray: 5 3; }
svg.focus .edge { opacity: 0.15; }
svg.focus .edge.lit { opacity: 1; stroke: #1f1f1f; stroke-width: 2; }
details { border: 1px solid var(--line); border-radius: 4px; margin: 0.4rem 0; padding: 0.3rem 0.6rem; }
details[open] { background: #fcfcfc; }
details:target, details.selected { outline: 3px solid var(--accent); }
summary { cursor: pointer; font-family: Helvetica, Arial, sans-serif; }
.choice { margin: 0.2rem 0; }
.cond { font-family: Menlo, Consolas, monospace; font-size: 0.85em; background: #f1f3f4; padding: 0 0.2em; }
.legend span { display: inline-block; margin-right: 1rem; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border: 1px solid #555; margin-right: 0.3em; }
@media (max-width: 60rem) { .wrap { grid-template-columns: 1fr; } }
"""

SCRIPT = """
(function () {
  var svg = document.querySelector('svg.case-map');
  function select(id) {
    document.querySelectorAll('.selected').forEach(function (el) { el.classList.remove('selected'); });
    document.querySelectorAll('.edge.lit').forEach(function (el) { el.classList.remove('lit'); });
    var node = document.getElementById('node-' + id);
    var text = document.getElementById('scene-' + id);
    if (!node || !text) { return; }
    svg.classList.add('focus');
    node.classList.add('selected');
    document.querySelectorAll('.edge[data-from="' + id + '"], .edge[data-to="' + id + '"]')
      .forEach(function (el) { el.classList.add('lit'); });
    text.open = true;
    text.classList.add('selected');
    text.scrollIntoView({block: 'nearest'});
  }
  document.querySelectorAll('svg .node').forEach(function (node) {
    node.addEventListener('click', function (event) {
      event.preventDefault();
      select(node.getAttribute('data-scene'));
    });
  });
  document.querySelectorAll('a.goto').forEach(function (link) {
    link.addEventListener('click', function () { select(link.getAttribute('data-scene')); });
  });
  if (location.hash.indexOf('#scene-') === 0) { select(location.hash.slice(7)); }
})();
"""


def render(graph: CaseGraph) -> str:
    s = graph.scenario
    lines = {sid: node_lines(graph, node) for sid, node in graph.nodes.items()}
    problems = _problems(graph)
    counts = (f"{len(s.scenes)} scenes, {len(graph.edges)} choices, {len(s.evidence)} evidence items, "
              f"{len(s.questions)} questions, {len(s.endings)} endings")
    body = [
        f"<h1>Map of the case: {esc(s.title)} <span class=\"id\">({esc(s.id)})</span></h1>",
        f"<p class=\"muted\">{esc(counts)}. Click a scene to read it. Dashed arrows have a condition.</p>",
        _legend(graph),
        problems,
        "<div class=\"wrap\">",
        f"<div class=\"map\">{_svg(graph, lines)}</div>",
        f"<div class=\"reader\">{_reader(graph)}</div>",
        "</div>",
        _evidence_table(graph),
    ]
    return page(f"Map: {s.title}", "\n".join(body), CSS, SCRIPT)


def _classes(node: Node) -> str:
    found = ["node"]
    if node.unreachable or node.dead_end or node.no_way_out:
        found.append("problem")
    elif node.start:
        found.append("start")
    elif node.scene.ending:
        found.append("ending")
    elif node.scene.checkpoint:
        found.append("checkpoint")
    return " ".join(found)


def _svg(graph: CaseGraph, lines: dict[str, list[str]]) -> str:
    layout = lay_out(graph, {sid: len(v) for sid, v in lines.items()})
    colours = {g: ACT_COLOURS[i % len(ACT_COLOURS)] for i, g in enumerate(graph.groups)}
    parts = [
        f'<svg class="case-map" xmlns="http://www.w3.org/2000/svg" width="{layout.width:.0f}" '
        f'height="{layout.height:.0f}" viewBox="0 0 {layout.width:.0f} {layout.height:.0f}" role="img" '
        f'aria-label="Map of the case {esc(graph.scenario.title)}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5f6368"/></marker></defs>',
    ]
    for row in layout.rows:
        if row.label:
            parts.append(f'<text class="row-label" x="8" y="{row.y + 14:.0f}">{esc(row.label)}</text>')
    for edge in graph.edges:
        if edge.target in layout.boxes:
            parts.append(_edge(graph, edge, layout.boxes[edge.source], layout.boxes[edge.target]))
    for sid, node in graph.nodes.items():
        box = layout.boxes[sid]
        parts.append(
            f'<a href="#scene-{esc(sid)}"><g class="{_classes(node)}" id="node-{esc(sid)}" '
            f'data-scene="{esc(sid)}"><title>{esc(node.scene.title)} ({esc(sid)})</title>'
            f'<rect class="box" x="{box.x:.0f}" y="{box.y:.0f}" width="{box.w:.0f}" height="{box.h:.0f}" '
            f'rx="6"/><rect x="{box.x:.0f}" y="{box.y:.0f}" width="5" height="{box.h:.0f}" '
            f'fill="{colours[node.group]}"/>'
        )
        for i, text in enumerate(lines[sid]):
            weight = ' font-weight="bold"' if i == 0 else ""
            parts.append(f'<text x="{box.x + 12:.0f}" y="{box.y + PAD + LINE_H * i + 11:.0f}"{weight}>'
                         f"{esc(text)}</text>")
        parts.append("</g></a>")
    parts.append("</svg>")
    return "\n".join(parts)


def _edge(graph: CaseGraph, edge: Edge, a: Box, b: Box) -> str:
    if b.row > a.row:  # downwards: bottom of the source to the top of the target
        x1, y1, x2, y2 = a.cx, a.y + a.h, b.cx, b.y
        bend = max(30.0, (y2 - y1) / 2)
        d = f"M{x1:.0f},{y1:.0f} C{x1:.0f},{y1 + bend:.0f} {x2:.0f},{y2 - bend:.0f} {x2:.0f},{y2:.0f}"
    elif edge.source == edge.target:
        x, y = a.x + a.w, a.y + a.h / 2
        d = f"M{x:.0f},{y - 6:.0f} C{x + 40:.0f},{y - 30:.0f} {x + 40:.0f},{y + 30:.0f} {x:.0f},{y + 6:.0f}"
    else:  # back or sideways: out of the source's side, round to the target's side
        left = b.cx <= a.cx
        x1 = a.x if left else a.x + a.w
        x2 = b.x if left else b.x + b.w
        y1, y2 = a.y + a.h / 2, b.y + b.h / 2
        swing = -60.0 if left else 60.0
        d = f"M{x1:.0f},{y1:.0f} C{x1 + swing:.0f},{y1:.0f} {x2 + swing:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
    conditional = " conditional" if edge.condition else ""
    tip = edge.label + (f" — if {edge.condition}" if edge.condition else "")
    tip += "".join(f" — gains {evidence_title(graph, e)}" for e in edge.gains)
    return (f'<path class="edge{conditional}" data-from="{esc(edge.source)}" data-to="{esc(edge.target)}" '
            f'd="{d}" marker-end="url(#arrow)"><title>{esc(tip)}</title></path>')


def _legend(graph: CaseGraph) -> str:
    swatches = [("#e8f0fe", "start"), ("#fef7e0", "verdict (checkpoint)"), ("#e6f4ea", "ending"),
                ("#fce8e6", "problem: unreachable, dead end or no ending reachable")]
    items = [f'<span><span class="swatch" style="background:{c}"></span>{esc(t)}</span>' for c, t in swatches]
    acts = [f'<span><span class="swatch" style="background:{ACT_COLOURS[i % len(ACT_COLOURS)]}"></span>'
            f"{esc(g)}</span>" for i, g in enumerate(graph.groups)]
    return (f'<p class="legend">{"".join(items)}</p>'
            f'<p class="legend"><strong>Acts</strong> (the stripe on each scene): {"".join(acts)}</p>')


def _problems(graph: CaseGraph) -> str:
    found = []
    for node in graph.nodes.values():
        for mark in marks(node):
            if mark.startswith("⛔") or mark.startswith("⚠"):
                found.append(f'<li><a class="goto" data-scene="{esc(node.id)}" href="#scene-{esc(node.id)}">'
                             f"{esc(node.scene.title)}</a> <span class=\"id\">({esc(node.id)})</span>: "
                             f"{esc(mark)}</li>")
    for eid, places in graph.gained_where().items():
        if not places:
            found.append(f"<li>Evidence <strong>{esc(evidence_title(graph, eid))}</strong> "
                         f"<span class=\"id\">({esc(eid)})</span> is never gained</li>")
    if not found:
        return "<p>No unreachable scenes, no dead ends, and every item of evidence can be gained.</p>"
    return f'<h2 class="warn">To fix</h2><ul>{"".join(found)}</ul>'


def _reader(graph: CaseGraph) -> str:
    out = ["<h2>Scenes</h2>"]
    for group in graph.groups:
        out.append(f"<h3>{esc(group)}</h3>")
        for node in graph.group_nodes(group):
            out.append(_scene_details(graph, node))
    return "\n".join(out)


def _scene_details(graph: CaseGraph, node: Node) -> str:
    scene = node.scene
    s = graph.scenario
    head = f"{esc(scene.title)} <span class=\"id\">({esc(scene.id)})</span>"
    flags = "".join(f" <span class=\"warn\">{esc(m)}</span>" if m[0] in "⛔⚠" else f" <em>{esc(m)}</em>"
                    for m in marks(node))
    parts = [f'<details id="scene-{esc(scene.id)}"><summary>{head}{flags}</summary>', prose(scene.text)]
    if scene.on_enter_sources:
        effects = ", ".join(f'<span class="cond">{esc(e)}</span>' for e in scene.on_enter_sources)
        parts.append(f"<p><strong>On entering:</strong> {effects}</p>")
    for passage in scene.passages:
        parts.append(f'<div><p class="muted">Only if <span class="cond">{esc(passage.condition_source)}'
                     f"</span>:</p>{prose(passage.text)}</div>")
    if scene.checkpoint:
        question = s.questions.get(scene.checkpoint)
        prompt = question.prompt if question else "(no such question)"
        parts.append(f"<p><strong>Verdict asked here</strong> ({esc(scene.checkpoint)}): {esc(prompt)}</p>")
    if scene.ending:
        parts.append(f"<p><strong>Ending. Debrief:</strong></p>{prose(scene.debrief)}")
    if scene.choices:
        parts.append("<p><strong>Choices</strong></p><ol>")
        for choice in scene.choices:
            bits = [f'{esc(choice.label)} → <a class="goto" data-scene="{esc(choice.goto)}" '
                    f'href="#scene-{esc(choice.goto)}">{esc(choice.goto)}</a>']
            if choice.condition_source:
                bits.append(f'only if <span class="cond">{esc(choice.condition_source)}</span>')
            if choice.effect_sources:
                bits.append("then " + ", ".join(f'<span class="cond">{esc(e)}</span>'
                                                for e in choice.effect_sources))
            if choice.once:
                bits.append("once")
            parts.append(f'<li class="choice">{"; ".join(bits)}</li>')
        parts.append("</ol>")
    parts.append("</details>")
    return "\n".join(parts)


def _evidence_table(graph: CaseGraph) -> str:
    rows = []
    for eid, places in graph.gained_where().items():
        item = graph.scenario.evidence[eid]
        where = "; ".join(esc(p) for p in places) or '<span class="warn">never gained</span>'
        coerced = ", coerced" if item.coerced else ""
        rows.append(f"<tr><td>{esc(item.title)} <span class=\"id\">({esc(eid)})</span></td>"
                    f"<td>{esc(item.kind)}</td><td>{esc(item.reliability)}{coerced}</td><td>{where}</td></tr>")
    return ("<h2>Where each piece of evidence is gained</h2><table><tr><th>evidence</th><th>kind</th>"
            f"<th>reliability</th><th>gained</th></tr>{''.join(rows)}</table>")
