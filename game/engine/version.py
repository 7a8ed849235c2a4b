"""The game's version, for the engine (which imports nothing outside itself); equal to game.__version__."""

VERSION = "0.1.0"
