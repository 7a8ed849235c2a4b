"""Drives a WindowApp the way a player would: real pygame events posted to the queue, then one frame.

Positions a test takes from the page (button rectangles) are in the picture's pixels; clicks and taps are
posted in the window's, through the letterbox offset, as a real pointer would be.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pygame

from game.app import build_controller
from game.app.controller import Controller
from game.app.settings import Settings
from game.app.storage import MemoryStorage, Storage
from game.window.app import HELP_ROWS, WindowApp
from game.window.loop import create_app
from tests.support import SCENARIOS


@dataclass
class Driver:
    app: WindowApp

    @classmethod
    def create(cls, storage: Storage | None = None, scenarios=None,
               settings: Settings | None = None, class_settings=None) -> Driver:
        storage = storage if storage is not None else MemoryStorage()
        if settings is not None:
            storage.write("settings", settings.to_json())
        controller = build_controller(storage, scenarios or SCENARIOS, can_quit=True, help_rows=HELP_ROWS,
                                      class_settings=class_settings)
        driver = cls(create_app(controller))
        driver.frame()
        return driver

    @property
    def c(self) -> Controller:
        return self.app.controller

    def frame(self) -> float:
        delay = self.app.frame()
        self.app.skip_animation()
        return delay

    def resize(self, size: tuple[int, int]) -> None:
        """Resize the window as a player dragging its corner would: SDL resizes it and sends the events."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().size = size
        self.frame()  # the events arrive; frame() skips the wait for the drag to rest
        self.frame()  # and the page is drawn at the new size
        assert pygame.display.get_surface().get_size() == size == self.app.viewport.window

    # -- keyboard ---------------------------------------------------------------------------------------

    def key(self, key: int, mod: int = 0) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        self.frame()

    def tab_to(self, action_key: str, limit: int = 80) -> None:
        """Press Tab until the focus ring is on the action, as a keyboard player watching the ring would."""
        for _ in range(limit):
            if self.app.focus_key == action_key and self.app.keyboard_mode:
                return
            self.key(pygame.K_TAB)
        raise AssertionError(f"Tab never reached {action_key}; focus is on {self.app.focus_key}")

    def press(self, action_key: str) -> None:
        self.tab_to(action_key)
        self.key(pygame.K_RETURN)

    # -- mouse and touch ------------------------------------------------------------------------------------

    def widget_rect(self, action_key: str) -> tuple[pygame.Rect, object]:
        self.app.sync()
        page = self.app.page
        assert page is not None
        for widget, pane in self.app.focus_list:
            if widget.action is not None and widget.action.key == action_key:
                return page.rect_of(widget, pane), pane
        raise AssertionError(f"no button for {action_key} on {self.c.screen}")

    def scroll_into_view(self, action_key: str, limit: int = 60) -> pygame.Rect:
        """Wheel the pane under the pointer until the button is fully visible."""
        for _ in range(limit):
            rect, pane = self.widget_rect(action_key)
            if pane is None or pane.rect.contains(rect) or rect.height > pane.rect.height:
                return rect
            direction = -1 if rect.bottom > pane.rect.bottom else 1
            self.post(pygame.MOUSEMOTION, pos=self.to_window(pane.rect.center), rel=(0, 0), buttons=(0, 0, 0),
                      touch=False)
            self.post(pygame.MOUSEWHEEL, x=0, y=direction, flipped=False, precise_x=0.0,
                      precise_y=float(direction), touch=False)
            self.frame()
        raise AssertionError(f"could not scroll {action_key} into view")

    def to_window(self, pos) -> tuple[int, int]:
        x, y = self.app.viewport.to_window(pos)
        return round(x), round(y)

    def click(self, pos) -> None:
        """Click at a point of the picture (as the page measures it)."""
        self.click_window(self.to_window(pos))

    def click_window(self, pos) -> None:
        """Click at a point of the window, as the pointer reports it."""
        self.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
        self.frame()

    def wheel(self, pane, notches: int) -> None:
        """Turn the mouse wheel over a pane: positive notches scroll down, towards the end."""
        self.post(pygame.MOUSEMOTION, pos=self.to_window(pane.rect.center), rel=(0, 0), buttons=(0, 0, 0),
                  touch=False)
        self.post(pygame.MOUSEWHEEL, x=0, y=-notches, flipped=False, precise_x=0.0, precise_y=float(-notches),
                  touch=False)
        self.frame()

    def click_action(self, action_key: str) -> None:
        self.click(self.scroll_into_view(action_key).center)

    def tap(self, pos) -> None:
        width, height = pygame.display.get_window_size()
        wx, wy = self.to_window(pos)
        x, y = wx / width, wy / height
        common = {"touch_id": 1, "finger_id": 7, "dx": 0.0, "dy": 0.0, "pressure": 1.0}
        self.post(pygame.FINGERDOWN, x=x, y=y, **common)
        self.post(pygame.FINGERUP, x=x, y=y, **common)
        self.frame()

    @staticmethod
    def post(kind: int, **attrs) -> None:
        pygame.event.post(pygame.event.Event(kind, **attrs))

    # -- what is on screen -----------------------------------------------------------------------------------

    def texts(self) -> list[str]:
        assert self.app.page is not None
        return self.app.page.texts()
