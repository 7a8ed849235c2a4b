"""The engine's scripted player driving the controller: the same screens and actions a person uses.

`next_keys` says which action keys move a controller one step towards the debrief of a case; front ends
and tests perform them (the terminal prints each screen as it goes, the window draws it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.app.controller import Controller, Screen

if TYPE_CHECKING:
    from game.engine.player import Move, ScriptedPlayer


SCRIPTED_REBUTTAL = "A scripted player's rebuttal: the evidence against does not outweigh the evidence cited."


def keys_for(move: Move, *, rebut: bool = False) -> list[str]:
    """The controller actions that make one move: a choice, or the whole verdict form (with a rebuttal
    when the case or class requires one)."""
    from game.engine.player import Choose

    if isinstance(move, Choose):
        return [f"choose:{move.source}"]
    rebuttal = [f"rebut:{SCRIPTED_REBUTTAL}"] if rebut else []
    return ["verdict", f"interp:{move.interpretation_id}", *(f"cite:{e}" for e in move.cited),
            f"confidence:{move.confidence}", *rebuttal, "confirm", "file"]


def next_keys(c: Controller, player: ScriptedPlayer, case_id: str, *, fresh: bool = False) -> list[str]:
    """What to press next; [] at the debrief (done) or when the case is stuck."""
    screen = c.screen
    if screen is Screen.TITLE:
        return ["cases"]
    if screen is Screen.CASES:
        return [f"case:{case_id}"]
    if screen is Screen.BRIEFING:
        offered = {a.key for a in c.actions()}
        return ["restart" if fresh and "restart" in offered else "begin"]
    if screen is Screen.SCENE and c.session is not None:
        if c.session.is_over:
            return ["debrief"]
        move = player.next_move(c.session)
        return keys_for(move, rebut=c.options.rebuttal == "required") if move is not None else []
    if screen is Screen.VERDICT and c.draft is not None:
        return ["change", "back"] if c.draft.reviewing else ["back"]
    if screen in (Screen.CASEBOOK, Screen.GLOSSARY, Screen.HELP, Screen.SETTINGS):
        return ["back"]
    return []


def play_to_debrief(c: Controller, player: ScriptedPlayer, case_id: str, *, fresh: bool = False,
                    limit: int = 2000) -> int:
    """Drive c to the case's debrief; returns the number of actions performed. RuntimeError if it cannot."""
    done = 0
    while c.screen is not Screen.DEBRIEF:
        keys = next_keys(c, player, case_id, fresh=fresh)
        if not keys:
            raise RuntimeError(f"autoplay is stuck on the {c.screen.value} screen")
        for key in keys:
            if not c.perform(key):
                raise RuntimeError(f"autoplay could not perform {key!r} on the {c.screen.value} screen")
            done += 1
            if done > limit:
                raise RuntimeError(f"autoplay did not reach the debrief in {limit} actions")
    return done
