"""`verdict web --scorm [CASE]`: the HTML edition as a SCORM 1.2 package (one zip) for a school's LMS.

The zip holds imsmanifest.xml at its top and the HTML edition beside it (index.html, verdict.zip, pyodide/),
so the LMS serves every byte and nothing comes from outside. The manifest is the plainest SCORM 1.2 has:
one organization, one item, one SCO resource (adlcp:scormtype="sco") launching index.html, with every file
of the package listed. The page is the HTML edition's with one script more in its <head> (scorm.js), which
finds the LMS's API; the game itself talks to it (game/web/scorm.py).

With CASE the package holds that case alone and opens its briefing directly: an LMS activity is one
gradebook column, so one case per package is what a teacher usually wants (and the LMS's one
cmi.suspend_data then always holds that case's place). Without CASE every case ships and the student picks;
the LMS then gets the score of the case finished last.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from game.webbuild import html
from game.webbuild.favicon import render as render_favicon

HERE = Path(__file__).resolve().parent
MANIFEST = "imsmanifest.xml"
LAUNCH = "index.html"
CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{CP} imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 "
                   f"imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd")
CASE_MARKER = "/*@VERDICT_SCORM_CASE@*/"
BOOT_LINE = "verdictBoot.takeDeepLink(false)"


@dataclass
class ScormPackage:
    path: Path
    bytes: int
    files: int
    case: str | None
    title: str
    mastery: int | None = None


def package_name(case: str | None) -> str:
    return f"verdict-scorm-{case}.zip" if case else "verdict-scorm.zip"


def build_package(out_dir: Path, case: str | None = None, root: Path | None = None,
                  extra_scenarios: Path | None = None, pyodide: Path | None = None,
                  mastery: int | None = None, unlock: bool = False) -> ScormPackage:
    """Write the package into out_dir; BuildError (with a sentence a teacher can act on) when it cannot.

    mastery: the score (0-100) a student needs to pass; the LMS hands it to the game, which then reports
    passed or failed instead of completed. None: no mastery score in the manifest. unlock: open every
    case; a one-case package is always open (the teacher chose it for the activity, and an LMS has no
    record of the other cases a student finished).
    """
    from game.webbuild.build import ROOT, BuildError, render_html_edition, stage, write_build_config

    if mastery is not None and not 0 <= mastery <= 100:
        raise BuildError(f"--mastery {mastery}: a mastery score is a whole number from 0 to 100")

    root = (root or ROOT).resolve()
    pyodide = html.find_pyodide(root) if pyodide is None else pyodide
    with tempfile.TemporaryDirectory(prefix="verdict-scorm-") as tmp:
        app = Path(tmp) / "verdict"
        stage(root, app, extra_scenarios)
        title = "Verdict"
        if case:
            title = f"Verdict: {keep_one_case(app / 'scenarios', case)}"
        write_build_config(app, unlock or bool(case))
        favicon = Path(tmp) / "favicon.png"
        favicon.write_bytes(render_favicon())
        folder = Path(tmp) / "package"
        html.build(app, folder, pyodide, page=scorm_page(render_html_edition(), case), favicon=favicon)
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        (folder / MANIFEST).write_text(manifest(files, title, case, mastery), encoding="utf-8")
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / package_name(case)
        partial = target.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.write(folder / MANIFEST, MANIFEST)  # first, where every LMS looks
            for name in files:
                zf.write(folder / name, name)
        partial.replace(target)  # never a half-written package under the real name
    if not target.is_file():
        raise BuildError(f"the package {target} was not written")
    return ScormPackage(target, target.stat().st_size, len(files) + 1, case, title, mastery)


def keep_one_case(scenarios: Path, case: str) -> str:
    """Remove every case file but CASE's (the glossary and a class file stay); its title, or BuildError."""
    from game.app.classfile import CLASS_FILE
    from game.engine import Catalog
    from game.webbuild.build import BuildError

    catalog = Catalog.load(scenarios)
    scenario = catalog.scenarios.get(case)
    if scenario is None:
        known = ", ".join(sorted(catalog.scenarios)) or "none"
        raise BuildError(f"--scorm {case}: there is no case with that id (the cases are: {known})")
    keep = Path(scenario.path).resolve()
    # A case that borrows evidence (the capstone) needs the cases it borrows from: they go to the lenders'
    # folder, which the page loads for their evidence only, so the LMS activity lists the one case.
    lends = {ref.case for ref in scenario.evidence_from.values()}
    from game.web.buildconfig import LENDERS_FOLDER

    lenders = scenarios / LENDERS_FOLDER
    for path in scenarios.glob("*.toml"):
        if path.name in ("glossary.toml", CLASS_FILE) or path.resolve() == keep:
            continue
        if path.stem in lends:
            lenders.mkdir(exist_ok=True)
            path.replace(lenders / path.name)
        else:
            path.unlink()
    return scenario.title


def scorm_page(page: str, case: str | None) -> str:
    """The HTML edition's page with the API search in its <head> and, for one case, its briefing opened."""
    from game.webbuild.build import BuildError

    script = (HERE / "scorm.js").read_text(encoding="utf-8")
    # A link's own ?case= still wins; json.dumps writes the id as a JavaScript string literal.
    opening = f"if (!window.verdictCase) window.verdictCase = {json.dumps(case)}" if case else ""
    script = script.replace(CASE_MARKER, opening)
    if page.count("</head>") != 1 or BOOT_LINE not in page:
        raise BuildError("the HTML edition's page changed shape: game/webbuild/scorm.py cannot add its "
                         "script")
    return page.replace("</head>", f"<script>\n{script}</script>\n</head>", 1)


def manifest(files: list[str], title: str, case: str | None, mastery: int | None = None) -> str:
    """imsmanifest.xml for one SCO launching index.html, listing every file of the package."""
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    ident = f"verdict-{case}" if case else "verdict"
    root = ET.Element(f"{{{CP}}}manifest", {"identifier": f"{ident}-manifest", "version": "1.0",
                                            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    metadata = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.2"
    organizations = ET.SubElement(root, f"{{{CP}}}organizations", {"default": f"{ident}-org"})
    organization = ET.SubElement(organizations, f"{{{CP}}}organization", {"identifier": f"{ident}-org"})
    ET.SubElement(organization, f"{{{CP}}}title").text = title
    item = ET.SubElement(organization, f"{{{CP}}}item", {"identifier": f"{ident}-item",
                                                         "identifierref": f"{ident}-sco",
                                                         "isvisible": "true"})
    ET.SubElement(item, f"{{{CP}}}title").text = title
    if mastery is not None:  # after the title, as SCORM 1.2's item content model orders it
        ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(mastery)
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    resource = ET.SubElement(resources, f"{{{CP}}}resource", {"identifier": f"{ident}-sco",
                                                              "type": "webcontent",
                                                              f"{{{ADLCP}}}scormtype": "sco",
                                                              "href": LAUNCH})
    for name in files:
        ET.SubElement(resource, f"{{{CP}}}file", {"href": name})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def describe(package: ScormPackage) -> str:
    what = f"the case {package.case!r} alone, opened at its briefing" if package.case else "every case"
    size = f"{package.bytes / 1024 / 1024:.1f} MiB, {package.bytes} bytes, {package.files} files"
    if package.mastery is not None:
        what += f"; passed from a score of {package.mastery}"
    return (f"SCORM 1.2 package: {package.path} ({size}; {what}). Upload it to the LMS as a SCORM package: "
            "see docs/publishing.md.")

