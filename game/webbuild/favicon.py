"""Draws the page's favicon: a red case-file stamp ring with a "V" on paper, as a PNG, from code.

Generated at build time (standard library only) so the repository holds no binary and the icon is our own.
"""

from __future__ import annotations

import math
import struct
import zlib

PAPER = (243, 234, 210)
INK = (158, 27, 27)
SIZE = 64
_SUPERSAMPLE = 4  # 4x4 samples per pixel for smooth edges


def _distance_to_segment(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _inked(x: float, y: float) -> bool:
    """Is the point (in 0..1 coordinates) part of the stamp?"""
    r = math.hypot(x - 0.5, y - 0.5)
    ring = 0.36 <= r <= 0.46
    stroke = 0.075
    v = min(
        _distance_to_segment(x, y, 0.32, 0.30, 0.5, 0.72),
        _distance_to_segment(x, y, 0.68, 0.30, 0.5, 0.72),
    )
    return ring or v <= stroke


def _in_card(x: float, y: float) -> bool:
    """The rounded paper square behind the stamp."""
    m, radius = 0.03, 0.12
    cx = min(max(x, m + radius), 1 - m - radius)
    cy = min(max(y, m + radius), 1 - m - radius)
    return math.hypot(x - cx, y - cy) <= radius


def render(size: int = SIZE) -> bytes:
    rows = []
    n = _SUPERSAMPLE
    for py in range(size):
        row = bytearray([0])  # PNG filter type 0 for each scanline
        for px in range(size):
            ink = card = 0
            for sy in range(n):
                for sx in range(n):
                    x = (px + (sx + 0.5) / n) / size
                    y = (py + (sy + 0.5) / n) / size
                    if _in_card(x, y):
                        card += 1
                        ink += _inked(x, y)
            samples = n * n
            alpha = round(255 * card / samples)
            share = ink / card if card else 0.0
            rgb = [round(p + (i - p) * share) for p, i in zip(PAPER, INK, strict=True)]
            row += bytes([*rgb, alpha])
        rows.append(bytes(row))
    return _png(size, size, b"".join(rows))


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body
