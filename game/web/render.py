"""Turns the controller's document (Blocks) and actions into plain HTML elements.

Every string from a scenario arrives here and leaves as a text node or textContent, never as markup. Each
control carries its action key in ``data-action``; the page listens once on the whole layer.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

from game.app.controller import Action
from game.app.documents import Block
from game.web.dom import Dom, JsObject

# Block kind -> (tag, class). h1..h3 keep their level: the layer is the page's only content with headings.
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
# Groups shown as form controls: radio groups pick one, checkbox groups pick several.
RADIO_GROUPS = frozenset({"interpretation", "confidence"})
CHECK_GROUPS = frozenset({"cite"})
_LIST_GROUPS = frozenset({"choice", "case", "unavailable", "evidence", "term"})


def render_blocks(dom: Dom, parent: JsObject, blocks: Sequence[Block]) -> JsObject | None:
    """Append the blocks to parent; returns the first heading (the place to move focus to), if any."""
    first_heading = None
    for block in blocks:
        tag, css = _BLOCK_TAGS.get(block.kind, ("p", ""))
        el = dom.element(tag, parent, attrs={"class": css} if css else None)
        if tag.startswith("h") and first_heading is None:
            # tabindex -1: focusable from code (after a move) without adding a Tab stop.
            dom.set_attr(el, "tabindex", "-1")
            first_heading = el
        for span in block.spans:
            inline = _SPAN_TAGS.get(span.style)
            if inline:
                dom.element(inline, el, text=span.text)
            else:
                dom.text_node(el, span.text)
        if block.aside:
            dom.text_node(el, " ")
            dom.element("span", el, text=f"({block.aside})", attrs={"class": "verdict-aside"})
    return first_heading


def render_actions(
    dom: Dom,
    parent: JsObject,
    actions: Sequence[Action],
    group_title: Callable[[str], str],
    describe: Callable[[Action], str] = lambda action: "",
) -> dict[str, JsObject]:
    """Append the actions, grouped as the controller orders them; returns each control by action key."""
    controls: dict[str, JsObject] = {}
    for group, members in _runs(actions):
        title = group_title(group)
        if group in RADIO_GROUPS or group in CHECK_GROUPS:
            box = dom.element("fieldset", parent, attrs={"class": f"verdict-{group}"})
            dom.element("legend", box, text=title or group.capitalize())
            kind = "radio" if group in RADIO_GROUPS else "checkbox"
            for action in members:
                controls[action.key] = _input(dom, box, action, kind, group)
            continue
        if title:
            dom.element("h2", parent, text=title)
        if group in _LIST_GROUPS:
            holder = dom.element("ul", parent, attrs={"class": f"verdict-list verdict-{group}s"})
            for action in members:
                item = dom.element("li", holder)
                controls[action.key] = _button(dom, item, action, describe(action))
        else:
            holder = dom.element("div", parent, attrs={"class": f"verdict-{group}"})
            for action in members:
                controls[action.key] = _button(dom, holder, action, describe(action))
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


def _button(dom: Dom, parent: JsObject, action: Action, extra: str) -> JsObject:
    button = dom.element("button", parent, text=action.label,
                         attrs={"type": "button", "data-action": action.key})
    if action.selected is not None:
        # An evidence item or glossary term being shown is "current"; a setting that is on is "pressed".
        state = "aria-current" if action.group in ("evidence", "term") else "aria-pressed"
        dom.set_attr(button, state, "true" if action.selected else "false")
    if not action.enabled:
        if action.group == "unavailable":
            dom.set_attr(button, "disabled", "")
        else:
            # aria-disabled keeps the button in the Tab order, so its label ("choose 1 and 3 first") is heard.
            dom.set_attr(button, "aria-disabled", "true")
    details = [line for line in (*action.detail.split("\n"), extra) if line.strip()]
    if details:
        note = dom.element("span", parent, attrs={"class": "verdict-meta", "id": _detail_id(action.key)})
        for n, line in enumerate(details):
            if n:
                dom.element("br", note)
            dom.text_node(note, line)
        dom.set_attr(button, "aria-describedby", _detail_id(action.key))
    return button


def _input(dom: Dom, parent: JsObject, action: Action, kind: str, group: str) -> JsObject:
    label = dom.element("label", parent)
    box = dom.element("input", label,
                      attrs={"type": kind, "name": f"verdict-{group}", "data-action": action.key})
    dom.set_checked(box, bool(action.selected))
    if not action.enabled:
        dom.set_attr(box, "disabled", "")
    dom.text_node(label, " " + action.label)
    if action.detail:
        dom.element("span", label, text=f" ({action.detail})", attrs={"class": "verdict-meta"})
    return box


def _detail_id(key: str) -> str:
    # ids must be unique and free of spaces; keys of unavailable files may hold any path characters.
    safe = "".join(c if c.isalnum() else "-" for c in key)
    return f"verdict-detail-{safe}-{zlib.crc32(key.encode())}"
