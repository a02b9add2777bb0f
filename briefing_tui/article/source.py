"""The one Markdown parser configuration, and the cutting of a long source into chunks.

Typographer and raw HTML stay off (content is untrusted and must read back
verbatim); `maxNesting` bounds recursion on hostile input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

MAX_NESTING = 20
# Source characters parsed at a time where only the text is wanted, not the tokens.
CHUNK = 64_000
# The most source one chunk may hold, and so one block of the article view: a block is
# wrapped whole when it comes into view.
MAX_CHUNK = 128_000
# ... and the most lines with no blank line between: a table's rows cost more to lay out
# than a paragraph's words (2,000 rows took 190 ms, and `q` waited for them: bench/dos_bench.py).
MAX_CHUNK_LINES = 500

FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:", re.MULTILINE)
_TABLE_DELIMITER = re.compile(r" {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


@cache
def make_parser(*, front_matter: bool = False, blocks_only: bool = False) -> MarkdownIt:
    """The parser of every Markdown text of a bundle; `blocks_only` skips inline parsing
    (block structure and line maps only, several times faster).

    One parser of each kind, shared: building one registers about a hundred rules (half the
    cost of reading a small bundle), and `parse` keeps its state per call, so the same
    parser serves every bundle and thread. Callers never change the parser they get."""
    md = MarkdownIt("commonmark", {"typographer": False, "html": False, "maxNesting": MAX_NESTING}).enable(
        ["table", "strikethrough"]
    )
    if front_matter:
        md.use(front_matter_plugin)
    if blocks_only:
        md.disable("inline")
    return md


# Opening a container at depth d takes at least d characters of markers and indentation
# (a tab counts for up to two list levels): lines with a shorter prefix cannot reach the limit.
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-0-9.)]{{{(MAX_NESTING - 1) // 2},}}", re.MULTILINE)


def may_nest_deeply(markdown: str) -> bool:
    """A cheap test that tells when text might be lost past the nesting limit (a body that
    cannot needs no full parse to be checked)."""
    return _DEEP_PREFIX.search(markdown) is not None


class Piece:
    """A chunk of the source: `carry + source[start:end] + tail` (see `split_pieces`)."""

    __slots__ = ("carry", "start", "end", "tail")

    def __init__(self, carry: str, start: int, end: int, tail: str = "") -> None:
        self.carry, self.start, self.end, self.tail = carry, start, end, tail

    def text(self, source: str) -> str:
        return self.carry + source[self.start : self.end] + self.tail


def split_source(source: str, first: int = 4_000, size: int = 64_000) -> Iterator[str]:
    """Cut the source at top-level paragraph boundaries so chunks parse independently.

    The first chunk is small so the first screen is parsed quickly. A cut is made
    only at a blank line outside a fence, followed by a line that cannot continue
    a list, quote, table or indented code. A document with reference-style link
    definitions is not cut there: a reference may be used before it is defined.

    No chunk grows past `MAX_CHUNK` (or twice `size`), nor holds more than
    `MAX_CHUNK_LINES` lines in a row, whatever the source: a run of
    lines with no place to cut (a 200,000-row table, a 16 MB paragraph, a huge
    fence) is cut at a line end, or at a space in a line that long by itself. A table
    cut so goes on under its header row again, a fence is opened again, so each
    piece still reads as what it was; a paragraph is cut into paragraphs.
    """
    for piece in split_pieces(source, first, size):
        yield piece.text(source)


def closes_fence(line: str, fence: str) -> bool:
    """Whether `line` closes a code fence opened with `fence` (the same character, at least
    as many, nothing after them), as CommonMark says."""
    m = FENCE.match(line)
    if m is None:
        return False
    return m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end() :].strip()


def split_pieces(source: str, first: int = 4_000, size: int = 64_000) -> Iterator[Piece]:
    """`split_source` as pieces, so a caller can tell which text of a chunk is the source's
    own (`source[start:end]`) and which was put in front to go on (`carry`)."""
    hard = max(2 * max(size, first), MAX_CHUNK)
    if len(source) <= first:
        yield Piece("", 0, len(source))
        return
    no_soft = "]:" in source and _REFERENCE_DEF.search(source) is not None
    target = first
    start = 0
    pos = 0
    fence: str | None = None
    fence_line = ""
    prev_blank = True
    run: list[str] = []  # the first two lines of the current run of non-blank lines
    carry = ""  # text put back in front of the next chunk (table header, fence opener)
    lines = 0  # lines in the chunk since its last blank line
    n = len(source)
    while pos < n:
        nl = source.find("\n", pos)
        end = n if nl == -1 else nl + 1
        line = source[pos:end]
        stripped = line.strip()
        if fence is not None:
            if closes_fence(line, fence):
                fence = None
        else:
            if (
                not no_soft
                and prev_blank
                and pos - start >= target
                and stripped
                and not line[0].isspace()
                and not _continues_container(stripped)
            ):
                yield Piece(carry, start, pos)
                start, carry, lines = pos, "", 0
                target = size
            m = FENCE.match(line)
            if m:
                fence, fence_line = m.group(1), line
        if stripped and prev_blank:
            run = []
        if stripped and len(run) < 2:
            run.append(line)
        prev_blank = not stripped
        lines = 0 if prev_blank else lines + 1
        if end - start > hard or lines > MAX_CHUNK_LINES:
            if pos - start > 0:
                # Cut before this line.
                yield Piece(carry, start, pos)
                start, carry, lines = pos, _reopen(fence, fence_line, run), 1
                target = size
            while end - start > hard:
                # One line longer than a chunk: cut it at a space.
                cut = source.rfind(" ", start + 1, start + hard)
                if cut <= start:
                    cut = start + hard
                yield Piece(carry, start, cut, "\n")
                start, carry = cut + (source[cut] == " "), ""
        pos = end
    yield Piece(carry, start, n)


def _reopen(fence: str | None, fence_line: str, run: list[str]) -> str:
    """What a chunk cut inside a fence or a table must start with to go on as one."""
    if fence is not None:
        return fence_line if fence_line.endswith("\n") else fence_line + "\n"
    if len(run) == 2 and "|" in run[0] and _TABLE_DELIMITER.match(run[1].rstrip("\r\n")):
        return "\n" + "".join(line if line.endswith("\n") else line + "\n" for line in run)
    return "\n"


def _continues_container(stripped: str) -> bool:
    """True if the line could belong to a list, quote or table opened before it."""
    c = stripped[0]
    if c in "-*+>|":
        return True
    if c.isdigit():
        return re.match(r"\d{1,9}[.)](\s|$)", stripped) is not None
    return False


__all__ = [
    "CHUNK",
    "FENCE",
    "MAX_CHUNK",
    "MAX_CHUNK_LINES",
    "MAX_NESTING",
    "Piece",
    "make_parser",
    "may_nest_deeply",
    "split_pieces",
    "split_source",
]
