"""Inline SVG charts for the class page: drawn as markup, so they need no script, no network, no library.

Each chart is an image with a text alternative (role="img" and a <title>), and the page prints the same
numbers in a table beside it, so nothing is told by the picture alone or by colour alone. Every label is
escaped here; callers pass plain text.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from html import escape

WIDTH = 640
LEFT = 24
PLOT = WIDTH - 2 * LEFT
LABEL_CHARS = 88  # a longer label is cut in the chart; the table beside it has it whole
BIN = 5  # points per column of the score plot
DOT = 11  # one student's dot, gap included


def clip(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(height: int, title: str, body: Sequence[str]) -> str:
    return (f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">'
            f'<title>{escape(title)}</title>' + "".join(body) + "</svg>")


def _x(score: float) -> float:
    return LEFT + PLOT * max(0.0, min(100.0, score)) / 100


def score_dots(scores: Sequence[int], what: str) -> str:
    """One dot per student above a 0-100 axis, stacked in columns of five points; the median marked."""
    columns: dict[int, int] = {}
    for s in scores:
        columns[min(s, 99) // BIN] = columns.get(min(s, 99) // BIN, 0) + 1
    tallest = max(columns.values(), default=1)
    base = 12 + tallest * DOT
    body = []
    for column, count in sorted(columns.items()):
        cx = _x(column * BIN + BIN / 2)
        body += [f'<circle class="dot" cx="{cx:.1f}" cy="{base - DOT / 2 - n * DOT:.1f}" r="{DOT / 2 - 1}"/>'
                 for n in range(count)]
    body.append(f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{LEFT + PLOT}" y2="{base}"/>')
    for tick in range(0, 101, 25):
        x = f"{_x(tick):.1f}"
        body.append(f'<line class="axis" x1="{x}" y1="{base}" x2="{x}" y2="{base + 5}"/>'
                    f'<text x="{x}" y="{base + 18}" text-anchor="middle">{tick}</text>')
    if scores:
        median = statistics.median(scores)
        # The label sits on the side of the line with room for it.
        at, anchor = (_x(median) - 4, "end") if median > 80 else (_x(median) + 4, "start")
        body.append(f'<line class="median" x1="{_x(median):.1f}" y1="4" x2="{_x(median):.1f}" y2="{base}"/>'
                    f'<text x="{at:.1f}" y="12" text-anchor="{anchor}">median {median:g}</text>')
        title = (f"{what}: {len(scores)} scores from {min(scores)} to {max(scores)}, "
                 f"median {median:g}, one dot per student")
    else:
        title = f"{what}: no scores"
    return _svg(base + 24, title, body)


def bars(rows: Sequence[tuple[str, int]], out_of: int, what: str) -> str:
    """A labelled bar per row, longest first as given; the count and 'of N' written beside each bar."""
    top = max((n for _, n in rows), default=1) or 1
    body = []
    for n, (label, count) in enumerate(rows):
        y = 6 + n * 38
        length = max(2.0, (PLOT - 70) * count / top)
        body.append(f'<text x="{LEFT}" y="{y + 11}">{escape(clip(label))}</text>'
                    f'<rect class="bar" x="{LEFT}" y="{y + 16}" width="{length:.1f}" height="14"/>'
                    f'<text x="{LEFT + length + 6:.1f}" y="{y + 28}">{count} of {out_of}</text>')
    summary = "; ".join(f"{label}: {count}" for label, count in rows)
    return _svg(12 + 38 * len(rows), f"{what}. {summary}", body)


def stacked(rows: Sequence[tuple[str, Sequence[tuple[str, int]]]], out_of: int, what: str) -> str:
    """A bar per row split into named parts (each part's name and count written on the chart)."""
    parts = [name for name, _ in rows[0][1]] if rows else []
    legend = []
    x = float(LEFT)
    for k, name in enumerate(parts):
        legend.append(f'<rect class="part{k % 4}" x="{x:.1f}" y="4" width="12" height="12"/>'
                      f'<text x="{x + 16:.1f}" y="14">{escape(clip(name, 20))}</text>')
        x += 24 + 8 * len(clip(name, 20))
    body = list(legend)
    scale = (PLOT - 40) / max(1, out_of)
    for n, (label, counts) in enumerate(rows):
        y = 26 + n * 40
        body.append(f'<text x="{LEFT}" y="{y + 11}">{escape(clip(label))}</text>')
        x = float(LEFT)
        for k, (name, count) in enumerate(counts):
            if not count:
                continue
            width = scale * count
            body.append(f'<rect class="part{k % 4}" x="{x:.1f}" y="{y + 16}" width="{width:.1f}" height="16">'
                        f'<title>{escape(name)}: {count}</title></rect>')
            if width >= 14:
                body.append(f'<text class="on-part{k % 4}" x="{x + width / 2:.1f}" y="{y + 28}" '
                            f'text-anchor="middle">{count}</text>')
            x += width
        total = sum(c for _, c in counts)
        body.append(f'<text x="{x + 6:.1f}" y="{y + 28}">{total}</text>')
    summary = "; ".join(f"{label}: " + ", ".join(f"{c} {name}" for name, c in counts if c)
                        for label, counts in rows)
    return _svg(30 + 40 * len(rows), f"{what}. {summary or 'none'}", body)
