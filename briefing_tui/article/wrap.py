"""Blocks wrapped into screen lines at a width: the only part of the article that measures
terminal cells (with rich's cell widths). Nothing here knows Textual; the article view
wraps a block only when it comes near the viewport.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size

from .blocks import RULE_CHAR, Block, Deco, TableData

__all__ = [
    "LayoutLine",
    "Slice",
    "block_height",
    "estimate_height",
    "layout_block",
    "line_range",
    "prefix_width",
    "wrap_ranges",
]

# Below this many cells a text column is useless; deep nesting may overflow the
# view instead (the widget crops), which beats a column one letter wide.
MIN_TEXT_WIDTH = 12
# Table columns are never squeezed below this; tables that still do not fit lose
# their rightmost columns, with a notice line saying so.
MIN_COLUMN_WIDTH = 6


class Slice(NamedTuple):
    """A run of `Block.text` drawn on a line, styled by the block's spans."""

    start: int
    end: int


Piece = Deco | Slice


class LayoutLine(NamedTuple):
    """One screen line of a block: pieces left to right, then `fill` to the edge."""

    pieces: tuple[Piece, ...]
    fill: str = ""




_WORD = re.compile(r"[^ \n]+")


def wrap_ranges(text: str, start: int, end: int, width: int, ascii: bool) -> list[tuple[int, int]]:
    """Greedy word wrap of `text[start:end]` at `width` cells -> (start, end) per line.

    Hard breaks (newlines) end a line; spaces at a wrap point are dropped; a word
    wider than the line is cut. `ascii` skips cell measuring (one cell per char).
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    append = lines.append
    seg_start = start
    while True:
        nl = text.find("\n", seg_start, end)
        seg_end = end if nl == -1 else nl
        line_s = -1
        line_e = seg_start
        col = 0
        for m in _WORD.finditer(text, seg_start, seg_end):
            s, e = m.span()
            w = e - s if ascii else cell_len(text[s:e])
            if line_s == -1:
                gap = 0
            else:
                gap = s - line_e
                if col + gap + w <= width:
                    line_e = e
                    col += gap + w
                    continue
                append((line_s, line_e))
            if w <= width:
                line_s, line_e, col = s, e, w
                continue
            # A word wider than the line: cut it into pieces.
            pieces = _cut(text, s, e, width, ascii)
            for ps, pe in pieces[:-1]:
                append((ps, pe))
            line_s, line_e = pieces[-1]
            col = e - line_s if ascii else cell_len(text[line_s:line_e])
        if line_s == -1:
            append((seg_start, seg_start))
        else:
            append((line_s, line_e))
        if nl == -1:
            break
        seg_start = nl + 1
    return lines


def _cut(text: str, s: int, e: int, width: int, ascii: bool) -> list[tuple[int, int]]:
    """Cut `text[s:e]` into runs of at most `width` cells (at least one char each)."""
    if ascii:
        return [(p, min(p + width, e)) for p in range(s, e, width)]
    out: list[tuple[int, int]] = []
    run_s = s
    col = 0
    for p in range(s, e):
        w = get_character_cell_size(text[p])
        if col + w > width and p > run_s:
            out.append((run_s, p))
            run_s, col = p, 0
        col += w
    out.append((run_s, e))
    return out


def prefix_width(prefix: Sequence[Deco]) -> int:
    return sum(cell_len(d.text) for d in prefix)


def _prefix_cells(block: Block) -> int:
    """The widest of the block's two prefixes, measured once."""
    if block.prefix_cells < 0:
        block.prefix_cells = max(prefix_width(block.first_prefix), prefix_width(block.prefix))
    return block.prefix_cells


def _text_width(block: Block, width: int) -> int:
    return max(width - _prefix_cells(block), 1)


def _code_ranges(block: Block, width: int) -> list[tuple[int, int]]:
    """Code keeps its line breaks and spaces; long lines are cut, never reflowed."""
    text = block.text
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while True:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        if end - pos <= width and (block.ascii or cell_len(text[pos:end]) <= width):
            out.append((pos, end))
        else:
            out.extend(_cut(text, pos, end, width, block.ascii))
        if nl == -1:
            return out
        pos = nl + 1


def block_height(block: Block, width: int) -> int:
    """Exact number of lines `layout_block` makes, without building the lines."""
    if block.kind == "text":
        avail = max(_text_width(block, width), MIN_TEXT_WIDTH)
        return block.blank_before + len(wrap_ranges(block.text, 0, len(block.text), avail, block.ascii))
    if block.kind == "code":
        return block.blank_before + len(_code_ranges(block, max(_text_width(block, width) - 2, 1)))
    if block.kind == "rule":
        return block.blank_before + 1
    return len(layout_block(block, width))


def estimate_height(block: Block, width: int) -> int:
    """A cheap guess at `block_height`, used until the block is measured."""
    if block.kind == "rule":
        return block.blank_before + 1
    avail = max(width - _prefix_cells(block), MIN_TEXT_WIDTH)
    text = block.text
    if block.kind == "table" and block.table is not None:
        return block.blank_before + len(block.table.rows) + 3
    lines = text.count("\n") + 1
    return block.blank_before + max(lines, (len(text) * 11 // 10) // avail + 1)


def layout_block(block: Block, width: int) -> list[LayoutLine]:
    """The block's screen lines at `width` cells (blank spacing lines first)."""
    blank = LayoutLine(block.gap_prefix)
    lines: list[LayoutLine] = [blank] * block.blank_before
    if block.kind == "text":
        avail = max(_text_width(block, width), MIN_TEXT_WIDTH)
        ranges = wrap_ranges(block.text, 0, len(block.text), avail, block.ascii)
        for i, (s, e) in enumerate(ranges):
            lines.append(LayoutLine((*(block.prefix if i else block.first_prefix), Slice(s, e))))
    elif block.kind == "code":
        avail = max(_text_width(block, width) - 2, 1)
        pad = Deco(" ", "code-block")
        for i, (s, e) in enumerate(_code_ranges(block, avail)):
            prefix = block.prefix if i else block.first_prefix
            lines.append(LayoutLine((*prefix, pad, Slice(s, e)), "code-block"))
    elif block.kind == "rule":
        avail = _text_width(block, width)
        lines.append(LayoutLine((*block.first_prefix, Deco(RULE_CHAR * avail, "rule"))))
    elif block.kind == "table" and block.table is not None:
        lines.extend(_layout_table(block, block.table, width))
    return lines



def _column_widths(natural: list[int], avail: int) -> tuple[list[int], bool]:
    """Fit columns into `avail` cells: shrink the widest first, then drop from the right."""
    ncols = len(natural)
    widths = [max(w, 1) for w in natural]

    def total(ws: list[int]) -> int:
        return sum(ws) + 3 * len(ws) + 1

    if total(widths) <= avail:
        return widths, False
    floor = [min(w, MIN_COLUMN_WIDTH) for w in widths]
    # Drop columns from the right until the floors fit.
    keep = ncols
    while keep > 1 and total(floor[:keep]) > avail:
        keep -= 1
    widths = widths[:keep]
    floor = floor[:keep]
    excess = total(widths) - avail
    while excess > 0:
        # Take from the widest column that can still give.
        k = max(range(keep), key=lambda j: widths[j] - floor[j])
        give = widths[k] - floor[k]
        if give <= 0:
            break
        take = min(give, excess, max(1, (widths[k] - floor[k]) // 2))
        widths[k] -= take
        excess -= take
    return widths, keep < ncols


def _layout_table(block: Block, table: TableData, width: int) -> list[LayoutLine]:
    text = block.text
    avail = max(width - _prefix_cells(block), MIN_TEXT_WIDTH)
    ncols = max((len(r) for r in table.rows), default=0)
    if ncols == 0:
        return [LayoutLine(block.first_prefix)]
    natural = [0] * ncols
    for row in table.rows:
        for c, (s, e) in enumerate(row):
            w = (e - s) if block.ascii else cell_len(text[s:e])
            if w > natural[c]:
                natural[c] = w
    widths, clipped = _column_widths(natural, avail)
    keep = len(widths)
    border = "table-border"

    def rule(left: str, mid: str, right: str) -> Deco:
        return Deco(left + mid.join("─" * (w + 2) for w in widths) + right, border)

    lines: list[LayoutLine] = []
    first = True

    def add(pieces: tuple[Piece, ...]) -> None:
        nonlocal first
        lines.append(LayoutLine((*(block.first_prefix if first else block.prefix), *pieces)))
        first = False

    add((rule("┌", "┬", "┐"),))
    for r, row in enumerate(table.rows):
        cells: list[list[tuple[int, int]]] = []
        for c in range(keep):
            if c < len(row):
                s, e = row[c]
                cells.append(wrap_ranges(text, s, e, widths[c], block.ascii) if e > s else [(s, s)])
            else:
                cells.append([])
        height = max((len(c) for c in cells), default=1) or 1
        header = r < table.header_rows
        for ln in range(height):
            pieces: list[Piece] = [Deco("│", border)]
            for c in range(keep):
                pieces.append(Deco(" ", border))
                if ln < len(cells[c]):
                    s, e = cells[c][ln]
                    w = (e - s) if block.ascii else cell_len(text[s:e])
                    room = widths[c] - w
                    align = table.aligns[c] if c < len(table.aligns) else "left"
                    left = room if align == "right" else room // 2 if align == "center" else 0
                    if left:
                        pieces.append(Deco(" " * left, "text"))
                    pieces.append(Slice(s, e))
                    if room - left:
                        pieces.append(Deco(" " * (room - left), "text"))
                else:
                    pieces.append(Deco(" " * widths[c], "text"))
                pieces.append(Deco(" │", border))
            add(tuple(pieces))
        if header and r == table.header_rows - 1 and r < len(table.rows) - 1:
            add((rule("├", "┼", "┤"),))
    add((rule("└", "┴", "┘"),))
    if clipped:
        hidden = ncols - keep
        add((Deco(f"… table clipped: {hidden} more column{'s' if hidden > 1 else ''} not shown", "notice"),))
    return lines


def line_range(line: LayoutLine) -> tuple[int, int]:
    """First and last text offsets drawn on a line; (-1, -1) if it draws no text."""
    first = -1
    last = -1
    for piece in line.pieces:
        if isinstance(piece, Slice):
            if first == -1:
                first = piece.start
            last = max(last, piece.end)
    return first, last
