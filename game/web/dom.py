"""The one adapter between Python and the page: pygbag's ``platform`` objects or Pyodide's ``js`` module.

Everything the web front end does to the page goes through :class:`Dom`, so the two runtimes differ in one
place only. Text is only ever set with ``textContent``: scenario prose is data, never markup.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

# A JavaScript object as the bridge hands it to Python (browser.Object in pygbag, JsProxy in Pyodide).
JsObject = Any
Handler = Callable[[JsObject], None]


class Dom:
    """DOM and localStorage access for one page.

    ``wrap`` turns a Python callable into something JavaScript can call later. Pyodide needs a long-lived
    proxy for that; pygbag converts functions itself but only holds them by weak reference, so either way
    every handler is kept alive here for the life of the page.
    """

    def __init__(self, window: JsObject, document: JsObject, wrap: Callable[[Handler], Any] | None = None):
        self.window = window
        self.document = document
        self._wrap: Callable[[Handler], Any] = wrap if wrap is not None else _same
        self._alive: list[Any] = []

    @classmethod
    def detect(cls) -> Dom | None:
        """The page this Python runs in, or None outside a browser (desktop, tests without a page).

        Pyodide's ``js`` module first, then pygbag's ``platform.window``: pygbag may carry a Pyodide
        compatibility module whose create_proxy hands the function back, which suits it too.
        """
        # importlib, not import statements: pygbag scans imports to fetch wheels and would look for "js".
        try:
            js = importlib.import_module("js")
            ffi = importlib.import_module("pyodide.ffi")
            return cls(js, js.document, ffi.create_proxy)
        except (ImportError, AttributeError):
            pass
        plat = importlib.import_module("platform")
        window = getattr(plat, "window", None)
        document = getattr(plat, "document", None)
        if window is not None and document is not None:
            return cls(window, document)
        return None

    # -- elements -------------------------------------------------------------------------------------------

    def by_id(self, element_id: str) -> JsObject | None:
        return self.document.getElementById(element_id)

    def element(
        self,
        tag: str,
        parent: JsObject | None = None,
        *,
        text: str | None = None,
        attrs: dict[str, str] | None = None,
    ) -> JsObject:
        el = self.document.createElement(tag)
        for name, value in (attrs or {}).items():
            el.setAttribute(name, value)
        if text is not None:
            el.textContent = text
        if parent is not None:
            parent.appendChild(el)
        return el

    def text_node(self, parent: JsObject, text: str) -> None:
        """Append text as a text node: the browser never parses it, so markup in it stays literal."""
        parent.appendChild(self.document.createTextNode(text))

    def set_text(self, el: JsObject, text: str) -> None:
        el.textContent = text

    def set_attr(self, el: JsObject, name: str, value: str) -> None:
        el.setAttribute(name, value)

    def remove_attr(self, el: JsObject, name: str) -> None:
        el.removeAttribute(name)

    def move_before(self, el: JsObject, sibling: JsObject) -> None:
        sibling.parentNode.insertBefore(el, sibling)

    def move_to_end(self, parent: JsObject, el: JsObject) -> None:
        parent.appendChild(el)

    def clear(self, el: JsObject) -> None:
        el.textContent = ""  # removes every child in one bridge call

    def focus(self, el: JsObject) -> None:
        el.focus()

    def caret_to_end(self, el: JsObject) -> None:
        """Put a text box's caret after its words (a box rebuilt while typed in must not jump back)."""
        try:
            end = len(str(el.value))
            el.setSelectionRange(end, end)
        except Exception:  # not a text box
            return

    def reveal(self, el: JsObject) -> None:
        """Scroll el to the top of its scrolling box (a phone shows the new text, not the old buttons)."""
        el.scrollIntoView(_options(self.window, {"block": "start"}))

    def active_element(self) -> JsObject | None:
        return self.document.activeElement

    def contains(self, parent: JsObject, el: JsObject | None) -> bool:
        return el is not None and bool(parent.contains(el))

    def value_of(self, el: JsObject) -> str:
        return str(el.value or "")

    def set_checked(self, el: JsObject, checked: bool) -> None:
        el.checked = checked

    def toggle_class(self, el: JsObject, name: str, on: bool) -> None:
        if on:
            el.classList.add(name)
        else:
            el.classList.remove(name)

    # -- events ---------------------------------------------------------------------------------------------

    def on(self, el: JsObject, event: str, handler: Handler) -> None:
        """Call ``handler(event)`` on ``event``; a function or bound method (pygbag converts no others)."""
        callback = self._keep(handler)
        el.addEventListener(event, callback)

    def action_of(self, event: JsObject) -> tuple[str, JsObject] | None:
        """The ``data-action`` of the element an event happened in, for one listener on a whole region."""
        try:
            el = event.target.closest("[data-action]")
        except Exception:  # a target that is not an element (the document, a text node) has no closest()
            return None
        if el is None:
            return None
        return str(el.getAttribute("data-action")), el

    def jump_of(self, event: JsObject) -> str | None:
        """The target id of an in-page link (``data-jump``) an event happened in, or None."""
        try:
            el = event.target.closest("[data-jump]")
        except Exception:  # not an element
            return None
        return None if el is None else str(el.getAttribute("data-jump"))

    def key_of(self, event: JsObject) -> str:
        return str(event.key or "")

    def prevent_default(self, event: JsObject) -> None:
        event.preventDefault()

    # -- location, localStorage, files ----------------------------------------------------------------------

    def location_search(self) -> str:
        return str(self.window.location.search or "")

    def location_hash(self) -> str:
        return str(self.window.location.hash or "")

    def window_value(self, name: str) -> str | None:
        """A string the page's own script left in a global (e.g. the deep link), or None."""
        value = getattr(self.window, name, None)
        return None if value is None else str(value)

    def call_page(self, name: str, *args: str) -> bool:
        """Call one of the page script's functions (loading messages); False when the page has none.

        The page is the one place that knows how it shows progress, so a failure to report is only logged.
        """
        function = getattr(self.window, name, None)
        if function is None:
            return False
        function(*args)
        return True

    def storage_get(self, key: str) -> str | None:
        value = self._storage_call("getItem", key)
        return None if value is None else str(value)

    def storage_set(self, key: str, value: str) -> None:
        self._storage_call("setItem", key, value)  # a full store raises QuotaExceededError -> OSError

    def storage_remove(self, key: str) -> None:
        self._storage_call("removeItem", key)

    def storage_keys(self) -> list[str]:
        count = int(self._storage_call("length"))
        keys = (self._storage_call("key", i) for i in range(count))
        return [str(k) for k in keys if k is not None]

    def download_text(self, filename: str, text: str, mime: str = "application/json") -> None:
        """Offer ``text`` as a file download (a data: URL needs no Blob, so both runtimes build it alike)."""
        link = self.element(
            "a",
            self.document.body,
            attrs={"href": f"data:{mime};charset=utf-8,{quote(text, safe='')}", "download": filename},
        )
        link.click()
        self.document.body.removeChild(link)

    def read_chosen_file(
        self, file_input: JsObject, on_text: Callable[[str, str], None], max_bytes: int
    ) -> str | None:
        """Read the file picked in an ``<input type=file>``; ``on_text(name, text)`` runs when it is read.

        Returns an error message instead when nothing usable was chosen.
        """
        files = file_input.files
        if files is None or int(files.length) == 0:
            return "No file was chosen."
        chosen = files.item(0)
        name = str(chosen.name)
        if int(chosen.size) > max_bytes:
            return f"{name} is too large to be a Verdict save ({int(chosen.size)} bytes)."

        def done(text: JsObject) -> None:
            on_text(name, str(text))

        def failed(error: JsObject) -> None:
            on_text(name, "")

        chosen.text().then(self._keep(done), self._keep(failed))
        return None

    def _storage_call(self, name: str, *args: object) -> Any:
        """Call a localStorage method (or read ``length``), turning every browser refusal into OSError.

        Even reading ``window.localStorage`` throws when the browser blocks storage (privacy settings,
        sandboxed iframes); the bridge raises a plain Exception (pygbag) or JsException (Pyodide).
        """
        try:
            store = self.window.localStorage
            if store is None:
                raise OSError("browser storage is not available")
            if name == "length":
                return store.length
            return getattr(store, name)(*args)
        except OSError:
            raise
        except Exception as exc:
            raise OSError(f"browser storage refused {name}: {exc}") from exc

    def _keep(self, handler: Handler) -> Any:
        callback = self._wrap(handler)
        self._alive.append(handler)
        self._alive.append(callback)
        return callback


def _same(handler: Handler) -> Any:
    return handler


def _options(window: JsObject, values: dict[str, str]) -> JsObject:
    """A plain JavaScript object (both bridges turn a JSON string into one through JSON.parse)."""
    import json

    return window.JSON.parse(json.dumps(values))
