"""Unit tests of the headless article: tokens -> blocks (`article.blocks`), wrapping and tables
(`article.wrap`), chunking (`article.source`)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from briefing_tui.article.blocks import Block, Deco, iter_block_batches, parse_blocks, plain_blocks
from briefing_tui.article.source import split_source
from briefing_tui.article.wrap import (
    LayoutLine,
    Slice,
    block_height,
    estimate_height,
    layout_block,
    wrap_ranges,
)


def line_text(block: Block, line: LayoutLine) -> str:
    return "".join(p.text if isinstance(p, Deco) else block.text[p.start : p.end] for p in line.pieces)


def render(markdown: str, width: int = 60) -> list[str]:
    return [line_text(b, ln) for b in parse_blocks(markdown) for ln in layout_block(b, width)]


def test_block_kinds_and_styles() -> None:
    blocks = parse_blocks(
        "# One\n\n## Two\n\n###### Six\n\nText\n\n```\ncode\n```\n\n---\n\n| a |\n|---|\n| b |\n"
    )
    assert [(b.kind, b.style) for b in blocks] == [
        ("text", "h1"),
        ("text", "h2"),
        ("text", "h6"),
        ("text", "text"),
        ("code", "code-block"),
        ("rule", "rule"),
        ("table", "text"),
    ]
    assert blocks[0].blank_before == 0
    assert all(b.blank_before == 1 for b in blocks[1:])


def test_inline_markers_vanish_and_spans_are_kept() -> None:
    (block,) = parse_blocks("a **bold** *em* `co de` ~~gone~~ [link](https://x.org)\nnext")
    assert block.text == "a bold em co de gone link next"
    styles = {(block.text[s.start : s.end], s.style) for s in block.spans}
    assert styles == {
        ("bold", "strong"),
        ("em", "em"),
        ("co de", "code"),
        ("gone", "strike"),
        ("link", "link"),
    }
    (link,) = [s for s in block.spans if s.style == "link"]
    assert link.url == "https://x.org"


def test_hard_break_is_a_newline_soft_break_a_space() -> None:
    (block,) = parse_blocks("one  \ntwo\nthree")
    assert block.text == "one\ntwo three"
    assert [line_text(block, ln) for ln in layout_block(block, 40)] == ["one", "two three"]


def test_raw_html_and_markup_stay_text() -> None:
    (block,) = parse_blocks("<b>x</b> [@click=app.quit] [bold]y[/bold]")
    assert block.text == "<b>x</b> [@click=app.quit] [bold]y[/bold]"
    blocks = parse_blocks("<div>\nhi\n</div>")
    assert "<div>" in blocks[0].text


def test_control_characters_are_cleaned() -> None:
    (block,) = parse_blocks("red \x1b[31m text \u202e rtl")
    assert "\x1b" not in block.text and "\u202e" not in block.text
    assert "\ufffd[31m" in block.text


def test_lists_nest_with_markers_and_tight_spacing() -> None:
    lines = render("- a\n- b\n  1. x\n  2. y\n- c\n\nafter")
    assert lines == ["• a", "• b", "  1. x", "  2. y", "• c", "", "after"]


def test_loose_list_has_blank_lines() -> None:
    lines = render("- a\n\n- b\n")
    assert lines == ["• a", "", "• b"]


def test_nested_bullets_change_marker() -> None:
    lines = render("- a\n  - b\n    - c\n")
    assert lines == ["• a", "  ◦ b", "    ▪ c"]


def test_quote_lines_carry_the_bar() -> None:
    lines = render("> first para that is long enough to wrap at twenty\n>\n> second", width=24)
    assert lines[0].startswith("▌ first")
    assert all(ln.startswith("▌") for ln in lines)
    assert "▌ second" in lines


def test_code_keeps_spaces_and_cuts_long_lines() -> None:
    (block,) = parse_blocks("```\n  indented\n" + "x" * 50 + "\n```")
    lines = [line_text(block, ln) for ln in layout_block(block, 22)]
    assert lines[0] == "   indented"
    assert all(cell_len(ln) <= 22 for ln in lines)
    assert "".join(ln.strip() for ln in lines[1:]) == "x" * 50
    assert all(ln.fill == "code-block" for ln in layout_block(block, 22))


def test_table_is_boxed_and_aligned() -> None:
    lines = render("| name | n |\n|:-----|--:|\n| a | 1 |\n| bb | 22 |\n")
    assert lines == [
        "┌──────┬────┐",
        "│ name │  n │",
        "├──────┼────┤",
        "│ a    │  1 │",
        "│ bb   │ 22 │",
        "└──────┴────┘",
    ]


def test_absurdly_wide_table_is_clipped_with_notice() -> None:
    header = "|" + "|".join(f" column{i} " for i in range(40)) + "|"
    sep = "|" + "|".join("---" for _ in range(40)) + "|"
    row = "|" + "|".join(f" v{i} " for i in range(40)) + "|"
    lines = render(f"{header}\n{sep}\n{row}\n", width=60)
    assert all(cell_len(ln) <= 60 for ln in lines)
    assert "table clipped" in lines[-1]


def test_wide_table_cells_wrap_within_columns() -> None:
    long = "word " * 30
    lines = render(f"| a | b |\n|---|---|\n| {long} | short |\n", width=40)
    assert all(cell_len(ln) <= 40 for ln in lines)
    assert len(lines) > 5


def test_wrap_ranges_fits_and_keeps_words() -> None:
    text = "the quick brown fox jumps over the lazy dog " * 5
    ranges = wrap_ranges(text, 0, len(text), 17, True)
    pieces = [text[s:e] for s, e in ranges]
    assert all(len(p) <= 17 for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_wrap_ranges_wide_characters_and_long_words() -> None:
    text = "漢字漢字漢字漢字 " + "a" * 25
    ranges = wrap_ranges(text, 0, len(text), 10, False)
    pieces = [text[s:e] for s, e in ranges]
    assert all(cell_len(p) <= 10 for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_block_height_matches_layout() -> None:
    src = (
        "# Heading that is rather long for a narrow screen\n\n"
        + "para " * 80
        + "\n\n> quote " * 3
        + "\n\n- item " + "x " * 40
        + "\n\n```\n" + "y" * 70 + "\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n"
    )
    for block in parse_blocks(src):
        for width in (20, 33, 80, 140):
            assert block_height(block, width) == len(layout_block(block, width))
            assert estimate_height(block, width) >= 1


def test_split_source_never_cuts_fences_and_keeps_text() -> None:
    para = "Some words here to fill the chunk. " * 20
    fence = "```\n" + "\n\n".join(f"code {i}" for i in range(400)) + "\n```\n"
    src = "\n\n".join([para] * 20) + "\n\n" + fence + "\n\n" + "\n\n".join([para] * 200)
    chunks = list(split_source(src, first=1000, size=5000))
    assert len(chunks) > 3
    assert "".join(chunks) == src
    assert all(c.count("```") % 2 == 0 for c in chunks)


def test_split_source_keeps_documents_with_references_whole() -> None:
    src = "[x][ref]\n\n" + ("para\n\n" * 5000) + "[ref]: https://example.com\n"
    assert list(split_source(src, first=100, size=1000)) == [src]
    blocks = [b for batch in iter_block_batches(src) for b in batch]
    assert any(s.url == "https://example.com" for s in blocks[0].spans)


def test_chunked_parse_matches_whole_parse() -> None:
    src = "\n\n".join(
        f"## H{i}\n\nText **{i}** and more.\n\n- a\n- b\n\n> q {i}" for i in range(600)
    )
    whole = parse_blocks(src)
    chunked = [b for batch in iter_block_batches(src) for b in batch]
    assert [(b.kind, b.style, b.text, b.blank_before) for b in chunked] == [
        (b.kind, b.style, b.text, b.blank_before) for b in whole
    ]


def test_slices_cover_text_only() -> None:
    (block,) = parse_blocks("- " + "word " * 30)
    lines = layout_block(block, 30)
    assert isinstance(lines[0].pieces[0], Deco)
    assert all(isinstance(ln.pieces[-1], Slice) for ln in lines)


def test_too_deep_for_the_parser_falls_back_to_plain_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing_tui.article.blocks as layout

    def too_deep(self: object, tokens: object) -> list[Block]:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(layout._Builder, "run", too_deep)
    batches = list(iter_block_batches("# Title\n\nsome *text*\n"))
    assert [b.text for batch in batches for b in batch] == ["# Title", "some *text*"]
    assert plain_blocks("a\n\n\x1bb")[1].text == "\ufffdb"


def test_a_bug_in_the_layout_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a structure too deep for the parser falls back; anything else is a bug."""
    import briefing_tui.article.blocks as layout

    def broken(self: object, tokens: object) -> list[Block]:
        raise ValueError("boom")

    monkeypatch.setattr(layout._Builder, "run", broken)
    with pytest.raises(ValueError):
        list(iter_block_batches("# Title\n\nsome *text*\n"))
