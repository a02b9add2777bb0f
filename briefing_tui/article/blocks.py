"""A Markdown body as leaf blocks of plain text + style spans, and the reader's plain text.

The article view draws only what is on screen, so it needs the document as a flat
list of leaf blocks (paragraph, heading, code, rule, table) whose rendered plain
text is known up front. That text, blocks joined by blank lines, is *the reader's
text*: what the view shows, searches and lights, and what the validator and the
extractor hold source quotes against (see `matcher`). It is computed here only.

Styles are named by short keys ("h1", "strong", "link", ...) that the widget maps to
its component classes; nothing here measures cells (see `wrap`) or knows Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from markdown_it.token import Token

from ..sanitize import clean
from .source import CHUNK, make_parser, split_source

__all__ = [
    "BLOCK_SEPARATOR",
    "BULLETS",
    "QUOTE_BAR",
    "Block",
    "Deco",
    "Span",
    "TableData",
    "document_text",
    "inline_plain",
    "inline_text",
    "iter_block_batches",
    "parse_blocks",
    "plain_blocks",
    "reader_text",
    "token_blocks",
]

# Blocks are joined by this in the reader's text.
BLOCK_SEPARATOR = "\n\n"
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
    prefix_cells: int = -1  # widest of the two prefixes, measured by `wrap` when first needed

    def __post_init__(self) -> None:
        self.ascii = self.text.isascii()


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
                width = len(marker)  # digits or a bullet, a space: one cell each
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


def token_blocks(tokens: Sequence[Token], *, first_in_document: bool = True) -> list[Block]:
    """The leaf blocks of tokens parsed already (by `source.make_parser`)."""
    return _Builder(first_in_document).run(tokens)


def iter_block_batches(markdown: str, chunk_size: int = CHUNK) -> Iterator[list[Block]]:
    """Parse chunk by chunk, so the first screen is ready long before a big document is."""
    parser = make_parser()
    for index, chunk in enumerate(split_source(markdown, size=chunk_size)):
        try:
            blocks = _Builder(index == 0).run(parser.parse(chunk))
        except RecursionError:  # structures too deep for the parser: show the text as it is
            blocks = plain_blocks(chunk, first_in_document=index == 0)
        yield blocks


def _strip_trailing(prefix: tuple[Deco, ...]) -> tuple[Deco, ...]:
    """Blank spacing lines keep quote bars but not list indentation."""
    out = list(prefix)
    while out and not out[-1].text.strip():
        out.pop()
    return tuple(out)


def plain_blocks(markdown: str, *, first_in_document: bool = True) -> list[Block]:
    """The source as plain paragraphs: the fallback should parsing ever fail."""
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", markdown) if p.strip()]
    return [
        Block("text", clean(p).replace("\t", " "), blank_before=0 if i == 0 and first_in_document else 1)
        for i, p in enumerate(paragraphs)
    ]


# --------------------------------------------------------------------------- the reader's text


def inline_plain(token: Token) -> str:
    """The reader's text of one inline token (a paragraph, a heading, a table cell)."""
    return inline_text(token.children or [])[0]


def document_text(blocks: Iterable[Block]) -> str:
    """The reader's text of blocks: their texts joined by blank lines."""
    return BLOCK_SEPARATOR.join(b.text for b in blocks)


def reader_text(markdown: str, chunk_size: int = CHUNK) -> str:
    """The reader's text of a whole body, exactly as the article view builds it (the same
    chunks, so the same blocks); the tokens of only one chunk are alive at a time."""
    return BLOCK_SEPARATOR.join(b.text for batch in iter_block_batches(markdown, chunk_size) for b in batch)

