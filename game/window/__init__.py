"""The pygame-ce front end: the same code runs in a desktop window and, through pygbag, in the browser."""

import os

# pygame prints a banner on import; players and test logs do not need it.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
