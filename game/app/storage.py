"""Where saves and settings live: one small interface, a file back-end for desktops and an in-memory one.

The browser's entry points supply their own back-end (localStorage) with the same four methods, so nothing
above this module knows where the bytes go.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Protocol, runtime_checkable

# Keys become file names on desktop and localStorage keys in the browser, so keep them boring.
_KEY = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,120}$")
_SUFFIX = ".json"


class StorageError(Exception):
    """A stored value exists but cannot be read (permissions, broken encoding, a failing disk)."""


@runtime_checkable
class Storage(Protocol):
    def read(self, key: str) -> str | None:
        """The text stored under key, None when there is none; StorageError when it cannot be read."""

    def write(self, key: str, text: str) -> None:
        """Store text under key, replacing what was there; StorageError when it cannot be written."""

    def set_aside(self, key: str) -> str | None:
        """Move the value to a new key (never deleting it) and return that key; None if nothing was there."""

    def keys(self) -> list[str]:
        """Every key that holds a value, sorted."""


def check_key(key: str) -> str:
    if not _KEY.match(key):
        raise ValueError(f"storage key {key!r} must be lowercase letters, digits, '.', '_' or '-'")
    return key


def aside_key(key: str, taken: set[str]) -> str:
    """The first free `<key>.corrupt-N`: numbered rather than timestamped so that tests are repeatable."""
    n = 1
    while f"{key}.corrupt-{n}" in taken:
        n += 1
    return f"{key}.corrupt-{n}"


class MemoryStorage:
    """A real back-end that forgets on exit: used by tests and when no folder can be written."""

    def __init__(self, initial: dict[str, str] | None = None):
        self.values: dict[str, str] = dict(initial or {})

    def read(self, key: str) -> str | None:
        return self.values.get(check_key(key))

    def write(self, key: str, text: str) -> None:
        self.values[check_key(key)] = text

    def set_aside(self, key: str) -> str | None:
        if check_key(key) not in self.values:
            return None
        new_key = aside_key(key, set(self.values))
        self.values[new_key] = self.values.pop(key)
        return new_key

    def keys(self) -> list[str]:
        return sorted(self.values)


class FileStorage:
    """One JSON file per key in a folder; writes are atomic, so a crash mid-save never leaves half a file."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        return self.folder / (check_key(key) + _SUFFIX)

    def read(self, key: str) -> str | None:
        path = self.path(key)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise StorageError(f"{path.name} could not be read: {exc}") from exc

    def write(self, key: str, text: str) -> None:
        path = self.path(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # The temporary file sits in the same folder so os.replace is a rename on one file system.
            fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            raise StorageError(f"{path.name} could not be written: {exc}") from exc

    def set_aside(self, key: str) -> str | None:
        path = self.path(key)
        if not path.exists():
            return None
        new_key = aside_key(key, set(self.keys()))
        try:
            os.replace(path, self.path(new_key))
        except OSError as exc:
            raise StorageError(f"{path.name} could not be set aside: {exc}") from exc
        return new_key

    def keys(self) -> list[str]:
        try:
            names = [p.name for p in self.folder.iterdir() if p.is_file()]
        except OSError:
            return []
        return sorted(
            name[: -len(_SUFFIX)] for name in names if name.endswith(_SUFFIX) and not name.startswith(".")
        )


def user_data_dir(app: str = "verdict") -> Path:
    """The platform's per-user data folder (stdlib only); VERDICT_DATA_DIR overrides it, as the tests do."""
    override = os.environ.get("VERDICT_DATA_DIR")
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("APPDATA")
        return Path(base) / app if base else home / "AppData" / "Roaming" / app
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / app
    base = os.environ.get("XDG_DATA_HOME")
    return (Path(base) if base else home / ".local" / "share") / app


def default_storage() -> Storage:
    """Files in the user-data folder: the desktop's storage.

    The browser's entry points (main.py, the HTML edition's page) choose their own (game.web.storage) and
    pass it in; nothing here asks which platform it runs on.
    """
    return FileStorage(user_data_dir())
