"""The main loop's shape (pygbag's rules), redrawing only on change, and the error screen."""

from __future__ import annotations

import ast
import asyncio
import types
from pathlib import Path

import pytest

from tests.support.needs import require_pygame

pygame = require_pygame()  # before anything that imports pygame

from game.app.controller import Screen  # noqa: E402
from game.window import loop  # noqa: E402

pytestmark = pytest.mark.window
WINDOW_SRC = Path(loop.__file__).resolve().parent


def test_the_loop_awaits_on_every_frame(make_driver, monkeypatch):
    d = make_driver()
    app = d.app
    events = []
    real_frame = app.frame

    def frame():
        events.append("frame")
        if len([e for e in events if e == "frame"]) == 25:
            pygame.event.post(pygame.event.Event(pygame.QUIT))
        return real_frame()

    @types.coroutine
    def hand_back():
        yield "next frame"  # what pygbag's loop does: suspend the task until the browser's next frame

    async def counting_sleep(delay, result=None):
        events.append("await")
        await hand_back()

    monkeypatch.setattr(app, "frame", frame)
    monkeypatch.setattr(asyncio, "sleep", counting_sleep)
    # Drive the coroutine by hand, as a minimal event loop would (and as no other loop is needed for):
    # each send() runs until the loop hands control back.
    task = loop.main(app)
    suspensions = 0
    with pytest.raises(StopIteration):
        while True:
            task.send(None)
            suspensions += 1
    frames = events.count("frame")
    assert frames == 25
    assert suspensions == frames
    # Every frame is followed by an await before the next one: the browser gets control back each time.
    assert events == ["frame", "await"] * frames


def test_main_py_is_pygbag_shaped():
    source = (WINDOW_SRC.parents[1] / "main.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert any(isinstance(n, ast.Import) and n.names[0].name == "asyncio" for n in tree.body)
    last = tree.body[-1]
    assert isinstance(last, ast.Expr) and ast.unparse(last) == "asyncio.run(main())"


def test_no_blocking_calls_in_the_window_code():
    """time.sleep, event.wait, Clock.tick and threads all freeze a browser tab under pygbag."""
    banned_calls = {"time.sleep", "pygame.event.wait", "pygame.time.wait", "pygame.time.delay"}
    for path in [*WINDOW_SRC.glob("*.py"), WINDOW_SRC.parents[1] / "main.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = ast.unparse(node.func)
                assert name not in banned_calls, f"{path.name}:{node.lineno} calls {name}"
                assert node.func.attr != "tick", f"{path.name}:{node.lineno} calls {name}"
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not any(n.split(".")[0] in ("threading", "_thread") for n in names), path.name


def test_idle_frames_draw_nothing_and_ask_for_a_long_sleep(make_driver):
    d = make_driver()
    d.frame()
    draws, renders = d.app.draws, d.app.cache.renders
    delays = [d.frame() for _ in range(20)]
    assert d.app.draws == draws
    assert d.app.cache.renders == renders
    assert min(delays) > 0
    d.key(pygame.K_TAB)  # a change: one more draw
    assert d.app.draws == draws + 1
    assert d.app.cache.renders == renders  # the focus ring moved; every text was already rendered


def test_a_new_scene_fades_in_unless_motion_is_reduced(make_driver, monkeypatch):
    from game.app.settings import Settings
    from game.window import app as window_app

    # The window's clock stands still: the fade cannot end between two lines of the test, however slow.
    monkeypatch.setattr(window_app, "time", types.SimpleNamespace(perf_counter=lambda: 1000.0))

    def open_first_scene(settings=None):
        """The app, and the delay asked for by the frame that opened the scene (no fade skipped)."""
        d = make_driver(settings=settings)
        for key in ("cases", "case:tutorial"):
            d.press(key)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="",
                                             scancode=0))
        delay = d.app.frame()
        assert d.c.screen is Screen.SCENE
        return delay, d.app

    delay, app = open_first_scene()
    assert app._fade_start is not None and app.animating
    assert delay == 0.0  # animating frames do not sleep
    draws = app.draws
    app.frame()
    assert app.draws == draws + 1  # and every one of them draws
    delay, calm = open_first_scene(Settings(reduced_motion=True))
    assert calm._fade_start is None
    assert delay > 0


def test_an_error_in_a_screen_shows_the_error_screen_and_the_way_back(make_driver, monkeypatch):
    d = make_driver()
    for key in ("cases", "case:tutorial", "begin"):
        d.press(key)
    d.key(pygame.K_1)
    scene = d.c.view.scene_id
    import game.window.app as window_app

    real_compose = window_app.compose
    broken = {"on": True}

    def compose(controller, *args):
        if broken["on"] and controller.screen is Screen.CASEBOOK:
            raise RuntimeError("the casebook fell off the desk")
        return real_compose(controller, *args)

    monkeypatch.setattr(window_app, "compose", compose)
    d.key(pygame.K_c)
    assert d.c.screen is Screen.ERROR
    assert any("the casebook fell off the desk" in t for t in d.texts())
    d.press("menu")
    assert d.c.screen is Screen.CASES
    broken["on"] = False
    d.press("case:tutorial")
    d.press("begin")
    assert d.c.view.scene_id == scene
