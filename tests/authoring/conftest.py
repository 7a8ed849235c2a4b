"""Cases the authoring tests share: a copy of a shipped case in a folder of its own, and a hostile one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import SCENARIOS


@pytest.fixture(autouse=True)
def _no_teacher_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VERDICT_SCENARIOS", raising=False)


@pytest.fixture
def copied(tmp_path: Path):
    def copy(case: str) -> Path:
        target = tmp_path / f"{case}.toml"
        shutil.copy(SCENARIOS / f"{case}.toml", target)
        return target

    return copy
