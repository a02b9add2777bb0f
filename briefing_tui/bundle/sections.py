"""The `##` sections of facts.md and countries.md as markdown-it tokens, with their lines,
and the blocks under a heading; parsing refuses (with its line) text nested too deeply."""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it.token import Token

from .markdown import CHUNK, MAX_NESTING, inline_text, make_parser, nesting_overflow, split_sections
from .problems import Collector


def check_nesting(filename: str, tokens: list[Token], out: Collector, offset: int = 0) -> None:
    """Quotes and lists nested past the parser's limit lose their text: refuse, saying where."""
    line = nesting_overflow(tokens)
    if line is not None:
        out.add(
            filename,
            line + offset,
            f"quotes and lists nested more than {MAX_NESTING} levels deep: "
            "the text from here on would be lost; flatten it",
        )


def sections_of(tokens: list[Token]) -> list[tuple[str, int, list[Token]]]:
    """Split a token stream at each `##` heading: (heading text, line, tokens under it)."""
    sections: list[tuple[str, int, list[Token]]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.tag == "h2":
            line = (tok.map[0] + 1) if tok.map else 0
            sections.append((inline_text(tokens[i + 1]).strip(), line, []))
            i += 3
            continue
        if sections:
            sections[-1][2].append(tok)
        i += 1
    return sections


def chunked_sections(
    filename: str, text: str, out: Collector, offset: int = 0, size: int = CHUNK
) -> Iterator[tuple[str, int, list[Token]]]:
    """`sections_of` a long file, parsed a chunk of whole sections at a time; the tokens'
    lines are those of the file (`offset` lines of the file come before `text`)."""
    parser = make_parser()
    for before, chunk in split_sections(text, size):
        tokens = parser.parse(chunk)
        before += offset
        if before:
            for tok in tokens:
                if tok.map:
                    tok.map = [tok.map[0] + before, tok.map[1] + before]
        check_nesting(filename, tokens, out)
        yield from sections_of(tokens)


def blocks_of(tokens: list[Token]) -> list[tuple[str, int, list[Token]]]:
    """Top-level blocks of a section: (open token type, line, tokens of the block)."""
    blocks: list[tuple[str, int, list[Token]]] = []
    depth = 0
    for tok in tokens:
        if depth == 0:
            line = (tok.map[0] + 1) if tok.map else 0
            blocks.append((tok.type, line, []))
        blocks[-1][2].append(tok)
        depth += tok.nesting
    return blocks

