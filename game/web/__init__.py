"""The browser front end: the accessibility layer and browser saves.

Runs inside pygbag's CPython (next to the pygame window) and inside Pyodide (the browser tests). It needs no
pygame and talks to the page only through :mod:`game.web.dom`.
"""
