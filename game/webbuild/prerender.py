"""The title screen written into the HTML edition's page at build time, so it is readable at once.

Python in the browser takes seconds to start; the title screen's words are fixed, so the build draws them with
the page layer's own renderer (game/web/render.py) into static HTML. When Python is up the page layer
replaces them with the live screen, identical but for the buttons. A stand-in for the browser's DOM (just
enough of it for the renderer) builds the elements here; text is escaped on the way out.
"""

from __future__ import annotations

from html import escape
from typing import Any

from game.app import documents
from game.web import render


class _Element:
    def __init__(self, tag: str):
        self.tag = tag
        self.attrs: dict[str, str] = {}
        self.children: list[_Element | str] = []

    def html(self) -> str:
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs.items())
        inner = "".join(c if isinstance(c, str) else c.html() for c in self.children)
        return f"<{self.tag}{attrs}>{inner}</{self.tag}>"


class StaticDom:
    """The few Dom methods render.render_document calls, building _Elements instead of browser nodes."""

    def element(self, tag: str, parent: Any = None, *, text: str | None = None,
                attrs: dict[str, str] | None = None) -> _Element:
        el = _Element(tag)
        el.attrs.update(attrs or {})
        if text is not None:
            el.children.append(escape(text, quote=False))
        if parent is not None:
            parent.children.append(el)
        return el

    def text_node(self, parent: _Element, text: str) -> None:
        parent.children.append(escape(text, quote=False))

    def set_attr(self, el: _Element, name: str, value: str) -> None:
        el.attrs[name] = value

    def set_checked(self, el: _Element, checked: bool) -> None:
        if checked:
            el.attrs["checked"] = ""


def title_screen() -> str:
    """The title screen's document as HTML, with a line saying that the game is still starting."""
    box = _Element("div")
    box.attrs["id"] = "verdict-screen"
    render.render_document(StaticDom(), box, documents.title_document())  # type: ignore[arg-type]
    waiting = '<p class="verdict-meta" id="verdict-starting">The game is starting&hellip;</p>'
    return box.html() + waiting
