"""Window benchmarks: time to first frame (against bare pygame), frame times, idle CPU, peak memory.

`run()` returns the figures as a dict for build/bench.json. Every measurement that involves process start
or the whole-process CPU runs in a fresh subprocess (`python -m benchmarks.window_bench CHILD`), headless
under SDL's dummy video driver so it works on CI.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_FRAME_RUNS = 9
IDLE_SECONDS = 10.0
FRAMES = 240
MARK = "FIRST-FRAME"

BASELINE = f"""
import os
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
import pygame
pygame.display.init()
pygame.font.init()
screen = pygame.display.set_mode((1280, 720))
screen.fill((246, 239, 223))
screen.blit(pygame.font.Font(None, 32).render("Verdict", True, (0, 0, 0)), (40, 40))
pygame.display.flip()
print("{MARK}", flush=True)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""))
    env["VERDICT_DATA_DIR"] = str(ROOT / "build" / "bench-data")
    # Measure a start as players get it, from compiled bytecode (pip writes it at install time); a
    # PYTHONDONTWRITEBYTECODE in the environment would make every run recompile the game's sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _time_to_mark(args: list[str]) -> float:
    """Milliseconds from starting the process to its first-frame line on stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=_env(), stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == MARK:
            elapsed = (time.perf_counter() - start) * 1000
            break
    else:
        proc.wait()
        raise RuntimeError(f"{args} never drew a frame (exit {proc.returncode})")
    proc.stdout.close()
    proc.wait(timeout=60)
    return elapsed


def first_frame() -> dict[str, float]:
    game, bare = [], []
    _time_to_mark(["-c", BASELINE])  # warm-up runs: bytecode caches and the OS file cache
    _time_to_mark(["-m", "benchmarks.window_bench", "first-frame"])
    for _ in range(FIRST_FRAME_RUNS):  # interleaved, so machine noise hits both alike
        bare.append(_time_to_mark(["-c", BASELINE]))
        game.append(_time_to_mark(["-m", "benchmarks.window_bench", "first-frame"]))
    game_ms, bare_ms = statistics.median(game), statistics.median(bare)
    return {"first_frame_ms": round(game_ms, 1), "baseline_first_frame_ms": round(bare_ms, 1),
            "first_frame_ratio": round(game_ms / bare_ms, 2)}


def _child_json(name: str) -> dict:
    import json

    out = subprocess.run([sys.executable, "-m", "benchmarks.window_bench", name], cwd=ROOT, env=_env(),
                         capture_output=True, text=True, timeout=300, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run() -> dict:
    results: dict = {}
    results.update(first_frame())
    results.update(_child_json("frames"))
    results.update(_child_json("idle"))
    return results


# -- children ------------------------------------------------------------------------------------------

LONG_SCENE_PARAGRAPHS = 24


def _long_scenario_controller():
    """A controller showing the tutorial's first scene padded to a long passage (about 3,000 words)."""
    from dataclasses import replace

    from game.app import build_controller
    from game.app.storage import MemoryStorage

    c = build_controller(MemoryStorage())
    tutorial = c.catalog.scenarios["tutorial"]
    start = tutorial.scenes[tutorial.start]
    words = (" ".join(start.text.split()) + " ") * 3
    text = "\n\n".join(f"**{n}.** *Report.* {words}" for n in range(LONG_SCENE_PARAGRAPHS))
    scenes = dict(tutorial.scenes)
    scenes[tutorial.start] = replace(start, text=text)
    c.catalog.scenarios["tutorial"] = replace(tutorial, scenes=scenes)
    for key in ("cases", "case:tutorial", "begin"):
        c.perform(key)
    return c


def child_first_frame() -> None:
    from game.window.loop import create_app

    app = create_app()
    app.frame()
    print(MARK, flush=True)


def child_frames() -> None:
    import json

    import pygame

    from game.app.settings import Settings
    from game.window.loop import create_app

    controller = _long_scenario_controller()
    controller.settings = Settings(reduced_motion=True)
    app = create_app(controller)
    times = []
    for n in range(FRAMES):
        # Every frame redraws: the wheel scrolls the long passage down, then back up.
        direction = -1 if (n // 60) % 2 == 0 else 1
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=direction, flipped=False,
                                             precise_x=0.0, precise_y=float(direction), touch=False))
        start = time.perf_counter()
        app.frame()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)))]
    print(json.dumps({"frame_p50_ms": round(statistics.median(times), 2), "frame_p95_ms": round(p95, 2),
                      "frame_draws": app.draws}))


def child_idle() -> None:
    import asyncio
    import json

    from game.window.loop import create_app, main

    app = create_app(_long_scenario_controller())
    app.frame()

    async def idle() -> None:
        asyncio.get_running_loop().call_later(IDLE_SECONDS, setattr, app, "running", False)
        await main(app)

    cpu0, wall0 = time.process_time(), time.perf_counter()
    asyncio.run(idle())
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    from benchmarks.memory import peak_mb as own_peak_mb

    peak_mb = own_peak_mb()  # this process alone, not the benchmark that started it
    print(json.dumps({"idle_cpu_pct": round(100 * cpu / wall, 2), "idle_seconds": round(wall, 1),
                      "idle_frames": app.frames, "peak_memory_mb": round(peak_mb, 1)}))


if __name__ == "__main__":
    children = {"first-frame": child_first_frame, "frames": child_frames, "idle": child_idle}
    if len(sys.argv) == 2 and sys.argv[1] in children:
        children[sys.argv[1]]()
    else:
        import json

        print(json.dumps(run(), indent=1))
