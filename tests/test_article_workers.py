"""The article view's worker bodies (`ui.widgets.article_workers`), run without a thread or
an app: what they post, at which width, and that they stop once their results are stale."""

from __future__ import annotations

import threading

from textual.message import Message

from briefing_tui.article.blocks import document_text, reader_text
from briefing_tui.article.wrap import block_height
from briefing_tui.ui.widgets.article_workers import LayoutBatch, MeasureBatch, layout_document, measure_blocks

DOCUMENT = "\n\n".join(
    f"## Part {i}\n\nParagraph {i} with **bold** words and a [link](https://example.com/{i})."
    for i in range(60)
)


def _layout(width: list[int], *, stale: bool = False) -> tuple[list[Message], list[object]]:
    posted: list[Message] = []
    previous: list[object] = ["old document"]
    first_frame = threading.Event()
    first_frame.set()
    layout_document(
        7, DOCUMENT, width=lambda: width[0], stale=lambda: stale, post=posted.append,
        first_frame=first_frame, previous=previous, chunk_size=400,
    )
    return posted, previous


def test_layout_posts_every_block_in_batches_then_done() -> None:
    posted, previous = _layout([50])
    batches = [m for m in posted if isinstance(m, LayoutBatch)]
    assert len(batches) == len(posted) > 2
    assert all(b.gen == 7 for b in batches)
    assert [b.done for b in batches] == [False] * (len(batches) - 1) + [True]
    assert batches[-1].blocks == []
    blocks = [block for b in batches for block in b.blocks]
    assert document_text(blocks) == reader_text(DOCUMENT, 400)
    for batch in batches[:-1]:
        assert batch.width == 50 and batch.heights == [block_height(b, 50) for b in batch.blocks]
    assert previous == []  # the last document is freed after the first chunk


def test_layout_before_the_width_is_known_posts_no_heights() -> None:
    posted, _ = _layout([0])
    assert all(isinstance(m, LayoutBatch) and m.heights is None for m in posted)


def test_layout_measures_each_chunk_at_the_width_current_for_it() -> None:
    width = [50]
    posted: list[Message] = []

    def post(message: Message) -> None:
        posted.append(message)
        width[0] = 30  # a resize while the first chunk was being parsed

    first_frame = threading.Event()
    first_frame.set()
    layout_document(
        1, DOCUMENT, width=lambda: width[0], stale=lambda: False, post=post,
        first_frame=first_frame, previous=[], chunk_size=400,
    )
    batches = [m for m in posted if isinstance(m, LayoutBatch)]
    assert batches[0].width == 50 and batches[1].width == 30
    assert batches[1].heights == [block_height(b, 30) for b in batches[1].blocks]


def test_stale_layout_stops_without_done() -> None:
    posted, previous = _layout([50], stale=True)
    assert posted == [] and previous == ["old document"]


def test_measure_posts_exact_heights_in_batches_and_stops_when_stale() -> None:
    batches = [m for m in _layout([0])[0] if isinstance(m, LayoutBatch)]
    items = list(enumerate(block for b in batches for block in b.blocks))
    posted: list[Message] = []
    measure_blocks(3, 40, items, stale=lambda: False, post=posted.append, batch=25)
    assert all(isinstance(m, MeasureBatch) and m.gen == 3 and m.width == 40 for m in posted)
    measured = [m for m in posted if isinstance(m, MeasureBatch)]
    assert [len(m.indices) for m in measured[:-1]] == [25] * (len(measured) - 1)
    assert [i for m in measured for i in m.indices] == [i for i, _ in items]
    assert [h for m in measured for h in m.heights] == [block_height(b, 40) for _, b in items]

    calls: list[Message] = []
    measure_blocks(4, 40, items, stale=lambda: len(calls) >= 2, post=calls.append, batch=25)
    assert len(calls) == 2  # stops between batches once stale
