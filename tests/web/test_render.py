"""The page layer's renderer without a browser, through the build's static stand-in for the DOM."""

from __future__ import annotations

import re

from game.app.actions import TEXT_LIMIT, Action, act
from game.app.documents import Block, Span, block, styled
from game.web import render
from game.webbuild.prerender import StaticDom, _Element, title_screen


def html_of(blocks: list[Block], **kw: bool) -> str:
    root = _Element("div")
    render.render_document(StaticDom(), root, blocks, **kw)  # type: ignore[arg-type]
    return root.html()


def actions_html(actions: list[Action], reason=None) -> str:
    root = _Element("div")
    kw = {"reason": reason} if reason else {}
    render.render_actions(StaticDom(), root, actions, lambda group: "", **kw)  # type: ignore[arg-type]
    return root.html()


def test_emphasis_in_titles_and_labels_is_rendered_not_shown_as_asterisks() -> None:
    html = html_of([styled("h2", "*Aftenposten*: no foreign plane at Kjeller")])
    assert "<em>Aftenposten</em>: no foreign plane" in html and "*" not in html
    html = actions_html([act("choose:0", "Order *Pravda* for December 1934", number=1)])
    assert "Order <em>Pravda</em> for December 1934</button>" in html and "*" not in html
    strong = html_of([styled("p", "**Vera Pavlovna** sets a folder down")])
    assert "<strong>Vera Pavlovna</strong>" in strong


def test_plain_text_is_shown_as_written() -> None:
    assert "5 * 3 and *not* parsed twice" in html_of([block("p", "5 * 3 and *not* parsed twice")])


def test_markup_in_text_stays_text() -> None:
    html = html_of([styled("h1", "<b>bold</b> & *<i>it</i>*")])
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt; &amp; <em>&lt;i&gt;it&lt;/i&gt;</em>" in html


def test_heading_levels_never_skip() -> None:
    html = html_of([block("h1", "Title"), block("h3", "Content note"), block("p", "x"), block("h3", "Again"),
                    block("h2", "Part"), block("h3", "Sub")])
    assert re.findall(r"<h(\d)", html) == ["1", "2", "2", "2", "3"]


def test_a_sectioned_document_has_sections_and_links_to_them() -> None:
    blocks = [block("h1", "Debrief"), Block("score", (Span("Your score"),), "64 / 100"),
              block("h2", "The ending"), block("p", "..."),
              block("h2", "What became of them"), block("p", "...")]
    html = html_of(blocks, sections=True)
    assert html.index("64 / 100") < html.index("<nav")  # the score first, then the parts
    assert html.count("<section") == 2
    assert '<a href="#verdict-sec-2" data-jump="verdict-sec-2">What became of them</a>' in html
    assert '<h2 tabindex="-1" id="verdict-sec-2">What became of them</h2>' in html


def test_a_disabled_buttons_reason_is_said_beside_it() -> None:
    action = act("confirm", "Review the verdict", enabled=False, reason="Answer 1 first.")
    html = actions_html([action], reason=lambda a: (a.label, a.reason))
    button = re.search(r"<button[^>]*>(.*?)</button>", html)
    assert button and button.group(1) == "Review the verdict"
    assert 'aria-disabled="true"' in html
    reason_id = re.search(r'aria-describedby="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    assert f'<span class="verdict-reason" id="{reason_id}">Answer 1 first.</span>' in html


def test_a_text_action_is_a_labelled_box_holding_its_words() -> None:
    action = act("reason", "Why does the evidence support it?", value="Because <b>the diary</b>")
    html = actions_html([action])
    box = re.search(r'<label for="([^"]+)">Why does the evidence support it\?</label><textarea id="\1"', html)
    assert box and 'data-action="reason"' in html
    assert "Because &lt;b&gt;the diary&lt;/b&gt;</textarea>" in html


def test_the_title_screen_is_prerendered_for_the_html_edition() -> None:
    html = title_screen()
    assert '<div id="verdict-screen"><h1 tabindex="-1">VERDICT</h1>' in html
    assert "<h3" not in html  # the content note's heading is a second level, as in the live page


def test_a_pinned_item_says_so_and_its_marks_are_its_description() -> None:
    item = act("evidence:log", "Bindery log, 1968", selected=True, badge="pinned",
               detail="High reliability\nCited in your verdict on “What happened?”\n"
                      "Your note: <i>entry</i> 311")
    html = actions_html([item])
    assert re.search(r'<button[^>]*aria-current="true"[^>]*>Bindery log, 1968<span class="verdict-badge"> '
                     r"\(pinned\)</span></button>", html)
    detail_id = re.search(r'aria-describedby="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    found = re.search(rf'<span class="verdict-meta" id="{detail_id}">(.*?)</span>', html)
    assert found is not None
    assert found.group(1).replace("</br>", "").split("<br>") == [
        "High reliability", "Cited in your verdict on “What happened?”",
        "Your note: &lt;i&gt;entry&lt;/i&gt; 311"]


def test_the_note_box_keeps_no_more_than_a_note() -> None:
    from game.engine.notes import MAX_NOTE

    html = actions_html([act("note", "Your note on this document", value="kept"),
                         act("reason", "Why?", value="")])
    assert f'data-action="note" rows="4" maxlength="{MAX_NOTE}">kept</textarea>' in html
    assert f'data-action="reason" rows="4" maxlength="{TEXT_LIMIT}">' in html


def test_the_case_lists_outline_headings_open_a_list_of_their_own() -> None:
    acts = [act("case:tutorial", "The Missing Page", number=1, heading="Practice"),
            act("case:kirov", "The Shot in the Corridor", number=2, heading="The Kirov murder"),
            act("case:show_trial", "The October Hall", number=3),
            act("order", "Order: by outline branch", selected=True), act("back", "Back to the title")]
    html = actions_html(acts)
    assert re.findall(r"<h2[^>]*>([^<]*)</h2>", html) == ["Practice", "The Kirov murder"]
    assert html.count("<ul") == 2  # a list under each heading; the third case stays in the second
    second = html[html.index("The Kirov murder"):]
    assert second.index("case:kirov") < second.index("case:show_trial") < second.index("</ul>")
    assert 'data-action="order" aria-pressed="true"' in html  # a real toggle button


def test_a_heading_from_a_file_is_text_not_markup() -> None:
    html = actions_html([act("case:x", "X", number=1, heading="<img src=x onerror=alert(1)>")])
    assert "<img" not in html and "&lt;img" in html
