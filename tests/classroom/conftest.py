"""One class of thirty students hands in once per test run; tests copy the folder before changing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.classroom import HandedIn, hand_in_class


@pytest.fixture(scope="session")
def handed_in(tmp_path_factory: pytest.TempPathFactory) -> list[HandedIn]:
    return hand_in_class(tmp_path_factory.mktemp("class") / "reports", 30)


@pytest.fixture(scope="session")
def class_folder(handed_in: list[HandedIn]) -> Path:
    return handed_in[0].path.parent
