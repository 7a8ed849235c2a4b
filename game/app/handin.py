"""The hand-in: the report written in the form the student picks, and read back by the teacher's tools.

The HTML page is self-contained (no scripts run, no network) and carries the report's JSON in a data block,
so a teacher's `verdict report` reads the page a student printed to PDF's source file as well as the JSON.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any, Literal, Protocol

from game.engine.report import STANCE_PHRASES, report_markdown
from game.engine.safejson import UnsafeJSON, read_json

Form = Literal["html", "json", "md"]
FORMS: dict[Form, tuple[str, str]] = {  # form -> (file suffix, what the student reads on the button)
    "html": (".html", "A page to print or upload (HTML)"),
    "json": (".json", "A file for your teacher's tools (JSON)"),
    "md": (".md", "Plain text (Markdown)"),
}
MIME = {"html": "text/html", "json": "application/json", "md": "text/markdown"}
_DATA = re.compile(r'<script type="application/json" id="verdict-report">(.*?)</script>', re.S)

class Deliverer(Protocol):
    """Where a finished hand-in goes, chosen by the entry point: a folder on desktops, a download in pages."""

    folder: str | None  # the folder the student may change; None where the platform decides (a download)

    def deliver(self, name: str, text: str, mime: str) -> str:
        """Put the file somewhere the student can find it; returns a sentence saying where (or why not)."""
        ...


class FolderDeliverer:
    """Desktop and terminal: write into a folder (default: reports/ in the user-data folder), atomically,
    never over a file that is already there."""

    def __init__(self, folder: str | Path):
        self.folder: str | None = str(folder)

    def deliver(self, name: str, text: str, mime: str) -> str:
        folder = Path(self.folder or ".").expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stem, suffix = Path(name).stem, Path(name).suffix
            target, n = folder / name, 1
            while target.exists():
                n += 1
                target = folder / f"{stem}-{n}{suffix}"
            partial = target.with_name(target.name + ".partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
        except OSError as err:
            return f"The report could not be written to {folder} ({err.strerror}). Try another folder."
        return f"Your report is saved as {target}. Hand that file to your teacher."


def file_name(data: dict[str, Any], form: Form) -> str:
    who = re.sub(r"[^a-z0-9]+", "-", data["student"]["name"].lower()).strip("-") or "student"
    return f"verdict-{data['scenario']}-{who}{FORMS[form][0]}"


def render(data: dict[str, Any], form: Form) -> str:
    if form == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if form == "md":
        return report_markdown(data)
    return report_html(data)


def report_html(data: dict[str, Any]) -> str:
    e = html.escape
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    student = data["student"]["name"] or "(no name given)"
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(data['title'])}: case report for {e(student)}</title>",
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
        "color:#1a1a1a}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-top:1px solid #ccc;"
        "padding-top:1rem}.score{font-weight:bold}blockquote{border-left:4px solid #888;margin:0;"
        "padding:.2rem 1rem;background:#f4f4f4}table{border-collapse:collapse}td{padding:.2rem .6rem;"
        "vertical-align:top;border-bottom:1px solid #eee}small{color:#555}</style></head><body><main>",
        f"<h1>Case report: {e(data['title'])}</h1>",
        "<ul>",
    ]
    from game.engine.report import _summary_lines

    parts += [f"<li>{e(line)}</li>" for line in _summary_lines(data)]
    parts.append("</ul>")
    for v in data["verdicts"]:
        parts += [f"<h2>{e(v['prompt'])}</h2>",
                  f"<p><strong>Verdict ({e(v['confidence'])}):</strong> {e(v['claim'])}</p>", "<ul>"]
        parts += [f"<li>Cited: {e(c['title'])} ({e(STANCE_PHRASES.get(c['stance'], c['stance']))})</li>"
                  for c in v["cited"]] or ["<li>No evidence cited.</li>"]
        parts.append("</ul>")
        parts.append(f"<blockquote><p><strong>Reasoning:</strong> {e(v['reasoning'] or '(none written)')}"
                     "</p>" + (f"<p><strong>Against it:</strong> {e(v['rebuttal'])}</p>" if v["rebuttal"]
                               else "") + "</blockquote>")
        parts.append(f'<p class="score">Score: {v["score"]} / 100</p><table>')
        for line in v["lines"]:
            points = f"{line['points']:+d}" if line["max"] == 0 else f"{line['points']} / {line['max']}"
            parts.append(f"<tr><td>{e(line['label'])}</td><td>{e(points)}</td><td>{e(line['text'])}</td></tr>")
        parts.append("</table>")
    if not data["verdicts"]:
        parts.append("<p>No verdicts given yet.</p>")
    parts += _sourcing_html(data.get("sourcing"))
    route = " → ".join(step["title"] for step in data["route"])
    parts += [f"<h2>Route</h2><p>{e(route)}</p>",
              f"<p><small>Checksum {e(data['checksum'])}: a teacher's <code>verdict report</code> "
              "tells whether this file was edited.</small></p>",
              f'<script type="application/json" id="verdict-report">{payload}</script>',
              "</main></body></html>"]
    return "\n".join(parts) + "\n"


def _sourcing_html(sourcing: object) -> list[str]:
    """The sourcing judgements (sourcing practice): the student's grade of each source beside the case's."""
    if not isinstance(sourcing, dict):
        return []
    e = html.escape
    parts = ["<h2>Sourcing: how far the student trusted each document</h2>",
             f'<p class="score">{e(str(sourcing.get("line", "")))}</p>',
             "<table><tr><th>Document</th><th>Student's grade and why</th><th>The case's grade</th></tr>"]
    for item in sourcing.get("items", []):
        why = f": {item['why']}" if item.get("why") else ""
        parts.append(f"<tr><td>{e(str(item['title']))}</td><td>{e(str(item['trust']) + why)}</td>"
                     f"<td>{e(str(item['reliability']))}</td></tr>")
    parts.append("</table>")
    return parts


class NotAReport(ValueError):
    """The file is not a Verdict case report; the message says why."""


def read_report(text: str) -> dict[str, Any]:
    """A report's data from its JSON or HTML form; NotAReport when it is neither."""
    found = _DATA.search(text) if text.lstrip().startswith("<") else None
    raw = found.group(1).replace("<\\/", "</") if found else text
    try:
        data = read_json(raw)
    except UnsafeJSON as err:
        raise NotAReport(f"it is not a case report ({err})") from None
    if not isinstance(data, dict) or data.get("format") != "verdict-report":
        raise NotAReport("it is not a Verdict case report")
    if not isinstance(data.get("version"), int) or data["version"] > 2:
        raise NotAReport("it was written by a newer version of Verdict")
    for key, kind in (("scenario", str), ("title", str), ("verdicts", list), ("content_hash", str)):
        if not isinstance(data.get(key), kind):
            raise NotAReport(f"its '{key}' is missing or damaged")
    return data
