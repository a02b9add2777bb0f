"""The article view's document at a width, headless: its leaf blocks, their heights
(`HeightIndex`), a bounded cache of the wrapped lines of blocks near the viewport, and the
questions the view asks of them: which line is drawn at virtual line y, which line shows a
text offset, what stays at the top of the screen across a resize, which link is under a
click. Nothing here knows Textual; the view scrolls and repaints from the answers.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from rich.cells import cell_len

from .blocks import Block, Deco, Span
from .height_index import HeightIndex
from .wrap import LayoutLine, block_height, estimate_height, layout_block, line_range

__all__ = ["Anchor", "DocumentLayout", "link_at"]

# Below this much text a new width rewraps every block at once (a few ms); above it,
# blocks get estimates that the view's measuring worker refines.
SYNC_MEASURE_CHARS = 150_000
# Wrapped lines are kept for this many blocks (those near the viewport).
LAYOUT_CACHE_BLOCKS = 256
# Width used for estimates before the view knows its own.
FALLBACK_WIDTH = 80

# What is at the top of the screen: (block, line in block, first text offset or -1).
Anchor = tuple[int, int, int]


def link_at(block: Block, line: LayoutLine, x: int) -> Span | None:
    """The link span drawn at cell `x` of `line` (one of `block`'s lines), if any."""
    col = 0
    for piece in line.pieces:
        if isinstance(piece, Deco):
            col += cell_len(piece.text)
            if x < col:
                return None
            continue
        for pos in range(piece.start, piece.end):
            col += cell_len(block.text[pos])
            if x < col:
                for span in block.spans:
                    if span.url and span.start <= pos < span.end:
                        return span
                return None
    return None


class DocumentLayout:
    """Blocks, their heights at `width` and their wrapped lines (cached near the viewport)."""

    def __init__(self, width: int = 0, cache_blocks: int = LAYOUT_CACHE_BLOCKS) -> None:
        self.width = width
        self.blocks: list[Block] = []
        self.geometry = HeightIndex()
        self._cache_blocks = cache_blocks
        self._line_cache: OrderedDict[int, list[LayoutLine]] = OrderedDict()

    def __len__(self) -> int:
        return len(self.blocks)

    @property
    def total(self) -> int:
        """Lines in the whole document (estimates included)."""
        return self.geometry.total

    @property
    def inexact(self) -> int:
        """How many block heights are still estimates."""
        return self.geometry.inexact

    def top(self, index: int) -> int:
        """Virtual line where block `index` starts."""
        return self.geometry.tops[index]

    def block_at(self, y: int) -> int:
        """Index of the block covering virtual line `y` (clamped), -1 with no blocks."""
        return self.geometry.block_at(y)

    # ------------------------------------------------------------------ building

    def append(self, blocks: Sequence[Block], heights: Sequence[int] | None, width: int) -> int:
        """Add parsed blocks with their heights measured at `width` (None: not measured).
        Heights taken at another width than ours are replaced by estimates. Returns the
        index of the first new block."""
        first = len(self.blocks)
        self.blocks.extend(blocks)
        if heights is not None and width == self.width:
            self.geometry.extend(heights, exact=True)
        else:
            estimate_width = self.width or FALLBACK_WIDTH
            self.geometry.extend([estimate_height(b, estimate_width) for b in blocks], exact=False)
        return first

    def set_width(self, width: int) -> None:
        """Rewrap at `width`: every height exact for a short document, estimated otherwise."""
        self.width = width
        self._line_cache.clear()
        if not self.blocks:
            return
        if sum(len(b.text) for b in self.blocks) <= SYNC_MEASURE_CHARS:
            self.geometry.reset([block_height(b, width) for b in self.blocks], exact=True)
        else:
            self.geometry.reset([estimate_height(b, width) for b in self.blocks], exact=False)

    # ------------------------------------------------------------------ measuring

    def measure(self, index: int) -> bool:
        """Give block `index` its exact height; True if that changed it (tops then stale
        until `recompute`)."""
        if self.geometry.is_exact(index):
            return False
        return self.geometry.set_height(index, block_height(self.blocks[index], self.width))

    def set_heights(self, indices: Sequence[int], heights: Sequence[int]) -> bool:
        """Exact heights measured elsewhere (blocks past the end are ignored); True if any
        changed."""
        changed = False
        count = len(self.blocks)
        for index, height in zip(indices, heights, strict=True):
            if index < count:
                changed |= self.geometry.set_height(index, height)
        return changed

    def measure_between(self, top: int, bottom: int) -> bool:
        """Measure the blocks drawn on virtual lines [top, bottom); True if a height changed."""
        if not self.geometry.inexact or self.width <= 0 or not self.blocks:
            return False
        index = self.block_at(top)
        changed = False
        y = self.geometry.tops[index]
        while index < len(self.blocks) and y < bottom:
            changed |= self.measure(index)
            y += self.geometry.heights[index]
            index += 1
        return changed

    def measure_lines(self, top: int, last: int) -> bool:
        """Measure every block from the one at virtual line `top` to the one at `last`;
        True if a height changed."""
        changed = False
        for index in range(self.block_at(top), self.block_at(last) + 1):
            changed |= self.measure(index)
        return changed

    def recompute(self) -> None:
        """Recompute the blocks' tops after heights changed."""
        self.geometry.recompute()

    def inexact_items(self) -> list[tuple[int, Block]]:
        """The blocks whose heights are estimates, with their indices."""
        return [(i, self.blocks[i]) for i in self.geometry.inexact_indices()]

    # ------------------------------------------------------------------ lines

    def lines(self, index: int) -> list[LayoutLine]:
        """Block `index` wrapped at the current width (cached)."""
        cache = self._line_cache
        lines = cache.get(index)
        if lines is None:
            lines = layout_block(self.blocks[index], self.width)
            cache[index] = lines
            if len(cache) > self._cache_blocks:
                cache.popitem(last=False)
        else:
            cache.move_to_end(index)
        return lines

    def line_at(self, y: int) -> tuple[int, int, LayoutLine] | None:
        """(block, line number in block, line) drawn at virtual line `y`, or None past the end."""
        if not self.blocks or y >= self.geometry.total:
            return None
        index = self.block_at(y)
        line_no = y - self.geometry.tops[index]
        lines = self.lines(index)
        if not 0 <= line_no < len(lines):
            return None
        return index, line_no, lines[line_no]

    def line_in_block(self, index: int, local: int) -> int:
        """Virtual line showing offset `local` of block `index`'s text (as its height stands)."""
        top = self.geometry.tops[index]
        for line_no, line in enumerate(self.lines(index)):
            first, last = line_range(line)
            if first <= local < last or (first == last == local):
                return top + line_no
        return top + self.blocks[index].blank_before

    def link_at(self, y: int, x: int) -> Span | None:
        """The link span drawn at cell `x` of virtual line `y`, if any."""
        found = self.line_at(y)
        if found is None:
            return None
        index, _, line = found
        return link_at(self.blocks[index], line, x)

    # ------------------------------------------------------------------ anchoring

    def anchor(self, y: int) -> Anchor:
        """What virtual line `y` shows: (block, line in block, first text offset or -1).

        The text offset lets a resize keep the same words at the top, whatever line of the
        rewrapped block they end up on.
        """
        if not self.blocks:
            return -1, 0, -1
        index = self.block_at(y)
        offset = y - self.geometry.tops[index]
        lines = self.lines(index)
        char = line_range(lines[offset])[0] if offset < len(lines) else -1
        return index, offset, char

    def anchor_line(self, anchor: Anchor) -> int | None:
        """The virtual line that now shows what `anchor` recorded (None if its block is gone)."""
        index, offset, char = anchor
        if index < 0 or index >= len(self.blocks):
            return None
        if char >= 0:
            for line_no, line in enumerate(self.lines(index)):
                first, last = line_range(line)
                if first <= char < last or first == char:
                    offset = line_no
                    break
        offset = min(offset, max(self.geometry.heights[index] - 1, 0))
        return self.geometry.tops[index] + offset
