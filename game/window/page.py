"""A screen as the window draws it: a header strip and one or two scrolling panes of widgets.

`compose()` turns the controller's document and actions into a Page; the Page lays itself out once per
change and then only draws, scrolls and hit-tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pygame

from game.app.controller import Action, Controller, Screen
from game.app.documents import Block, block, styled
from game.engine.prose import plain
from game.window.metrics import Metrics
from game.window.text import TextCache, ellipsise
from game.window.theme import Theme
from game.window.widgets import ButtonWidget, State, TextWidget, Widget

# The casebook's actions on the open document, drawn above it rather than in the list.
CASEBOOK_TOOLS = {"annotate", "note"}
# Where nav actions go: on these screens they become tabs in the header, elsewhere they stay in the pane.
HEADER_NAV_SCREENS = {Screen.SCENE, Screen.CASEBOOK, Screen.VERDICT, Screen.GLOSSARY}

SCREEN_NAMES = {
    Screen.TITLE: "", Screen.CASES: "Case files", Screen.BRIEFING: "Briefing", Screen.SCENE: "",
    Screen.CASEBOOK: "Casebook", Screen.VERDICT: "Verdict", Screen.GLOSSARY: "Glossary",
    Screen.SETTINGS: "Settings", Screen.HELP: "Help", Screen.DEBRIEF: "Debrief", Screen.ERROR: "Error",
}


@dataclass
class Pane:
    key: str  # identifies the content: the scroll position survives redraws of the same content
    rect: pygame.Rect  # the visible part: only here does a click reach the pane's content
    widgets: list[Widget]
    metrics: Metrics = field(default_factory=Metrics)
    scroll: int = 0
    content_h: int = 0

    def layout(self) -> None:
        y = 0
        gap = self.metrics.gap
        for widget in self.widgets:
            widget.y = y
            y += widget.layout(self.rect.width - self.metrics.px(16)) + gap
        self.content_h = max(0, y - gap)
        self.clamp()

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_h - self.rect.height)

    def clamp(self) -> None:
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def scroll_by(self, dy: int) -> bool:
        before = self.scroll
        self.scroll += dy
        self.clamp()
        return self.scroll != before

    def widget_rect(self, widget: Widget) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.rect.y + widget.y - self.scroll, widget.width, widget.height)

    def reveal(self, widget: Widget) -> None:
        """Scroll so the widget (and its focus ring) is in view."""
        ring = self.metrics.px(12)
        top, bottom = widget.y - ring, widget.y + widget.height + ring
        if top < self.scroll:
            self.scroll = top
        elif bottom > self.scroll + self.rect.height:
            self.scroll = bottom - self.rect.height
        self.clamp()

    def visible(self, widget: Widget) -> bool:
        return widget.y >= self.scroll and widget.y + widget.height <= self.scroll + self.rect.height

    def draw(self, surface: pygame.Surface, theme: Theme, states: dict[int, State]) -> None:
        clip = surface.get_clip()
        m = self.metrics
        # Room above and below for focus rings that stick out of the pane.
        surface.set_clip(self.rect.inflate(m.px(16), m.px(12)).clip(clip))
        for widget in self.widgets:
            top = self.rect.y + widget.y - self.scroll
            if top + widget.height < self.rect.y - m.px(8) or top > self.rect.bottom + m.px(8):
                continue
            widget.draw(surface, self.rect.x, top, states.get(id(widget), State()))
        surface.set_clip(clip)
        if self.max_scroll:
            bar = m.thin(6)
            track = pygame.Rect(self.rect.right - bar, self.rect.y, bar, self.rect.height)
            pygame.draw.rect(surface, theme.paper, track)
            pygame.draw.line(surface, theme.rule, track.midtop, track.midbottom, 1)
            thumb_h = max(m.px(30), self.rect.height * self.rect.height // self.content_h)
            thumb_y = self.rect.y + (self.rect.height - thumb_h) * self.scroll // self.max_scroll
            pygame.draw.rect(surface, theme.rule, (track.x, thumb_y, bar, thumb_h), border_radius=bar // 2)


@dataclass
class Page:
    title: str
    panes: list[Pane]
    header: list[ButtonWidget] = field(default_factory=list)
    header_x: dict[int, int] = field(default_factory=dict)  # widget id -> x in the header
    card: pygame.Rect | None = None  # a popup card drawn over the dimmed previous screen (the glossary)
    metrics: Metrics = field(default_factory=Metrics)
    key: str = ""  # what the page shows (screen and content): scroll and focus are remembered by it
    title_shown: str = ""  # the title as it fits the header strip, ellipsised

    def focusables(self, order: list[Action]) -> list[tuple[Widget, Pane | None]]:
        """Widgets in the controller's focus order, each with the pane holding it (None for the header)."""
        by_key: dict[str, tuple[Widget, Pane | None]] = {}
        for pane in self.panes:
            for w in pane.widgets:
                if w.action is not None:
                    by_key[w.action.key] = (w, pane)
        for w in self.header:
            assert w.action is not None
            by_key[w.action.key] = (w, None)
        return [by_key[a.key] for a in order if a.key in by_key and a.enabled]

    def rect_of(self, widget: Widget, pane: Pane | None) -> pygame.Rect:
        if pane is None:
            return pygame.Rect(self.header_x[id(widget)], (self.metrics.header_h - widget.height) // 2,
                               widget.width, widget.height)
        return pane.widget_rect(widget)

    def header_notes(self) -> list[tuple[ButtonWidget, str]]:
        """Disabled header buttons and why: said in a muted line just under the strip."""
        return [(w, w.action.reason) for w in self.header
                if w.action is not None and not w.action.enabled and w.action.reason]

    def texts(self) -> list[str]:
        found = [self.title]
        for pane in self.panes:
            for w in pane.widgets:
                found += w.texts()
        for w in self.header:
            found += w.texts()
        return [t for t in found if t]


def compose(controller: Controller, cache: TextCache, theme: Theme,
            editing: tuple[str, str] | None = None) -> Page:
    """Build the page for the controller's current screen; editing is (text action key, words so far)."""
    screen = controller.screen
    doc = controller.document()
    actions = controller.actions()
    header_actions = [a for a in actions if a.group == "nav"] if screen in HEADER_NAV_SCREENS else []
    body_actions = [a for a in actions if a not in header_actions]
    fonts = cache.fonts
    m = fonts.metrics
    px = m.px
    sheet = m.sheet
    column = min(fonts.column_width(), sheet.width - px(96))

    def text(b: Block) -> Widget:
        hits = ()
        if screen is Screen.SCENE and b.kind == "p":
            hits = tuple(controller.glossary_hits(b.text))
        return TextWidget(b, cache, theme, hits)

    def buttons(acts: list[Action]) -> list[Widget]:
        widgets: list[Widget] = []
        group = None
        for a in acts:
            if a.group != group:
                group = a.group
                heading = controller.group_title(group)
                if heading and screen is Screen.VERDICT:
                    widgets.append(TextWidget(block("h3", heading), cache, theme))
            if a.heading:  # the case list's outline branches: the controller's words
                widgets.append(TextWidget(block("h3", a.heading), cache, theme))
            if editing is not None and a.key == editing[0]:
                # The box being typed in shows the words so far, with a caret and how to finish.
                a = replace(a, label=f"{a.label} (Enter keeps it, Esc cancels)", detail=editing[1] + "▏")
            widgets.append(ButtonWidget(a, cache, theme))
        return widgets

    def pane(key: str, rect: pygame.Rect, widgets: list[Widget]) -> Pane:
        return Pane(key, rect, widgets, m)

    identity = _identity(controller)
    if screen is Screen.CASEBOOK:
        left_w = px(380)
        list_rect = pygame.Rect(sheet.x + px(32), sheet.y + px(24), left_w, sheet.height - px(48))
        intro = [text(b) for b in doc[:2]]
        # The pin and the note belong to the open document: they sit above it, the list stays a list.
        tools = [a for a in body_actions if a.group in CASEBOOK_TOOLS]
        listed = [a for a in body_actions if a.group not in CASEBOOK_TOOLS]
        left = pane(f"casebook-list:{identity}", list_rect, [*intro, *buttons(listed)])
        doc_x = list_rect.right + px(40)
        doc_rect = pygame.Rect(doc_x, sheet.y + px(24), min(column, sheet.right - doc_x - px(24)),
                               sheet.height - px(48))
        right = pane(f"casebook-doc:{controller.evidence_id}", doc_rect,
                     [*buttons(tools), *[text(b) for b in doc[2:]]])
        panes = [left, right]
    elif screen is Screen.GLOSSARY:
        # A card over the scene it was opened from, so the player keeps their place in the prose.
        width = min(column, px(720))
        card = pygame.Rect(0, 0, width + px(64), px(440))
        card.center = (m.size[0] // 2, sheet.centery + px(10))
        rect = pygame.Rect(card.x + px(32), card.y + px(28), width, card.height - px(44))
        panes = [pane(f"glossary:{identity}", rect, [*[text(b) for b in doc], *buttons(body_actions)])]
    else:
        width = column
        if screen in (Screen.CASES, Screen.VERDICT):
            # Cards and claims are short lines in boxes; prose screens keep the ~75-character column.
            width = min(sheet.width - px(96), max(column, px(860)))
        x = sheet.x + (sheet.width - width) // 2
        side = None
        if screen is Screen.SCENE:
            # The case card keeps its margin at every text size: a wide column moves right, then narrows.
            # Wide enough for its longest usual line whole (the pane keeps 16 units spare for its scrollbar).
            side_min = max(px(180), fonts.font("meta").size("Documents: 00 of 00")[0] + px(16 + 8))
            side_x = sheet.x + px(40)
            x = max(x, side_x + side_min + px(32))
            width = min(width, sheet.right - px(24) - x)
            side = pygame.Rect(side_x, sheet.y + px(32), x - px(32) - side_x, sheet.height - px(48))
        rect = pygame.Rect(x, sheet.y + px(24), width, sheet.height - px(40))
        content = [*[text(b) for b in doc], *buttons(body_actions)]
        if screen is Screen.DEBRIEF:
            # The debrief is long: its buttons (hand in, back, again) follow the one-screen summary, so
            # nobody has to scroll through every section to reach them.
            cut = next((i for i, b in enumerate(doc) if b.kind == "h2"), len(doc))
            content = [*[text(b) for b in doc[:cut]], *buttons(body_actions), *[text(b) for b in doc[cut:]]]
        panes = [pane(f"{screen.value}:{identity}", rect, content)]
        if side is not None:
            panes.insert(0, pane("case-card", side, [text(b) for b in case_card(controller)]))

    case_title = ""
    if controller.scenario is not None and screen not in (Screen.TITLE, Screen.CASES):
        # The strip is one line in the typewriter face: a title's *emphasis* is dropped, not shown as "*".
        case_title = plain(styled("h3", controller.scenario.title).spans)
    suffix = SCREEN_NAMES.get(screen, "")
    title = " · ".join(t for t in (case_title or "VERDICT", suffix) if t)
    page = Page(title, panes, [ButtonWidget(a, cache, theme, compact=True) for a in header_actions],
                metrics=m, key=f"{screen.value}:{identity}")
    for p in panes:
        p.layout()
    if screen is Screen.GLOSSARY:
        # Sized after the layout, which measures the content: the card fits a short definition.
        p = panes[0]
        p.rect.height = min(p.rect.height, p.content_h + px(8))
        p.rect.centery = sheet.centery + px(14)
        p.clamp()
        page.card = p.rect.inflate(px(64), px(44)).move(0, -px(6))
    x = m.size[0] - px(16)
    for w in reversed(page.header):
        w.layout(w.natural_width())
        x -= w.width
        page.header_x[id(w)] = x
        x -= px(8)
    page.title_shown = _fit_title(cache, case_title or "VERDICT", suffix, x - px(24 + 8))
    return page


def _fit_title(cache: TextCache, name: str, suffix: str, width: int) -> str:
    """The header title in the room left of the buttons: the case title gives way ("…") before the screen."""
    font = cache.fonts.font("header")
    tail = f" · {suffix}" if suffix else ""
    if font.size(name + tail)[0] <= width:
        return name + tail
    room = width - font.size(tail)[0]
    if tail and room >= font.size("VERDICT…")[0]:
        return ellipsise(font, name, room) + tail
    return ellipsise(font, name + tail, width)


def case_card(controller: Controller) -> list[Block]:
    """The margin note beside a scene: which case, what the player holds, what is still open."""
    scenario, session = controller.scenario, controller.session
    if scenario is None or session is None:
        return []
    answered = len(session.verdicts)
    return [
        block("stamp", "Case file"),
        styled("h3", scenario.title),
        block("meta", scenario.period),
        block("meta", f"Documents: {len(session.held)} of {len(scenario.evidence)}"),
        block("meta", f"Verdicts: {answered} of {len(scenario.questions)}"),
        *(styled("meta", line) for line in controller.counters()),  # the case's own: days, volumes
    ]


def _identity(controller: Controller) -> str:
    """What the main content is, so a new scene starts scrolled to the top but a ticked box does not."""
    if controller.screen is Screen.SCENE and controller.view is not None:
        steps = len(controller.session.history) if controller.session else 0
        return f"{controller.view.scene_id}:{steps}"
    if controller.screen is Screen.VERDICT and controller.draft is not None:
        # The review is another page than the form: it starts at its top, and the form keeps its place.
        return controller.draft.question_id + (":review" if controller.draft.reviewing else "")
    if controller.screen is Screen.BRIEFING and controller.briefing is not None:
        return controller.briefing.id
    if controller.screen is Screen.GLOSSARY and controller.term is not None:
        return controller.term.id
    return ""
