"""Writes an edited stance grid back into the case file with tomlkit, which keeps everything else as it
was: comments, blank lines, the order of tables, the quoting of every other value.

Only a cell that changed is written. A blank cell removes that interpretation's stance (it is then
neutral); a row left entirely blank removes the item's stance table (the item is then irrelevant to the
question). The edited file is checked before it is written: if it would not load, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.authoring.grid import raw_tables, stance_word
from game.authoring.gridtext import FIXED, WHY, CsvProblem, EditedGrid, EditedRow, from_csv
from game.engine import read_scenario
from game.engine.diagnostics import did_you_mean
from game.engine.model import Scenario


class ApplyError(ValueError):
    """The CSV or the edited case has a problem; the message says where, and nothing was written."""


@dataclass(frozen=True)
class Change:
    question: str
    evidence: str
    key: str  # an interpretation id, "why", or "" for the whole table
    before: str | None
    after: str | None

    def describe(self) -> str:
        where = f"{self.question} / {self.evidence}" + (f" / {self.key}" if self.key else "")
        if self.key == "":
            return f"{where}: {'new stance table' if self.after else 'stance table removed'}"
        return f"{where}: {self.before or '(not named)'} → {self.after or '(not named)'}"


def _tomlkit() -> Any:
    try:
        import tomlkit
    except ImportError:
        raise ApplyError("writing a grid back needs the tomlkit package: "
                         "pip install 'verdict[author]' (or pip install tomlkit)") from None
    return tomlkit


def plan(scenario: Scenario, text: str, edited: list[EditedGrid], only: str | None) -> list[Change]:
    """Every change the CSV asks for, in order; ApplyError for a cell or id the case cannot take."""
    raw = raw_tables(text)
    changes: list[Change] = []
    for grid in edited:
        if grid.question not in scenario.questions:
            near = did_you_mean(grid.question, scenario.questions)
            raise ApplyError(f"line {grid.line}: the case has no question '{grid.question}'"
                             + (f"; did you mean '{near}'?" if near else ""))
        if only and grid.question != only:
            continue
        question = scenario.questions[grid.question]
        for column in grid.columns:
            if column not in (*FIXED, WHY) and column not in question.interpretations:
                near = did_you_mean(column, question.interpretations)
                raise ApplyError(f"line {grid.line}: '{grid.question}' has no interpretation '{column}'"
                                 + (f"; did you mean '{near}'?" if near else ""))
        stances = raw.get(grid.question, {}).get("stances", {})
        for row in grid.rows:
            changes.extend(_row_changes(scenario, grid.question, row, stances.get(row.evidence)))
    return changes


def _row_changes(scenario: Scenario, qid: str, row: EditedRow, table: Any) -> list[Change]:
    if row.evidence not in scenario.evidence:
        near = did_you_mean(row.evidence, scenario.evidence)
        raise ApplyError(f"line {row.line}: the case has no evidence '{row.evidence}'"
                         + (f"; did you mean '{near}'?" if near else ""))
    wanted: dict[str, str] = {}
    for iid, cell in row.cells.items():
        word = stance_word(cell)
        if word is None:
            raise ApplyError(f"line {row.line}: '{cell}' (for {row.evidence}, {iid}) is not a stance: use "
                             "strongly supports, supports, neutral, undermines, strongly undermines "
                             "(or ++, +, 0, -, --), or leave it blank")
        wanted[iid] = word
    table = table if isinstance(table, dict) else None
    if table is None:
        if not any(wanted.values()) and not row.why:
            return []
        return [Change(qid, row.evidence, "", None, "new"),
                *(Change(qid, row.evidence, k, None, v) for k, v in [*wanted.items(), ("why", row.why)] if v)]
    if not any(wanted.values()) and not row.why:
        return [Change(qid, row.evidence, "", "table", None)]
    found = []
    for key, after in [*wanted.items(), ("why", row.why)]:
        before = table.get(key)
        before_text = None if before is None else str(before)
        same = (before_text or "") == after if key == "why" else stance_word(before_text or "") == after
        if not same:
            found.append(Change(qid, row.evidence, key, before_text, after or None))
    return found


def apply_changes(text: str, changes: list[Change]) -> str:
    tomlkit = _tomlkit()
    document = tomlkit.parse(text)
    created = []
    for change in changes:
        stances = document["questions"][change.question]["stances"]
        if change.key == "":
            if change.after is None:
                del stances[change.evidence]
            else:
                created.append((stances, change.evidence))
                stances[change.evidence] = tomlkit.table()
            continue
        table = stances[change.evidence]
        if change.after is None:
            if change.key in table:
                del table[change.key]
        else:
            table[change.key] = change.after
    for stances, evidence in created:
        stances[evidence].add(tomlkit.nl())  # a blank line before the next header, as a person would leave
    result: str = tomlkit.dumps(document)
    return result


def apply_csv(scenario: Scenario, csv_text: str, only: str | None = None) -> tuple[str, list[Change]]:
    """The case file's new text and what changed; ApplyError when the edit cannot be made safely."""
    path = Path(scenario.path)
    text = path.read_text(encoding="utf-8")
    try:
        edited = from_csv(csv_text)
    except CsvProblem as problem:
        raise ApplyError(str(problem)) from None
    if not edited:
        raise ApplyError("the CSV holds no grid: it should start with a 'question' line "
                         "(write one with verdict stances CASE --csv FILE)")
    changes = plan(scenario, text, edited, only)
    if not changes:
        return text, []
    new_text = apply_changes(text, changes)
    loaded, diagnostics = read_scenario(new_text.encode("utf-8"), str(path))
    errors = [d.format() for d in diagnostics if d.severity == "error"]
    if loaded is None or errors:
        raise ApplyError("with these edits the case would not load, so nothing was written:\n"
                         + "\n".join(errors[:10]))
    return new_text, changes
