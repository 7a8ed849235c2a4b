"""The canvas edition's page (build/web/index.html) in Chromium, with pygbag's loader refused or stubbed.

pygbag's CPython runtime cannot be fetched here, so its loader (pythons.js) is either refused, as a filtered
network does, or replaced by tests/browser/pygbag_stub.js, which fails in chosen ways or plays pygbag's part
with Pyodide: it runs the page's own Python block, which unpacks the real verdict.tar.gz and runs the real
main.py. Every way of failing must end in a message within seconds: never an endless "loading", never an
alert(). The watchdog runs twenty times faster here (window.verdictWatchdogScale).
"""

from __future__ import annotations

import importlib.util
import io
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.webbuild import build, harness
from tests.support.browser import PY_ID, PY_TITLE, teacher_folder, unavailable

pytestmark = pytest.mark.browser
STUB = Path(__file__).with_name("pygbag_stub.js")
CDN = "https://pygame-web.github.io/cdn/0.9.3/"
FAST = 0.05  # watchdog scale: a 60 s stall is reported after 3 s


@pytest.fixture(scope="module")
def canvas_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("pygbag") is None:
        unavailable("pygbag is not installed (pip install 'pygbag==0.9.3')")
    try:
        harness.ensure_node_packages()
    except harness.Unavailable as exc:
        unavailable(str(exc))
    out = tmp_path_factory.mktemp("canvas") / "web"
    extra = teacher_folder(tmp_path_factory.mktemp("teacher"))
    build.build(out=out, extra_scenarios=extra, log=lambda *_: None)
    (out / "stub-pyodide").symlink_to(harness.PYODIDE_DIR, target_is_directory=True)
    return out


@pytest.fixture(scope="module")
def canvas_site(canvas_folder: Path) -> Iterator[str]:
    with harness.serve(canvas_folder) as url:
        yield url


class Canvas:
    def __init__(self, browser: Any, url: str, *, stub: str | None, scale: float = FAST,
                 archive: bytes | None = None, encoding: str | None = None, viewport: Any = None):
        self.page = browser.new_context(viewport=viewport or {"width": 1000, "height": 800}).new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.add_init_script(f"window.verdictWatchdogScale = {scale}; window.verdictStub = {stub!r}; "
                                  f"window.verdictStubPyodide = '{url}stub-pyodide/'")

        def outside(route: Any) -> None:
            request = route.request.url
            if stub is not None and request == CDN + "pythons.js":
                route.fulfill(body=STUB.read_text(encoding="utf-8"), content_type="text/javascript")
            elif request.startswith(url):
                if archive is not None and request.split("?")[0].endswith("verdict.tar.gz"):
                    headers = {"Content-Encoding": encoding} if encoding else {}
                    route.fulfill(body=archive, headers=headers, content_type="application/octet-stream")
                else:
                    route.continue_()
            else:
                route.abort()  # pygbag's CDN, and the rest of the internet

        self.page.route("**/*", outside)

    def problem(self, timeout_ms: int = 8_000) -> dict[str, str]:
        self.page.wait_for_function("!document.getElementById('verdict-problem').hidden", timeout=timeout_ms)
        box = self.page.locator("#verdict-problem")
        return {"stage": box.get_attribute("data-stage") or "", "kind": box.get_attribute("data-kind") or "",
                "student": self.page.locator("#verdict-problem-student").inner_text(),
                "teacher": self.page.locator("#verdict-problem-teacher").inner_text(),
                "html": self.page.locator("#verdict-problem-html").get_attribute("href") or ""}

    def check_message_replaced_loading(self) -> None:
        assert not self.page.locator("#verdict-loading").is_visible()
        assert not self.page.locator("#transfer").is_visible()  # no "Downloading…" left behind
        assert self.dialogs == []

    def close(self) -> None:
        self.page.context.close()


def test_the_page_is_sound_before_python_runs(browser: Any, canvas_site: str) -> None:
    c = Canvas(browser, canvas_site, stub="silent")
    page = c.page
    page.goto(canvas_site + "index.html")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title().startswith("Verdict")
    assert page.locator("#verdict-loading").is_visible()
    assert page.locator("main #canvas").count() == 1  # the stage is inside the main landmark
    assert page.locator("#verdict-layer").bounding_box()["width"] <= 1  # hidden until text mode
    assert page.locator('script[src*="browserfs"]').count() == 0
    assert 'data-os="snd,gui"' in page.content()
    c.close()


@pytest.mark.parametrize(("width", "height"), [(1000, 800), (1600, 700), (480, 900)])
def test_the_canvas_is_letterboxed_at_16_9(browser: Any, canvas_site: str, width: int, height: int) -> None:
    c = Canvas(browser, canvas_site, stub="silent", viewport={"width": width, "height": height})
    c.page.goto(canvas_site + "index.html")
    box = c.page.locator("#canvas").bounding_box()
    stage = c.page.locator("#verdict-stage").bounding_box()
    assert box["width"] / box["height"] == pytest.approx(16 / 9, rel=0.01)
    assert box["width"] <= stage["width"] + 0.5 and box["height"] <= stage["height"] + 0.5
    assert min(stage["width"] - box["width"], stage["height"] - box["height"]) < 1  # fills one side
    c.close()


def test_a_refused_loader_says_so_at_once(browser: Any, canvas_site: str) -> None:
    c = Canvas(browser, canvas_site, stub=None)  # pythons.js itself is blocked
    c.page.goto(canvas_site + "index.html?case=kirov")
    found = c.problem(timeout_ms=4_000)
    assert found["stage"] == "runtime" and "could not start on this network" in found["student"]
    assert "pythons.js" in found["teacher"]
    assert found["html"] == "html/index.html?case=kirov"
    c.check_message_replaced_loading()
    c.close()


@pytest.mark.parametrize(("stub", "stage", "words"), [
    ("silent", "runtime", "Nothing has moved"),  # the watchdog: a loader that never gets anywhere
    ("throw", "runtime", "the loader broke"),  # an error pygbag would have shown as an alert()
    ("runtime", "runtime", "cpython312/main.js"),  # the CPython runtime refused
])
def test_every_loader_failure_ends_in_a_message(browser: Any, canvas_site: str, stub: str, stage: str,
                                                words: str) -> None:
    c = Canvas(browser, canvas_site, stub=stub)
    c.page.goto(canvas_site + "index.html")
    found = c.problem()
    assert found["stage"] == stage and words in found["teacher"], found
    assert found["student"] and found["html"] == "html/index.html"
    c.check_message_replaced_loading()
    c.close()


def test_a_deep_link_is_moved_out_of_the_loaders_way(browser: Any, canvas_site: str) -> None:
    c = Canvas(browser, canvas_site, stub="silent")
    c.page.goto(canvas_site + f"index.html?case={PY_ID}")
    c.page.wait_for_function("window.verdictStubSaw !== undefined")
    saw = c.page.evaluate("window.verdictStubSaw")
    # pythons.js reads the first query item holding "py" as the interpreter: it must find no query at all.
    assert saw == {"search": "", "hash": f"#case={PY_ID}"}
    assert c.page.evaluate("window.verdictCase") == PY_ID
    c.close()


def built_archive(folder: Path, replace: dict[str, bytes] | None = None, gzip_it: bool = True) -> bytes:
    """verdict.tar.gz as built, optionally with files replaced, or as the plain tar a server unpacked."""
    with tarfile.open(folder / "verdict.tar.gz", "r:gz") as source:
        members = [(m, source.extractfile(m).read() if m.isfile() else None) for m in source.getmembers()]
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz" if gzip_it else "w") as target:
        for member, data in members:
            if data is not None and replace and member.name in replace:
                data = replace[member.name]
                member.size = len(data)
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    return out.getvalue()


BROKEN = b"raise RuntimeError('broken on purpose')\n"
PYODIDE_START_MS = 90_000  # Pyodide plays pygbag's part here and starts slowly on a busy machine


def test_with_the_runtime_up_the_game_starts_and_text_mode_plays_without_pygame(
        browser: Any, canvas_site: str, canvas_folder: Path) -> None:
    """The real page Python and main.py under the Pyodide stub: pygame is missing there, which is the canvas
    failing; the page layer, attached first, is shown instead. The archive comes as a server that adds
    Content-Encoding would send it (already unpacked by the browser), and the link's case id holds "py"."""
    plain_tar = built_archive(canvas_folder, gzip_it=False)
    c = Canvas(browser, canvas_site, stub="pyodide", scale=1, archive=plain_tar)
    c.page.goto(canvas_site + f"index.html?case={PY_ID}")
    found = c.problem(timeout_ms=PYODIDE_START_MS)
    assert found["stage"] == "frame" and found["kind"] == "canvas", found
    assert "shown as text" in found["student"] and "pygame" in found["teacher"]
    assert c.page.get_attribute("#verdict-textmode", "aria-pressed") == "true"
    assert c.page.locator("#verdict-screen h1").inner_text() == PY_TITLE  # the deep link opened its case
    assert not c.page.locator("#canvas").is_visible()
    c.page.evaluate("document.activeElement && document.activeElement.blur()")
    c.page.keyboard.press("Tab")
    assert c.page.evaluate("document.activeElement.id") == "verdict-textmode"  # the first Tab stop
    c.page.click('[data-action="begin"]')
    assert c.page.locator("#verdict-screen h1").inner_text() != PY_TITLE
    c.check_message_replaced_loading()
    c.close()


@pytest.mark.parametrize(("case", "stage", "words"), [
    ("refused", "archive", "verdict.tar.gz"),
    ("garbage", "archive", "not a tar.gz"),
    ("broken", "python", "broken on purpose"),
])
def test_a_failing_archive_or_program_ends_in_a_message(browser: Any, canvas_site: str, canvas_folder: Path,
                                                        case: str, stage: str, words: str) -> None:
    archive = {
        "refused": None,
        "garbage": b"<html>404 Not Found</html>",
        "broken": built_archive(canvas_folder, {"assets/game/web/boot.py": BROKEN}),
    }[case]
    c = Canvas(browser, canvas_site, stub="pyodide", scale=1, archive=archive)
    if case == "refused":
        c.page.route("**/verdict.tar.gz", lambda route: route.abort())
    c.page.goto(canvas_site + "index.html")
    found = c.problem(timeout_ms=PYODIDE_START_MS)
    assert found["stage"] == stage and words in found["teacher"], found
    assert found["kind"] == "failed"
    c.check_message_replaced_loading()
    c.close()
