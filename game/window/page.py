"""A screen as the window draws it: a header strip and one or two scrolling panes of widgets.

`compose()` turns the controller's document and actions into a Page; the Page lays itself out once per
change and then only draws, scrolls and hit-tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.app.controller import Action, Controller, Screen
from game.app.documents import Block, block
from game.window.text import TextCache
from game.window.theme import Theme
from game.window.widgets import ButtonWidget, State, TextWidget, Widget

LOGICAL_SIZE = (1280, 720)
HEADER_H = 56
SHEET = pygame.Rect(24, HEADER_H + 8, 1232, 720 - HEADER_H - 20)
GAP = 14

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
    rect: pygame.Rect
    widgets: list[Widget]
    scroll: int = 0
    content_h: int = 0

    def layout(self) -> None:
        y = 0
        for widget in self.widgets:
            widget.y = y
            y += widget.layout(self.rect.width - 16) + GAP
        self.content_h = max(0, y - GAP)
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
        top, bottom = widget.y - 12, widget.y + widget.height + 12
        if top < self.scroll:
            self.scroll = top
        elif bottom > self.scroll + self.rect.height:
            self.scroll = bottom - self.rect.height
        self.clamp()

    def visible(self, widget: Widget) -> bool:
        return widget.y >= self.scroll and widget.y + widget.height <= self.scroll + self.rect.height

    def draw(self, surface: pygame.Surface, theme: Theme, states: dict[int, State]) -> None:
        clip = surface.get_clip()
        # Room above and below for focus rings that stick out of the pane.
        surface.set_clip(self.rect.inflate(16, 12))
        for widget in self.widgets:
            top = self.rect.y + widget.y - self.scroll
            if top + widget.height < self.rect.y - 8 or top > self.rect.bottom + 8:
                continue
            widget.draw(surface, self.rect.x, top, states.get(id(widget), State()))
        surface.set_clip(clip)
        if self.max_scroll:
            track = pygame.Rect(self.rect.right - 6, self.rect.y, 6, self.rect.height)
            pygame.draw.rect(surface, theme.paper, track)
            pygame.draw.line(surface, theme.rule, track.midtop, track.midbottom, 1)
            thumb_h = max(30, self.rect.height * self.rect.height // self.content_h)
            thumb_y = self.rect.y + (self.rect.height - thumb_h) * self.scroll // self.max_scroll
            pygame.draw.rect(surface, theme.rule, (track.x, thumb_y, 6, thumb_h), border_radius=3)


@dataclass
class Page:
    title: str
    panes: list[Pane]
    header: list[ButtonWidget] = field(default_factory=list)
    header_x: dict[int, int] = field(default_factory=dict)  # widget id -> x in the header
    card: pygame.Rect | None = None  # a popup card drawn over the dimmed previous screen (the glossary)

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
            return pygame.Rect(self.header_x[id(widget)], (HEADER_H - widget.height) // 2, widget.width,
                               widget.height)
        return pane.widget_rect(widget)

    def texts(self) -> list[str]:
        found = [self.title]
        for pane in self.panes:
            for w in pane.widgets:
                found += w.texts()
        for w in self.header:
            found += w.texts()
        return [t for t in found if t]


def compose(controller: Controller, cache: TextCache, theme: Theme) -> Page:
    """Build the page for the controller's current screen."""
    screen = controller.screen
    doc = controller.document()
    actions = controller.actions()
    header_actions = [a for a in actions if a.group == "nav"] if screen in HEADER_NAV_SCREENS else []
    body_actions = [a for a in actions if a not in header_actions]
    fonts = cache.fonts
    column = min(fonts.column_width(), SHEET.width - 96)

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
            widgets.append(ButtonWidget(a, cache, theme))
        return widgets

    identity = _identity(controller)
    if screen is Screen.CASEBOOK:
        left_w = 380
        list_rect = pygame.Rect(SHEET.x + 32, SHEET.y + 24, left_w, SHEET.height - 48)
        intro = [text(b) for b in doc[:2]]
        left = Pane(f"casebook-list:{identity}", list_rect, [*intro, *buttons(body_actions)])
        doc_x = list_rect.right + 40
        doc_rect = pygame.Rect(doc_x, SHEET.y + 24, min(column, SHEET.right - doc_x - 24), SHEET.height - 48)
        right = Pane(f"casebook-doc:{controller.evidence_id}", doc_rect, [text(b) for b in doc[2:]])
        panes = [left, right]
    elif screen is Screen.GLOSSARY:
        # A card over the scene it was opened from, so the player keeps their place in the prose.
        width = min(column, 720)
        card = pygame.Rect(0, 0, width + 64, 440)
        card.center = (LOGICAL_SIZE[0] // 2, SHEET.centery + 10)
        rect = pygame.Rect(card.x + 32, card.y + 28, width, card.height - 44)
        panes = [Pane(f"glossary:{identity}", rect, [*[text(b) for b in doc], *buttons(body_actions)])]
    else:
        width = column
        if screen in (Screen.CASES, Screen.VERDICT):
            # Cards and claims are short lines in boxes; prose screens keep the ~75-character column.
            width = min(SHEET.width - 96, max(column, 860))
        x = SHEET.x + (SHEET.width - width) // 2
        rect = pygame.Rect(x, SHEET.y + 24, width, SHEET.height - 40)
        panes = [Pane(f"{screen.value}:{identity}", rect, [*[text(b) for b in doc], *buttons(body_actions)])]
        side_w = rect.x - SHEET.x - 72
        if screen is Screen.SCENE and side_w >= 180:
            side = pygame.Rect(SHEET.x + 40, rect.y + 8, side_w, rect.height - 8)
            panes.insert(0, Pane("case-card", side, [text(b) for b in case_card(controller)]))

    if controller.scenario is not None and screen not in (Screen.TITLE, Screen.CASES):
        title = controller.scenario.title
    else:
        title = "VERDICT"
    if SCREEN_NAMES.get(screen):
        title += " · " + SCREEN_NAMES[screen]
    page = Page(title, panes, [ButtonWidget(a, cache, theme, compact=True) for a in header_actions])
    for pane in panes:
        pane.layout()
    if screen is Screen.GLOSSARY:
        # Sized after the layout, which measures the content: the card fits a short definition.
        pane = panes[0]
        pane.rect.height = min(pane.rect.height, pane.content_h + 8)
        pane.rect.centery = SHEET.centery + 14
        pane.clamp()
        page.card = pane.rect.inflate(64, 44).move(0, -6)
    x = LOGICAL_SIZE[0] - 16
    for w in reversed(page.header):
        w.layout(w.natural_width())
        x -= w.width
        page.header_x[id(w)] = x
        x -= 8
    return page


def case_card(controller: Controller) -> list[Block]:
    """The margin note beside a scene: which case, what the player holds, what is still open."""
    scenario, session = controller.scenario, controller.session
    if scenario is None or session is None:
        return []
    answered = len(session.verdicts)
    return [
        block("stamp", "Case file"),
        block("h3", scenario.title),
        block("meta", scenario.period),
        block("meta", f"Documents: {len(session.held)} of {len(scenario.evidence)}"),
        block("meta", f"Verdicts: {answered} of {len(scenario.questions)}"),
    ]


def _identity(controller: Controller) -> str:
    """What the main content is, so a new scene starts scrolled to the top but a ticked box does not."""
    if controller.screen is Screen.SCENE and controller.view is not None:
        steps = len(controller.session.history) if controller.session else 0
        return f"{controller.view.scene_id}:{steps}"
    if controller.screen is Screen.VERDICT and controller.draft is not None:
        return controller.draft.question_id
    if controller.screen is Screen.BRIEFING and controller.briefing is not None:
        return controller.briefing.id
    if controller.screen is Screen.GLOSSARY and controller.term is not None:
        return controller.term.id
    return ""
