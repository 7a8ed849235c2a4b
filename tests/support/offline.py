"""Running a command with no network, as the build tests do."""

from __future__ import annotations

import os
import shutil
import subprocess


def offline_env() -> tuple[list[str], dict[str, str]]:
    """A command prefix and environment with no network: a new network namespace when we may make one
    (root, as in CI), else every proxy pointed at a closed port so any download fails at once."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True, check=False).returncode == 0:
        return ["unshare", "-n"], dict(os.environ)
    closed = "http://127.0.0.1:9"
    env = dict(os.environ, http_proxy=closed, https_proxy=closed, HTTP_PROXY=closed, HTTPS_PROXY=closed,
               no_proxy="", NO_PROXY="")
    return [], env
