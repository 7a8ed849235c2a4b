"""The stance grid for the terminal and as CSV for a spreadsheet, and the CSV read back.

The CSV holds one block per question: a `question` line, a header line (evidence, title, reliability,
one column per interpretation, why), one line per evidence item, then a blank line. Title and
reliability are there to read; only the interpretation columns and `why` are written back.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from game.authoring.grid import SYMBOLS, Grid
from game.engine.model import Scenario

FIXED = ("evidence", "title", "reliability")
WHY = "why"
_FORMULA = ("=", "+", "-", "@")  # a spreadsheet would run a cell starting with these as a formula


def grid_text(scenario: Scenario, grid: Grid, nets: dict[str, float], best: dict[str, int]) -> str:
    out = [f"{grid.question}: {grid.prompt}", ""]
    for iid in grid.interpretations:
        out.append(f"  {iid}: {grid.claims[iid]}")
    out.append("")
    first = max([len("evidence"), *(len(r.evidence) for r in grid.rows)]) + 2
    widths = [max(len(iid), 4) + 2 for iid in grid.interpretations]
    header = "evidence".ljust(first) + "rel.  " + "".join(i.ljust(w) for i, w in zip(grid.interpretations,
                                                                                   widths, strict=True))
    out.append(header.rstrip())
    out.append("-" * len(header.rstrip()))
    for row in grid.rows:
        rel = row.reliability[0].upper() + ("c" if "coerced" in row.reliability else " ")
        if not row.listed:
            out.append(f"{row.evidence.ljust(first)}{rel}    (no stance: not relevant to this question)")
            continue
        cells = "".join(SYMBOLS.get(row.cells[iid], "·").ljust(w)
                        for iid, w in zip(grid.interpretations, widths, strict=True))
        out.append(f"{row.evidence.ljust(first)}{rel}    {cells}".rstrip())
        out.append(" " * (first + 6) + f"why: {row.why}")
    out.append("-" * len(header.rstrip()))
    pairs = list(zip(grid.interpretations, widths, strict=True))
    out.append(("net".ljust(first + 6) + "".join(f"{nets[i]:+.1f}".ljust(w) for i, w in pairs)).rstrip())
    out.append(("best".ljust(first + 6) + "".join(str(best[i]).ljust(w) for i, w in pairs)).rstrip())
    out += [
        "",
        "++ strongly supports  + supports  0 neutral  - undermines  -- strongly undermines",
        "·  not named (counts as neutral)",
        "rel.: H high (weight 1.0), M medium (0.6), L low (0.3), c coerced (0.1 whatever the grade)",
        "net: the weighted support of all the case's evidence for each reading.",
        "best: the score of that reading argued from its strongest items with everything found;",
        "the best-supported reading should reach 85 (see docs/authoring.md).",
    ]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in _FORMULA else text


def to_csv(grids: list[Grid]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for number, grid in enumerate(grids):
        if number:
            writer.writerow([])
        writer.writerow(["question", grid.question, _cell(grid.prompt)])
        writer.writerow([*FIXED, *grid.interpretations, WHY])
        for row in grid.rows:
            writer.writerow([row.evidence, _cell(row.title), row.reliability,
                             *(row.cells[i] for i in grid.interpretations), _cell(row.why)])
    return buffer.getvalue()


@dataclass
class EditedRow:
    line: int
    evidence: str
    cells: dict[str, str]  # interpretation id -> cell as typed (only the columns the file has)
    why: str


@dataclass
class EditedGrid:
    line: int
    question: str
    columns: list[str]
    rows: list[EditedRow]


class CsvProblem(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")


def from_csv(text: str) -> list[EditedGrid]:
    found: list[EditedGrid] = []
    current: EditedGrid | None = None
    expecting_header = False
    for number, cells in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        cells = [c.strip() for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            current = None if not expecting_header else current
            continue
        head = cells[0].lower()
        if head == "question":
            if len(cells) < 2 or not cells[1]:
                raise CsvProblem(number, "a 'question' line needs the question's id in its second cell")
            current = EditedGrid(number, cells[1], [], [])
            found.append(current)
            expecting_header = True
        elif expecting_header:
            if head != "evidence" or WHY not in [c.lower() for c in cells]:
                raise CsvProblem(number, "after the 'question' line comes the header: evidence, title, "
                                         "reliability, the interpretations, why")
            assert current is not None
            current.columns = [c.lower() if c.lower() in (*FIXED, WHY) else c for c in cells]
            expecting_header = False
        elif current is None:
            raise CsvProblem(number, "a row outside any question: each grid starts with a 'question' line")
        else:
            if len(cells) > len(current.columns):
                raise CsvProblem(number, f"{len(cells)} cells, but the header has {len(current.columns)}")
            padded = cells + [""] * (len(current.columns) - len(cells))
            values = dict(zip(current.columns, padded, strict=True))
            interps = [c for c in current.columns if c not in (*FIXED, WHY)]
            cells_by_reading = {i: values.get(i, "") for i in interps}
            current.rows.append(EditedRow(number, values.get("evidence", ""), cells_by_reading,
                                          _uncell(values.get(WHY, ""))))
    if expecting_header:
        raise CsvProblem(found[-1].line, "a 'question' line with no header after it")
    return found
