"""`verdict web`: build both browser editions into build/web, offline.

The canvas edition (build/web/) is the pygame window under pygbag, with the page layer beside it; its Python
runtime comes from pygbag's CDN. pygbag packs whatever folder it is given, reads pygbag.ini, the template and
the icon relative to its working directory, downloads a favicon from its CDN when none is found (retrying
forever when offline), and may run `black` over the folder it packs. So the build copies just what the
browser needs into a fresh staging folder, puts the ini, template and icon beside it, and runs pygbag there:
the source tree is never touched and nothing needs the network.

The HTML edition (build/web/html/) is the page layer alone, on Pyodide copied from the pinned npm package
(node_modules/pyodide): every byte it needs is in its folder. See game/webbuild/html.py.
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

from game.engine.outline import OUTLINE_FILE
from game.webbuild import fonts, html, slim
from game.webbuild.favicon import render as render_favicon

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
APP_NAME = "verdict"  # pygbag names the archives after the folder: verdict.apk, verdict.tar.gz
TITLE = "Verdict"
# What the game needs in the browser; everything else (tests, docs, caches, this tool) stays home.
SHIPPED = ("main.py", "game", "scenarios", "assets")
# Parts of game/ and scenarios/ for other front ends and tools: the terminal, the command line, the checker,
# the teacher's report tools (classroom) and the case writer's tools (authoring).
NOT_SHIPPED_IN_GAME = ("webbuild", "terminal", "classroom", "authoring", "cli.py", "check.py", "__main__.py")
NOT_SHIPPED_IN_SCENARIOS = ("schema.json",)
# Modules only tools use: the checker's analysis and schema, scripted play (playtests, autoplay, the
# screenshot tour) and the desktop's entry point. The browser tests run the HTML edition from the same
# staged files, so a module that turns out to be needed fails there, not in a student's browser.
NOT_SHIPPED_MODULES = ("game/engine/analysis.py", "game/engine/bounds.py", "game/engine/playtest.py",
                       "game/engine/schema.py", "game/engine/load/tomlerrors.py",
                       "game/engine/player.py", "game/app/autoplay.py", "game/window/tour.py",
                       "game/window/launch.py", "game/engine/messages.py")
SKIP_NAMES = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", ".*", "*.egg-info")
PYGBAG_TIMEOUT_S = 600
GAME_FILES_AIM_BYTES = 300_000  # the game's own files, gzipped: what a school network must carry
MARKERS = ("/*@VERDICT_CSS@*/", "/*@VERDICT_BOOT_JS@*/", "/*@VERDICT_PROBLEM@*/")


Log = Callable[[str], object]


class BuildError(Exception):
    """The build cannot go on; the message says why in words a teacher can act on."""


@dataclass
class BuildResult:
    out: Path
    apk: Path
    apk_bytes: int
    tar_bytes: int  # the canvas edition's game files as browsers load them (gzipped)
    seconds: float
    html: html.HtmlEdition | None = None
    archive: Path | None = None
    apk_names: list[str] = field(default_factory=list)
    fonts_saved: int = 0


def build(
    root: Path = ROOT,
    out: Path | None = None,
    extra_scenarios: Path | None = None,
    cdn: str | None = None,
    archive: bool = False,
    log: Log = print,
    pyodide: Path | None = None,
    unlock: bool = False,
) -> BuildResult:
    started = time.perf_counter()
    root = root.resolve()
    out = (out or root / "build" / "web").resolve()
    if extra_scenarios is not None:
        check_scenarios(root / "scenarios", extra_scenarios, log)
    pyodide = html.find_pyodide(root) if pyodide is None else pyodide  # before pygbag: fail fast
    with tempfile.TemporaryDirectory(prefix="verdict-web-") as tmp:
        staging = Path(tmp)
        app = staging / APP_NAME
        stage(root, app, extra_scenarios)
        write_build_config(app, unlock)
        saved = fonts.subset_folder(app / "assets" / "fonts", fonts.used_text(app), log)
        write_support_files(staging)
        run_pygbag(staging, app, cdn)
        built = app / "build" / "web"
        if out.exists():
            shutil.rmtree(out)  # pygbag never cleans its output; stale files would ship
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(built, out)
        edition = html.build(app, out / "html", pyodide, page=render_html_edition(),
                             favicon=out / "favicon.png")
    apk = out / f"{APP_NAME}.apk"
    names = apk_names(apk)
    check_apk(names)
    result = BuildResult(out, apk, apk.stat().st_size, (out / f"{APP_NAME}.tar.gz").stat().st_size,
                         time.perf_counter() - started, html=edition, apk_names=names, fonts_saved=saved)
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
    if (extra / OUTLINE_FILE).is_file():
        log(f"{extra / OUTLINE_FILE} is not used: the shipped outline groups the case menu")
    shipped_names = {p.name for p in shipped.glob("*.toml")} - {OUTLINE_FILE}
    for name in {Path(r.path).name for r in theirs} & shipped_names:
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
            # The shipped glossary serves every case, and the shipped outline groups the menu.
            if path.name not in ("glossary.toml", OUTLINE_FILE):
                shutil.copy2(path, app / "scenarios" / path.name)
    for name in NOT_SHIPPED_IN_SCENARIOS:
        (app / "scenarios" / name).unlink(missing_ok=True)
    for module in NOT_SHIPPED_MODULES:
        (app / module).unlink(missing_ok=True)
    try:
        slim.slim_tree(app / "game")  # main.py keeps its comments: pygbag reads its dependency block
    except (slim.SlimError, SyntaxError) as exc:
        raise BuildError(f"cannot prepare the game's code for the browser: {exc}") from exc


def write_build_config(app: Path, unlock: bool) -> None:
    """The class's settings baked into the build (game/web/buildconfig.py reads them in the browser)."""
    from game.web.buildconfig import CONFIG_NAME, BuildConfig, build_config_text

    target = app / "game" / "web" / CONFIG_NAME
    target.unlink(missing_ok=True)  # never a stale one copied from a working tree
    if unlock:
        target.write_text(build_config_text(BuildConfig(unlock_all=True)), encoding="utf-8")


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


def _fill(name: str) -> str:
    """A page with the shared parts put in: the page CSS, the loading script and the problem box."""
    page = (HERE / name).read_text(encoding="utf-8")
    parts = [(HERE / part).read_text(encoding="utf-8") for part in ("page.css", "boot.js", "problem.html")]
    for marker, part in zip(MARKERS, parts, strict=True):
        if marker not in page:
            raise BuildError(f"{name} lost its {marker} marker")
        page = page.replace(marker, part)
    return page


def render_template() -> str:
    """The canvas edition's page, as pygbag's --template (pygbag fills in its {{cookiecutter.*}} keys)."""
    return _fill("template.tmpl")


def render_html_edition() -> str:
    """The HTML edition's page, with the title screen already in it (readable before Python starts)."""
    from game.webbuild.prerender import title_screen

    return _fill("html_edition.html").replace("/*@VERDICT_TITLE@*/", title_screen())


def build_html_edition(out: Path, root: Path = ROOT, extra_scenarios: Path | None = None,
                       pyodide: Path | None = None, unlock: bool = False) -> html.HtmlEdition:
    """The HTML edition alone (no pygbag run): what the browser tests and the bench serve."""
    pyodide = html.find_pyodide(root) if pyodide is None else pyodide
    with tempfile.TemporaryDirectory(prefix="verdict-html-") as tmp:
        app = Path(tmp) / APP_NAME
        stage(root.resolve(), app, extra_scenarios)
        write_build_config(app, unlock)
        favicon = Path(tmp) / "favicon.png"
        favicon.write_bytes(render_favicon())
        return html.build(app, out, pyodide, page=render_html_edition(), favicon=favicon)


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
        f"Canvas edition ({rel(result.out)}/): the game adds {result.tar_bytes / 1024:.0f} KiB "
        f"({result.tar_bytes} bytes, {APP_NAME}.tar.gz; the itch.io copy {APP_NAME}.apk is "
        f"{result.apk_bytes / 1024:.0f} KiB) to pygbag's runtime, which the page loads from pygbag's CDN "
        "(about 10 MB on a first visit).",
    ]
    if result.fonts_saved:
        lines.append(f"Fonts cut to the characters the game uses: {result.fonts_saved / 1024:.0f} KiB saved.")
    if result.tar_bytes > GAME_FILES_AIM_BYTES:
        lines.append(f"Warning: the game's files are over the {GAME_FILES_AIM_BYTES // 1000} KB aim.")
    if result.html is not None:
        h = result.html
        lines.append(
            f"HTML edition ({rel(h.folder)}/): {h.total_bytes / 1024 / 1024:.1f} MiB in {h.files} files, "
            f"every one in the folder ({h.game_bytes / 1024:.0f} KiB of it the game, the rest Pyodide "
            f"{h.pyodide_version}); about {h.transfer_bytes / 1024 / 1024:.1f} MiB over a compressing "
            "server.")
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
    if getattr(args, "scorm", None) is not None:
        return main_scorm(args.scorm or None, out, extra, getattr(args, "mastery", None),
                          unlock=bool(getattr(args, "unlock", False)))
    try:
        result = build(out=out, extra_scenarios=extra, cdn=getattr(args, "cdn", None),
                       archive=bool(getattr(args, "archive", False)),
                       unlock=bool(getattr(args, "unlock", False)))
    except BuildError as exc:
        print(f"verdict web: {exc}", file=sys.stderr)
        return 1
    print(describe(result))
    return 0


def main_scorm(case: str | None, out: Path | None, extra: Path | None, mastery: int | None = None,
               unlock: bool = False) -> int:
    """`verdict web --scorm [CASE]`: the SCORM package alone (no pygbag run; see game/webbuild/scorm.py)."""
    from game.webbuild import scorm

    try:
        if extra is not None:
            check_scenarios(ROOT / "scenarios", extra)
        package = scorm.build_package((out or ROOT / "build").resolve(), case, extra_scenarios=extra,
                                      mastery=mastery, unlock=unlock)
    except BuildError as exc:
        print(f"verdict web: {exc}", file=sys.stderr)
        return 1
    print(scorm.describe(package))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verdict web",
                                description="Build both browser editions into build/web and build/web/html.")
    p.add_argument("--scenarios", help="add a teacher's scenario folder (checked first)")
    p.add_argument("--cdn", help="URL of a self-hosted pygbag runtime (default: pygbag's CDN)")
    p.add_argument("--archive", action="store_true", help="also write build/verdict-web.zip for itch.io")
    p.add_argument("--out", help="output folder (default: build/web)")
    p.add_argument("--unlock", action="store_true",
                   help="open every case in the build, even one that asks for others to be finished first")
    p.add_argument("--scorm", nargs="?", const="", metavar="CASE",
                   help="write a SCORM 1.2 zip instead (with CASE: that case alone) into build/ or --out")
    p.add_argument("--mastery", type=int, metavar="N", help="with --scorm: the score (0-100) that passes")
    return p
