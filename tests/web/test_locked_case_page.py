"""The page layer's case list: a locked case is a real button, aria-disabled (so it stays in the Tab order
and is heard), with its reason beside it and tied to it by aria-describedby; `verdict web --unlock` bakes
the teacher's setting into the build, and the browser entry points read it."""

from __future__ import annotations

import re
from pathlib import Path

from game.app import build_controller
from game.app.storage import MemoryStorage
from game.web import render
from game.web.buildconfig import BuildConfig, build_config_text, read_build_config
from game.web.page import Page
from game.webbuild.build import write_build_config
from game.webbuild.prerender import StaticDom, _Element
from tests.support import CAPSTONE_FIXTURE, SCENARIOS

REASON = "Opens after you finish any three cases — finished so far: 0."


def case_list_html(unlock_all: bool) -> str:
    c = build_controller(MemoryStorage(), [SCENARIOS, CAPSTONE_FIXTURE], unlock_all=unlock_all)
    c.perform("cases")
    root = _Element("div")
    render.render_actions(StaticDom(), root, c.actions(), c.group_title,  # type: ignore[arg-type]
                          reason=Page._split_reason)
    return root.html()


def test_the_locked_case_is_an_aria_disabled_button_with_its_reason() -> None:
    html = case_list_html(unlock_all=False)
    button = re.search(r'<button[^>]*data-action="case:mini_capstone"[^>]*>', html)
    assert button, html
    tag = button.group(0)
    assert 'aria-disabled="true"' in tag and " disabled" not in tag
    ids = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()  # type: ignore[union-attr]
    assert f'<span class="verdict-reason" id="{ids[0]}">{REASON}</span>' in html
    assert "Locked" in html.split(tag)[1].split("<button")[0]


def test_with_unlock_the_button_is_enabled() -> None:
    html = case_list_html(unlock_all=True)
    tag = re.search(r'<button[^>]*data-action="case:mini_capstone"[^>]*>', html).group(0)  # type: ignore[union-attr]
    assert "aria-disabled" not in tag and REASON not in html


def test_the_build_config_is_written_only_when_asked_and_read_leniently(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "game" / "web").mkdir(parents=True)
    target = app / "game" / "web" / "build_config.json"
    target.write_text("stale", encoding="utf-8")
    write_build_config(app, unlock=False)
    assert not target.exists()
    assert read_build_config(target) == BuildConfig()  # absent: the defaults
    write_build_config(app, unlock=True)
    assert read_build_config(target) == BuildConfig(unlock_all=True)
    assert target.read_text(encoding="utf-8") == build_config_text(BuildConfig(unlock_all=True))
    for odd in ("{", "[]", '{"unlock_all": "yes"}', '{"unlock_all": 1}', "\x00"):
        target.write_text(odd, encoding="utf-8")
        assert read_build_config(target) == BuildConfig()
