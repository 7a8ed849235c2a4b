"""The terminal front end: plain text, screen-reader friendly, scriptable with piped input."""
