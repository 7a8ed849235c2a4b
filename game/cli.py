"""The `verdict` command: play, text, check, web, report, and for writing cases new, map, stances, pack,
outline."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

UNLOCK_HELP = "open every case, even one that asks for others to be finished first (a teacher's setting)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verdict", description="Verdict: investigate Stalin's purges and argue from the evidence."
    )
    sub = parser.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play in a window (the default)")
    play.add_argument("scenario", nargs="?", help="open this case directly")
    play.add_argument("--scenarios", action="append", default=[], help="extra scenario folder")
    play.add_argument("--unlock", action="store_true", help=UNLOCK_HELP)
    _preview_options(play)

    text = sub.add_parser("text", help="play in the terminal (works with screen readers and piped input)")
    text.add_argument("scenario", nargs="?", help="case id or path to a .toml file")
    text.add_argument("--autoplay", type=int, metavar="SEED", help="play random choices to an ending")
    text.add_argument("--scenarios", action="append", default=[], help="extra scenario folder")
    text.add_argument("--unlock", action="store_true", help=UNLOCK_HELP)
    text.add_argument("--width", type=int, default=0, help="wrap width (default: terminal width)")
    text.add_argument("--no-save", action="store_true", help="do not autosave or offer to resume")
    text.add_argument(
        "--report",
        metavar="FILE",
        help="write a case report to hand in when the case ends (.json for JSON, else text)",
    )
    _preview_options(text)

    check = sub.add_parser("check", help="check scenario files and report every problem")
    check.add_argument("paths", nargs="*", help="files or folders (default: scenarios)")
    check.add_argument("--scenarios", action="append", default=[], metavar="DIR",
                       help="a teacher's folder, checked with the shipped cases (and VERDICT_SCENARIOS)")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument(
        "--playtest", type=int, default=None, metavar="N",
        help="run N seeded random playthroughs per scenario and show what they reached (default: a short "
        "playtest that reports only what it proves wrong; 0: none)"
    )
    check.add_argument("--messages", action="store_true",
                       help="print every message the checker can give, and what to do about it, then stop")

    web = sub.add_parser("web", help="build the browser version into build/web")
    web.add_argument("--scenarios", action="append", default=[], metavar="DIR",
                     help="add a teacher's folder, checked first (repeatable; and VERDICT_SCENARIOS)")
    web.add_argument("--cdn", help="URL of a self-hosted pygbag runtime")
    web.add_argument("--unlock", action="store_true", help=UNLOCK_HELP + " (in the build)")
    web.add_argument("--archive", action="store_true", help="also write an itch.io zip")
    web.add_argument("--out", help="output folder (default: build/web)")
    web.add_argument("--scorm", nargs="?", const="", metavar="CASE",
                     help="write a SCORM 1.2 zip for a school's LMS instead (the HTML edition; with CASE, "
                     "that case alone, opened directly) into build/ or --out")
    web.add_argument("--mastery", type=int, metavar="N",
                     help="with --scorm: the case score (0-100) that passes (the LMS gets passed or failed)")

    report = sub.add_parser("report", help="summarise a class's hand-in reports: a markbook and a class page")
    report.add_argument("paths", nargs="+", metavar="FILES_OR_DIR", help="reports, or folders of reports")
    report.add_argument("--out", default=".", metavar="DIR",
                        help="where to write markbook.csv and class-summary.html (default: here)")
    report.add_argument("--scenarios", action="append", default=[], metavar="DIR",
                        help="a folder with the class's cases, beside the game's own (may be repeated)")
    _authoring_commands(sub)
    return parser


def _authoring_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    folders = ("a folder of your own cases, beside the game's (may be repeated; "
               "VERDICT_SCENARIOS adds more)")
    new = sub.add_parser("new", help="write a commented starter case (ID.toml) that checks clean and plays")
    new.add_argument("id", help="the new case's id: lowercase letters, digits and _, e.g. spikelets_1932")
    new.add_argument("--into", default=".", metavar="DIR", help="the folder to write it in (default: here)")
    new.add_argument("--scenarios", action="append", default=[], metavar="DIR", help=folders)

    map_ = sub.add_parser("map", help="draw a case: scenes, choices, evidence, verdicts, endings, problems")
    map_.add_argument("case", help="case id or path to a .toml file")
    map_.add_argument("--format", choices=["mermaid", "dot", "html"],
                      help="mermaid (the default), dot (Graphviz) or html (a page to click through)")
    map_.add_argument("--out", metavar="FILE", help="write to this file (default: print); "
                      ".html, .dot or .mmd picks the format, and .md wraps Mermaid for GitHub")
    map_.add_argument("--group", choices=["checkpoint", "layer"], default="checkpoint",
                      help="group scenes by the verdict before them (default) or by steps from the start")
    map_.add_argument("--scenarios", action="append", default=[], metavar="DIR", help=folders)

    stances = sub.add_parser("stances", help="show a case's stance tables as grids; edit them as CSV")
    stances.add_argument("case", help="case id or path to a .toml file")
    stances.add_argument("question", nargs="?", help="only this question")
    stances.add_argument("--csv", metavar="FILE", help="write the grid as CSV, for a spreadsheet")
    stances.add_argument("--apply", metavar="FILE", help="write an edited CSV grid back into the case file")
    stances.add_argument("--scenarios", action="append", default=[], metavar="DIR", help=folders)

    pack = sub.add_parser("pack", help="write a printable teacher's pack for a case (one HTML page)")
    pack.add_argument("case", help="case id or path to a .toml file")
    pack.add_argument("--out", metavar="FILE", help="the page to write (default: CASE-teachers-pack.html)")
    pack.add_argument("--scenarios", action="append", default=[], metavar="DIR", help=folders)

    outline = sub.add_parser("outline", help="list the course outline's points and the cases that treat each")
    outline.add_argument("--scenarios", action="append", default=[], metavar="DIR", help=folders)


def _preview_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("previewing a case you are writing (nothing is saved)")
    group.add_argument("--start", metavar="SCENE", help="begin the case at this scene")
    group.add_argument("--give", metavar="ITEM", nargs="+", action="extend", default=[],
                       help="start holding these evidence items")
    group.add_argument("--set", metavar="FLAG=VALUE", action="append", default=[], dest="set_flags",
                       help="start with this flag set (a number, true or false)")
    group.add_argument("--author", action="store_true",
                       help="author mode: show flags and the endings still reachable; reload the file")


def _teacher_folders(args: argparse.Namespace) -> str:
    """Put VERDICT_SCENARIOS and every --scenarios into args.scenarios; a sentence when one is wrong.

    `verdict web` builds from one extra folder, so several are gathered into one (a clash is an error).
    """
    from game.authoring.sources import AuthoringError, teacher_folders

    if args.command is None:  # plain `verdict`: the window, with no options of its own
        args.scenarios = []
    try:
        folders = teacher_folders(list(getattr(args, "scenarios", None) or []))
    except AuthoringError as err:
        return str(err)
    args.scenarios = [str(f) for f in folders]
    if args.command == "web":
        args.scenarios = _one_folder(folders)
    return ""


def _one_folder(folders: Sequence[Path]) -> str | None:
    if not folders:
        return None
    if len(folders) == 1:
        return str(folders[0])
    import shutil
    import tempfile

    merged = Path(tempfile.mkdtemp(prefix="verdict-scenarios-"))
    for folder in folders:
        for case in sorted(folder.glob("*.toml")):
            target = merged / case.name
            if target.exists():
                raise SystemExit(f"verdict web: two teacher folders both hold {case.name}")
            shutil.copy2(case, target)
    return str(merged)


def parse_flags(pairs: Sequence[str]) -> dict[str, int | bool]:
    """--set FLAG=VALUE pairs as flags; ValueError with a sentence for a malformed one."""
    flags: dict[str, int | bool] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--set takes FLAG=VALUE, not '{pair}'")
        word = value.strip().lower()
        if word in ("true", "false"):
            flags[name.strip()] = word == "true"
        elif word.lstrip("-").isdigit() and len(word) < 12:
            flags[name.strip()] = int(word)
        else:
            raise ValueError(f"--set {name.strip()}=… takes a whole number, true or false, not '{value}'")
    return flags


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and 2
    command = args.command or "play"
    if command in ("play", "text", "check", "web", "report"):
        problem = _teacher_folders(args)
        if problem:
            print(f"verdict {command}: {problem}", file=sys.stderr)
            return 2
    if command == "check":
        from game import check

        if args.messages:
            from game.engine.messages import markdown

            sys.stdout.write(markdown())
            return 0
        if args.playtest is not None and args.playtest < 0:
            print("verdict check: --playtest takes a number of runs, 0 or more", file=sys.stderr)
            return 2
        try:
            paths = [*(args.paths or (["scenarios"] if args.scenarios else [])), *args.scenarios]
            return check.run(paths, args.format, args.strict, args.playtest, sys.stdout)
        except FileNotFoundError as err:
            print(f"verdict check: no such file or folder: {err}", file=sys.stderr)
            return 2
    if command == "report":
        from game.classroom.command import run

        return run(args.paths, args.out, args.scenarios)
    if command in ("new", "map", "stances", "pack", "outline"):
        from game.authoring import command as authoring

        return int(getattr(authoring, f"run_{command}")(args))
    if command == "text":
        from game.terminal.play import run_text

        return run_text(args)
    if command == "play":
        return _front_end("game.window.launch", args)
    return _front_end("game.webbuild.build", args)


def _front_end(module: str, args: argparse.Namespace) -> int:
    # Imported lazily so `verdict check` and `verdict text` never need pygame or pygbag.
    return int(importlib.import_module(module).main(args))


if __name__ == "__main__":
    raise SystemExit(main())
