"""The article view's text: the reader's text of the blocks laid out so far, where each
block starts in it, the fact highlight and the search matches. Headless: the view asks
it where things are and draws them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from .blocks import BLOCK_SEPARATOR, Block
from .matcher import find_quote, quote_pattern, strip_markers

__all__ = ["CONTEXT_CHARS", "TextIndex"]

CONTEXT_CHARS = 32
_GAP = len(BLOCK_SEPARATOR)


class TextIndex:
    """Offsets are in `text`, the reader's text (blocks joined by `BLOCK_SEPARATOR`)."""

    def __init__(self) -> None:
        self._parts: list[str] = []  # texts appended since `_text` was last joined
        self._text = ""
        self._joined = 0  # blocks whose text is in `_text`
        self._starts: list[int] = []  # offset of each block's text
        self._end = 0  # length of the text so far
        self.highlight: tuple[int, int] | None = None
        self.query = ""
        self.match_starts: list[int] = []
        self.match_ends: list[int] = []
        self.match_index = -1

    # ------------------------------------------------------------------ the text

    def append(self, blocks: Sequence[Block]) -> None:
        """Extend the text by a batch of blocks: keys pressed while a long article lays
        out do not rebuild the whole text each time."""
        pos = self._end + _GAP if self._starts else 0
        for block in blocks:
            self._starts.append(pos)
            self._parts.append(block.text)
            pos += len(block.text) + _GAP
        if blocks:
            self._end = pos - _GAP

    @property
    def text(self) -> str:
        if self._parts:
            joined = BLOCK_SEPARATOR.join(self._parts)
            self._text = f"{self._text}{BLOCK_SEPARATOR}{joined}" if self._joined else joined
            self._joined += len(self._parts)
            self._parts = []
        return self._text

    @property
    def block_count(self) -> int:
        return len(self._starts)

    def block_start(self, index: int) -> int:
        return self._starts[index]

    def block_of(self, offset: int) -> tuple[int, int]:
        """(block index, offset within the block) of a text offset."""
        index = max(bisect_right(self._starts, offset) - 1, 0)
        return index, offset - self._starts[index]

    def overlays(self, index: int, length: int) -> list[tuple[int, int, str]]:
        """Highlight and match ranges within block `index` (of `length` characters), in
        block-local offsets, with the style each is drawn in."""
        if self.highlight is None and not self.match_starts:
            return []
        start = self._starts[index]
        end = start + length
        out: list[tuple[int, int, str]] = []
        if self.match_starts:
            i = bisect_right(self.match_ends, start)
            starts, ends = self.match_starts, self.match_ends
            while i < len(starts) and starts[i] < end:
                key = "match-current" if i == self.match_index else "match"
                out.append((max(starts[i], start) - start, min(ends[i], end) - start, key))
                i += 1
        if self.highlight is not None:
            h_start, h_end = self.highlight
            if h_start < end and h_end > start:
                out.insert(0, (max(h_start, start) - start, min(h_end, end) - start, "highlight"))
        return out

    # ------------------------------------------------------------------ quotes

    def find_quote(self, quote: str) -> tuple[int, int] | None:
        """Where `quote` first stands in the text (see `matcher.find_quote`)."""
        return find_quote(self.text, quote)

    def find_passage(self, exact: str, prefix: str, suffix: str) -> tuple[int, int] | None:
        """The occurrence of `exact` whose surroundings best agree with `prefix` and `suffix`
        (a passage note's anchor): the second "787" of an article, not the first."""
        pattern = quote_pattern(exact)
        if pattern is None:
            return None
        text = self.text
        best: tuple[int, int] | None = None
        best_score = -1
        for flags in (0, re.IGNORECASE):
            for m in re.finditer(pattern, text, flags):
                before = text[max(m.start() - len(prefix) - 16, 0) : m.start()]
                after = text[m.end() : m.end() + len(suffix) + 16]
                score = _agreement(before, prefix, from_end=True) + _agreement(after, suffix, from_end=False)
                if score > best_score:
                    best, best_score = (m.start(), m.end()), score
            if best is not None:
                break
        return best

    # ------------------------------------------------------------------ search

    def clear_search(self) -> None:
        self.query = ""
        self.match_starts = []
        self.match_ends = []
        self.match_index = -1

    def search(self, query: str, from_offset: int = 0) -> int:
        """Every case-insensitive occurrence of `query`; the first at or after `from_offset`
        (wrapping) is current. Returns how many."""
        self.clear_search()
        pattern = quote_pattern(query)
        if pattern is None:
            return 0
        self.query = query
        for m in re.finditer(pattern, self.text, re.IGNORECASE):
            self.match_starts.append(m.start())
            self.match_ends.append(m.end())
        if self.match_starts:
            self.match_index = bisect_left(self.match_starts, from_offset) % len(self.match_starts)
        return len(self.match_starts)

    def step(self, delta: int) -> int | None:
        """Move the current match by `delta` (wrapping); its index, None with no matches."""
        if not self.match_starts:
            return None
        self.match_index = (self.match_index + delta) % len(self.match_starts)
        return self.match_index

    def current_match(self) -> tuple[str, str, str] | None:
        """(matched text, ~32 chars before, ~32 chars after) for a passage note."""
        if not self.match_starts:
            return None
        text = self.text
        start = self.match_starts[self.match_index]
        end = self.match_ends[self.match_index]
        return (
            text[start:end],
            text[max(start - CONTEXT_CHARS, 0) : start],
            text[end : end + CONTEXT_CHARS],
        )

    def current_match_offset(self) -> int | None:
        return self.match_starts[self.match_index] if self.match_starts else None


def _agreement(seen: str, wanted: str, *, from_end: bool) -> int:
    """How many words of `wanted` agree with `seen`, next to the match (whitespace and
    Markdown markers ignored): the prefix is read backwards from its end, the suffix forwards."""
    a = strip_markers(seen).split()
    b = strip_markers(wanted).split()
    if from_end:
        a, b = a[::-1], b[::-1]
    n = 0
    for x, y in zip(a, b, strict=False):
        if x.casefold() != y.casefold():
            break
        n += 1
    return n
