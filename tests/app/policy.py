"""A simple player for tests: picks what to do next on any screen, so a test can play a case to its end.

It prefers choices it has taken least often (so it explores instead of looping) and fills in a verdict
with the first interpretation, the first evidence it may cite and "probable".
"""

from __future__ import annotations

from collections import Counter

from game.app.controller import Controller, Screen


class Player:
    def __init__(self, case: str = "tutorial") -> None:
        self.case = case
        self.taken: Counter[tuple[str, str]] = Counter()

    def next_key(self, c: Controller) -> str:
        """The action key a player would use next to move towards the debrief."""
        acts = [a for a in c.actions() if a.enabled]
        keys = [a.key for a in acts]
        screen = c.screen
        if screen is Screen.TITLE:
            return "cases"
        if screen is Screen.CASES:
            return f"case:{self.case}"
        if screen is Screen.BRIEFING:
            return "begin"
        if screen is Screen.SCENE:
            choices = [a for a in acts if a.group == "choice"]
            scene = c.view.scene_id if c.view else ""
            best = min(choices, key=lambda a: self.taken[(scene, a.label)])
            self.taken[(scene, best.label)] += 1
            return best.key
        if screen is Screen.VERDICT:
            draft = c.draft
            assert draft is not None
            for group, done in (("interpretation", draft.interpretation), ("cite", draft.cited),
                                ("confidence", draft.confidence)):
                if not done:
                    options = [a for a in acts if a.group == group]
                    if options:
                        return options[0].key
            return "confirm"
        if screen in (Screen.CASEBOOK, Screen.GLOSSARY, Screen.HELP, Screen.SETTINGS):
            return "back"
        raise AssertionError(f"no move on {screen}: {keys}")
