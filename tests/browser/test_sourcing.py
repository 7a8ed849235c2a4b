"""Sourcing practice in the HTML edition (real headless Chromium): a web build of a teacher's folder whose
class.toml sets sourcing = "student". The grade is not in the page until the student judges the document,
by keyboard alone; then both grades are."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from game.webbuild import harness
from tests.support.browser import Game, open_game, unavailable

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def class_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    teacher = tmp_path_factory.mktemp("teacher")
    (teacher / "class.toml").write_text('[class]\ncode = "7B"\nsourcing = "student"\n', encoding="utf-8")
    try:
        harness.chromium_path()
        folder = harness.html_site(tmp_path_factory.mktemp("html") / "html", teacher)
    except harness.Unavailable as exc:
        unavailable(str(exc))
        raise
    with harness.serve(folder) as url:
        yield url


@pytest.fixture(scope="module")
def game(browser: Any, class_site: str) -> Iterator[Game]:
    g = open_game(browser, class_site)
    yield g
    assert g.refused == [] and g.dialogs == []
    g.page.context.close()


def press(game: Game, key: str) -> None:
    game.tab_to(key)
    game.page.keyboard.press("Enter")


def test_a_document_is_judged_by_keyboard_and_its_grade_is_hidden_until_then(game: Game) -> None:
    for key in ("cases", "case:tutorial", "begin", "choose:0"):
        press(game, key)
    press(game, "casebook")
    page = game.page
    html = page.content()
    assert "Judge this source" in html
    assert "reliability" not in page.locator("#verdict-layer").inner_text().lower()
    assert "High reliability" not in html  # nor in any attribute or hidden element
    assert "Made by the archive for its own records" not in html  # the case's note is not in the DOM
    legend = page.locator("fieldset.verdict-trust legend").inner_text()
    assert legend == "How far do you trust this document?"
    game.tab_to("trust:high")  # Tab enters the radio group; the arrow keys move within it, as in any form
    page.keyboard.press("ArrowDown")
    assert page.locator('input[data-action="trust:medium"]').is_checked()
    assert game.python("verdict_page.controller.judging.trust") == "medium"
    game.tab_to("trustwhy")
    label = page.locator('label[for="' + page.get_attribute('[data-action="trustwhy"]', "id") + '"]')
    assert "why do you trust it" in label.inner_text()
    page.keyboard.type("signed by the archivist")
    press(game, "judge")
    text = game.screen_text()
    assert "Your judgement: Medium reliability. signed by the archivist" in text
    assert "The case's grade: High reliability" in text
    assert "Made by the archive for its own records" in text
    assert any("judgement is recorded" in said for said in game.said())
    assert game.python("verdict_page.controller.handin.klass") == "7B"
