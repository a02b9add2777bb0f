"""Markdown for the bundle reader: the parser, nesting checks, and the cutting of facts.md
and countries.md into sections. The article's own text (blocks, the reader's text, the
quote matcher) is in `briefing_tui.article`; the names the reader uses are re-exported.
"""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it.token import Token

from ..article.blocks import document_text, reader_text, token_blocks
from ..article.readable import ReadableText
from ..article.source import (
    CHUNK,
    FENCE,
    MAX_CHUNK,
    MAX_CHUNK_LINES,
    MAX_NESTING,
    closes_fence,
    make_parser,
    may_nest_deeply,
    split_source,
)

__all__ = [
    "CHUNK",
    "MAX_CHUNK",
    "MAX_CHUNK_LINES",
    "MAX_NESTING",
    "ReadableText",
    "inline_text",
    "make_parser",
    "may_nest_deeply",
    "nesting_overflow",
    "plain_text",
    "readable_text",
    "split_sections",
    "split_source",
]

# The fence opener (the bundle reader's facts.md fast path skips fences with it).
_FENCE = FENCE

# Containers whose content markdown-it skips (with the rest of the enclosing block, or
# of the file for a list) once they open at the nesting limit.
_CONTAINERS = ("blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open")


def nesting_overflow(tokens: list[Token]) -> int | None:
    """The 1-based line where nesting hit `MAX_NESTING` and the parser dropped text, if any."""
    for tok in tokens:
        if tok.nesting == 1 and tok.level >= MAX_NESTING - 1 and tok.type in _CONTAINERS:
            return (tok.map[0] + 1) if tok.map else 1
    return None


def readable_text(markdown: str) -> str:
    """The reader's text of a whole body (`article.blocks.reader_text`)."""
    return reader_text(markdown)


def plain_text(tokens: list[Token]) -> str:
    """The reader's text of one parsed chunk of the body: what the article view shows."""
    return document_text(token_blocks(tokens))


def split_sections(source: str, size: int = CHUNK) -> Iterator[tuple[int, str]]:
    """(lines before it, chunk) of `source`, cut just before `##` headings (outside fences)
    once a chunk holds `size` characters: facts.md and countries.md parse a chunk at a
    time, so 50,000 facts never have all their tokens alive at once."""
    start = 0
    start_line = 0
    line_no = 0
    pos = 0
    fence: str | None = None
    n = len(source)
    while pos < n:
        nl = source.find("\n", pos)
        end = n if nl == -1 else nl + 1
        line = source[pos:end]
        if fence is not None:
            if closes_fence(line, fence):
                fence = None
        else:
            if pos - start >= size and line.startswith("##") and line[2:3] in ("", " ", "\t", "\r", "\n"):
                yield start_line, source[start:pos]
                start, start_line = pos, line_no
            m = FENCE.match(line)
            if m:
                fence = m.group(1)
        line_no += 1
        pos = end
    yield start_line, source[start:]


def inline_text(token: Token) -> str:
    """The text of a facts.md or countries.md field (a heading, a `key: value`, a source
    quote, a statement): markers gone, breaks as spaces, an image as its alt text. Kept
    as written: it is cleaned where it is shown or exported."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(inline_text(child) if child.children else child.content)
    return "".join(out)
