"""Strips of the article view (`ui.widgets.article_strips`), without an app: the text drawn
with the styles its spans and overlays name, cropped or filled to the width, and cached only
where nothing is lit."""

from __future__ import annotations

from rich.style import Style

from briefing_tui.article.blocks import parse_blocks
from briefing_tui.article.wrap import layout_block
from briefing_tui.ui.widgets.article_strips import StripPainter

BASE = Style(color="white")
COMPONENTS = {
    "text": Style(italic=False),
    "link": Style(underline=True),
    "strong": Style(bold=True),
    "highlight": Style(bgcolor="yellow"),
    "match": Style(bgcolor="blue"),
    "code-block": Style(bgcolor="grey11"),
}


class _Styles:
    def __init__(self) -> None:
        self.components = dict(COMPONENTS)
        self.asked = 0

    def component(self, key: str) -> Style:
        self.asked += 1
        return self.components.get(key, Style())


def _painter() -> tuple[StripPainter, _Styles]:
    styles = _Styles()
    return StripPainter(lambda: BASE, styles.component), styles


def _styled(strip_segments: list[tuple[str, Style | None]], text: str) -> Style | None:
    for segment_text, style in strip_segments:
        if segment_text == text:
            return style
    raise AssertionError(f"{text!r} not drawn as one segment in {strip_segments!r}")


def test_spans_are_drawn_with_their_styles_and_markup_stays_text() -> None:
    (block,) = parse_blocks("plain **bold** [link](https://x.org) [b]not markup[/b]")
    (line,) = layout_block(block, 80)
    painter, _ = _painter()
    strip = painter.build(block, line, (), 80)
    assert strip.text.rstrip() == "plain bold link [b]not markup[/b]"
    assert strip.cell_length == 80
    segments = [(s.text, s.style) for s in strip]
    bold = _styled(segments, "bold")
    assert bold is not None and bold.bold and bold.color == BASE.color
    link = _styled(segments, "link")
    assert link is not None and link.underline and not link.bold
    assert link.link is None and not link.meta  # a click is resolved by position, never by meta


def test_overlays_light_only_their_characters() -> None:
    (block,) = parse_blocks("alpha beta gamma")
    (line,) = layout_block(block, 40)
    painter, _ = _painter()
    strip = painter.build(block, line, [(6, 10, "highlight")], 40)
    segments = [(s.text, s.style) for s in strip]
    lit = _styled(segments, "beta")
    assert lit is not None and lit.bgcolor is not None and lit.bgcolor.name == "yellow"
    plain = _styled(segments, "alpha ")
    assert plain is not None and plain.bgcolor is None


def test_lines_are_cropped_and_filled_to_the_width() -> None:
    (block,) = parse_blocks("```\n" + "x" * 30 + "\n```")
    painter, _ = _painter()
    (line,) = layout_block(block, 80)
    strip = painter.build(block, line, (), 10)
    assert strip.cell_length == 10
    wide = painter.build(block, line, (), 60)
    assert wide.cell_length == 60
    tail = list(wide)[-1]
    assert tail.text.strip() == "" and tail.style is not None and tail.style.bgcolor is not None
    (cjk,) = parse_blocks("中文中文中文")
    (cjk_line,) = layout_block(cjk, 80)
    assert painter.build(cjk, cjk_line, (), 5).cell_length == 5
    assert painter.blank(7).cell_length == 7


def test_unlit_lines_come_from_the_cache_and_lit_ones_are_fresh() -> None:
    (block,) = parse_blocks("alpha beta gamma")
    (line,) = layout_block(block, 40)
    painter, _ = _painter()
    first = painter.line(0, 0, block, line, [], 40)
    assert painter.line(0, 0, block, line, [], 40) is first
    # An overlay elsewhere in the block leaves this line cached; one on it is drawn.
    assert painter.line(0, 0, block, line, [(30, 34, "match")], 40) is first
    lit = painter.line(0, 0, block, line, [(0, 5, "match")], 40)
    assert lit is not first and lit.text == first.text
    assert painter.line(0, 0, block, line, [], 41) is not first  # another width
    painter.clear()
    assert painter.line(0, 0, block, line, [], 40) is not first
    again = painter.line(0, 0, block, line, [], 40)
    painter.detach()
    assert painter.line(0, 0, block, line, [], 40) is not again


def test_a_style_change_is_picked_up_after_styles_changed() -> None:
    (block,) = parse_blocks("[link](https://x.org)")
    (line,) = layout_block(block, 20)
    painter, styles = _painter()
    before = painter.line(0, 0, block, line, [], 20)
    asked = styles.asked
    painter.line(1, 0, block, line, [], 20)
    assert styles.asked == asked  # combined styles are cached
    styles.components["link"] = Style(underline=False, color="red")
    painter.styles_changed()
    after = painter.line(0, 0, block, line, [], 20)
    link = _styled([(s.text, s.style) for s in after], "link")
    assert after is not before and link is not None and link.color is not None
    assert link.color.name == "red"
