"""The window: turns pygame events into controller actions and draws the current page when it changed.

`WindowApp.frame()` is one turn of the main loop and never blocks; the loop in game/window/loop.py awaits
between frames, which is what pygbag needs to keep a browser tab alive.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import pygame

from game.app.actions import LETTERS
from game.app.controller import Controller
from game.window.fonts import FontBook
from game.window.page import HEADER_H, LOGICAL_SIZE, SHEET, Page, Pane, compose
from game.window.sound import Sounds
from game.window.text import TextCache
from game.window.theme import Theme, theme_for
from game.window.widgets import State, Widget

IDLE_SLEEP = 1 / 30  # seconds between event polls when nothing moves: cheap, and still feels immediate
FADE_SECONDS = 0.25
SCROLL_STEP = 60
TAP_SLOP = 12  # a finger that moves further than this is scrolling, not tapping

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
    getattr(pygame, name) for name in ("VIDEOEXPOSE", "WINDOWEXPOSED", "WINDOWSIZECHANGED", "WINDOWRESTORED",
                                       "WINDOWSHOWN", "WINDOWFOCUSGAINED") if hasattr(pygame, name)
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
    def __init__(self, controller: Controller, surface: pygame.Surface):
        self.controller = controller
        self.surface = surface  # the logical 1280x720 surface (SDL scales it to the window on desktop)
        self.settings = controller.settings
        self.fonts = FontBook(self.settings)
        self.cache = TextCache(self.fonts)
        self.theme: Theme = theme_for(self.settings.high_contrast)
        self.sounds = Sounds()
        self.page: Page | None = None
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

    # -- one turn of the loop ----------------------------------------------------------------------

    def frame(self) -> float:
        """Handle pending events, draw if anything changed; returns how long the loop may sleep."""
        self.frames += 1
        try:
            for event in pygame.event.get():
                self.handle(event)
            if self.controller.quit_requested:
                self.running = False
            self.sync()
            if self._dirty or self.animating:
                self.draw()
                pygame.display.flip()
                self._dirty = False
            elif not self.controller.catalog_loaded:
                # Parse the case files once the title is on screen, not before it.
                _ = self.controller.catalog
            self._failing = False
        except Exception as exc:  # any screen's bug: show the error screen; the autosave kept the progress
            self.fail(exc)
        return 0.0 if self.animating else IDLE_SLEEP

    @property
    def animating(self) -> bool:
        if self._fade_start is None:
            return False
        if time.perf_counter() - self._fade_start >= FADE_SECONDS:
            self._fade_start = None
            self._dirty = True  # one last frame without the veil
            return False
        return True

    def skip_animation(self) -> None:
        """Jump to the end of any fade (screenshots, tests)."""
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
            pygame.display.flip()
            self._dirty = False
        except Exception as again:  # the error screen itself is broken
            self._draw_bare_error(again)

    # -- keeping the page in step with the controller ----------------------------------------------

    def sync(self) -> None:
        c = self.controller
        if c.settings != self.settings:
            self.settings = c.settings
            self.fonts = FontBook(self.settings)
            self.cache.set_fonts(self.fonts)
            self.theme = theme_for(self.settings.high_contrast)
            self._revision = -1
        if c.revision == self._revision and self.page is not None:
            return
        self._revision = c.revision
        old = self.page
        scrolls = {pane.key: pane.scroll for pane in old.panes} if old else {}
        self.cache.begin_page()
        self.page = compose(c, self.cache, self.theme)
        if self.page.card is not None and (old is None or old.card is None):
            # Keep what was on screen, dimmed, as the backdrop of the popup card.
            self._backdrop = self.surface.copy()
            shade = pygame.Surface(LOGICAL_SIZE)
            shade.set_alpha(150)
            self._backdrop.blit(shade, (0, 0))
        new_content = False
        for pane in self.page.panes:
            if pane.key in scrolls:
                pane.scroll = scrolls[pane.key]
                pane.clamp()
            else:
                new_content = True
        self.focus_list = self.page.focusables(c.actions())
        keys = [w.action.key for w, _ in self.focus_list if w.action is not None]
        if new_content or self.focus_key not in keys:
            self.focus_key = keys[0] if keys else None
            if new_content and not self.settings.reduced_motion and old is not None:
                self._fade_start = time.perf_counter()
        self.hover = Target()
        self._dirty = True

    # -- input -------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        kind = event.type
        if kind == pygame.QUIT:
            self.running = False
        elif kind == pygame.KEYDOWN:
            self.on_key(event)
        elif kind == pygame.MOUSEMOTION and not getattr(event, "touch", False):
            self.mouse_pos = event.pos
            self.set_hover(self.target_at(event.pos))
        elif kind == pygame.MOUSEBUTTONDOWN and event.button == 1 and not getattr(event, "touch", False):
            self.keyboard_mode = False
            self.mouse_pos = event.pos
            self.pressed = self.target_at(event.pos)
            self._dirty = True
        elif kind == pygame.MOUSEBUTTONUP and event.button == 1 and not getattr(event, "touch", False):
            target = self.target_at(event.pos)
            if target.key is not None and target.key == self.pressed.key:
                self.activate(target)
            self.pressed = Target()
            self._dirty = True
        elif kind == pygame.MOUSEWHEEL:
            # The wheel scrolls the pane under the pointer, as last reported by a motion or click event.
            self.scroll_pane_at(self.mouse_pos, -event.y * SCROLL_STEP)
        elif kind in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            self.on_finger(event)
        elif kind in REDRAW_EVENTS:
            self._dirty = True

    def on_key(self, event: pygame.event.Event) -> None:
        key, c = event.key, self.controller
        self.sync()
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
                    self.after_action(c.perform(action.key))
                    break
        elif key in LETTER_ACTIONS:
            self.after_action(c.perform(LETTER_ACTIONS[key]))
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_HOME, pygame.K_END):
            pane = self.reading_pane()
            if pane is not None:
                page_step = pane.rect.height - 60
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
        pane = current[1] if current else self.reading_pane()
        if pane is not None and current is not None and current[1] is pane:
            widgets = [w for w, p in self.focus_list if p is pane]
            index = widgets.index(current[0])
            target = widgets[index + delta] if 0 <= index + delta < len(widgets) else None
            if target is not None and not pane.visible(target):
                lies_ahead = target.y > pane.scroll if delta > 0 else target.y < pane.scroll
                if lies_ahead and pane.scroll_by(delta * SCROLL_STEP * 2):
                    self._dirty = True
                    if not pane.visible(target):
                        return
        elif pane is not None and current is None and pane.scroll_by(delta * SCROLL_STEP * 2):
            self._dirty = True
            return
        self.move_focus(delta)

    def reading_pane(self) -> Pane | None:
        """The pane that PgUp/PgDn scroll: the one with the document in it (the last one)."""
        return self.page.panes[-1] if self.page and self.page.panes else None

    def on_finger(self, event: pygame.event.Event) -> None:
        pos = finger_to_logical(event.x, event.y)
        if event.type == pygame.FINGERDOWN:
            self.keyboard_mode = False
            self.fingers[event.finger_id] = (pos, self.target_at(pos), False)
            self.pressed = self.fingers[event.finger_id][1]
            self._dirty = True
        elif event.type == pygame.FINGERMOTION and event.finger_id in self.fingers:
            start, target, moved = self.fingers[event.finger_id]
            dy = event.dy * pygame.display.get_window_size()[1] / window_scale()
            if moved or abs(pos[1] - start[1]) > TAP_SLOP:
                self.fingers[event.finger_id] = (start, target, True)
                self.pressed = Target()
                self.scroll_pane_at(start, -round(dy))
        elif event.type == pygame.FINGERUP and event.finger_id in self.fingers:
            _, target, moved = self.fingers.pop(event.finger_id)
            if not moved and target.key is not None and target.key == self.target_at(pos).key:
                self.activate(target)
            self.pressed = Target()
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
        self.sync()
        page = self.page
        if page is None:
            return Target()
        for widget, pane in self.focus_list:
            if page.rect_of(widget, pane).collidepoint(pos):
                return Target(widget)
        for pane in page.panes:
            if not pane.rect.collidepoint(pos):
                continue
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
        done = self.controller.perform(key)
        if done:
            self.sounds.play("stamp" if key == "confirm" else "click", self.settings.sound)
        self.after_action(done)

    def after_action(self, done: bool) -> None:
        if done:
            self._dirty = True

    # -- drawing -----------------------------------------------------------------------------------

    def draw(self) -> None:
        self.sync()
        assert self.page is not None
        surface, theme, page = self.surface, self.theme, self.page
        if page.card is not None and self._backdrop is not None:
            surface.blit(self._backdrop, (0, 0))
            pygame.draw.rect(surface, theme.folder, (0, 0, LOGICAL_SIZE[0], HEADER_H))
            pygame.draw.rect(surface, theme.paper, page.card, border_radius=6)
            pygame.draw.rect(surface, theme.stamp, page.card, 3, border_radius=6)
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
            widget.draw(surface, page.header_x[id(widget)], (HEADER_H - widget.height) // 2,
                        states.get(id(widget), State()))
        for pane in page.panes:
            pane.draw(surface, theme, states)
        if self._fade_start is not None:
            progress = min(1.0, (time.perf_counter() - self._fade_start) / FADE_SECONDS)
            veil = self.veil()
            veil.set_alpha(round(220 * (1 - progress)))
            surface.blit(veil, SHEET.topleft)
        self.draws += 1

    def draw_header(self, page: Page) -> None:
        theme = self.theme
        limit = min(page.header_x.values(), default=LOGICAL_SIZE[0] - 16) - 24
        title = self.cache.plain(page.title, "header", 10_000, theme.folder_ink, theme.folder).surface
        self.surface.blit(title, (24, (HEADER_H - title.get_height()) // 2),
                          area=pygame.Rect(0, 0, max(0, limit - 24), title.get_height()))

    def background(self) -> pygame.Surface:
        """The folder and the sheet, drawn once per theme: fibres and a shadow, from a fixed seed."""
        if self._background is not None and self._background[0] == self.theme.name:
            return self._background[1]
        theme = self.theme
        surface = pygame.Surface(LOGICAL_SIZE)
        surface.fill(theme.folder)
        if theme.name == "paper":
            rng = random.Random(1934)
            darker = tuple(max(0, c - 14) for c in theme.folder)
            for _ in range(260):
                x, y = rng.randrange(LOGICAL_SIZE[0]), rng.randrange(LOGICAL_SIZE[1])
                end = (x + rng.randrange(4, 18), y + rng.randrange(-2, 3))
                pygame.draw.line(surface, darker, (x, y), end)
            shadow = pygame.Surface(SHEET.size, pygame.SRCALPHA)
            shadow.fill((40, 30, 10, 70))
            surface.blit(shadow, SHEET.move(5, 6).topleft)
        pygame.draw.rect(surface, theme.paper, SHEET)
        pygame.draw.rect(surface, theme.rule, SHEET, 1)
        # The red margin line of a ruled case-file sheet.
        pygame.draw.line(surface, theme.stamp, (SHEET.x + 14, SHEET.y), (SHEET.x + 14, SHEET.bottom - 1), 1)
        self._background = (theme.name, surface)
        return surface

    def veil(self) -> pygame.Surface:
        """The paper veil of the fade-in, made once per theme: only its alpha changes from frame to frame."""
        if self._veil is None or self._veil[0] != self.theme.name:
            veil = pygame.Surface(SHEET.size)
            veil.fill(self.theme.paper)
            self._veil = (self.theme.name, veil)
        return self._veil[1]

    def _draw_bare_error(self, exc: Exception) -> None:
        try:
            font = pygame.font.Font(None, 28)
            self.surface.fill((255, 255, 255))
            lines = ["Something went wrong, and the error screen failed too.",
                     f"{type(exc).__name__}: {exc}"[:100], "Press Esc to go back to the case files."]
            for n, line in enumerate(lines):
                self.surface.blit(font.render(line, True, (0, 0, 0)), (40, 40 + 40 * n))
            pygame.display.flip()
        except pygame.error:
            pass  # nothing more can be shown; Esc still reaches the controller


def window_scale() -> float:
    width, height = pygame.display.get_window_size()
    return min(width / LOGICAL_SIZE[0], height / LOGICAL_SIZE[1]) or 1.0


def finger_to_logical(fx: float, fy: float) -> tuple[float, float]:
    """Finger positions are fractions of the window; map them through the letterbox onto 1280x720."""
    width, height = pygame.display.get_window_size()
    scale = window_scale()
    ox, oy = (width - LOGICAL_SIZE[0] * scale) / 2, (height - LOGICAL_SIZE[1] * scale) / 2
    return (fx * width - ox) / scale, (fy * height - oy) / scale
