"""Drives a WindowApp the way a player would: real pygame events posted to the queue, then one frame."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.app import build_controller
from game.app.controller import Controller
from game.app.settings import Settings
from game.app.storage import MemoryStorage, Storage
from game.window.app import WindowApp
from game.window.loop import create_app
from tests.support import SCENARIOS


@dataclass
class Driver:
    app: WindowApp

    @classmethod
    def create(cls, storage: Storage | None = None, scenarios=None,
               settings: Settings | None = None) -> Driver:
        storage = storage if storage is not None else MemoryStorage()
        if settings is not None:
            storage.write("settings", settings.to_json())
        controller = build_controller(storage, scenarios or SCENARIOS, can_quit=True)
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

    def widget_rect(self, action_key: str) -> pygame.Rect:
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
            self.post(pygame.MOUSEMOTION, pos=pane.rect.center, rel=(0, 0), buttons=(0, 0, 0), touch=False)
            self.post(pygame.MOUSEWHEEL, x=0, y=direction, flipped=False, precise_x=0.0,
                      precise_y=float(direction), touch=False)
            self.frame()
        raise AssertionError(f"could not scroll {action_key} into view")

    def click(self, pos) -> None:
        self.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
        self.frame()

    def click_action(self, action_key: str) -> None:
        self.click(self.scroll_into_view(action_key).center)

    def tap(self, pos) -> None:
        width, height = pygame.display.get_window_size()
        x, y = pos[0] / width, pos[1] / height
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
