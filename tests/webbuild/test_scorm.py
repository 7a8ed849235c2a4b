"""`verdict web --scorm`: a SCORM 1.2 zip, built offline, whose manifest lists every file it holds."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from game.webbuild import html
from game.webbuild.build import BuildError
from game.webbuild.scorm import ADLCP, CP, MANIFEST, manifest, package_name, scorm_page
from tests.support.offline import offline_env

ROOT = Path(__file__).resolve().parents[2]
NS = {"cp": CP, "adlcp": ADLCP}


def pyodide_or_skip() -> None:
    try:
        html.find_pyodide(ROOT)
    except BuildError as exc:
        pytest.skip(str(exc))


def run(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    prefix, env = offline_env()
    command = [*prefix, sys.executable, "-m", "game", "web", "--out", str(out), "--scorm", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
                          check=False)


@pytest.fixture(scope="module")
def one_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    pyodide_or_skip()
    out = tmp_path_factory.mktemp("scorm")
    proc = run(out, "kirov")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / package_name("kirov"), proc.stdout


def check_manifest(package: Path) -> ET.Element:
    """The manifest is SCORM 1.2's: one organization, one item, one SCO, every file of the zip listed."""
    with zipfile.ZipFile(package) as zf:
        names = zf.namelist()
        root = ET.fromstring(zf.read(MANIFEST))
    assert names[0] == MANIFEST
    assert root.tag == f"{{{CP}}}manifest"
    assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    organizations = root.find("cp:organizations", NS)
    assert organizations is not None
    orgs = organizations.findall("cp:organization", NS)
    assert len(orgs) == 1 and organizations.get("default") == orgs[0].get("identifier")
    items = orgs[0].findall("cp:item", NS)
    assert len(items) == 1
    resources = root.findall("cp:resources/cp:resource", NS)
    assert len(resources) == 1
    sco = resources[0]
    assert sco.get(f"{{{ADLCP}}}scormtype") == "sco" and sco.get("type") == "webcontent"
    assert items[0].get("identifierref") == sco.get("identifier")
    assert sco.get("href") == "index.html"
    listed = [f.get("href") for f in sco.findall("cp:file", NS)]
    assert sorted(listed) == sorted(n for n in names if n != MANIFEST and not n.endswith("/"))
    assert len(listed) == len(set(listed))
    identifiers = [el.get("identifier") for el in root.iter() if el.get("identifier") is not None]
    assert len(identifiers) == len(set(identifiers)) == 4  # manifest, organization, item, resource
    return root


def test_one_case_package_is_written_offline_and_reported_with_its_size(one_case: tuple[Path, str]) -> None:
    package, stdout = one_case
    assert package.is_file()
    assert str(package) in stdout and f"{package.stat().st_size} bytes" in stdout
    root = check_manifest(package)
    title = root.findtext("cp:organizations/cp:organization/cp:title", namespaces=NS)
    assert title == "Verdict: The Shot in the Corridor"


def test_the_package_holds_the_html_edition_with_that_case_alone(one_case: tuple[Path, str]) -> None:
    package, _ = one_case
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
        page = zf.read("index.html").decode("utf-8")
        game = zf.read("verdict.zip")
    assert {"index.html", "verdict.zip", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip"} <= names
    assert "window.verdictLmsApi" in page and 'window.verdictCase = "kirov"' in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    import io

    with zipfile.ZipFile(io.BytesIO(game)) as inner:
        cases = sorted(n for n in inner.namelist() if n.startswith("scenarios/"))
        assert "game/web/scorm.py" in inner.namelist()
    assert cases == ["scenarios/glossary.toml", "scenarios/kirov.toml"]


def test_every_case_package_and_an_unknown_case(tmp_path: Path) -> None:
    pyodide_or_skip()
    proc = run(tmp_path)
    assert proc.returncode == 0, proc.stderr
    check_manifest(tmp_path / package_name(None))
    proc = run(tmp_path, "no_such_case")
    assert proc.returncode == 1
    assert "no_such_case" in proc.stderr and "kirov" in proc.stderr  # names the cases there are
    assert not (tmp_path / package_name("no_such_case")).exists()


def test_manifest_escapes_a_teachers_title_and_lists_files_in_order() -> None:
    text = manifest(["b.js", "a & b.html", "index.html"], 'Verdict: <Kirov> & "the NKVD"', "kirov")
    root = ET.fromstring(text)
    assert root.findtext("cp:organizations/cp:organization/cp:title", namespaces=NS) == \
        'Verdict: <Kirov> & "the NKVD"'
    assert [f.get("href") for f in root.iter(f"{{{CP}}}file")] == ["b.js", "a & b.html", "index.html"]


def test_the_page_must_keep_the_shape_the_script_is_added_to() -> None:
    with pytest.raises(BuildError):
        scorm_page("<html><body>no head</body></html>", None)


def test_a_mastery_score_goes_into_the_item_after_its_title(tmp_path: Path) -> None:
    root = ET.fromstring(manifest(["index.html"], "Verdict", "kirov", 60))
    item = root.find("cp:organizations/cp:organization/cp:item", NS)
    assert item is not None
    assert [child.tag for child in item] == [f"{{{CP}}}title", f"{{{ADLCP}}}masteryscore"]
    assert item.findtext("adlcp:masteryscore", namespaces=NS) == "60"
    assert ET.fromstring(manifest(["index.html"], "Verdict", None)).find(".//adlcp:masteryscore", NS) is None
    pyodide_or_skip()
    proc = run(tmp_path, "tutorial", "--mastery", "101")
    assert proc.returncode == 1 and "0 to 100" in proc.stderr


def test_a_capstone_package_carries_the_cases_it_borrows_from_and_is_open(tmp_path: Path) -> None:
    import io

    from game.engine import Catalog
    from game.web.buildconfig import CONFIG_NAME

    pyodide_or_skip()
    proc = run(tmp_path, "historians")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(tmp_path / package_name("historians")) as zf:
        game = zf.read("verdict.zip")
    with zipfile.ZipFile(io.BytesIO(game)) as inner:
        inner.extractall(tmp_path / "app")
        config = inner.read(f"game/web/{CONFIG_NAME}").decode("utf-8")
    assert "unlock_all" in config and "true" in config  # an LMS knows nothing of the other cases finished
    scenarios = tmp_path / "app" / "scenarios"
    assert sorted(p.name for p in scenarios.glob("*.toml")) == ["glossary.toml", "historians.toml"]
    catalog = Catalog.load(scenarios, borrow_from=[scenarios / "lenders"])
    assert list(catalog.scenarios) == ["historians"] and not catalog.failures
    assert not catalog.scenarios["historians"].unresolved
