"""The authoring subcommands of `verdict`: new, map, stances, pack, outline. Each returns an exit status.

0: done; 1: the case or a file has a problem (said in one message); 2: the command was used wrongly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from game.authoring.sources import AuthoringError, find_case, teacher_folders


def _fail(command: str, message: str, err: TextIO) -> int:
    print(f"verdict {command}: {message}", file=err)
    return 1


def _write(text: str, out_file: str | None, out: TextIO, what: str) -> None:
    if out_file:
        path = Path(out_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"Wrote {what} to {path}", file=out)
    else:
        out.write(text)


def run_new(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from game.authoring.starter import write_starter

    try:
        folders = teacher_folders(args.scenarios)
        into = Path(args.into)
        written = write_starter(args.id, into, folders)
    except (AuthoringError, ValueError) as problem:
        return _fail("new", str(problem), err)
    except OSError as problem:
        return _fail("new", f"cannot write into {args.into}: {problem.strerror}", err)
    print(f"Wrote {written.case}", file=out)
    if written.glossary:
        print(f"Wrote {written.glossary} (your own glossary: see the comments in it)", file=out)
    extra = f" --scenarios {into.as_posix()}"
    print("Next:", file=out)
    print(f"  verdict check --strict {written.case}", file=out)
    print(f"  verdict map {written.case} --format html --out {args.id}-map.html", file=out)
    print(f"  verdict text {args.id}{extra}", file=out)
    return 0


def run_map(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from game.authoring.casemap import FORMATS, SUFFIXES, draw, markdown

    named = args.format or (SUFFIXES.get(Path(args.out).suffix.lower()) if args.out else None) or "mermaid"
    fmt = next(f for f in FORMATS if f == named)
    try:
        scenario = find_case(args.case, teacher_folders(args.scenarios))
    except AuthoringError as problem:
        return _fail("map", str(problem), err)
    text = draw(scenario, fmt, args.group)
    if fmt == "mermaid" and args.out and Path(args.out).suffix.lower() == ".md":
        text = markdown(text)
    try:
        _write(text, args.out, out, f"the {fmt} map of '{scenario.id}'")
    except OSError as problem:
        return _fail("map", f"cannot write {args.out}: {problem.strerror}", err)
    return 0


def run_stances(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from game.authoring.grid import best_scores, grids, net_support
    from game.authoring.gridapply import ApplyError, apply_csv
    from game.authoring.gridtext import grid_text, to_csv

    if args.csv and args.apply:
        print("verdict stances: use --csv to write a grid or --apply to read one back, not both", file=err)
        return 2
    try:
        scenario = find_case(args.case, teacher_folders(args.scenarios))
    except AuthoringError as problem:
        return _fail("stances", str(problem), err)
    if args.question and args.question not in scenario.questions:
        known = ", ".join(scenario.questions)
        return _fail("stances", f"'{scenario.id}' has no question '{args.question}' (questions: {known})",
                     err)
    path = Path(scenario.path)
    if args.apply:
        try:
            csv_text = Path(args.apply).read_text(encoding="utf-8-sig")
            new_text, changes = apply_csv(scenario, csv_text, args.question)
        except OSError as problem:
            return _fail("stances", f"cannot read {args.apply}: {problem.strerror}", err)
        except UnicodeDecodeError:
            return _fail("stances", f"{args.apply} is not UTF-8 text: save it from the spreadsheet as "
                                    "'CSV UTF-8'", err)
        except ApplyError as problem:
            return _fail("stances", f"{args.apply}: {problem}", err)
        if not changes:
            print(f"No stance changed; {path} is as it was.", file=out)
            return 0
        path.write_text(new_text, encoding="utf-8", newline="")
        for change in changes:
            print(f"  {change.describe()}", file=out)
        print(f"Wrote {len(changes)} change(s) to {path}. Run verdict check on it.", file=out)
        return 0
    text = path.read_text(encoding="utf-8")
    chosen = [g for g in grids(scenario, text) if not args.question or g.question == args.question]
    if args.csv:
        try:
            Path(args.csv).write_text(to_csv(chosen), encoding="utf-8-sig", newline="")
        except OSError as problem:
            return _fail("stances", f"cannot write {args.csv}: {problem.strerror}", err)
        print(f"Wrote the stance grid of '{scenario.id}' to {args.csv}; edit it, then "
              f"verdict stances {args.case} --apply {args.csv}", file=out)
        return 0
    for number, grid in enumerate(chosen):
        if number:
            out.write("\n")
        out.write(grid_text(scenario, grid, net_support(scenario, grid.question),
                            best_scores(scenario, grid.question)))
    return 0


def run_pack(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from game.authoring.pack import render

    try:
        scenario = find_case(args.case, teacher_folders(args.scenarios))
    except AuthoringError as problem:
        return _fail("pack", str(problem), err)
    target = args.out or f"{scenario.id}-teachers-pack.html"
    try:
        _write(render(scenario), target, out, f"the teacher's pack for '{scenario.id}'")
    except OSError as problem:
        return _fail("pack", f"cannot write {target}: {problem.strerror}", err)
    return 0


def run_outline(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The outline's branches and points, each with the cases that treat it; 1 if a point is uncovered."""
    out, err = out or sys.stdout, err or sys.stderr
    from game.authoring.outline_table import render
    from game.check import SHIPPED
    from game.engine.catalog import Catalog

    try:
        catalog = Catalog.load(SHIPPED, *teacher_folders(args.scenarios))
    except AuthoringError as problem:
        return _fail("outline", str(problem), err)
    bad = [f for f in catalog.failures if Path(f.path).name == "outline.toml"]
    if bad:
        return _fail("outline", f"{bad[0].message} (verdict check shows every problem)", err)
    if not catalog.outline:
        return _fail("outline", "there is no outline.toml in the game's folder or yours", err)
    text, uncovered = render(catalog)
    out.write(text)
    return 1 if uncovered else 0
