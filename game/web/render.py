"""Turns the controller's document (Blocks) and actions into plain HTML elements.

Every string from a scenario arrives here and leaves as a text node or textContent, never as markup: the
styled spans the controller made of the scenario's light markup (``*emphasis*``, ``**strong**``) become
<em> and <strong> elements.
Each control carries its action key in ``data-action``; the page listens once on the whole layer.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.app.actions import text_limit
from game.app.controller import Action
from game.app.documents import Block
from game.web.dom import Dom, JsObject

# Block kind -> (tag, class). Heading levels are evened out on the way (see _levels).
_BLOCK_TAGS: dict[str, tuple[str, str]] = {
    "h1": ("h1", ""),
    "h2": ("h2", ""),
    "h3": ("h3", ""),
    "p": ("p", ""),
    "quote": ("blockquote", ""),
    "meta": ("p", "verdict-meta"),
    "stamp": ("p", "verdict-stamp"),
    "score": ("p", "verdict-score"),
    "notice": ("p", "verdict-notice"),
}
_SPAN_TAGS = {"em": "em", "strong": "strong"}
# Groups shown as a form's fieldset: radio buttons pick one, checkboxes pick several (Action.kind says which).
FORM_GROUPS = frozenset({"interpretation", "confidence", "cite", "handin_form", "trust"})
_LIST_GROUPS = frozenset({"choice", "case", "unavailable", "evidence", "term"})
_BADGES = {"done": "taken before", "new": "new", "pinned": "pinned"}


@dataclass
class Rendered:
    """What render_document made: each heading with the index of its block, and the sections' headings."""

    headings: list[tuple[int, JsObject]] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (element id, heading text)

    def heading_from(self, index: int) -> JsObject | None:
        """The first heading at or after block ``index`` (where a change begins), else the first one."""
        for at, el in self.headings:
            if at >= index:
                return el
        return self.headings[0][1] if self.headings else None


def write_spans(dom: Dom, el: JsObject, spans: Sequence[Any]) -> None:
    """Styled runs as <em>/<strong>, plain runs as text nodes (the controller parsed the *emphasis*)."""
    for span in spans:
        text, style = str(span.text), str(getattr(span, "style", ""))
        inline = _SPAN_TAGS.get(style)
        if inline:
            dom.element(inline, el, text=text)
        else:
            dom.text_node(el, text)


def _levels(blocks: Sequence[Block]) -> list[int]:
    """Each block's heading level (0 for text), with gaps closed: a heading sits one level below the nearest
    heading before it of a higher source level, so h1-h3-h3 becomes h1-h2-h2 (siblings stay siblings)."""
    levels: list[int] = []
    stack: list[tuple[int, int]] = []  # (level in the document, level on the page) of the open headings
    for block in blocks:
        if block.kind not in ("h1", "h2", "h3"):
            levels.append(0)
            continue
        source = int(block.kind[1])
        while stack and stack[-1][0] >= source:
            stack.pop()
        level = stack[-1][1] + 1 if stack else 1
        stack.append((source, level))
        levels.append(level)
    return levels


def render_document(dom: Dom, parent: JsObject, blocks: Sequence[Block], *, sections: bool = False,
                    id_prefix: str = "verdict-sec") -> Rendered:
    """Append the blocks to parent. With ``sections``, each second-level heading opens a <section> and a
    list of links to them follows the first heading, so a long debrief can be read a part at a time."""
    done = Rendered()
    levels = _levels(blocks)
    holder = parent
    nav_list = None
    for index, (block, level) in enumerate(zip(blocks, levels, strict=True)):
        tag, css = _BLOCK_TAGS.get(block.kind, ("p", ""))
        if level:
            tag = f"h{level}"
        if sections and level == 2:
            if nav_list is None:  # after the title and the score: what the student reads first
                nav = dom.element("nav", parent, attrs={"aria-label": "Parts of this page",
                                                        "class": "verdict-toc"})
                dom.element("p", nav, text="Jump to:", attrs={"class": "verdict-meta"})
                nav_list = dom.element("ul", nav)
            section_id = f"{id_prefix}-{len(done.sections) + 1}"
            holder = dom.element("section", parent, attrs={"aria-labelledby": section_id})
            done.sections.append((section_id, block.text))
        el = dom.element(tag, holder, attrs={"class": css} if css else None)
        if level:
            # tabindex -1: focusable from code (after a move, or a jump) without adding a Tab stop.
            dom.set_attr(el, "tabindex", "-1")
            done.headings.append((index, el))
            if sections and level == 2:
                dom.set_attr(el, "id", done.sections[-1][0])
        write_spans(dom, el, block.spans)
        if block.aside:
            dom.text_node(el, " ")
            dom.element("span", el, text=f"({block.aside})", attrs={"class": "verdict-aside"})
    if nav_list is not None:
        for section_id, title in done.sections:
            item = dom.element("li", nav_list)
            link = dom.element("a", item, attrs={"href": f"#{section_id}", "data-jump": section_id})
            write_spans(dom, link, [_Plain(title)])
    return done


@dataclass(frozen=True)
class _Plain:
    text: str
    style: str = ""


def render_actions(
    dom: Dom,
    parent: JsObject,
    actions: Sequence[Action],
    group_title: Callable[[str], str],
    describe: Callable[[Action], str] = lambda action: "",
    reason: Callable[[Action], tuple[str, str]] = lambda action: (action.label, ""),
) -> dict[str, JsObject]:
    """Append the actions, grouped as the controller orders them; returns each control by action key.

    ``reason(action)`` gives a disabled action's label and why it is disabled, which is said beside the
    control (a reason inside a greyed-out button is hard to read and easy to miss).
    """
    controls: dict[str, JsObject] = {}
    for group, members in _runs(actions):
        title = group_title(group)
        if group in FORM_GROUPS:
            box = dom.element("fieldset", parent, attrs={"class": f"verdict-{group}"})
            dom.element("legend", box, text=title or group.capitalize())
            for action in members:
                kind = "radio" if action.kind == "radio" else "checkbox"
                controls[action.key] = _input(dom, box, action, kind, group, reason(action)[1])
            continue
        if all(action.kind == "text" for action in members):
            box = dom.element("div", parent, attrs={"class": f"verdict-{group}"})
            if title:
                dom.element("h2", box, text=title)
            for action in members:
                controls[action.key] = _text_box(dom, box, action)
            continue
        if title:
            dom.element("h2", parent, text=title)
        if group in _LIST_GROUPS:
            holder = None
            for action in members:
                if action.heading or holder is None:
                    # The case list's outline branches: a heading and a list of its own for each.
                    if action.heading:
                        dom.element("h2" if not title else "h3", parent, text=action.heading,
                                    attrs={"class": "verdict-list-heading"})
                    holder = dom.element("ul", parent, attrs={"class": f"verdict-list verdict-{group}s"})
                item = dom.element("li", holder)
                controls[action.key] = _button(dom, item, action, describe(action), reason(action))
        else:
            holder = dom.element("div", parent, attrs={"class": f"verdict-{group}"})
            for action in members:
                controls[action.key] = _button(dom, holder, action, describe(action), reason(action))
    return controls


def _runs(actions: Sequence[Action]) -> list[tuple[str, list[Action]]]:
    """Consecutive actions of one group, in order (the controller's order is the focus order)."""
    runs: list[tuple[str, list[Action]]] = []
    for action in actions:
        if runs and runs[-1][0] == action.group:
            runs[-1][1].append(action)
        else:
            runs.append((action.group, [action]))
    return runs


def label_spans(action: Action, label: str) -> Sequence[Any]:
    """The label as spans: the controller's own (Action.spans, its *emphasis* parsed) when it is whole."""
    if label == action.label:
        return tuple(action.spans)
    return (_Plain(label),)


def _button(dom: Dom, parent: JsObject, action: Action, extra: str, split: tuple[str, str]) -> JsObject:
    label, why = split
    button = dom.element("button", parent, attrs={"type": "button", "data-action": action.key})
    write_spans(dom, button, label_spans(action, label))
    if action.badge:
        dom.element("span", button, text=f" ({_BADGES.get(action.badge, action.badge)})",
                    attrs={"class": "verdict-badge"})
    if action.selected is not None:
        # An evidence item or glossary term being shown is "current"; a setting that is on is "pressed".
        state = "aria-current" if action.group in ("evidence", "term") else "aria-pressed"
        dom.set_attr(button, state, "true" if action.selected else "false")
    described: list[str] = []
    if not action.enabled:
        if action.group == "unavailable":
            dom.set_attr(button, "disabled", "")
        else:
            # aria-disabled keeps the button in the Tab order, so it and its reason are still heard.
            dom.set_attr(button, "aria-disabled", "true")
        if why:
            reason_id = _detail_id("reason:" + action.key)
            dom.element("span", parent, text=why, attrs={"class": "verdict-reason", "id": reason_id})
            described.append(reason_id)
    details = detail_lines(action, extra)
    if details:
        note = dom.element("span", parent, attrs={"class": "verdict-meta", "id": _detail_id(action.key)})
        write_detail(dom, note, details)
        described.append(_detail_id(action.key))
    if described:
        dom.set_attr(button, "aria-describedby", " ".join(described))
    return button


def detail_lines(action: Action, extra: str = "") -> list[str]:
    """The lines said under a button: the action's detail, then the page's own words for it."""
    return [line for line in (*action.detail.split("\n"), extra) if line.strip()]


def write_detail(dom: Dom, note: JsObject, lines: Sequence[str]) -> None:
    """A button's detail lines as text, one <br> between them (into an empty element)."""
    for n, line in enumerate(lines):
        if n:
            dom.element("br", note)
        dom.text_node(note, line)


def detail_element(dom: Dom, action: Action) -> JsObject | None:
    """The element holding a button's detail lines, if it has one on the page."""
    return dom.by_id(_detail_id(action.key))


def _input(dom: Dom, parent: JsObject, action: Action, kind: str, group: str, why: str) -> JsObject:
    label = dom.element("label", parent)
    box = dom.element("input", label,
                      attrs={"type": kind, "name": f"verdict-{group}", "data-action": action.key})
    dom.set_checked(box, bool(action.selected))
    if not action.enabled:
        dom.set_attr(box, "disabled", "")
    dom.text_node(label, " ")
    write_spans(dom, label, label_spans(action, action.label))
    if action.detail:
        dom.element("span", label, text=f" ({action.detail})", attrs={"class": "verdict-meta"})
    if why and not action.enabled:
        dom.element("span", label, text=f" {why}", attrs={"class": "verdict-reason"})
    return box


def _text_box(dom: Dom, parent: JsObject, action: Action) -> JsObject:
    """A box to write in: its words go to the controller as the player types (page.py listens)."""
    box_id = _detail_id("text:" + action.key)
    holder = dom.element("div", parent, attrs={"class": "verdict-textbox"})
    label = dom.element("label", holder, attrs={"for": box_id})
    write_spans(dom, label, label_spans(action, action.label))
    area = dom.element("textarea", holder, text=action.value,
                       attrs={"id": box_id, "data-action": action.key, "rows": "4",
                              "maxlength": str(text_limit(action.key))})
    if not action.enabled:
        dom.set_attr(area, "disabled", "")
    return area


def _detail_id(key: str) -> str:
    # ids must be unique and free of spaces; keys of unavailable files may hold any path characters.
    safe = "".join(c if c.isalnum() else "-" for c in key)
    return f"verdict-detail-{safe}-{zlib.crc32(key.encode())}"
