"""The HTML edition with a case that borrows evidence and waits for three others: its card in the page layer
is an aria-disabled button that says why and opens nothing; a build made with `--unlock` opens it, and its
borrowed evidence shows what the player concluded in the case it comes from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.webbuild import harness
from game.webbuild.build import build_html_edition
from tests.support import CAPSTONE_FIXTURE
from tests.support.browser import Game, open_game, unavailable

pytestmark = pytest.mark.browser

KEY = "case:mini_capstone"
REASON = "Opens after you finish any three cases — finished so far: 0."


def built_site(tmp_path_factory: pytest.TempPathFactory, unlock: bool) -> Path:
    try:
        harness.chromium_path()
        harness.ensure_node_packages()
    except harness.Unavailable as exc:
        unavailable(str(exc))
        raise
    teacher = tmp_path_factory.mktemp("capstone-teacher")
    (teacher / CAPSTONE_FIXTURE.name).write_bytes(CAPSTONE_FIXTURE.read_bytes())
    folder = tmp_path_factory.mktemp("capstone-html") / "html"
    build_html_edition(folder, extra_scenarios=teacher, unlock=unlock)
    return folder


@pytest.fixture(scope="module", params=[False, True], ids=["locked", "unlocked"])
def capstone_game(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                  browser: Any) -> Iterator[tuple[Game, bool]]:
    folder = built_site(tmp_path_factory, request.param)
    with harness.serve(folder) as url:
        game = open_game(browser, url)
        yield game, request.param
        assert game.refused == [] and game.errors == []
        game.page.context.close()


def test_the_capstone_card_is_locked_or_opens_as_the_build_says(capstone_game: tuple[Game, bool]) -> None:
    game, unlocked = capstone_game
    if "cases" in game.offered():
        game.click("cases")
    button = game.page.locator(f'[data-action="{KEY}"]')
    if not unlocked:
        assert button.get_attribute("aria-disabled") == "true"
        reason_id = (button.get_attribute("aria-describedby") or "").split()[0]
        assert game.page.locator(f"#{reason_id}").inner_text() == REASON
        game.tab_to(KEY)  # still in the Tab order, so the reason is heard
        game.page.keyboard.press("Enter")
        button.click(force=True)  # a pointer's click too (playwright would wait for it to be enabled)
        assert game.python("verdict_page.controller.screen.value") == "cases"
        return
    assert button.get_attribute("aria-disabled") is None
    button.click()
    game.click("begin")
    game.click("choose:0")
    game.click("casebook")
    game.click("evidence:diary")
    text = game.screen_text()
    assert "This document comes from The Shot in the Corridor." in text
    assert "You have not played The Shot in the Corridor yet." in text
