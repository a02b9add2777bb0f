"""The article view's geometry: each block's height in lines at the current width, whether
it is exact or estimated, and the virtual line each block starts at. Headless: the view
measures blocks (`wrap.block_height`) and tells this index."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

__all__ = ["HeightIndex"]


class HeightIndex:
    def __init__(self) -> None:
        self.heights: list[int] = []
        self.tops: list[int] = [0]  # tops[i] is the first line of block i; tops[-1] the total
        self._exact = bytearray()
        self.inexact = 0  # how many heights are estimates

    def __len__(self) -> int:
        return len(self.heights)

    @property
    def total(self) -> int:
        return self.tops[-1]

    def extend(self, heights: Sequence[int], *, exact: bool) -> None:
        """Heights of blocks added at the end."""
        first = len(self.heights)
        self.heights.extend(heights)
        self._exact.extend((b"\x01" if exact else b"\x00") * len(heights))
        if not exact:
            self.inexact += len(heights)
        self.tops.extend(accumulate(heights, initial=self.tops[-1]))
        del self.tops[first + 1]  # `initial` repeated the old end

    def reset(self, heights: list[int], *, exact: bool) -> None:
        """New heights for every block (a new width)."""
        self.heights = heights
        self._exact = bytearray((b"\x01" if exact else b"\x00") * len(heights))
        self.inexact = 0 if exact else len(heights)
        self.recompute()

    def recompute(self) -> None:
        self.tops = [0, *accumulate(self.heights)]

    def is_exact(self, index: int) -> bool:
        return bool(self._exact[index])

    def inexact_indices(self) -> list[int]:
        return [i for i, e in enumerate(self._exact) if not e]

    def set_height(self, index: int, height: int) -> bool:
        """Record an exact height; True if it differs from the one in use (the tops are
        then stale until `recompute`)."""
        if not self._exact[index]:
            self._exact[index] = 1
            self.inexact -= 1
        if self.heights[index] != height:
            self.heights[index] = height
            return True
        return False

    def block_at(self, y: int) -> int:
        """Index of the block covering virtual line `y` (clamped), -1 with no blocks."""
        if not self.heights:
            return -1
        return min(max(bisect_right(self.tops, y) - 1, 0), len(self.heights) - 1)
