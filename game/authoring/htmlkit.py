"""Small pieces shared by the HTML map and the teacher's pack: escaping, prose, the page around them.

Every string from a case file is escaped here before it reaches a page: a title such as
`<script>` shows as those characters, never as markup. The pages load nothing from the network.
"""

from __future__ import annotations

import html

from game.engine.prose import parse_prose


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def prose(text: str) -> str:
    """Scene prose as paragraphs, with *emphasis* and **strong** kept and everything else escaped."""
    out = []
    for paragraph in parse_prose(text):
        parts = []
        for span in paragraph:
            inner = esc(span.text)
            parts.append(f"<{span.style}>{inner}</{span.style}>" if span.style else inner)
        out.append(f"<p>{''.join(parts)}</p>")
    return "\n".join(out)


BASE_CSS = """
:root { --ink: #1f1f1f; --muted: #5f6368; --line: #dadce0; --paper: #ffffff; --accent: #1a56db; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); background: var(--paper);
       margin: 0 auto; padding: 1.5rem; max-width: 72rem; }
h1, h2, h3, h4 { font-family: Helvetica, Arial, sans-serif; line-height: 1.25; }
code, .id { font-family: Menlo, Consolas, monospace; font-size: 0.85em; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
th { background: #f1f3f4; font-family: Helvetica, Arial, sans-serif; font-size: 0.85rem; }
.muted { color: var(--muted); }
.warn { color: #a50e0e; font-weight: bold; }
"""


def page(title: str, body: str, css: str = "", script: str = "") -> str:
    # The script, when there is one, reads only the page's own elements; it never builds markup from text.
    tail = f"<script>\n{script}\n</script>\n" if script else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        # Nothing may load from anywhere: the page is whole as it is, and works offline.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n"
        f"{body}\n{tail}</body>\n</html>\n"
    )
