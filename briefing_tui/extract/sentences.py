"""Split a Markdown article body into sentences that keep their offsets in the body.

Facts quote their source sentence verbatim so the reader can find and light it,
so every sentence is an exact slice of the body. Blocks (paragraphs, list items,
headings, as markdown-it parses them: code is never prose) never share a sentence;
inside a block we split after . ! ?
unless the word before is an abbreviation ("Mr.", "U.S.", "Dec.") or the stop
sits inside an open quotation, so a quote of several sentences stays whole and
keeps its speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from markdown_it import MarkdownIt

from ..article.source import CHUNK, make_parser, split_pieces

ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm rep sen gov pres rev hon
    inc corp ltd co plc llc bros vs etc e.g i.e cf al approx est dept univ
    no nos vol fig pp jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.u u.s.a u.a.e a.m p.m mt ft""".split()
)

# A line that starts a new block, and the marker to leave out of the sentence.
_BLOCK_MARKER = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)*")
_BLOCK_START = re.compile(r"[ \t]*(?:#{1,6}[ \t]|>|[-*+][ \t]|\d{1,9}[.)][ \t])")
_BOUNDARY = re.compile(r"[.!?]+[”’\"')\]*_]*(?=\s+[^\sa-z])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class Sentence:
    """`text` is exactly `body[start:end]` (it may hold soft line breaks)."""

    text: str
    start: int
    end: int


def split_blocks(body: str) -> list[tuple[int, int]]:
    """(start, end) of each block of prose: the paragraphs and headings markdown-it finds
    (from its token map), a paragraph line that opens with a quote or list marker
    starting a block of its own. Fenced and indented code, tables and rules are never
    prose. The body is parsed a chunk at a time (`article.source.split_pieces`), block
    structure only."""
    parser = _block_parser()
    blocks: list[tuple[int, int]] = []
    for piece in split_pieces(body, size=CHUNK):
        chunk = piece.text(body)
        starts = list(accumulate((len(line) + 1 for line in chunk.split("\n")), initial=0))[:-1]
        shift = piece.start - len(piece.carry)  # chunk offset -> body offset
        tables = 0
        tokens = parser.parse(chunk)
        for tok in tokens:
            if tok.type == "table_open":
                tables += 1
            elif tok.type == "table_close":
                tables -= 1
            if tok.type != "inline" or tables or not tok.map:
                continue
            first, last = tok.map  # a setext heading's underline is not in its inline's map
            lines = [
                (starts[n], starts[n + 1] if n + 1 < len(starts) else len(chunk))
                for n in range(first, min(last, len(starts)))
                if starts[n] >= len(piece.carry) and starts[n] < len(piece.carry) + piece.end - piece.start
            ]
            _line_blocks(chunk, lines, shift, blocks)
    return [(s, e) for s, e in blocks if e > s]


def _line_blocks(chunk: str, lines: list[tuple[int, int]], shift: int, out: list[tuple[int, int]]) -> None:
    """The blocks of one paragraph's lines (chunk offsets), markers left out."""
    start: int | None = None
    prev_end = 0
    for line_start, line_end in lines:
        line = chunk[line_start:line_end].rstrip("\r\n")
        if not line.strip():
            continue
        if start is not None and _BLOCK_START.match(line):
            out.append((start + shift, prev_end + shift))
            start = None
        if start is None:
            marker = _BLOCK_MARKER.match(line)
            start = line_start + (marker.end() if marker else 0)
        prev_end = line_start + len(line)
    if start is not None:
        out.append((start + shift, prev_end + shift))


@cache
def _block_parser() -> MarkdownIt:
    return make_parser(blocks_only=True)


def _inside_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _cuts(block: str, respect_quotes: bool) -> list[int]:
    """Offsets in `block` after which a new sentence starts (linear in the block's length)."""
    cuts: list[int] = []
    curly = straight = 0  # open curly quotes, straight quote count, up to `seen`
    seen = 0
    for m in _BOUNDARY.finditer(block):
        if respect_quotes:
            chunk = block[seen : m.end()]
            curly += chunk.count("“") - chunk.count("”")
            straight += chunk.count('"')
            seen = m.end()
        if block[m.start()] == ".":
            before = _WORD_BEFORE.search(block[max(0, m.start() - 12) : m.start()])
            if before:
                word = before.group(1)
                if word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                    continue
        if respect_quotes and (curly > 0 or straight % 2 == 1):
            continue
        cuts.append(m.end())
    return cuts


def _block_sentences(block: str) -> list[tuple[int, int]]:
    """(start, end) in `block` of each of its sentences, trimmed."""
    cuts = _cuts(block, respect_quotes=True)
    if _inside_quote(block):  # a quote never closed: do not let it swallow the block
        cuts = _cuts(block, respect_quotes=False)
    out: list[tuple[int, int]] = []
    prev = 0
    for cut in [*cuts, len(block)]:
        piece = block[prev:cut]
        lead = len(piece) - len(piece.lstrip())
        size = len(piece.strip())
        if size:
            out.append((prev + lead, prev + lead + size))
        prev = cut
    return out


def split_sentences(body: str) -> list[Sentence]:
    """All sentences of `body` in order, each a trimmed exact slice of it.

    A block's sentences depend on its text alone, so a repeated block is split once.
    """
    out: list[Sentence] = []
    seen: dict[str, list[tuple[int, int]]] = {}
    for bstart, bend in split_blocks(body):
        block = body[bstart:bend]
        spans = seen.get(block)
        if spans is None:
            spans = seen[block] = _block_sentences(block)
        for s, e in spans:
            out.append(Sentence(block[s:e], bstart + s, bstart + e))
    return out
