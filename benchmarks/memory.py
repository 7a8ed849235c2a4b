"""The peak memory of the calling process alone.

ru_maxrss is not that on Linux: a child started with fork and exec inherits, as its own maximum, the
resident size of the parent at the fork (the kernel keeps the higher of the two across exec), so a child
of a large benchmark process reported the parent's memory. /proc/self/status's VmHWM is the high-water
mark of the process's own memory since exec.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def peak_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
