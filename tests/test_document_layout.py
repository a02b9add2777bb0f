"""The article view's document at a width, headless (`article.document_layout`): which line
is drawn where, which line shows a text offset, what stays on top across a resize, and
which link is under a click."""

from __future__ import annotations

from briefing_tui.article.blocks import parse_blocks
from briefing_tui.article.document_layout import SYNC_MEASURE_CHARS, DocumentLayout, link_at
from briefing_tui.article.wrap import block_height, layout_block, line_range

PARAGRAPH = " ".join(f"word{i:02d}" for i in range(40))


def _doc(markdown: str, width: int) -> DocumentLayout:
    doc = DocumentLayout(width)
    blocks = parse_blocks(markdown)
    doc.append(blocks, [block_height(b, width) for b in blocks], width)
    return doc


def _text(doc: DocumentLayout, y: int) -> str:
    found = doc.line_at(y)
    assert found is not None
    index, _, line = found
    first, last = line_range(line)
    return doc.blocks[index].text[first:last] if first >= 0 else ""


def test_link_at_finds_the_link_under_the_cell_and_nothing_beside_it() -> None:
    (block,) = parse_blocks("- see [the report](https://example.com/r) now")
    (line,) = layout_block(block, 80)
    bullet = sum(len(p.text) for p in line.pieces if not hasattr(p, "start"))
    start = bullet + len("see ")
    assert link_at(block, line, 0) is None  # the bullet
    assert link_at(block, line, start - 1) is None  # the space before the link
    span = link_at(block, line, start)
    assert span is not None and span.url == "https://example.com/r"
    assert link_at(block, line, start + len("the report") - 1) == span
    assert link_at(block, line, start + len("the report")) is None
    assert link_at(block, line, 200) is None  # past the end of the line


def test_link_at_counts_wide_characters_as_two_cells() -> None:
    (block,) = parse_blocks("中文 [x](https://example.com/x)")
    (line,) = layout_block(block, 80)
    assert link_at(block, line, 3) is None  # the second half of 文 is cell 3; cell 4 the space
    assert link_at(block, line, 4) is None
    span = link_at(block, line, 5)
    assert span is not None and span.url == "https://example.com/x"


def test_link_by_position_in_a_wrapped_document() -> None:
    doc = _doc(f"{PARAGRAPH}\n\nthen [a link](https://example.com/l) here", 30)
    y = doc.line_in_block(1, 0)
    assert _text(doc, y).startswith("then a link")
    assert doc.link_at(y, len("then ")) is not None
    assert doc.link_at(y, 0) is None
    assert doc.link_at(doc.total, 5) is None  # below the document


def test_lines_of_a_wrapped_paragraph_and_the_line_showing_an_offset() -> None:
    doc = _doc(f"# Title\n\n{PARAGRAPH}", 30)
    assert doc.total == sum(len(layout_block(b, 30)) for b in doc.blocks)
    assert _text(doc, 0) == "Title"
    assert doc.line_at(doc.total) is None
    offset = doc.blocks[1].text.index("word25")
    y = doc.line_in_block(1, offset)
    assert "word25" in _text(doc, y)
    assert doc.block_at(y) == 1


def test_a_resize_keeps_the_words_at_the_top_on_top() -> None:
    doc = _doc(f"{PARAGRAPH}\n\n{PARAGRAPH}", 40)
    y = doc.line_in_block(1, doc.blocks[1].text.index("word20"))
    top_words = _text(doc, y)
    anchor = doc.anchor(y)
    doc.set_width(20)
    assert doc.inexact == 0  # a short document is rewrapped at once
    new_y = doc.anchor_line(anchor)
    assert new_y is not None
    assert top_words.split()[0] in _text(doc, new_y).split()
    # Keeping the line number within the block would have shown other words.
    assert top_words.split()[0] not in _text(doc, doc.top(1) + anchor[1]).split()
    assert DocumentLayout().anchor(0) == (-1, 0, -1)
    assert doc.anchor_line((5, 0, 0)) is None  # the block is gone


def test_a_long_document_gets_estimates_that_measuring_makes_exact() -> None:
    repeat = SYNC_MEASURE_CHARS // len(PARAGRAPH) + 10
    doc = _doc("\n\n".join([PARAGRAPH] * repeat), 60)
    assert doc.inexact == 0
    doc.set_width(25)
    assert doc.inexact == len(doc.blocks)
    exact = block_height(doc.blocks[0], 25)
    doc.measure_between(0, 10)
    doc.recompute()
    assert doc.geometry.heights[0] == exact and doc.geometry.is_exact(0)
    assert 0 < doc.inexact < len(doc.blocks)
    items = doc.inexact_items()
    assert all(not doc.geometry.is_exact(i) for i, _ in items)
    indices = [i for i, _ in items]
    doc.set_heights([*indices, len(doc.blocks) + 5], [exact] * len(indices) + [1])  # past the end: ignored
    doc.recompute()
    assert doc.inexact == 0
    assert doc.total == exact * len(doc.blocks)
    # Blocks from one line to another, measured at once (what a jump to a quote does).
    doc.set_width(33)
    doc.measure_lines(doc.top(3), doc.top(5))
    assert all(doc.geometry.is_exact(i) for i in (3, 4, 5)) and not doc.geometry.is_exact(6)


def test_heights_measured_at_another_width_become_estimates() -> None:
    doc = DocumentLayout(50)
    blocks = parse_blocks(f"{PARAGRAPH}\n\nshort")
    doc.append(blocks, [block_height(b, 70) for b in blocks], 70)
    assert doc.inexact == 2
    first = doc.append(parse_blocks("more"), [1], 50)
    assert first == 2 and doc.geometry.is_exact(2) and len(doc) == 3


def test_lines_stay_right_when_the_cache_evicts_blocks() -> None:
    doc = DocumentLayout(30, cache_blocks=2)
    blocks = parse_blocks("\n\n".join(f"{PARAGRAPH} end{i}" for i in range(5)))
    doc.append(blocks, [block_height(b, 30) for b in blocks], 30)
    for _ in range(2):
        for index in range(5):
            assert doc.lines(index) == layout_block(blocks[index], 30)
    doc.set_width(45)
    assert doc.lines(0) == layout_block(blocks[0], 45)
