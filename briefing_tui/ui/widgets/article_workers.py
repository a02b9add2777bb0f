"""The article view's thread workers, as plain functions, and the messages they post.

`layout_document` parses a body chunk by chunk and posts each chunk's blocks (with their
heights, measured at the width current for that chunk), so the first screen shows while
the rest of a long document is still being parsed. `measure_blocks` posts exact heights
of blocks that only have estimates, in batches, so keys stay answered. Both stop as soon
as `stale()` says their results are no longer wanted. The view runs them in its workers
and handles the messages (`ArticleView._on_layout_batch`, `_on_measure_batch`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from textual.message import Message

from briefing_tui.article.blocks import Block, iter_block_batches
from briefing_tui.article.wrap import block_height

__all__ = ["LayoutBatch", "MeasureBatch", "layout_document", "measure_blocks"]

# Source characters parsed between two hand-overs of the GIL to the UI thread:
# markdown-it cannot be interrupted, so this bounds how long a key waits.
PARSE_CHUNK = 64_000
WORKER_PAUSE = 0.001
# How long the layout worker waits for the first chunk to be painted.
FIRST_FRAME_WAIT = 0.25
# Blocks measured per message from the measuring worker.
MEASURE_BATCH = 400


class LayoutBatch(Message):
    """Blocks parsed by the layout worker (with heights, if measured at `width`)."""

    def __init__(
        self, gen: int, width: int, blocks: list[Block], heights: list[int] | None, done: bool
    ) -> None:
        super().__init__()
        self.gen = gen
        self.width = width
        self.blocks = blocks
        self.heights = heights
        self.done = done


class MeasureBatch(Message):
    """Exact heights for `indices` at `width`, from the measuring worker."""

    def __init__(self, gen: int, width: int, indices: list[int], heights: list[int]) -> None:
        super().__init__()
        self.gen = gen
        self.width = width
        self.indices = indices
        self.heights = heights


def layout_document(
    gen: int,
    markdown: str,
    *,
    width: Callable[[], int],
    stale: Callable[[], bool],
    post: Callable[[Message], object],
    first_frame: threading.Event,
    previous: list[object],
    chunk_size: int = PARSE_CHUNK,
) -> None:
    """Parse `markdown` chunk by chunk, posting a `LayoutBatch` per chunk and a last one with
    `done` set. Heights are measured at `width()` as it stands for each chunk (not at all
    while it is 0).

    After the first chunk it waits (briefly) for `first_frame`, so that parsing the rest
    does not compete with the first paint for the GIL, then empties `previous` (the last
    document's structures, freed here rather than on the UI thread).
    """
    current = width()
    for number, blocks in enumerate(iter_block_batches(markdown, chunk_size)):
        if stale():
            return
        current = width()
        heights = [block_height(b, current) for b in blocks] if current > 0 else None
        post(LayoutBatch(gen, current, blocks, heights, False))
        if number == 0:
            first_frame.wait(FIRST_FRAME_WAIT)
            previous.clear()
        # Hand the GIL back between chunks: the UI thread may be waiting for it.
        time.sleep(WORKER_PAUSE)
    post(LayoutBatch(gen, current, [], None, True))


def measure_blocks(
    gen: int,
    width: int,
    items: list[tuple[int, Block]],
    *,
    stale: Callable[[], bool],
    post: Callable[[Message], object],
    batch: int = MEASURE_BATCH,
) -> None:
    """Exact heights at `width` of the (index, block) `items`, posted `batch` at a time."""
    for start in range(0, len(items), batch):
        if stale():
            return
        chunk = items[start : start + batch]
        heights = [block_height(b, width) for _, b in chunk]
        post(MeasureBatch(gen, width, [i for i, _ in chunk], heights))
