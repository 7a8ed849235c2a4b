"""The window: turns pygame events into controller actions and draws the current page when it changed.

`WindowApp.frame()` is one turn of the main loop and never blocks; the loop in game/window/loop.py awaits
between frames, which is what pygbag needs to keep a browser tab alive.

The page is drawn into a picture of the window's 16:9 size at the window's scale (game/window/metrics.py)
and copied into the window, whose bars beside it are the folder's colour.
"""

from __future__ import annotations

import random
import sys
import time
import warnings
from dataclasses import dataclass

import pygame

from game.app.actions import LETTERS, help_keys, text_limit
from game.app.controller import Controller, Screen
from game.window.fonts import FontBook
from game.window.metrics import Metrics, Viewport, fit
from game.window.page import Page, Pane, compose
from game.window.sound import Sounds
from game.window.text import TextCache
from game.window.theme import Theme, theme_for
from game.window.widgets import State, Widget

IDLE_SLEEP = 1 / 30  # seconds between event polls when nothing moves: cheap, and still feels immediate
FADE_SECONDS = 0.25
# A window being dragged to a new size is laid out again once it rests this long; meanwhile the last
# picture is shown scaled. Laying a long page out costs a few frames, too many for every step of a drag.
RESIZE_SETTLE = 0.15
SCROLL_STEP = 60  # logical units, like every length below
TAP_SLOP = 12  # a finger that moves further than this is scrolling, not tapping
PREVIEW_SCREENS = {Screen.CASEBOOK}  # where the arrow keys open the item they move to, and focus stays
# The window's keys for the Help screen: the shared table, and the one key only a window has.
HELP_ROWS = (*help_keys(), ("F11", "full screen, and back to a window"))

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): str(n) for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): str(n) for n in range(1, 10)})
# The letter shortcuts are declared once, in game.app.actions; F1 is the window's extra key for Help.
LETTER_ACTIONS = {getattr(pygame, f"K_{letter}"): name for letter, name in LETTERS.items()}
LETTER_ACTIONS[pygame.K_F1] = "help"
LETTER_ACTIONS[pygame.K_F5] = "reload"  # offered in author mode only
ARROW_KEYS = (pygame.K_DOWN, pygame.K_UP, pygame.K_LEFT, pygame.K_RIGHT)
ACTIVATE_KEYS = {pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE}
BACK_KEYS = {pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_AC_BACK}
REDRAW_EVENTS = {
    getattr(pygame, name) for name in ("VIDEOEXPOSE", "VIDEORESIZE", "WINDOWEXPOSED", "WINDOWSIZECHANGED",
                                       "WINDOWRESIZED", "WINDOWRESTORED", "WINDOWMAXIMIZED", "WINDOWSHOWN",
                                       "WINDOWFOCUSGAINED") if hasattr(pygame, name)
}


@dataclass
class Target:
    """What a point on the screen would activate: a button, or a glossary word in the prose."""

    widget: Widget | None = None
    term_id: str | None = None

    @property
    def key(self) -> str | None:
        if self.widget is not None and self.widget.action is not None:
            return self.widget.action.key
        return f"term:{self.term_id}" if self.term_id else None


class WindowApp:
    def __init__(self, controller: Controller, display: pygame.Surface):
        self.controller = controller
        self.display = display  # the window
        self.viewport: Viewport = fit(display.get_size())
        self.metrics: Metrics = self.viewport.metrics
        self.surface = pygame.Surface(self.viewport.rect.size)  # the picture, in the window's pixels
        self.settings = controller.settings
        self.fonts = FontBook(self.settings, self.metrics)
        self.cache = TextCache(self.fonts)
        self.theme: Theme = theme_for(self.settings.high_contrast)
        self.sounds = Sounds()
        self.page: Page | None = None
        self.editing: str | None = None  # the text action being typed into, if any
        self._swallow = ""  # the letter that opened the box being typed into: its text input is dropped
        self.edit_text = ""
        self.focus_list: list[tuple[Widget, Pane | None]] = []
        self.focus_key: str | None = None
        self.keyboard_mode = False  # the focus ring shows once the keyboard is used, like :focus-visible
        self.hover: Target = Target()
        self.pressed: Target = Target()
        self.mouse_pos: tuple[float, float] = (0, 0)
        self.fingers: dict[int, tuple[tuple[float, float], Target, bool]] = {}
        self.running = True
        self.frames = 0  # frames run
        self.draws = 0  # frames that drew: idling should not add to this
        self._revision = -1
        self._dirty = True
        self._fade_start: float | None = None
        self._background: tuple[str, pygame.Surface] | None = None
        self._veil: tuple[str, pygame.Surface] | None = None
        self._backdrop: pygame.Surface | None = None
        self._failing = False
        self._down_outside_card = False  # a press outside the glossary card: its release closes the card
        # Where each page was left (by page and pane key), so closing an overlay goes back to the same place.
        self._scrolls: dict[str, int] = {}
        self._focus_by_page: dict[str, str] = {}
        self._session: object | None = None
        self._resize_seen: tuple[tuple[int, int], float] | None = None  # a new window size, and since when

    # -- one turn of the loop ----------------------------------------------------------------------

    def frame(self) -> float:
        """Handle pending events, draw if anything changed; returns how long the loop may sleep."""
        self.frames += 1
        try:
            for event in pygame.event.get():
                self.handle(event)
            self._swallow = ""  # a key's text input arrives with it, in the same batch of events
            if self.controller.quit_requested:
                self.running = False
            self.sync()
            if self._dirty or self.animating:
                self.draw()
                self.present()
                self._dirty = False
            elif not self.controller.catalog_loaded:
                # Parse the case files once the title is on screen, not before it.
                _ = self.controller.catalog
            self._failing = False
        except Exception as exc:  # any screen's bug: show the error screen; the autosave kept the progress
            self.fail(exc)
        if not self.animating:
            return IDLE_SLEEP
        return 0.0 if self._resize_seen is None else IDLE_SLEEP / 2  # a resize only waits: no need to spin

    @property
    def animating(self) -> bool:
        if self._resize_seen is not None:
            return True  # keep looking until the drag rests
        if self._fade_start is None:
            return False
        if time.perf_counter() - self._fade_start >= FADE_SECONDS:
            self._fade_start = None
            self._dirty = True  # one last frame without the veil
            return False
        return True

    def skip_animation(self) -> None:
        """Jump to the end of any fade, or of a resize's wait (screenshots, tests)."""
        if self._resize_seen is not None:
            self.ensure_viewport(wait=False)
        if self._fade_start is not None:
            self._fade_start = None
            self._dirty = True

    def fail(self, exc: Exception) -> None:
        """Show the error screen at once; if even that cannot be drawn, draw a bare message."""
        if self._failing:
            self._draw_bare_error(exc)
            return
        self._failing = True
        self.controller.show_error(exc)
        try:
            self.sync()
            self.draw()
            self.present()
            self._dirty = False
        except Exception as again:  # the error screen itself is broken
            self._draw_bare_error(again)

    # -- keeping the page in step with the controller ----------------------------------------------

    def ensure_viewport(self, wait: bool = True) -> None:
        """Follow the window's size: a new scale means new fonts and a new layout (nothing is stretched).

        While the size keeps changing (a drag), wait: present() shows the last picture scaled until then.
        """
        display = pygame.display.get_surface() or self.display
        size = display.get_size()
        self.display = display
        if size == self.viewport.window:
            self._resize_seen = None
            return
        now = time.perf_counter()
        if self._resize_seen is None or self._resize_seen[0] != size:
            self._resize_seen = (size, now)
        if wait and self.page is not None and now - self._resize_seen[1] < RESIZE_SETTLE:
            self._dirty = True
            return
        self._resize_seen = None
        old_size = self.surface.get_size()
        self.viewport = fit(size)
        self.surface = pygame.Surface(self.viewport.rect.size)
        self._dirty = True
        if self.viewport.metrics == self.metrics:
            return
        self.metrics = self.viewport.metrics
        self.fonts = FontBook(self.settings, self.metrics)
        self.cache.set_fonts(self.fonts)
        self._background = self._veil = None
        if self._backdrop is not None and self._backdrop.get_size() == old_size:
            # Only the dimmed backdrop of a popup card is ever resampled: it is a picture of the past.
            self._backdrop = pygame.transform.smoothscale(self._backdrop, self.surface.get_size())
        self._revision = -1  # lay the page out again at the new scale

    def sync(self) -> None:
        self.ensure_viewport()
        c = self.controller
        if c.settings != self.settings:
            self.settings = c.settings
            self.fonts = FontBook(self.settings, self.metrics)
            self.cache.set_fonts(self.fonts)
            self.theme = theme_for(self.settings.high_contrast)
            self._revision = -1
        if c.revision == self._revision and self.page is not None:
            return
        self._revision = c.revision
        old = self.page
        if c.session is not self._session:
            # Another case, or a fresh start of this one: the places kept were in other pages.
            self._session = c.session
            self._scrolls.clear()
            self._focus_by_page.clear()
        if old is not None:
            for pane in old.panes:
                self._scrolls[pane.key] = pane.scroll
            if self.focus_key is not None:
                self._focus_by_page[old.key] = self.focus_key
        self.cache.begin_page()
        editing = (self.editing, self.edit_text) if self.editing is not None else None
        self.page = page = compose(c, self.cache, self.theme, editing)
        if page.card is not None and (old is None or old.card is None):
            # Keep what was on screen, dimmed, as the backdrop of the popup card.
            self._backdrop = self.surface.copy()
            shade = pygame.Surface(self.surface.get_size())
            shade.set_alpha(150)
            self._backdrop.blit(shade, (0, 0))
        returning = bool(page.panes) and page.panes[-1].key in self._scrolls
        for pane in page.panes:
            if pane.key in self._scrolls:
                pane.scroll = self._scrolls[pane.key]
                pane.clamp()
        self.focus_list = page.focusables(c.actions())
        keys = [w.action.key for w, _ in self.focus_list if w.action is not None]
        if old is None or old.key != page.key:
            remembered = self._focus_by_page.get(page.key)
            self.focus_key = remembered if remembered in keys else self._first_focus()
            if not returning and not self.settings.reduced_motion and old is not None:
                self._fade_start = time.perf_counter()
        elif self.focus_key not in keys:
            self.focus_key = self._first_focus()
        self.hover = Target()
        self._dirty = True

    def _first_focus(self) -> str | None:
        """Where the focus starts on a new page: on the open item of a list (the casebook's document), or
        on the first button."""
        actions = [w.action for w, _ in self.focus_list if w.action is not None]
        for action in actions:
            if action.selected and action.group in ("evidence", "term"):
                return action.key
        return actions[0].key if actions else None

    # -- input -------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        kind = event.type
        if kind == pygame.QUIT:
            self.running = False
        elif kind == pygame.KEYDOWN:
            self._swallow = ""  # only the text input of the key that opened the box is dropped
            if self.editing is not None:
                self.on_edit_key(event)
            else:
                self.on_key(event)
        elif kind == pygame.TEXTINPUT and self.editing is not None:
            swallow, self._swallow = self._swallow, ""
            if swallow and event.text.lower() == swallow:
                return  # the shortcut's own letter, not the first letter of the words
            self.edit_text = (self.edit_text + event.text)[:text_limit(self.editing)]
            self._relayout()
        elif kind == pygame.MOUSEMOTION and not getattr(event, "touch", False):
            self.mouse_pos = self.picture_pos(event.pos)
            self.set_hover(self.target_at(self.mouse_pos))
        elif kind == pygame.MOUSEBUTTONDOWN and event.button == 1 and not getattr(event, "touch", False):
            if self.editing is not None:
                self.stop_editing(keep=True)  # clicking elsewhere keeps what was typed
            self.keyboard_mode = False
            self.mouse_pos = self.picture_pos(event.pos)
            self.press_at(self.mouse_pos)
        elif kind == pygame.MOUSEBUTTONUP and event.button == 1 and not getattr(event, "touch", False):
            self.release_at(self.picture_pos(event.pos))
        elif kind == pygame.MOUSEWHEEL:
            # The wheel scrolls the pane under the pointer, as last reported by a motion or click event.
            self.scroll_pane_at(self.mouse_pos, -event.y * SCROLL_STEP)
        elif kind in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            self.on_finger(event)
        elif kind in REDRAW_EVENTS:
            self._dirty = True

    def picture_pos(self, pos: tuple[float, float]) -> tuple[float, float]:
        """A window position in the picture's pixels (what the layout is measured in)."""
        self.ensure_viewport()
        return self.viewport.to_picture(pos)

    def press_at(self, pos: tuple[float, float]) -> None:
        self.pressed = self.target_at(pos)
        card = self.page.card if self.page is not None else None
        self._down_outside_card = card is not None and self.pressed.key is None and not card.collidepoint(pos)
        self._dirty = True

    def release_at(self, pos: tuple[float, float]) -> None:
        """A click or tap ends: it presses what it began on; begun and ended outside a card, it closes it."""
        target = self.target_at(pos)
        card = self.page.card if self.page is not None else None
        if target.key is not None and target.key == self.pressed.key:
            self.activate(target)
        elif (self._down_outside_card and card is not None and target.key is None
              and not card.collidepoint(pos)):
            self.after_action(self.controller.back())
        self.pressed = Target()
        self._down_outside_card = False
        self._dirty = True

    def on_key(self, event: pygame.event.Event) -> None:
        key, c = event.key, self.controller
        self.sync()
        if key == pygame.K_F11:
            self._dirty |= toggle_fullscreen()
            return
        first_key = not self.keyboard_mode
        if first_key:
            self.keyboard_mode = True
            self._dirty = True
        focused = self.focused()
        if first_key and focused is not None and key in (pygame.K_TAB, *ARROW_KEYS):
            # The first move only shows the ring where the focus already is (the first button). Tab
            # brings it into view; arrows keep scrolling through the prose above it first.
            widget, pane = focused
            if pane is None or pane.visible(widget):
                return
            if key == pygame.K_TAB:
                pane.reveal(widget)
                return
        if key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.arrow(1)
        elif key in (pygame.K_UP, pygame.K_LEFT):
            self.arrow(-1)
        elif key in ACTIVATE_KEYS:
            focused = self.focused()
            if focused is not None:
                self.activate(Target(focused[0]))
        elif key in BACK_KEYS:
            self.after_action(c.back())
        elif key in NUMBER_KEYS:
            for action in c.actions():
                if action.shortcut == NUMBER_KEYS[key]:
                    self.after_action(self.perform(action.key))
                    break
        elif key in LETTER_ACTIONS:
            name = LETTER_ACTIONS[key]
            writable = next((a for a in c.actions() if a.key == name and a.kind == "text"), None)
            if writable is not None:
                # A letter for a box to write in (N, the note) opens the box; the letter itself, which
                # arrives next as text input, is not the first character of the note.
                self.focus_key = name
                self._swallow = pygame.key.name(key)
                self.start_editing(name, writable.value)
            else:
                self.after_action(self.perform(name))
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_HOME, pygame.K_END):
            pane = self.reading_pane()
            if pane is not None:
                page_step = pane.rect.height - self.metrics.px(SCROLL_STEP)
                dy = {pygame.K_PAGEDOWN: page_step, pygame.K_PAGEUP: -page_step,
                      pygame.K_HOME: -pane.content_h, pygame.K_END: pane.content_h}[key]
                self._dirty |= pane.scroll_by(dy)

    def focused(self) -> tuple[Widget, Pane | None] | None:
        for widget, pane in self.focus_list:
            if widget.action is not None and widget.action.key == self.focus_key:
                return widget, pane
        return None

    def move_focus(self, delta: int) -> None:
        if not self.focus_list:
            return
        keys = [w.action.key for w, _ in self.focus_list if w.action is not None]
        index = keys.index(self.focus_key) if self.focus_key in keys else (-1 if delta > 0 else 0)
        self.focus_key = keys[(index + delta) % len(keys)]
        widget, pane = self.focus_list[(index + delta) % len(keys)]
        if pane is not None:
            pane.reveal(widget)
        self._dirty = True

    def arrow(self, delta: int) -> None:
        """Arrows move the focus, but first scroll through prose between here and the next button."""
        current = self.focused()
        step = delta * self.metrics.px(SCROLL_STEP) * 2
        pane = current[1] if current else self.reading_pane()
        if pane is not None and current is not None and current[1] is pane:
            widgets = [w for w, p in self.focus_list if p is pane]
            index = widgets.index(current[0])
            target = widgets[index + delta] if 0 <= index + delta < len(widgets) else None
            if target is not None and not pane.visible(target):
                lies_ahead = target.y > pane.scroll if delta > 0 else target.y < pane.scroll
                if lies_ahead and pane.scroll_by(step):
                    self._dirty = True
                    if not pane.visible(target):
                        return
        elif pane is not None and current is None and pane.scroll_by(step):
            self._dirty = True
            return
        self.move_focus(delta)
        self.preview()

    def preview(self) -> None:
        """In a list of documents the arrow keys open the one they reach; the focus stays on the list."""
        focused = self.focused()
        if focused is None or self.controller.screen not in PREVIEW_SCREENS:
            return
        action = focused[0].action
        if action is not None and action.group == "evidence" and not action.selected:
            self.after_action(self.perform(action.key))

    def reading_pane(self) -> Pane | None:
        """The pane that PgUp/PgDn scroll: the one with the document in it (the last one)."""
        return self.page.panes[-1] if self.page and self.page.panes else None

    def on_finger(self, event: pygame.event.Event) -> None:
        self.ensure_viewport()
        pos = self.viewport.finger(event.x, event.y)
        if event.type == pygame.FINGERDOWN:
            self.keyboard_mode = False
            self.press_at(pos)
            self.fingers[event.finger_id] = (pos, self.pressed, False)
        elif event.type == pygame.FINGERMOTION and event.finger_id in self.fingers:
            start, target, moved = self.fingers[event.finger_id]
            dy = event.dy * self.viewport.window[1]  # the picture has the window's pixels
            if moved or abs(pos[1] - start[1]) > self.metrics.px(TAP_SLOP):
                self.fingers[event.finger_id] = (start, target, True)
                self.pressed = Target()
                self._down_outside_card = False
                self.scroll_pane_at(start, -round(dy))
        elif event.type == pygame.FINGERUP and event.finger_id in self.fingers:
            _, target, moved = self.fingers.pop(event.finger_id)
            if moved:
                self.pressed = Target()
            else:
                self.pressed = target
                self.release_at(pos)
            self._dirty = True

    def scroll_pane_at(self, pos: tuple[float, float], dy: int) -> None:
        if self.page is None:
            return
        for pane in self.page.panes:
            if pane.rect.collidepoint(pos):
                self._dirty |= pane.scroll_by(dy)
                return
        pane = self.reading_pane()
        if pane is not None:
            self._dirty |= pane.scroll_by(dy)

    def set_hover(self, target: Target) -> None:
        if target.key != self.hover.key:
            self.hover = target
            self._dirty = True

    def target_at(self, pos: tuple[float, float]) -> Target:
        """What a click here would press. The header strip comes first, and a pane's content counts only
        where it is visible: a card scrolled up under the strip is hidden there, and must not take the click
        meant for a tab above it."""
        self.sync()
        page = self.page
        if page is None:
            return Target()
        for widget, pane in self.focus_list:
            if pane is None and page.rect_of(widget, None).collidepoint(pos):
                return Target(widget)
        for pane in page.panes:
            if not pane.rect.collidepoint(pos):
                continue
            for widget, holder in self.focus_list:
                if holder is pane and pane.widget_rect(widget).collidepoint(pos):
                    return Target(widget)
            for widget in pane.widgets:
                origin = pane.widget_rect(widget)
                for link in widget.links():
                    if link.rect.move(origin.topleft).collidepoint(pos):
                        return Target(term_id=link.term_id)
        return Target()

    def activate(self, target: Target) -> None:
        key = target.key
        if key is None:
            return
        if target.widget is not None:
            self.focus_key = key
        action = next((a for a in self.controller.actions() if a.key == key), None)
        if action is not None and action.kind == "text":
            self.start_editing(action.key, action.value)
            return
        done = self.perform(key)
        if done:
            self.sounds.play("stamp" if key == "file" else "click", self.settings.sound)
        self.after_action(done)

    # -- typing into a text action (the reasoning, a name for the hand-in) --------------------------

    def start_editing(self, key: str, value: str) -> None:
        self.editing, self.edit_text = key, value
        pygame.key.start_text_input()
        self._relayout()

    def stop_editing(self, keep: bool) -> None:
        key, text = self.editing, self.edit_text
        self.editing, self.edit_text = None, ""
        pygame.key.stop_text_input()
        if keep and key is not None:
            self.after_action(self.perform(f"{key}:{text}"))
        self._relayout()

    def on_edit_key(self, event: pygame.event.Event) -> None:
        """While typing, keys edit the text: no shortcut fires, Enter keeps the words, Esc drops them."""
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_TAB):
            self.stop_editing(keep=True)
        elif event.key == pygame.K_ESCAPE:
            self.stop_editing(keep=False)
        elif event.key == pygame.K_BACKSPACE:
            self.edit_text = self.edit_text[:-1]
            self._relayout()

    def _relayout(self) -> None:
        self._revision = -1  # the page shows the words typed: compose it again
        self._dirty = True

    def perform(self, key: str) -> bool:
        """Every action from a key, a click or a tap goes through here to the controller."""
        return self.controller.perform(key)

    def after_action(self, done: bool) -> None:
        if done:
            self._dirty = True

    # -- drawing -----------------------------------------------------------------------------------

    def draw(self) -> None:
        self.sync()
        assert self.page is not None
        surface, theme, page, m = self.surface, self.theme, self.page, self.metrics
        if page.card is not None and self._backdrop is not None:
            surface.blit(self._backdrop, (0, 0))
            pygame.draw.rect(surface, theme.folder, (0, 0, m.size[0], m.header_h))
            pygame.draw.rect(surface, theme.paper, page.card, border_radius=m.thin(6))
            pygame.draw.rect(surface, theme.stamp, page.card, m.thin(3), border_radius=m.thin(6))
        else:
            surface.blit(self.background(), (0, 0))
        self.draw_header(page)
        states: dict[int, State] = {}
        focused = self.focused()
        if focused is not None and self.keyboard_mode:
            states[id(focused[0])] = State(focused=True)
        for target, attr in ((self.hover, "hovered"), (self.pressed, "pressed")):
            if target.widget is not None:
                state = states.setdefault(id(target.widget), State())
                setattr(state, attr, True)
        for widget in page.header:
            widget.draw(surface, page.header_x[id(widget)], (m.header_h - widget.height) // 2,
                        states.get(id(widget), State()))
        for pane in page.panes:
            pane.draw(surface, theme, states)
        if self._fade_start is not None:
            progress = min(1.0, (time.perf_counter() - self._fade_start) / FADE_SECONDS)
            veil = self.veil()
            veil.set_alpha(round(220 * (1 - progress)))
            surface.blit(veil, m.sheet.topleft)
        self.draws += 1

    def present(self) -> None:
        """Copy the picture into the window, the bars beside it in the folder's colour, and show it."""
        display = pygame.display.get_surface()
        if display is None:
            return
        viewport = self.viewport
        if display.get_size() != viewport.window:  # resized, and waiting for the drag to rest
            viewport = fit(display.get_size())
            picture = pygame.transform.smoothscale(self.surface, viewport.rect.size)
        else:
            picture = self.surface
        for bar in viewport.margins():
            display.fill(self.theme.folder, bar)
        display.blit(picture, viewport.rect.topleft)
        pygame.display.flip()

    def draw_header(self, page: Page) -> None:
        theme, m = self.theme, self.metrics
        limit = min(page.header_x.values(), default=m.size[0] - m.px(16)) - m.px(24)
        title = self.cache.plain(page.title_shown, "header", 10_000, theme.folder_ink, theme.folder).surface
        self.surface.blit(title, (m.px(24), (m.header_h - title.get_height()) // 2),
                          area=pygame.Rect(0, 0, max(0, limit - m.px(24)), title.get_height()))
        # A disabled tab says why just under the strip, on the sheet's top margin above the content.
        sheet = m.sheet
        for widget, reason in page.header_notes():
            note = self.cache.plain(reason, "header_note", 10_000, theme.muted, theme.paper).surface
            right = min(page.header_x[id(widget)] + widget.width, sheet.right - m.px(8))
            x = max(sheet.x + m.px(24), right - note.get_width())
            self.surface.blit(note, (x, sheet.y + m.px(1)),
                              area=pygame.Rect(0, 0, sheet.right - m.px(8) - x, note.get_height()))

    def background(self) -> pygame.Surface:
        """The folder and the sheet, drawn once per theme and size: fibres and a shadow, from a fixed seed."""
        m = self.metrics
        look = (self.theme.name, m.size)
        if self._background is not None and self._background[0] == look:
            return self._background[1]
        theme, sheet = self.theme, m.sheet
        surface = pygame.Surface(m.size)
        surface.fill(theme.folder)
        if theme.name == "paper":
            rng = random.Random(1934)
            darker = tuple(max(0, c - 14) for c in theme.folder)
            for _ in range(260):
                x, y = rng.randrange(1280), rng.randrange(720)
                end = (x + rng.randrange(4, 18), y + rng.randrange(-2, 3))
                pygame.draw.line(surface, darker, (m.px(x), m.px(y)), (m.px(end[0]), m.px(end[1])), m.thin(1))
            shadow = pygame.Surface(sheet.size, pygame.SRCALPHA)
            shadow.fill((40, 30, 10, 70))
            surface.blit(shadow, sheet.move(m.px(5), m.px(6)).topleft)
        pygame.draw.rect(surface, theme.paper, sheet)
        pygame.draw.rect(surface, theme.rule, sheet, m.thin(1))
        # The red margin line of a ruled case-file sheet.
        margin_x = sheet.x + m.px(14)
        pygame.draw.line(surface, theme.stamp, (margin_x, sheet.y), (margin_x, sheet.bottom - 1), m.thin(1))
        self._background = (look, surface)
        return surface

    def veil(self) -> pygame.Surface:
        """The paper veil of the fade-in, made once per theme: only its alpha changes from frame to frame."""
        look = (self.theme.name, self.metrics.size)
        if self._veil is None or self._veil[0] != look:
            veil = pygame.Surface(self.metrics.sheet.size)
            veil.fill(self.theme.paper)
            self._veil = (look, veil)
        return self._veil[1]

    def _draw_bare_error(self, exc: Exception) -> None:
        try:
            m = self.metrics
            font = pygame.font.Font(None, m.px(28))
            self.surface.fill((255, 255, 255))
            lines = ["Something went wrong, and the error screen failed too.",
                     f"{type(exc).__name__}: {exc}"[:100], "Press Esc to go back to the case files."]
            for n, line in enumerate(lines):
                self.surface.blit(font.render(line, True, (0, 0, 0)), (m.px(40), m.px(40 + 40 * n)))
            self.present()
        except pygame.error:
            pass  # nothing more can be shown; Esc still reaches the controller


def toggle_fullscreen() -> bool:
    """F11: the whole screen at the desktop's resolution (the page scales to it), or back to the window.

    False where the platform has no such thing (a browser tab has its own full-screen key).
    """
    if sys.platform == "emscripten":
        return False
    try:
        with warnings.catch_warnings():
            # pygame-ce nudges towards its Window API for drawing; here the window is only resized.
            warnings.simplefilter("ignore", DeprecationWarning)
            window = pygame.Window.from_display_module()
        if pygame.display.is_fullscreen():
            window.set_windowed()
        else:
            window.set_fullscreen(desktop=True)
        return True
    except (pygame.error, AttributeError):
        try:
            pygame.display.toggle_fullscreen()
            return True
        except pygame.error:
            return False
