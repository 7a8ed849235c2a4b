"""The SCORM package in real headless Chromium, inside a host page that plays the LMS with scorm-again.

The host page (written here) creates ``window.API = new Scorm12API(...)`` from the pinned npm package
(package.json: scorm-again), preloads what an LMS would hand a returning student (``loadFromFlattenedJSON``)
and loads the package's index.html in an iframe, as Moodle does when it embeds a SCO. What the game sets
arrives in scorm-again's CMI object, which the tests read back. Every request outside the served folder is
refused: the package must carry every byte it needs.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from game.engine import Catalog, Scenario
from game.web import scorm_data
from game.webbuild import harness
from game.webbuild.scorm import MANIFEST, build_package
from tests.support.browser import unavailable
from tests.support.browser_routes import Step, plan

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CASE = "tutorial"
SCORM_JS = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
STUDENT = {"cmi.core.student_id": "s-0042", "cmi.core.student_name": "Student, Test"}

HOST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A test LMS</title>
<script src="scorm12.js"></script>
<script>
    // The LMS's side: scorm-again's SCORM 1.2 runtime, preloaded as an LMS does for a returning student.
    const query = new URLSearchParams(location.search)
    window.lmsLog = []
    window.lmsCommits = 0
    window.lmsFinished = false
    if (query.get("api") !== "none") {
        const api = new Scorm12API({ autocommit: false, logLevel: 5 })
        const data = query.get("data")
        if (data) api.loadFromFlattenedJSON(JSON.parse(data))
        api.on("LMSSetValue.cmi.*", (element, value) => window.lmsLog.push([element, String(value)]))
        api.on("LMSCommit", () => { window.lmsCommits += 1 })
        api.on("LMSFinish", () => { window.lmsFinished = true })
        window.API = api
    }
    // What the LMS holds now, as the JSON it would store (write-only elements included).
    window.lmsData = () => JSON.parse(JSON.stringify(window.API.cmi))
</script></head>
<body><h1>Course page</h1>
<iframe id="sco" title="Verdict" src="sco/index.html" width="1000" height="700"></iframe>
</body></html>
"""


@pytest.fixture(scope="module")
def lms_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The package for one case, unpacked as an LMS serves it, beside the host page and scorm-again."""
    try:
        harness.chromium_path()
        harness.ensure_node_packages()
    except harness.Unavailable as exc:
        unavailable(str(exc))
    if not SCORM_JS.is_file():
        unavailable("scorm-again is not installed in node_modules (npm ci)")
    folder = tmp_path_factory.mktemp("lms")
    package = build_package(folder / "out", CASE)
    with zipfile.ZipFile(package.path) as zf:
        assert MANIFEST in zf.namelist()
        zf.extractall(folder / "site" / "sco")
    shutil.copy2(SCORM_JS, folder / "site" / "scorm12.js")
    (folder / "site" / "host.html").write_text(HOST, encoding="utf-8")
    with harness.serve(folder / "site") as url:
        yield url


# The browser is the session's (tests/browser/conftest.py): Playwright's sync API runs one instance at a time.


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return Catalog.load(ROOT / "scenarios").scenarios[CASE]


class Lms:
    """The host page in a fresh browser context (a fresh computer: empty localStorage) and its SCO frame."""

    def __init__(self, browser: Any, site: str, data: dict[str, str] | None = None, api: bool = True,
                 context: Any = None):
        self.owned = context is None
        self.context = browser.new_context() if context is None else context
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if "Traceback" in m.text else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.refused = harness.refuse_outside(self.page, site)
        query = "?api=none" if not api else "?data=" + quote(json.dumps({**STUDENT, **(data or {})}), safe="")
        self.page.goto(site + "host.html" + query)
        self.frame = self.page.frame_locator("#sco")
        self.sco = self.page.frame(url=re.compile(r"/sco/index\.html"))
        assert self.sco is not None
        harness.wait_ready(self.sco)

    def offered(self) -> list[str]:
        assert self.sco is not None
        return self.sco.eval_on_selector_all("#verdict-controls [data-action]",
                                             "els => els.map(e => e.getAttribute('data-action'))")

    def click(self, key: str) -> None:
        self.frame.locator(f'[data-action="{key}"]').click()

    def heading(self) -> str:
        return self.frame.locator("#verdict-screen h1").first.inner_text()

    def data(self) -> dict[str, Any]:
        return self.page.evaluate("window.lmsData()")

    def close(self, keep_context: bool = False) -> None:
        assert self.refused == [], f"the package asked for files outside its folder: {self.refused}"
        assert self.errors == [], self.errors
        if self.owned and not keep_context:
            self.context.close()
        else:
            self.page.close()

    def leave(self) -> dict[str, Any]:
        """The student closes the course (the SCO's frame goes: pagehide, LMSFinish); what the LMS holds."""
        self.page.evaluate("() => document.getElementById('sco').remove()")
        self.page.wait_for_function("window.lmsFinished === true")
        return self.data()

    def python(self, code: str) -> Any:
        assert self.sco is not None
        return self.sco.evaluate("code => window.verdictPyodide.runPython(code)", code)


def play(lms: Lms, steps: list[Step]) -> None:
    for step in steps:
        if step.key == "verdict":
            for key in ("verdict", f"interp:{step.interpretation}", *(f"cite:{e}" for e in step.cite),
                        f"confidence:{step.confidence}", "confirm", "file"):
                lms.click(key)
        else:
            lms.click(step.key)


def interactions(data: dict[str, Any]) -> list[dict[str, Any]]:
    children = data["interactions"]
    return [children[k] for k in sorted(children, key=int)] if isinstance(children, dict) else list(children)


def test_a_case_played_to_its_debrief_reports_status_score_time_and_every_verdict(
        browser: Any, lms_site: str, scenario: Scenario) -> None:
    lms = Lms(browser, lms_site)
    assert lms.heading() == scenario.title  # a one-case package opens its briefing
    assert lms.page.evaluate("window.API.cmi.core.lesson_status") == "incomplete"
    lms.click("begin")
    steps = plan(scenario)
    verdicts = [s for s in steps if s.key == "verdict"]
    assert verdicts, "the route must file at least one verdict"
    play(lms, steps)
    assert "debrief" in lms.offered()
    lms.click("debrief")
    data = lms.data()
    core = data["core"]
    assert core["lesson_status"] == "completed"  # no mastery score given: completed
    score = int(core["score"]["raw"])
    assert 0 <= score <= 100 and core["score"]["min"] == "0" and core["score"]["max"] == "100"
    log = lms.page.evaluate("window.lmsLog")
    times = [value for element, value in log if element == "cmi.core.session_time"]
    assert times and all(re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", t) for t in times), times
    assert lms.page.evaluate("window.API.LMSGetLastError()") == "0", log
    got = interactions(data)
    assert [i["id"] for i in got] == [f"{CASE}-{q}" for q in scenario.questions][: len(verdicts)]
    for entry, step in zip(got, verdicts, strict=True):
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,255}", entry["id"])  # SCORM 1.2's strict identifier
        assert entry["type"] == "choice"
        assert entry["student_response"] == step.interpretation
        assert entry["result"] in ("correct", "wrong", "neutral")
        assert entry["weighting"] == "1"
        assert re.fullmatch(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", entry["latency"])  # as scorm-again keeps it
    latencies = [value for element, value in log if re.fullmatch(r"cmi\.interactions\.\d+\.latency", element)]
    assert len(latencies) == len(verdicts)
    assert all(re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", t) for t in latencies), latencies  # as sent
    assert lms.page.evaluate("window.lmsCommits") >= len(verdicts) + 1  # each verdict and the end
    assert data["suspend_data"].startswith(scorm_data.PACKED)
    lms.close()


def test_another_computer_resumes_from_suspend_data(browser: Any, lms_site: str, scenario: Scenario) -> None:
    first = Lms(browser, lms_site)
    first.click("begin")
    steps = plan(scenario)
    cut = next(i for i, s in enumerate(steps) if s.key == "verdict") + 1  # past the first verdict
    play(first, steps[:cut])
    where = first.heading()
    stored = first.leave()
    assert stored["core"]["exit"] == "suspend"
    suspend = stored["suspend_data"]
    assert len(suspend) <= scorm_data.LIMIT
    first.close()

    second = Lms(browser, lms_site, {"cmi.suspend_data": suspend, "cmi.core.entry": "resume",
                                     "cmi.core.lesson_status": "incomplete"})
    assert "Resume the case" in second.frame.locator("[data-action='begin']").inner_text()
    second.click("begin")
    assert second.heading() == where
    play(second, steps[cut:])
    assert "debrief" in second.offered()
    data = second.data()
    assert data["core"]["lesson_status"] == "completed"
    # The verdict filed on the first computer is not reported a second time.
    assert len(interactions(data)) == sum(1 for s in steps[cut:] if s.key == "verdict")
    second.close()


def test_a_mastery_score_makes_it_passed_or_failed(browser: Any, lms_site: str, scenario: Scenario) -> None:
    lms = Lms(browser, lms_site, {"cmi.student_data.mastery_score": "100"})
    lms.click("begin")
    play(lms, plan(scenario))
    data = lms.data()
    expected = "passed" if int(data["core"]["score"]["raw"]) >= 100 else "failed"
    assert data["core"]["lesson_status"] == expected
    lms.close()


def test_damaged_suspend_data_is_reported_and_the_case_starts_afresh(browser: Any, lms_site: str) -> None:
    lms = Lms(browser, lms_site, {"cmi.suspend_data": scorm_data.PACKED + "not base64 at all!",
                                  "cmi.core.entry": "resume"})
    assert "could not be read" in lms.frame.locator("#verdict-status").inner_text()
    assert "Open the case" in lms.frame.locator("[data-action='begin']").inner_text()
    lms.click("begin")
    assert lms.heading() != "The Missing Page" and any(k.startswith("choose:") for k in lms.offered())
    lms.close()


def test_a_save_too_long_for_the_lms_is_kept_whole_in_the_browser_and_said(
        browser: Any, lms_site: str, scenario: Scenario) -> None:
    lms = Lms(browser, lms_site)
    lms.click("begin")
    steps = plan(scenario)
    first_verdict = next(i for i, s in enumerate(steps) if s.key == "verdict")
    play(lms, steps[:first_verdict])
    step = steps[first_verdict]
    for key in ("verdict", f"interp:{step.interpretation}", *(f"cite:{e}" for e in step.cite),
                f"confidence:{step.confidence}"):
        lms.click(key)
    # Two thousand characters that hardly compress: far more than 4096 once packed with the rest.
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(2000))
    box = lms.frame.locator('[data-action="reason"]')
    box.fill(text)
    lms.click("confirm")
    lms.click("file")
    status = lms.frame.locator("#verdict-status").inner_text()
    assert "4096" in status, status
    stored = lms.leave()
    suspend = stored["suspend_data"]
    assert len(suspend) <= scorm_data.LIMIT
    kept = scorm_data.unpack(suspend)
    assert kept.kept == "short-reasoning"  # the place and the verdict are kept; the words shortened
    assert kept.save is not None and json.loads(kept.save)["scenario"] == CASE
    lms.close(keep_context=True)  # the same computer comes back below
    resume = {"cmi.suspend_data": suspend, "cmi.core.entry": "resume", "cmi.core.lesson_status": "incomplete"}
    reasoning = "list(verdict_page.controller.session.verdicts.values())[0].reasoning"

    # The same computer: its own copy is the same moment, whole, so the reasoning comes back whole.
    same = Lms(browser, lms_site, resume, context=lms.context)
    same.click("begin")
    assert same.python(reasoning) == text
    same.close()
    # Another computer: the LMS's copy, with the reasoning shortened, and the student told so.
    other = Lms(browser, lms_site, resume)
    assert "shortened" in other.frame.locator("#verdict-status").inner_text()
    other.click("begin")
    short = other.python(reasoning)
    assert short.endswith(scorm_data.SHORTENED) and text.startswith(short.removesuffix(scorm_data.SHORTENED))
    other.close()
    lms.context.close()


def test_without_an_lms_the_package_plays_as_usual(browser: Any, lms_site: str) -> None:
    lms = Lms(browser, lms_site, api=False)
    assert lms.page.evaluate("window.API === undefined")
    assert lms.sco is not None and lms.sco.evaluate("window.verdictLmsApi") is None
    lms.click("begin")
    assert lms.offered()
    assert lms.sco.evaluate("localStorage.getItem('verdict:v1:save.tutorial')") is not None  # saved as usual
    lms.close()
