"""Tools for teachers who write cases: a starter file, a map of the story, the stance grid, a teacher's pack.

Each tool reads a case through the engine's public API (game.engine) and never changes the engine. Only
`verdict stances --apply` writes to a case file, through a format-preserving TOML library (tomlkit).
"""
