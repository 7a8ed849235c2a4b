"""The page layer: the game as plain HTML, for screen readers, keyboards and anyone who prefers text.

The canvas is invisible to assistive technology, so the page shows the controller's current screen as text
and its actions as real buttons, radio buttons and checkboxes. In the canvas edition the page and the canvas
drive the same Controller (whichever the player uses, both follow) and the layer is visually hidden until
the player turns on "text mode"; the HTML edition is this layer alone.

After a move the focus goes to the heading where the new text begins (and the page scrolls there), and a
small live region says what changed: the new scene, the document opened, the score. It never repeats the
whole screen.
"""

from __future__ import annotations

import contextlib
import traceback
from dataclasses import replace

from game.app.controller import Action, Controller, Screen
from game.app.documents import Block
from game.app.saves import save_key
from game.app.storage import StorageError
from game.web import render
from game.web.dom import Dom, JsObject
from game.web.storage import MAX_IMPORT_BYTES, export_filename, parse_save_file

TEXT_MODE_KEY = "web.textmode"
TEXT_MODE_CLASS = "verdict-text-mode"
_EXPORT = "web:export"
# Screens where the player may want to take the current case's save away with them.
_EXPORT_SCREENS = frozenset({Screen.SCENE, Screen.CASEBOOK, Screen.VERDICT, Screen.DEBRIEF})
_IMPORT_SCREENS = frozenset({Screen.TITLE, Screen.CASES})
# Screens long enough to need parts to jump between, and their actions before the text, not after it.
_SECTIONED = frozenset({Screen.DEBRIEF, Screen.HELP})
_ACTIONS_FIRST = frozenset({Screen.DEBRIEF})
# Block kinds worth saying in the announcement of a change, besides its heading.
_ANNOUNCED = frozenset({"stamp", "notice", "score"})
ANNOUNCE_LIMIT = 400  # characters: a summary, never the screen


class Page:
    def __init__(self, dom: Dom, controller: Controller, *, root_id: str = "verdict-layer",
                 toggle_id: str = "verdict-textmode", text_only: bool = False):
        self.dom = dom
        self.controller = controller
        self.text_only = text_only
        self.root = dom.by_id(root_id) or self._make_root(root_id)
        dom.set_attr(self.root, "aria-label", "Verdict, text version")
        self.toggle = None if text_only else dom.by_id(toggle_id) or self._make_toggle(toggle_id)
        self.text_mode = False

        dom.clear(self.root)
        # Messages from the page itself (downloads, imports); the game's own notices are in the document.
        self.status = dom.element("p", self.root, attrs={"id": "verdict-status", "role": "status"})
        # What changed, said once; visually hidden (the same words are on screen, in the document).
        self.live = dom.element("div", self.root, attrs={"id": "verdict-live", "aria-live": "polite",
                                                         "aria-atomic": "true", "class": "verdict-sr-only"})
        self.screen_box = dom.element("div", self.root, attrs={"id": "verdict-screen"})
        self.controls_box = dom.element("div", self.root, attrs={"id": "verdict-controls"})
        # Save files sit in the page's bar when there is one, so canvas players can reach them too.
        bar = dom.by_id("verdict-bar")
        self.files_box, self.export_button, self.import_box, self.import_input = self._make_files(
            bar if bar is not None else self.root)

        self.controls: dict[str, JsObject] = {}
        self.actions: dict[str, Action] = {}
        self.heading: JsObject | None = None
        self.rendered = render.Rendered()
        self._doc: list[Block] = []
        self._doc_sig: object = None
        self._act_sig: object = None
        self._revision = -1
        self._actions_first = False

        dom.on(self.root, "click", self._on_click)
        if bar is not None:
            dom.on(self.files_box, "click", self._on_click)
        dom.on(self.root, "keydown", self._on_keydown)
        dom.on(self.root, "input", self._on_input)
        dom.on(self.import_input, "change", self._on_import_chosen)
        if self.toggle is not None:
            dom.on(self.toggle, "click", self._on_toggle)
            dom.remove_attr(self.toggle, "hidden")
        self._unsubscribe = controller.subscribe(self._on_change)
        self.set_text_mode(True if text_only else self._stored_text_mode())
        self.render()

    # -- drawing --------------------------------------------------------------------------------------------

    def render(self) -> None:
        """Bring the layer up to date with the controller.

        After a move (new text) the focus goes to the heading where the new text begins, if the player was
        in the layer; otherwise it stays on the control the player was on, re-created.
        """
        c, dom = self.controller, self.dom
        active = dom.active_element()
        had_focus = dom.contains(self.root, active)
        focused_key = _action_key(active) if had_focus else None

        doc = c.document()
        doc_sig = (c.screen, tuple(doc))
        # On a scene every change is a move (a choice, an undo): new text even when it repeats the old.
        moved = doc_sig != self._doc_sig or (c.screen is Screen.SCENE and c.revision != self._revision)
        target: JsObject | None = None
        if moved:
            same_screen = self._doc_sig is not None and self._doc_sig[0] is c.screen  # type: ignore[index]
            changed = _first_difference(self._doc, doc) if same_screen and doc_sig != self._doc_sig else 0
            dom.clear(self.screen_box)
            self.rendered = render.render_document(dom, self.screen_box, doc, sections=c.screen in _SECTIONED)
            self.heading = self.rendered.heading_from(0)
            target = self.rendered.heading_from(changed)
            self._announce(doc, changed)
            self._doc, self._doc_sig = doc, doc_sig
        self._revision = c.revision

        actions = c.actions()
        act_sig = _signature(actions)
        if act_sig != self._act_sig and self._rewrite_details(actions):
            self.actions = {a.key: a for a in actions}
            self._act_sig = act_sig
        elif act_sig != self._act_sig:
            dom.clear(self.controls_box)
            self.controls = render.render_actions(dom, self.controls_box, actions, c.group_title,
                                                  self._describe, self._split_reason)
            self.actions = {a.key: a for a in actions}
            self._act_sig = act_sig
        self._place_controls(c.screen in _ACTIONS_FIRST)
        self._render_files()

        if not had_focus:
            return
        if target is not None:
            dom.focus(target)
            dom.reveal(target)
            return
        again = self.controls.get(focused_key or "")
        if again is not None:
            dom.focus(again)
            dom.caret_to_end(again)
        elif not dom.contains(self.root, dom.active_element()) and self.heading is not None:
            dom.focus(self.heading)

    def _rewrite_details(self, actions: list[Action]) -> bool:
        """When only buttons' detail lines changed (a note typed in the casebook shows under its item),
        rewrite those lines in place: the box being typed in is not rebuilt under the player's fingers,
        nor announced again with every key. False when anything else changed."""
        changed = _details_only(self.actions, actions) if self._act_sig is not None else None
        if not changed:
            return False
        found = [(render.detail_element(self.dom, a), a) for a in changed]
        if any(el is None for el, _ in found):
            return False
        for el, action in found:
            assert el is not None
            self.dom.clear(el)
            render.write_detail(self.dom, el, render.detail_lines(action, self._describe(action)))
        return True

    def _announce(self, doc: list[Block], changed: int) -> None:
        """Put a summary of what changed in the live region: its heading, new evidence, notices, scores."""
        new = doc[changed:] or doc
        heading = next((b.text for b in new if b.kind in ("h1", "h2", "h3")), "")
        extras = [b.text + (f" {b.aside}" if b.aside else "") for b in new if b.kind in _ANNOUNCED]
        words = " ".join(part.rstrip(".") + "." for part in [heading, *extras[:3]] if part)
        if len(words) > ANNOUNCE_LIMIT:
            words = words[: ANNOUNCE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
        self.dom.set_text(self.live, words)

    def _place_controls(self, first: bool) -> None:
        """On the debrief the actions come before its long text and stay in view while it scrolls."""
        if first == self._actions_first:
            return
        self._actions_first = first
        self.dom.toggle_class(self.root, "verdict-actions-first", first)  # they stay in view (page.css)
        if first:
            self.dom.move_before(self.controls_box, self.screen_box)
        else:
            self.dom.move_to_end(self.root, self.controls_box)

    @staticmethod
    def _split_reason(action: Action) -> tuple[str, str]:
        """A disabled action's label and the controller's reason for it, said beside it."""
        return action.label, "" if action.enabled else action.reason

    def _describe(self, action: Action) -> str:
        """Extra words for a control: each case's content note belongs on the case list."""
        if action.group == "case":
            scenario = self.controller.catalog.scenarios.get(action.key.partition(":")[2])
            if scenario is not None and scenario.content_note:
                return "Content note: " + scenario.content_note
        return ""

    def _render_files(self) -> None:
        c, dom = self.controller, self.dom
        can_export = c.session is not None and c.screen in _EXPORT_SCREENS
        for el, shown in ((self.export_button, can_export), (self.import_box, c.screen in _IMPORT_SCREENS)):
            if shown:
                dom.remove_attr(el, "hidden")
            else:
                dom.set_attr(el, "hidden", "")
        if can_export or c.screen in _IMPORT_SCREENS:
            dom.remove_attr(self.files_box, "hidden")
        else:
            dom.set_attr(self.files_box, "hidden", "")

    def say(self, message: str) -> None:
        self.dom.set_text(self.status, message)

    # -- events ---------------------------------------------------------------------------------------------

    def _on_change(self, _controller: Controller) -> None:
        self._guard(self.render)

    def _on_click(self, event: JsObject) -> None:
        jump = self.dom.jump_of(event)
        if jump is not None:
            # An in-page link to a part of the debrief: move the focus there (not only the view), and keep
            # the address as it is (the canvas edition keeps its deep link in the #fragment).
            self.dom.prevent_default(event)
            heading = self.dom.by_id(jump)
            if heading is not None:
                self.dom.focus(heading)
                self.dom.reveal(heading)
            return
        found = self.dom.action_of(event)
        if found is None:
            return
        key = found[0]
        self._guard(lambda: self._act(key))

    def _on_input(self, event: JsObject) -> None:
        found = self.dom.action_of(event)
        if found is None:
            return
        key, el = found
        action = self.actions.get(key)
        if action is not None and action.kind == "text":
            text = self.dom.value_of(el)
            self._guard(lambda: self.controller.perform(f"{key}:{text}"))

    def _act(self, key: str) -> None:
        action = self.actions.get(key)
        if action is not None and action.kind == "text":
            return  # a click into a box to write in: the words arrive as input events
        if key == _EXPORT:
            self.export_save()
            return
        self.say("")
        done = self.controller.perform(key)
        if not done:
            # A checkbox or radio button changes itself before the click arrives: when the controller
            # refused (a full citation list), put every control back to the controller's state.
            for k, el in self.controls.items():
                action = self.actions.get(k)
                if action is not None and action.group in render.FORM_GROUPS:
                    self.dom.set_checked(el, bool(action.selected))
            if key.startswith("cite:"):
                question = self.controller.question
                limit = question.max_cite if question is not None else 0
                self.say(f"You can cite at most {limit} items. Untick one first.")

    def _on_keydown(self, event: JsObject) -> None:
        key = self.dom.key_of(event)
        if key == "Escape":
            self.dom.prevent_default(event)
            self._guard(self.controller.back)
            return
        if key != "Enter":
            return
        found = self.dom.action_of(event)
        if found is None:
            return
        action_key, el = found
        action = self.actions.get(action_key)
        if action is not None and action.group in render.FORM_GROUPS:
            # Enter picks a radio button or ticks a box too, so Tab and Enter alone can fill in the verdict.
            self.dom.prevent_default(event)
            el.click()

    def _on_toggle(self, _event: JsObject) -> None:
        self._guard(lambda: self.set_text_mode(not self.text_mode, remember=True))

    def set_text_mode(self, on: bool, remember: bool = False) -> None:
        self.text_mode = on
        self.dom.toggle_class(self.dom.document.body, TEXT_MODE_CLASS, on)
        if self.toggle is not None:
            self.dom.set_attr(self.toggle, "aria-pressed", "true" if on else "false")
        if remember:
            with contextlib.suppress(StorageError, OSError):  # the mode still works for this visit
                self.controller.store.storage.write(TEXT_MODE_KEY, "1" if on else "0")

    def _stored_text_mode(self) -> bool:
        try:
            return self.controller.store.storage.read(TEXT_MODE_KEY) == "1"
        except (StorageError, OSError):
            return False

    def _guard(self, work: object) -> None:
        """Run an event handler; an error is shown in the page (and logged) instead of vanishing in JS."""
        try:
            work()  # type: ignore[operator]
        except Exception as exc:
            traceback.print_exc()
            self.say(f"The text version hit an error ({type(exc).__name__}: {exc}). Reloading the page "
                     "resumes the case where you left it.")

    # -- save files -----------------------------------------------------------------------------------------

    def export_save(self) -> None:
        session = self.controller.session
        if session is None:
            return
        name = export_filename(session.scenario.id)
        self.dom.download_text(name, session.to_json())
        self.say(f"The save for {session.scenario.title} was downloaded as {name}. "
                 "Load it on the case files page to carry on, here or on another computer.")

    def _on_import_chosen(self, _event: JsObject) -> None:
        def chosen() -> None:
            problem = self.dom.read_chosen_file(self.import_input, self._guarded_import, MAX_IMPORT_BYTES)
            if problem:
                self.say(problem)

        self._guard(chosen)

    def _guarded_import(self, name: str, text: str) -> None:
        self._guard(lambda: self.import_save(name, text))

    def import_save(self, name: str, text: str) -> bool:
        """Store a save file's text as the autosave of its case (the old one set aside) and open the case."""
        from game.engine import SaveError, Session  # the title screen shows before the engine is loaded

        c = self.controller
        try:
            imported = parse_save_file(text)
        except ValueError as exc:
            self.say(f"{name}: {exc}")
            return False
        scenario = c.catalog.scenarios.get(imported.scenario_id)
        if scenario is None:
            self.say(f"{name} is a save for a case this game does not have ({imported.scenario_id}).")
            return False
        try:
            Session.restore(scenario, imported.text)
        except SaveError as exc:
            self.say(f"{name} cannot be used: {exc}.")
            return False
        storage = c.store.storage
        key = save_key(scenario.id)
        try:
            kept = storage.set_aside(key)  # never overwrite a save: the one it replaces stays in storage
            storage.write(key, imported.text)
        except (StorageError, OSError) as exc:
            self.say(f"{name} could not be stored in this browser ({exc}).")
            return False
        aside = " The previous save was kept aside." if kept else ""
        self.say(f"Loaded the save for {scenario.title}.{aside} Choose Resume the case to carry on.")
        c.open_case(scenario.id)
        return True

    # -- building the fixed parts ---------------------------------------------------------------------------

    def _make_root(self, root_id: str) -> JsObject:
        dom = self.dom
        main = dom.by_id("verdict-main") or dom.element("main", dom.document.body,
                                                        attrs={"id": "verdict-main"})
        return dom.element("div", main, attrs={"id": root_id})

    def _make_toggle(self, toggle_id: str) -> JsObject:
        dom = self.dom
        button = dom.element("button", attrs={"id": toggle_id, "type": "button", "aria-pressed": "false"},
                             text="Text mode")
        body = dom.document.body
        body.insertBefore(button, body.firstChild)  # first in the Tab order
        return button

    def _make_files(self, parent: JsObject) -> tuple[JsObject, JsObject, JsObject, JsObject]:
        dom = self.dom
        box = dom.element("section", parent, attrs={"id": "verdict-files", "aria-label": "Save files"})
        export = dom.element("button", box, text="Download this case's save",
                             attrs={"type": "button", "data-action": _EXPORT, "id": "verdict-export"})
        holder = dom.element("span", box, attrs={"id": "verdict-import-box"})
        dom.element("label", holder, text="Load a save file: ", attrs={"for": "verdict-import"})
        chooser = dom.element("input", holder, attrs={"type": "file", "id": "verdict-import",
                                                       "accept": ".json,application/json"})
        return box, export, holder, chooser


def _action_key(el: JsObject | None) -> str | None:
    if el is None:
        return None
    try:
        key = el.getAttribute("data-action")
    except Exception:  # the document or a non-element has no getAttribute
        return None
    return None if key is None else str(key)


def _signature(actions: list[Action]) -> tuple[object, ...]:
    """What the controls look like, without what the player is typing: a box being written in is never
    rebuilt under the player's fingers (it already shows the words)."""
    return tuple((a.key, a.label, a.enabled) if a.kind == "text" else a for a in actions)


def _details_only(old: dict[str, Action], new: list[Action]) -> list[Action] | None:
    """The actions whose detail alone changed, when nothing else did (a text box's words aside); else None."""
    if list(old) != [a.key for a in new]:
        return None
    changed = []
    for action in new:
        before = old[action.key]
        if action.kind == "text":  # its box shows the words as typed; its detail is not drawn
            if (action.label, action.enabled) != (before.label, before.enabled):
                return None
        elif replace(action, detail=before.detail) != before:
            return None
        elif action.detail != before.detail:
            changed.append(action)
    return changed


def _first_difference(old: list[Block], new: list[Block]) -> int:
    """The index of the first block that differs: where the new text begins."""
    for n, (a, b) in enumerate(zip(old, new, strict=False)):
        if a != b:
            return n
    return min(len(old), len(new))
