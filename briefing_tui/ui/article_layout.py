"""Markdown -> blocks of plain text + style spans, and wrapping of blocks into lines.

The article view draws only what is on screen, so it needs the document as a flat
list of leaf blocks (paragraph, heading, code, rule, table) whose rendered plain
text is known up front: search and fact highlighting work on that text, and the
view wraps a block into lines only when the block comes near the viewport.

Nothing here knows about Textual. Styles are named by short keys ("h1", "strong",
"link", ...) that the widget maps to its component classes, so the layout can be
tested without an app and computed in a worker thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from markdown_it.token import Token
from rich.cells import cell_len, get_character_cell_size

from briefing_tui.bundle.markdown import make_parser, split_source
from briefing_tui.sanitize import clean

__all__ = [
    "Block",
    "Deco",
    "LayoutLine",
    "Slice",
    "Span",
    "TableData",
    "block_height",
    "estimate_height",
    "iter_block_batches",
    "layout_block",
    "make_parser",
    "parse_blocks",
    "plain_blocks",
    "split_source",
    "wrap_ranges",
]

# Below this many cells a text column is useless; deep nesting may overflow the
# view instead (the widget crops), which beats a column one letter wide.
MIN_TEXT_WIDTH = 12
# Table columns are never squeezed below this; tables that still do not fit lose
# their rightmost columns, with a notice line saying so.
MIN_COLUMN_WIDTH = 6
BULLETS: tuple[str, ...] = ("•", "◦", "▪", "‣")
QUOTE_BAR = "▌ "
RULE_CHAR = "─"


class Span(NamedTuple):
    """A style over `Block.text[start:end]`; `url` is set for links."""

    start: int
    end: int
    style: str
    url: str | None = None


class Deco(NamedTuple):
    """Decoration drawn on a line but not part of the text (bullets, bars, borders)."""

    text: str
    style: str


class Slice(NamedTuple):
    """A run of `Block.text` drawn on a line, styled by the block's spans."""

    start: int
    end: int


Piece = Deco | Slice


class LayoutLine(NamedTuple):
    """One screen line of a block: pieces left to right, then `fill` to the edge."""

    pieces: tuple[Piece, ...]
    fill: str = ""


@dataclass(slots=True)
class TableData:
    """Cells as ranges into `Block.text` (cells joined by tabs, rows by newlines)."""

    rows: list[list[tuple[int, int]]]
    aligns: list[str]
    header_rows: int


@dataclass(slots=True, eq=False)
class Block:
    """A leaf block: its rendered plain text is what search and highlight see."""

    kind: str  # "text" | "code" | "rule" | "table"
    text: str
    style: str = "text"
    spans: tuple[Span, ...] = ()
    first_prefix: tuple[Deco, ...] = ()
    prefix: tuple[Deco, ...] = ()
    blank_before: int = 0
    table: TableData | None = None
    gap_prefix: tuple[Deco, ...] = ()
    ascii: bool = field(default=True)
    prefix_cells: int = 0  # widest of the two prefixes, measured once

    def __post_init__(self) -> None:
        self.ascii = self.text.isascii()
        self.prefix_cells = max(prefix_width(self.first_prefix), prefix_width(self.prefix))


# --------------------------------------------------------------------------- parsing

@dataclass(slots=True)
class _Container:
    first: tuple[Deco, ...]
    cont: tuple[Deco, ...]
    is_quote: bool
    list_serial: int = 0
    used: bool = False


@dataclass(slots=True)
class _List:
    ordered: bool
    serial: int
    bullet_depth: int


class _Builder:
    """Walks markdown-it block tokens, keeping the stack of quotes and list items."""

    def __init__(self, first_in_document: bool) -> None:
        self.blocks: list[Block] = []
        self.containers: list[_Container] = []
        self.lists: list[_List] = []
        self.first_in_document = first_in_document
        self.serial = 0
        self.prev_outer_list = -1

    def run(self, tokens: Sequence[Token]) -> list[Block]:
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            t = tok.type
            if t == "heading_open":
                text, spans = inline_text(tokens[i + 1].children or [])
                level = int(tok.tag[1]) if tok.tag[1:].isdigit() else 1
                self.emit("text", text, f"h{min(max(level, 1), 6)}", spans)
                i += 3
                continue
            if t == "paragraph_open":
                text, spans = inline_text(tokens[i + 1].children or [])
                style = "quote" if any(c.is_quote for c in self.containers) else "text"
                self.emit("text", text, style, spans, tight=tok.hidden)
                i += 3
                continue
            if t in ("fence", "code_block"):
                code = clean(tok.content).expandtabs(4)
                self.emit("code", code.removesuffix("\n"), "code-block", ())
            elif t == "html_block":
                self.emit("text", clean(tok.content).rstrip("\n").replace("\t", " "), "text", ())
            elif t == "hr":
                self.emit("rule", "", "rule", ())
            elif t == "blockquote_open":
                bar = (Deco(QUOTE_BAR, "quote-bar"),)
                self.containers.append(_Container(bar, bar, True))
            elif t in ("blockquote_close", "list_item_close"):
                if self.containers:
                    self.containers.pop()
            elif t in ("bullet_list_open", "ordered_list_open"):
                self.serial += 1
                depth = sum(1 for lst in self.lists if not lst.ordered)
                self.lists.append(_List(t == "ordered_list_open", self.serial, depth))
            elif t in ("bullet_list_close", "ordered_list_close"):
                if self.lists:
                    self.lists.pop()
            elif t == "list_item_open":
                lst = self.lists[-1] if self.lists else _List(False, 0, 0)
                if lst.ordered:
                    marker = f"{clean(tok.info) or '1'}{tok.markup or '.'} "
                else:
                    marker = BULLETS[lst.bullet_depth % len(BULLETS)] + " "
                width = cell_len(marker)
                self.containers.append(
                    _Container(
                        (Deco(marker, "bullet"),),
                        (Deco(" " * width, "bullet"),),
                        False,
                        self.lists[0].serial if self.lists else 0,
                    )
                )
            elif t == "table_open":
                i = self.table(tokens, i)
                continue
            i += 1
        return self.blocks

    def emit(
        self,
        kind: str,
        text: str,
        style: str,
        spans: tuple[Span, ...],
        *,
        tight: bool = False,
        table: TableData | None = None,
    ) -> None:
        first: list[Deco] = []
        cont: list[Deco] = []
        # Spacing lines belong to the containers the previous block was already in.
        gap = [d for c in self.containers if c.used for d in c.cont]
        for c in self.containers:
            first.extend(c.cont if c.used else c.first)
            cont.extend(c.cont)
            c.used = True
        outer_list = self.lists[0].serial if self.lists else -1
        if self.first_in_document and not self.blocks:
            blank = 0
        elif tight and outer_list != -1 and outer_list == self.prev_outer_list:
            blank = 0
        else:
            blank = 1
        self.prev_outer_list = outer_list
        self.blocks.append(
            Block(
                kind,
                text,
                style,
                spans,
                tuple(first),
                tuple(cont),
                blank,
                table,
                _strip_trailing(tuple(gap)),
            )
        )

    def table(self, tokens: Sequence[Token], i: int) -> int:
        """Collect a table's cells into one block; returns the index after table_close."""
        parts: list[str] = []
        spans: list[Span] = []
        rows: list[list[tuple[int, int]]] = []
        aligns: list[str] = []
        header_rows = 0
        pos = 0
        in_head = False
        row: list[tuple[int, int]] | None = None
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            t = tok.type
            if t == "table_close":
                i += 1
                break
            if t == "thead_open":
                in_head = True
            elif t == "thead_close":
                in_head = False
            elif t == "tr_open":
                if rows:
                    parts.append("\n")
                    pos += 1
                row = []
                rows.append(row)
                if in_head:
                    header_rows += 1
            elif t in ("th_open", "td_open"):
                style_attr = str(tok.attrs.get("style", ""))
                align = style_attr.partition("text-align:")[2].strip() or "left"
                if row is not None and len(rows) == 1:
                    aligns.append(align)
                if row:
                    parts.append("\t")
                    pos += 1
                child = tokens[i + 1] if i + 1 < n and tokens[i + 1].type == "inline" else None
                text, cell_spans = inline_text(child.children or []) if child else ("", ())
                text = text.replace("\n", " ")
                if in_head and text:
                    spans.append(Span(pos, pos + len(text), "table-header"))
                if row is not None:
                    row.append((pos, pos + len(text)))
                spans.extend(Span(s.start + pos, s.end + pos, s.style, s.url) for s in cell_spans)
                parts.append(text)
                pos += len(text)
            i += 1
        ncols = max((len(r) for r in rows), default=0)
        aligns.extend(["left"] * (ncols - len(aligns)))
        self.emit(
            "table",
            "".join(parts),
            "text",
            tuple(spans),
            table=TableData(rows, aligns[:ncols], header_rows),
        )
        return i


def inline_text(children: Sequence[Token]) -> tuple[str, tuple[Span, ...]]:
    """Inline tokens -> (rendered plain text, style spans); markers vanish, HTML stays text."""
    parts: list[str] = []
    spans: list[Span] = []
    opened: list[tuple[str, int, str | None]] = []
    pos = 0

    def add(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    for tok in children:
        t = tok.type
        if t in ("text", "html_inline"):
            add(clean(tok.content).replace("\t", " ").replace("\n", " "))
        elif t == "softbreak":
            add(" ")
        elif t == "hardbreak":
            add("\n")
        elif t == "code_inline":
            start = pos
            add(clean(tok.content).replace("\t", " ").replace("\n", " "))
            spans.append(Span(start, pos, "code"))
        elif t == "image":
            start = pos
            alt, _ = inline_text(tok.children or [])
            add(f"[image: {alt}]" if alt else "[image]")
            spans.append(Span(start, pos, "image"))
        elif t.endswith("_open"):
            name = _INLINE_STYLES.get(t[:-5])
            if name is not None:
                url = clean(str(tok.attrs.get("href", ""))) if name == "link" else None
                opened.append((name, pos, url))
        elif t.endswith("_close"):
            name = _INLINE_STYLES.get(t[:-6])
            for k in range(len(opened) - 1, -1, -1):
                if opened[k][0] == name:
                    style, start, url = opened.pop(k)
                    if pos > start:
                        spans.append(Span(start, pos, style, url))
                    break
        elif tok.content:
            add(clean(tok.content))
    spans.sort(key=lambda s: (s.start, s.end))
    return "".join(parts), tuple(spans)


_INLINE_STYLES: dict[str, str] = {"em": "em", "strong": "strong", "s": "strike", "link": "link"}


def parse_blocks(markdown: str, *, first_in_document: bool = True) -> list[Block]:
    """Parse a whole Markdown source into leaf blocks (used for small sources and tests)."""
    return _Builder(first_in_document).run(make_parser().parse(markdown))


def iter_block_batches(markdown: str, chunk_size: int = 64_000) -> Iterator[list[Block]]:
    """Parse chunk by chunk, so the first screen is ready long before a big document is."""
    parser = make_parser()
    for index, chunk in enumerate(split_source(markdown, size=chunk_size)):
        try:
            blocks = _Builder(index == 0).run(parser.parse(chunk))
        except Exception:  # noqa: BLE001 - the reader must show the text whatever happens
            blocks = plain_blocks(chunk, first_in_document=index == 0)
        yield blocks


def plain_blocks(markdown: str, *, first_in_document: bool = True) -> list[Block]:
    """The source as plain paragraphs: the fallback should parsing ever fail."""
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", markdown) if p.strip()]
    return [
        Block("text", clean(p).replace("\t", " "), blank_before=0 if i == 0 and first_in_document else 1)
        for i, p in enumerate(paragraphs)
    ]


# --------------------------------------------------------------------------- wrapping

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


def _text_width(block: Block, width: int) -> int:
    return max(width - block.prefix_cells, 1)


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
    avail = max(width - block.prefix_cells, MIN_TEXT_WIDTH)
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


def _strip_trailing(prefix: tuple[Deco, ...]) -> tuple[Deco, ...]:
    """Blank spacing lines keep quote bars but not list indentation."""
    out = list(prefix)
    while out and not out[-1].text.strip():
        out.pop()
    return tuple(out)


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
    avail = max(width - block.prefix_cells, MIN_TEXT_WIDTH)
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
