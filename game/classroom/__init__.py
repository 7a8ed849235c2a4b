"""The teacher's side of the hand-in: a class's reports turned into a markbook and one page to read.

`verdict report FILES_OR_DIR...` (`command.run`) reads the reports students handed in (`files`, `records`),
sets them beside the cases they came from (`summary`), and writes a CSV for the markbook (`markbook`) and a
self-contained HTML page with inline SVG charts (`page`, `charts`). No server and no accounts: the files
are the whole exchange.
"""
