"""A hostile case the authoring tests share: markup and quotes everywhere, an unreachable dead end."""

from __future__ import annotations

from pathlib import Path

from tests.support import SCENARIOS

HOSTILE_TITLE = 'Quotes " and <script>alert(1)</script> & #35; `ticks` ]] }} |pipes| \\n back\\slash'



def hostile_tutorial(folder: Path) -> Path:
    """The tutorial with markup in its title, a scene and a choice, plus a scene no choice leads to and
    that has no choices (unreachable and a dead end: the loader accepts it, the checker would not)."""
    text = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8")
    toml_title = HOSTILE_TITLE.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace('id = "tutorial"', 'id = "hostile"').replace(
        'title = "The Missing Page"', f'title = "{toml_title}"')
    text = text.replace('title = "The folder"', f'title = "{toml_title}"')
    text = text.replace('label = "Go down to the bindery"', f'label = "{toml_title}"')
    text += '\n[scenes.orphan]\ntitle = "Nobody comes here"\ntext = "A <b>lost</b> room."\n'
    path = folder / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path
