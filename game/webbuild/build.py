"""`verdict web`: build the browser version into build/web with pygbag, offline.

pygbag packs whatever folder it is given, reads pygbag.ini, the template and the icon relative to its
working directory, downloads a favicon from its CDN when none is found (retrying forever when offline), and
may run `black` over the folder it packs. So the build copies just what the game needs into a fresh staging
folder, puts the ini, template and icon beside it, and runs pygbag there: the source tree is never touched
and nothing needs the network.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.webbuild.favicon import render as render_favicon
from game.webbuild.precompile import write_precompiled

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
APP_NAME = "verdict"  # pygbag names the archives after the folder: verdict.apk, verdict.tar.gz
TITLE = "Verdict"
# What the game needs at run time; everything else (tests, docs, caches, this tool) stays home.
SHIPPED = ("main.py", "game", "scenarios", "assets")
NOT_SHIPPED_IN_GAME = ("webbuild",)
SKIP_NAMES = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", ".*", "*.egg-info")
PYGBAG_TIMEOUT_S = 600
APK_LIMIT_BYTES = 1_500_000
CSS_MARKER = "/*@VERDICT_CSS@*/"


Log = Callable[[str], object]


class BuildError(Exception):
    """The build cannot go on; the message says why in words a teacher can act on."""


@dataclass
class BuildResult:
    out: Path
    apk: Path
    apk_bytes: int
    tar_bytes: int
    seconds: float
    archive: Path | None = None
    apk_names: list[str] = field(default_factory=list)


def build(
    root: Path = ROOT,
    out: Path | None = None,
    extra_scenarios: Path | None = None,
    cdn: str | None = None,
    archive: bool = False,
    log: Log = print,
) -> BuildResult:
    started = time.perf_counter()
    root = root.resolve()
    out = (out or root / "build" / "web").resolve()
    if extra_scenarios is not None:
        check_scenarios(root / "scenarios", extra_scenarios, log)
    with tempfile.TemporaryDirectory(prefix="verdict-web-") as tmp:
        staging = Path(tmp)
        app = staging / APP_NAME
        stage(root, app, extra_scenarios)
        write_support_files(staging)
        run_pygbag(staging, app, cdn)
        built = app / "build" / "web"
        if out.exists():
            shutil.rmtree(out)  # pygbag never cleans its output; stale files would ship
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(built, out)
    apk = out / f"{APP_NAME}.apk"
    names = apk_names(apk)
    check_apk(names)
    result = BuildResult(out, apk, apk.stat().st_size, (out / f"{APP_NAME}.tar.gz").stat().st_size,
                         time.perf_counter() - started, apk_names=names)
    if archive:
        result.archive = write_archive(out, out.parent / f"{APP_NAME}-web.zip")
    return result


# -- checking a teacher's scenarios --------------------------------------------------------------------------


def check_scenarios(shipped: Path, extra: Path, log: Log = print) -> None:
    """Check the shipped cases plus the teacher's folder together; any error in theirs stops the build."""
    from game.check import DEFAULT_PLAYTEST_RUNS, check_paths  # the same checker as `verdict check`

    if not extra.is_dir():
        raise BuildError(f"--scenarios {extra}: no such folder")
    extra = extra.resolve()
    # With `verdict check`'s short playtest: a case no playthrough can finish is refused.
    results = check_paths([str(shipped), str(extra)], DEFAULT_PLAYTEST_RUNS, quiet_playtest=True)
    theirs = [r for r in results if Path(r.path).resolve().parent == extra]
    if not theirs:
        raise BuildError(f"--scenarios {extra}: the folder holds no .toml scenario files")
    errors = [d for r in theirs for d in r.diagnostics if d.severity == "error"]
    for result in theirs:
        for diag in result.diagnostics:
            log(diag.format())
    if errors:
        raise BuildError(f"{len(errors)} error(s) in {extra}: fix them (see above) and build again")
    if (extra / "glossary.toml").is_file():
        log(f"{extra / 'glossary.toml'} is not used: the shipped glossary serves every case")
    for name in {Path(r.path).name for r in theirs} & {p.name for p in shipped.glob("*.toml")}:
        raise BuildError(f"{extra / name} has the same file name as a shipped case; rename it")


# -- staging -------------------------------------------------------------------------------------------------


def stage(root: Path, app: Path, extra_scenarios: Path | None = None) -> None:
    for name in SHIPPED:
        source = root / name
        if not source.exists():
            raise BuildError(f"{source} is missing: the web build needs {', '.join(SHIPPED)}")
        if source.is_dir():
            ignore = _ignore_game if name == "game" else SKIP_NAMES
            shutil.copytree(source, app / name, ignore=ignore)
        else:
            app.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, app / name)
    if extra_scenarios is not None:
        for path in sorted(extra_scenarios.glob("*.toml")):
            if path.name != "glossary.toml":  # the shipped glossary serves every case
                shutil.copy2(path, app / "scenarios" / path.name)
    write_precompiled(app / "scenarios")  # parsing TOML is slow in WebAssembly; JSON is not


def _ignore_game(folder: str, names: list[str]) -> set[str]:
    skipped = set(SKIP_NAMES(folder, names))
    if Path(folder).name == "game":
        skipped.update(n for n in names if n in NOT_SHIPPED_IN_GAME)
    return skipped


def write_support_files(staging: Path) -> None:
    """pygbag.ini, the page template and the icon, in pygbag's working directory (outside the app)."""
    # Both keys are required by pygbag 0.9.3; the staging copy is already clean, these are a second fence.
    (staging / "pygbag.ini").write_text(
        "[DEPENDENCIES]\n"
        'ignoreDirs = ["/build", "/tests", "/docs", "/game/webbuild", "/.venv", "/.pytest_cache"]\n'
        'ignoreFiles = ["pygbag.ini", "README.md", ".gitignore"]\n',
        encoding="utf-8",
    )
    (staging / "template.tmpl").write_text(render_template(), encoding="utf-8")
    (staging / "favicon.png").write_bytes(render_favicon())


def render_template() -> str:
    template = (HERE / "template.tmpl").read_text(encoding="utf-8")
    css = (HERE / "page.css").read_text(encoding="utf-8")
    if CSS_MARKER not in template:
        raise BuildError("template.tmpl lost its CSS marker")
    return template.replace(CSS_MARKER, css)


def run_pygbag(staging: Path, app: Path, cdn: str | None) -> None:
    command = [
        sys.executable, "-m", "pygbag",
        "--build",
        "--no_opt",  # no pngquant/ffmpeg rewriting: our assets are fonts and text
        "--template", str(staging / "template.tmpl"),
        "--icon", str(staging / "favicon.png"),
        "--title", TITLE,
        "--ume_block", "0",  # start at once: the game needs no sound to begin
    ]
    if cdn:
        command += ["--cdn", cdn if cdn.endswith("/") else cdn + "/"]
    command.append(str(app))
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    try:
        proc = subprocess.run(command, cwd=staging, env=env, capture_output=True, text=True,
                              timeout=PYGBAG_TIMEOUT_S, check=False)
    except FileNotFoundError as exc:
        raise BuildError(f"cannot run {sys.executable}: {exc}") from exc
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"pygbag did not finish in {PYGBAG_TIMEOUT_S} s (waiting for the network?)") from exc
    if proc.returncode != 0 or not (app / "build" / "web" / f"{APP_NAME}.apk").is_file():
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        if "No module named pygbag" in tail:
            raise BuildError("pygbag is not installed: pip install 'pygbag==0.9.3' (or make web)")
        raise BuildError(f"pygbag failed (exit {proc.returncode}):\n{tail}")


# -- checking and packaging the result -----------------------------------------------------------------------


def apk_names(apk: Path) -> list[str]:
    with zipfile.ZipFile(apk) as zf:
        return zf.namelist()


def check_apk(names: Sequence[str]) -> None:
    """The archive must hold the game and nothing else (pygbag puts everything under assets/)."""
    tops = {name.split("/")[1] for name in names if name.startswith("assets/")}
    stray = sorted(tops - set(SHIPPED)) + sorted(n for n in names if not n.startswith("assets/"))
    if stray:
        raise BuildError(f"the archive holds files that should not ship: {', '.join(stray[:10])}")
    if "assets/main.py" not in names:
        raise BuildError("the archive has no main.py")


def write_archive(web: Path, target: Path) -> Path:
    """A zip of the whole folder for itch.io (index.html at its top, as itch requires)."""
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(web.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(web).as_posix())
    return target


def describe(result: BuildResult, root: Path = ROOT) -> str:
    def rel(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    lines = [
        f"Built {rel(result.out)} in {result.seconds:.1f} s.",
        f"The game adds {result.apk_bytes / 1024:.0f} KiB ({result.apk_bytes} bytes, {rel(result.apk)}; "
        f"the .tar.gz copy browsers load is {result.tar_bytes / 1024:.0f} KiB) to pygbag's runtime, "
        "which the page loads from pygbag's CDN.",
    ]
    if result.apk_bytes > APK_LIMIT_BYTES:
        lines.append(f"Warning: that is over the {APK_LIMIT_BYTES // 1000} KB aim for school networks.")
    if result.archive is not None:
        lines.append(f"itch.io archive: {rel(result.archive)} (upload it as an HTML game).")
    lines.append("Publish the folder as it is: see docs/publishing.md.")
    return "\n".join(lines)


# -- command line --------------------------------------------------------------------------------------------


def main(args: argparse.Namespace | Sequence[str] | None = None) -> int:
    """`verdict web` passes its parsed arguments; `python -m game.webbuild` passes argv."""
    if not isinstance(args, argparse.Namespace):
        args = parser().parse_args(args)
    extra = Path(args.scenarios) if getattr(args, "scenarios", None) else None
    out = Path(args.out) if getattr(args, "out", None) else None
    try:
        result = build(out=out, extra_scenarios=extra, cdn=getattr(args, "cdn", None),
                       archive=bool(getattr(args, "archive", False)))
    except BuildError as exc:
        print(f"verdict web: {exc}", file=sys.stderr)
        return 1
    print(describe(result))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verdict web", description="Build the browser version into build/web.")
    p.add_argument("--scenarios", help="add a teacher's scenario folder (checked first)")
    p.add_argument("--cdn", help="URL of a self-hosted pygbag runtime (default: pygbag's CDN)")
    p.add_argument("--archive", action="store_true", help="also write build/verdict-web.zip for itch.io")
    p.add_argument("--out", help="output folder (default: build/web)")
    return p
