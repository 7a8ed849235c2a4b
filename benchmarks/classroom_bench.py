"""How long `verdict report` takes to summarise a class: 30 reports, and 300 (ten classes in one folder).

The reports are handed in by scripted students through the controller (not timed); the figure is the whole
command as a teacher runs it: loading the cases, reading and checking every file, writing the CSV and page.
"""

from __future__ import annotations

import io
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from game.classroom.command import PAGE
from game.classroom.command import run as verdict_report
from tests.support.classroom import hand_in_class

REPEATS = 5


def _summarise_ms(folder: Path, out: Path) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        code = verdict_report([folder], out, stdout=io.StringIO(), stderr=io.StringIO())
        times.append((time.perf_counter() - start) * 1000)
        if code != 0:
            raise RuntimeError("the benchmark's class should summarise cleanly")
    return statistics.median(times)


def run_figures() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        class_folder = root / "class"
        hand_in_class(class_folder, 30)
        figures: dict[str, Any] = {"report_30_ms": round(_summarise_ms(class_folder, root / "out30"), 1)}
        figures["report_30_page_bytes"] = (root / "out30" / PAGE).stat().st_size
        school = root / "school"
        for n in range(10):
            shutil.copytree(class_folder, school / f"class{n}")
        figures["report_300_ms"] = round(_summarise_ms(school, root / "out300"), 1)
        figures["report_300_page_bytes"] = (root / "out300" / PAGE).stat().st_size
    return figures


def run() -> dict[str, Any]:  # the benchmark runner's entry point
    return run_figures()


if __name__ == "__main__":
    for key, value in run_figures().items():
        print(f"{key}: {value}")
