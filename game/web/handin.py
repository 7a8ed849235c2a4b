"""In a page, a hand-in is a download: the student's browser saves the file where downloads go."""

from __future__ import annotations

from game.web.dom import Dom


class DownloadDeliverer:
    folder: str | None = None  # the browser decides where the file goes

    def __init__(self, dom: Dom):
        self.dom = dom

    def deliver(self, name: str, text: str, mime: str) -> str:
        try:
            self.dom.download_text(name, text, mime)
        except Exception as err:  # the page's own download failed (a locked-down browser)
            return f"The browser did not start the download ({type(err).__name__}). Ask your teacher."
        return (f"Your report is downloading as {name}. Give that file to your teacher, or upload it where "
                "they ask.")
