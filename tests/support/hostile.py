"""A corpus of hostile scenario files: what a red team, a broken editor or a careless copy produces.

Generated, not stored (some are megabytes). `write_corpus(folder)` writes every one as its own file in
`folder` and returns the paths; special files (a pipe, a link to /dev/zero, a folder named like a case) are
made where the system allows. The benchmark times the slowest of them (`hostile_worst_ms`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = (ROOT / "scenarios" / "tutorial.toml").read_bytes()
MB = 1024 * 1024


def _tutorial(old: bytes, new: bytes, count: int = 1) -> bytes:
    assert old in TUTORIAL, old
    return TUTORIAL.replace(old, new, count)


TITLE = b'title = "The Missing Page"'
ID = b'id = "tutorial"'
GOTO = b'goto = "porter"'
COND = b'if = "held() >= 2"'

# name -> the file's bytes
CASES: dict[str, Callable[[], bytes]] = {
    # ---- one file takes everything down ---------------------------------------------------------------
    "deep_arrays": lambda: b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep_arrays_over_lines": lambda: b"x = " + b"[\n" * 20_000 + b"]\n" * 20_000,
    "deep_inline_tables": lambda: b"x = " + b"{a = " * 50_000 + b"1" + b"}" * 50_000 + b"\n",
    "deep_in_a_stance": lambda: _tutorial(b'bindery = "strongly supports"',
                                          b"bindery = " + b"[" * 5_000 + b"]" * 5_000),
    "int_5000_digits": lambda: _tutorial(b"minutes = 5", b"minutes = " + b"9" * 5_000),
    "int_4000_digits": lambda: _tutorial(b"minutes = 5", b"minutes = " + b"9" * 4_000),
    "float_huge": lambda: _tutorial(b"minutes = 5", b"minutes = 1e999999"),
    "nul_in_title": lambda: _tutorial(TITLE, b'title = "The\\u0000Page"'),
    "raw_nul_in_title": lambda: _tutorial(TITLE, b'title = "The\x00Page"'),
    "zero_width_title": lambda: _tutorial(TITLE, b'title = "\\u200b"'),
    "nul_in_role": lambda: TUTORIAL.replace(b'role = "', b'role = "\\u0000', 1),
    "escape_in_title": lambda: _tutorial(TITLE, b'title = "\\u001b[2J\\u001b]0;pwned\\u0007"'),
    "escape_in_key": lambda: _tutorial(TITLE, TITLE + b'\n"\\u001b]52;c;cHduZWQ=\\u0007" = 1'),
    "escape_in_goto": lambda: _tutorial(GOTO, b'goto = "\\u001b[31mred"'),
    "carriage_return_title": lambda: _tutorial(TITLE, b'title = "Fake\\rReal\\b\\b"'),
    "lone_surrogate_escape": lambda: _tutorial(TITLE, b'title = "\\ud800"'),
    "megabyte_unknown_key": lambda: _tutorial(TITLE, TITLE + b"\n" + b"k" * (2 * MB) + b" = 1"),
    "megabyte_condition": lambda: _tutorial(COND, b'if = "' + b"x and " * 300_000 + b'x"'),
    "megabyte_goto": lambda: _tutorial(GOTO, b'goto = "' + b"a" * (2 * MB) + b'"'),
    "megabyte_title": lambda: _tutorial(TITLE, b'title = "' + b"T" * (2 * MB) + b'"'),
    "megabyte_prose": lambda: TUTORIAL.replace(b'text = """', b'text = """' + b"word " * 400_000, 1),
    "long_id": lambda: _tutorial(ID, b'id = "' + b"t" * 200 + b'"'),
    "id_trailing_newline": lambda: _tutorial(ID, b'id = "tutorial\\n"'),
    "flag_doubled": lambda: _tutorial(b'"rumours += 1"', b'"' + b"rumours" * 15_000 + b' += 1"'),
    "utf16": lambda: TUTORIAL.decode("utf-8").encode("utf-16"),
    "not_utf8": lambda: b"\xff\xfe\xfd" * 1000,
    "random_bytes": lambda: bytes(range(256)) * 4096,
    "empty": lambda: b"",
    "only_bom": lambda: b"\xef\xbb\xbf",
    # ---- a small file, a huge cost ---------------------------------------------------------------------
    "long_table_header": lambda: b"[" + b"a." * 50_000 + b"a]\nx = 1\n",
    "long_array_header": lambda: b"[[" + b"a." * 50_000 + b"a]]\nx = 1\n",
    "long_dotted_key": lambda: b"a" + b".a" * 50_000 + b" = 1\n",
    "long_quoted_dotted_key": lambda: b'"a"' + b'."a"' * 30_000 + b" = 1\n",
    "long_dotted_inline_key": lambda: b"x = {" + b"a." * 30_000 + b"a = 1}\n",
    "many_headers": lambda: b"[[a]]\n" * 1_500_000,
    "many_lines": lambda: b"\n" * 9_000_000,
    "long_list": lambda: b"x = [" + b"1," * 4_000_000 + b"1]\n",
    "many_keys": lambda: b"[scenes]\n" + b"".join(b"k%d = 1\n" % i for i in range(600_000)),
    "many_scenes": lambda: b"".join(b'[scenes.s%d]\ntitle = "t"\n' % i for i in range(150_000)),
    "many_misspelt_references": lambda: _misspelt(10_000),
    "over_size_limit": lambda: b"# " + b"x" * (11 * MB) + b"\n",
    "deep_glossary": lambda: b"[terms.a]\nterm = " + b"[" * 100_000 + b"]" * 100_000,
}
GLOSSARY_CASES = {"deep_arrays", "deep_inline_tables", "int_5000_digits", "long_dotted_key", "random_bytes"}


def _misspelt(scenes: int) -> bytes:
    """A case of `scenes` scenes whose every goto is misspelt (the did-you-mean worst case)."""
    out = [TUTORIAL.split(b"[scenes.", 1)[0]]
    for i in range(scenes):
        out.append(b'[scenes.room_%d]\ntitle = "Room"\ntext = "A room."\n\n[[scenes.room_%d.choices]]\n'
                   b'label = "On"\ngoto = "rom_%d"\n\n' % (i, i, i + 1))
    return b"".join(out)


def write_corpus(folder: Path) -> list[Path]:
    """Every hostile file in `folder` (and glossary variants in subfolders), plus special files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in CASES.items():
        path = folder / f"{name}.toml"
        path.write_bytes(make())
        paths.append(path)
    for name in sorted(GLOSSARY_CASES):
        sub = folder / f"glossary_{name}"
        sub.mkdir(exist_ok=True)
        (sub / "glossary.toml").write_bytes(CASES[name]())
        (sub / "tutorial.toml").write_bytes(TUTORIAL)
        paths.append(sub)
    paths += special_files(folder)
    return paths


def special_files(folder: Path) -> list[Path]:
    made = []
    if hasattr(os, "mkfifo"):
        fifo = folder / "a_pipe.toml"
        os.mkfifo(fifo)
        made.append(fifo)
    if Path("/dev/zero").exists():
        link = folder / "zero.toml"
        link.symlink_to("/dev/zero")
        made.append(link)
    dangling = folder / "dangling.toml"
    dangling.symlink_to(folder / "nowhere")
    made.append(dangling)
    (folder / "a_folder.toml").mkdir()
    made.append(folder / "a_folder.toml")
    return made


def damaged_precompiled() -> dict[str, bytes]:
    """precompiled.json files a shared folder may hold."""
    return {
        "deep": b'{"format": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
        "not_json": b"{not json",
        "wrong_types": b'{"format": "verdict-0.1.0/2", "files": {"a": 1, "b": {"sha256": 5, "json": []}}}',
        "binary": bytes(range(256)),
        "huge_int": b'{"format": ' + b"9" * 10_000 + b"}",
    }
