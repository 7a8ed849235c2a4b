"""`verdict web` builds both editions offline, ships only what the browser needs, and stays small."""

from __future__ import annotations

import ast
import gzip
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from game.webbuild import build
from tests.support.offline import offline_env

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = {"main.py", "game", "scenarios", "assets"}

# Only the tests that run a build need pygbag (through run_build); check_apk's test runs anywhere.
NO_PYGBAG = "pygbag is not installed (pip install 'pygbag==0.9.3')"


def run_build(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("pygbag") is None:
        pytest.skip(NO_PYGBAG)
    prefix, env = offline_env()
    command = [*prefix, sys.executable, "-m", "game", "web", "--out", str(out), *args]  # = `verdict web`
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
                          check=False)


def source_digest() -> str:
    """Everything pygbag could touch if it ran on the source tree (black, pngquant, *-pygbag copies)."""
    digest = hashlib.sha256()
    for folder in ("game", "scenarios", "assets"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    digest.update((ROOT / "main.py").read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("web") / "web"
    before = source_digest()
    proc = run_build(out, "--archive")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert source_digest() == before, "the build changed the source tree"
    return out, proc.stdout


def test_builds_both_editions_offline_and_reports_their_sizes(built: tuple[Path, str]) -> None:
    out, stdout = built
    assert {p.name for p in out.iterdir()} == {"index.html", "favicon.png", "verdict.apk", "verdict.tar.gz",
                                              "html"}
    assert "Canvas edition" in stdout and "HTML edition" in stdout and "KiB" in stdout and "MiB" in stdout


def test_the_apk_holds_what_the_browser_needs_and_nothing_else(built: tuple[Path, str]) -> None:
    out, _ = built
    with zipfile.ZipFile(out / "verdict.apk") as zf:
        names = zf.namelist()
    assert all(n.startswith("assets/") for n in names)
    assert {n.split("/")[1] for n in names} == SHIPPED
    assert not [n for n in names if "webbuild" in n or "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if "/." in n or "-pygbag." in n]
    # Other front ends and tools, and the cases' duplicates, stay home.
    for unwanted in ("assets/game/terminal/", "assets/game/classroom/", "assets/game/authoring/",
                     "assets/game/cli.py",
                     "assets/game/check.py",
                     "assets/scenarios/schema.json", "assets/scenarios/precompiled.json",
                     *(f"assets/{m}" for m in build.NOT_SHIPPED_MODULES)):
        assert not [n for n in names if n.startswith(unwanted)], unwanted
    assert not [n for n in names if n.endswith(".json")]
    tomls = [n for n in names if n.endswith(".toml")]
    assert len(tomls) == len(set(tomls)) == len(list((ROOT / "scenarios").glob("*.toml")))  # each case once
    for needed in ("assets/main.py", "assets/game/web/page.py", "assets/game/engine/session.py",
                   "assets/game/window/loop.py", "assets/scenarios/tutorial.toml",
                   "assets/scenarios/outline.toml",  # the case menu's outline branches
                   "assets/assets/fonts/OFL-Lexend.txt"):
        assert needed in names


def test_the_game_files_other_than_the_cases_stay_small(built: tuple[Path, str]) -> None:
    """The issue's aim (300 KB gzipped for all the game's own files) held for the four cases it was set
    with; the cases now weigh more than that alone. What the build controls (code, fonts, the page) must
    stay well inside it, and each case ships once, as its TOML. The budget was 150 KB until sourcing
    practice, counters, the outline menu, the capstone's lock and the SCORM layer came (171 KB gzipped
    in all on 2026-12-02); 185 KB keeps the code well inside the 300 KB aim and still catches a stray
    asset or an unslimmed module."""
    out, _ = built
    own = (out / "verdict.tar.gz").stat().st_size + len(gzip.compress((out / "index.html").read_bytes()))
    with tarfile.open(out / "verdict.tar.gz", "r:gz") as tar:
        cases = sum(len(gzip.compress(tar.extractfile(m).read(), 9)) for m in tar.getmembers()
                    if m.name.endswith(".toml"))
    assert own - cases <= 185_000, (own, cases)


def test_fonts_are_cut_to_what_the_game_draws(built: tuple[Path, str]) -> None:
    out, _ = built
    with zipfile.ZipFile(out / "verdict.apk") as zf:
        fonts = {Path(n).name: zf.getinfo(n).file_size for n in zf.namelist() if n.endswith((".ttf", ".otf"))}
    originals = {p.name: p.stat().st_size for p in (ROOT / "assets" / "fonts").glob("*.?tf")}
    assert fonts.keys() == originals.keys()
    assert all(fonts[name] < originals[name] for name in fonts)


def test_main_py_names_what_pygbag_must_install() -> None:
    """pygbag installs from main.py's own text: a PEP 723 block naming pygame-ce and an import of pygame."""
    source = (ROOT / "main.py").read_text(encoding="utf-8")
    block = re.search(r"^# /// script\n(.*?)^# ///$", source, re.S | re.M)
    assert block and '"pygame-ce"' in block.group(1)
    tree = ast.parse(source)
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import)]
    assert any(a.name == "pygame" for n in imports for a in n.names)
    # The page layer attaches before pygame is imported, so text mode plays when the canvas cannot.
    assert source.index("attach(controller, dom)") < source.index("import pygame")
    assert "importlib" not in source


def test_no_library_module_asks_whether_it_runs_in_a_browser() -> None:
    for folder in ("app", "engine", "window"):
        for path in (ROOT / "game" / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    names = [node.value] if node.value.startswith("game.web") else []  # import_module("…")
                assert not [n for n in names if n == "game.web" or n.startswith("game.web.")], path
    assert "emscripten" not in (ROOT / "game" / "app" / "storage.py").read_text(encoding="utf-8")


def test_the_page_is_our_template(built: tuple[Path, str]) -> None:
    out, _ = built
    html = (out / "index.html").read_text(encoding="utf-8")
    for needed in ('<html lang="en">', "<title>Verdict", 'name="viewport"', 'id="verdict-loading"',
                   "<noscript>", 'id="canvas"', 'id="verdict-layer"', 'id="verdict-textmode"',
                   'id="verdict-problem"', "aspect-ratio: 16 / 9",
                   "https://pygame-web.github.io/cdn/0.9.3/pythons.js", 'data-os="snd,gui"'):
        assert needed in html, needed
    assert "{{cookiecutter" not in html and "@VERDICT_" not in html
    assert not re.search(r"<script[^>]+browserfs", html) and "vtx" not in html.split("data-os=")[1][:20]
    assert not re.findall(r"\balert\((?!\))", html)  # never called (only named, in comments)
    # Keys reach SDL only from the canvas, so Tab still moves between the page's own buttons.
    assert 'os.environ["SDL_EMSCRIPTEN_KEYBOARD_ELEMENT"] = "#canvas"' in html
    # The loading script runs before pygbag's loader (a module script) can read the address or alert.
    assert html.index("verdictBoot.takeDeepLink(true)") < html.index("pythons.js")
    assert (out / "favicon.png").read_bytes().startswith(b"\x89PNG")


def test_the_html_edition_needs_nothing_from_outside(built: tuple[Path, str]) -> None:
    out, _ = built
    folder = out / "html"
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"index.html", "favicon.png", "verdict.zip", "pyodide/pyodide.js", "pyodide/pyodide.asm.wasm",
            "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json"} <= names
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert not re.findall(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # no address outside the folder
    assert "<h1" in page  # the title screen, readable before Python starts
    with zipfile.ZipFile(folder / "verdict.zip") as zf:
        game = zf.namelist()
    assert "game/web/page.py" in game and "game/engine/session.py" in game and "scenarios/kirov.toml" in game
    assert "scenarios/outline.toml" in game  # the grouped case menu works in the HTML edition too
    assert not [n for n in game if n.startswith(("game/window", "game/terminal", "game/webbuild"))]
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    assert json.loads((folder / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"] == pinned


def test_the_itch_archive_has_the_page_at_its_top(built: tuple[Path, str]) -> None:
    out, _ = built
    with zipfile.ZipFile(out.parent / "verdict-web.zip") as zf:
        names = set(zf.namelist())
    assert {"index.html", "favicon.png", "verdict.apk", "verdict.tar.gz", "html/index.html"} <= names


def test_cdn_option_points_the_page_at_another_runtime(tmp_path: Path) -> None:
    proc = run_build(tmp_path / "web", "--cdn", "https://school.example/pygbag/0.9.3")
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "web" / "index.html").read_text(encoding="utf-8")
    assert "https://school.example/pygbag/0.9.3/pythons.js" in html
    assert "pygame-web.github.io/cdn/0.9.3/pythons.js" not in html
    assert 'os.environ.setdefault("PYGPI"' in html  # the package index follows the mirror


def test_a_teachers_folder_is_checked_then_shipped(tmp_path: Path) -> None:
    folder = tmp_path / "teacher"
    folder.mkdir()
    text = (ROOT / "scenarios" / "tutorial.toml").read_text(encoding="utf-8")
    practice = text.replace('id = "tutorial"', 'id = "practice"')
    (folder / "practice.toml").write_text(practice, encoding="utf-8")
    (folder / "class.toml").write_text('[class]\nsourcing = "student"\n', encoding="utf-8")
    proc = run_build(tmp_path / "web", "--scenarios", str(folder))
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(tmp_path / "web" / "verdict.apk") as zf:
        assert "assets/scenarios/practice.toml" in zf.namelist()
        assert "assets/scenarios/class.toml" in zf.namelist()  # the teacher's class file ships too


def test_a_broken_class_file_stops_the_build(tmp_path: Path) -> None:
    folder = tmp_path / "teacher"
    folder.mkdir()
    (folder / "class.toml").write_text('[class]\nsourcing = "students"\n', encoding="utf-8")
    proc = run_build(tmp_path / "web", "--scenarios", str(folder))
    assert proc.returncode == 1
    assert "class.toml:2:1: error" in proc.stdout


def test_a_broken_teacher_file_stops_the_build_with_the_checkers_messages(tmp_path: Path) -> None:
    folder = tmp_path / "teacher"
    folder.mkdir()
    broken = '[scenario]\nformat = 1\nid = "broken"\ntitle = 3\n'
    (folder / "broken.toml").write_text(broken, encoding="utf-8")
    proc = run_build(tmp_path / "web", "--scenarios", str(folder))
    assert proc.returncode == 1
    assert "broken.toml:" in proc.stdout and "error" in proc.stdout
    assert "verdict web:" in proc.stderr
    assert not (tmp_path / "web").exists()


def test_staging_ships_the_outline_and_keeps_it_over_a_teachers(tmp_path: Path) -> None:
    """Both editions are made from the staged app: the shipped outline.toml is in it, and one in a
    teacher's folder does not replace it (the shipped one names the shipped cases; the build says so)."""
    folder = tmp_path / "teacher"
    folder.mkdir()
    (folder / "outline.toml").write_text('[outline]\nformat = 1\n', encoding="utf-8")
    app = tmp_path / "app"
    build.stage(ROOT, app, folder)
    shipped = (ROOT / "scenarios" / "outline.toml").read_bytes()
    assert (app / "scenarios" / "outline.toml").read_bytes() == shipped
    logged: list[str] = []
    build.check_scenarios(ROOT / "scenarios", folder, log=logged.append)
    assert any("outline.toml is not used" in line for line in logged), logged


def test_check_apk_refuses_strays() -> None:
    build.check_apk(["assets/main.py", "assets/game/x.py"])
    with pytest.raises(build.BuildError, match="tests"):
        build.check_apk(["assets/main.py", "assets/tests/test_x.py"])


def test_the_pages_python_block_compiles(built: tuple[Path, str]) -> None:
    """pygbag runs the first <script> of the page as Python; a syntax error there is a blank page."""
    out, _ = built
    html = (out / "index.html").read_text(encoding="utf-8")
    code = html[html.index("#<!--") : html.index("# --></script>")]
    compile(code, "index.html", "exec")
    assert "<script" not in code and "</script" not in code  # either would end or confuse the block
