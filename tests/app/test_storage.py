"""Storage back-ends: atomic files, set-aside instead of delete, the platform data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from game.app.storage import FileStorage, MemoryStorage, Storage, StorageError, user_data_dir


@pytest.fixture(params=["memory", "file"])
def storage(request, tmp_path) -> Storage:
    return MemoryStorage() if request.param == "memory" else FileStorage(tmp_path / "data")


def test_both_back_ends_follow_the_protocol(storage):
    assert isinstance(storage, Storage)
    assert storage.read("save.tutorial") is None
    storage.write("save.tutorial", "one")
    storage.write("save.tutorial", "two")
    storage.write("settings", "{}")
    assert storage.read("save.tutorial") == "two"
    assert storage.keys() == ["save.tutorial", "settings"]


def test_set_aside_keeps_the_value_under_a_new_key(storage):
    assert storage.set_aside("save.kirov") is None
    storage.write("save.kirov", "garbage")
    first = storage.set_aside("save.kirov")
    storage.write("save.kirov", "more garbage")
    second = storage.set_aside("save.kirov")
    assert (first, second) == ("save.kirov.corrupt-1", "save.kirov.corrupt-2")
    assert storage.read("save.kirov") is None
    assert storage.read(first) == "garbage"
    assert storage.read(second) == "more garbage"


def test_bad_keys_are_refused(storage):
    for key in ("", "../etc/passwd", "Save", "a/b"):
        with pytest.raises(ValueError):
            storage.write(key, "x")


def test_file_writes_are_atomic_and_leave_no_temporary_files(tmp_path):
    folder = tmp_path / "data"
    store = FileStorage(folder)
    store.write("save.tutorial", "é" * 10_000)
    assert sorted(p.name for p in folder.iterdir()) == ["save.tutorial.json"]
    assert (folder / "save.tutorial.json").read_text(encoding="utf-8") == "é" * 10_000


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    store = FileStorage(tmp_path)
    store.write("save.tutorial", "old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StorageError):
        store.write("save.tutorial", "new")
    monkeypatch.undo()
    assert store.read("save.tutorial") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["save.tutorial.json"]


def test_unreadable_file_raises_storage_error(tmp_path):
    (tmp_path / "save.tutorial.json").write_bytes(b"\xff\xfe\xfa not utf-8")
    with pytest.raises(StorageError):
        FileStorage(tmp_path).read("save.tutorial")


def test_user_data_dir_honours_the_override(monkeypatch, tmp_path):
    monkeypatch.setenv("VERDICT_DATA_DIR", str(tmp_path / "x"))
    assert user_data_dir() == tmp_path / "x"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG applies to Linux")
def test_user_data_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("VERDICT_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert user_data_dir() == tmp_path / "verdict"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert user_data_dir() == Path.home() / ".local" / "share" / "verdict"
