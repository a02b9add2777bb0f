"""`ArticleView`: the article pane, drawn through the line API.

Textual's Markdown widget mounts a widget per block, which takes seconds at
100 KB and minutes at 1 MB. This view keeps the document as a flat list of leaf
blocks (plain text + style spans, see `article_layout`), their heights at the
current width, and a bounded cache of the lines and Strips of blocks near the
viewport. A frame costs what the screen costs, whatever the document's size.

Parsing runs in a thread worker, chunk by chunk, so the first screen shows
while the rest of a long document is still being laid out. After a resize the
visible blocks are rewrapped at once; the others get an estimated height that a
worker refines, while the block at the top of the screen stays put.

Content is never parsed as markup: Strips are built from Segments with our own
styles, and links carry no `@click` meta; a click is resolved by position and
posted as `LinkClicked`, the widget itself never opens anything.
"""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.worker import get_current_worker

from briefing_tui.article.blocks import Block, Deco, Span, iter_block_batches
from briefing_tui.article.height_index import HeightIndex
from briefing_tui.article.text_index import TextIndex
from briefing_tui.article.wrap import LayoutLine, block_height, estimate_height, layout_block, line_range
from briefing_tui.sanitize import is_safe_link
from briefing_tui.ui.widgets.article_styles import COMPONENT_CLASSES, DEFAULT_CSS

__all__ = ["ArticleView"]

# Below this much text a resize rewraps every block at once (a few ms); above
# it, blocks off screen get estimates that a worker refines.
SYNC_MEASURE_CHARS = 150_000
# Bounds of the caches near the viewport: wrapped lines per block, Strips per line.
LAYOUT_CACHE_BLOCKS = 256
STRIP_CACHE_LINES = 512
# Blocks measured per message from the measuring worker.
MEASURE_BATCH = 400
# Source characters parsed between two hand-overs of the GIL to the UI thread:
# markdown-it cannot be interrupted, so this bounds how long a key waits.
PARSE_CHUNK = 64_000
WORKER_PAUSE = 0.001
# How often the scrollbar follows a document still being laid out below the screen.
SIZE_UPDATE_DELAY = 0.2
# How long the layout worker waits for the first chunk to be painted.
FIRST_FRAME_WAIT = 0.25

class _LayoutBatch(Message):
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


class _MeasureBatch(Message):
    """Exact heights for `indices` at `width`, from the measuring worker."""

    def __init__(self, gen: int, width: int, indices: list[int], heights: list[int]) -> None:
        super().__init__()
        self.gen = gen
        self.width = width
        self.indices = indices
        self.heights = heights


class ArticleView(ScrollView, can_focus=True):
    """A read-only Markdown article that renders only the lines on screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", "Line up", show=False, id="article.line_up"),
        Binding("down,j", "scroll_down", "Line down", show=False, id="article.line_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("end", "scroll_end", "Bottom", show=False, id="article.bottom"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = COMPONENT_CLASSES
    DEFAULT_CSS = DEFAULT_CSS

    class Loaded(Message):
        """The whole document is laid out."""

        def __init__(self, view: ArticleView, block_count: int) -> None:
            super().__init__()
            self.view = view
            self.block_count = block_count

        @property
        def control(self) -> ArticleView:
            return self.view

    class LinkClicked(Message):
        """A link was clicked; the app decides whether to open it (`safe` is http(s))."""

        def __init__(self, view: ArticleView, url: str) -> None:
            super().__init__()
            self.view = view
            self.url = url
            self.safe = is_safe_link(url)

        @property
        def control(self) -> ArticleView:
            return self.view

    loaded: var[bool] = var(False)
    """True once the current document is fully laid out."""

    def __init__(
        self,
        markdown: str | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._initial = markdown
        self._gen = 0
        self._measure_gen = 0
        self._width = 0
        self._blocks: list[Block] = []
        self._geometry = HeightIndex()
        self._index = TextIndex()
        self._line_cache: LRUCache[tuple[int, int], list[LayoutLine]] = LRUCache(LAYOUT_CACHE_BLOCKS)
        self._strip_cache: LRUCache[tuple[int, int, int], Strip] = LRUCache(STRIP_CACHE_LINES)
        self._style_cache: dict[tuple[str, ...], Style] = {}
        self._first_frame = threading.Event()
        self._size_timer: Timer | None = None

    # ------------------------------------------------------------------ loading

    def on_mount(self) -> None:
        super().on_mount()
        if self._initial is not None:
            self.load(self._initial)
            self._initial = None

    def load(self, markdown: str) -> None:
        """Replace the document; layout runs in a worker and `Loaded` follows."""
        self._gen += 1
        self._measure_gen += 1
        # Freeing a big document's blocks takes milliseconds: let the worker do it.
        previous: list[object] = [
            self._blocks, self._geometry, self._index, self._line_cache, self._strip_cache
        ]
        self._blocks = []
        self._geometry = HeightIndex()
        self._index = TextIndex()
        self._line_cache = LRUCache(LAYOUT_CACHE_BLOCKS)
        self._strip_cache = LRUCache(STRIP_CACHE_LINES)
        self.loaded = False
        self.virtual_size = Size(self._width, 0)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        gen = self._gen
        first_frame = threading.Event()
        self._first_frame = first_frame
        # run_worker with a closure: @work would repr() the whole document for its
        # description, which costs more than parsing the first screen.
        self.run_worker(
            lambda: self._layout(gen, markdown, first_frame, previous),
            name="article-layout",
            group="article-layout",
            description="article layout",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _layout(self, gen: int, markdown: str, first_frame: threading.Event, previous: list[object]) -> None:
        """Worker: parse chunk by chunk, measuring at the width current for each chunk.

        After the first chunk it waits (briefly) for that chunk to be painted, so
        parsing the rest does not compete with the first frame for the GIL.
        """
        worker = get_current_worker()
        width = self._width
        for number, blocks in enumerate(iter_block_batches(markdown, PARSE_CHUNK)):
            if worker.is_cancelled or gen != self._gen:
                return
            width = self._width
            heights = [block_height(b, width) for b in blocks] if width > 0 else None
            self.post_message(_LayoutBatch(gen, width, blocks, heights, False))
            if number == 0:
                first_frame.wait(FIRST_FRAME_WAIT)
                previous.clear()
            # Hand the GIL back between chunks: the UI thread may be waiting for it.
            time.sleep(WORKER_PAUSE)
        self.post_message(_LayoutBatch(gen, width, [], None, True))

    @on(_LayoutBatch)
    def _on_layout_batch(self, message: _LayoutBatch) -> None:
        message.stop()
        if message.gen != self._gen:
            return
        width = self._width
        blocks = message.blocks
        if blocks:
            first = len(self._blocks)
            self._index.append(blocks)
            self._blocks.extend(blocks)
            if message.heights is not None and message.width == width:
                self._geometry.extend(message.heights, exact=True)
            else:
                self._geometry.extend([estimate_height(b, width or 80) for b in blocks], exact=False)
            if self._geometry.tops[first] < round(self.scroll_y) + self._view_size.height:
                self._update_virtual_size()
                self._ensure_visible_exact()
                self.refresh()
            elif self._size_timer is None:
                # Below the screen only the scrollbar changes: a new virtual size
                # repaints the widget, so do it a few times a second, not per batch.
                self._size_timer = self.set_timer(SIZE_UPDATE_DELAY, self._deferred_size_update)
            if first == 0:
                self.call_after_refresh(self._first_frame.set)
        if message.done:
            self._first_frame.set()
            self._deferred_size_update()
            if self._geometry.inexact:
                self._start_measuring()
            self.loaded = True
            self.post_message(self.Loaded(self, len(self._blocks)))

    # ------------------------------------------------------------------ geometry

    @property
    def block_count(self) -> int:
        return len(self._blocks)

    @property
    def _view_size(self) -> Size:
        """The text area: the content region minus the scrollbar gutter."""
        return self.scrollable_content_region.size

    def _deferred_size_update(self) -> None:
        if self._size_timer is not None:
            self._size_timer.stop()
            self._size_timer = None
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self._width, self._geometry.total)

    @property
    def _inexact(self) -> int:
        """How many block heights are still estimates (0 once all are measured)."""
        return self._geometry.inexact

    @property
    def _highlight(self) -> tuple[int, int] | None:
        """The lit fact's (start, end) in `plain_text`."""
        return self._index.highlight

    def _block_at(self, y: int) -> int:
        """Index of the block covering virtual line `y` (clamped to the document)."""
        return self._geometry.block_at(y)

    def _recompute_tops(self) -> None:
        self._geometry.recompute()
        self._update_virtual_size()

    def _measure(self, index: int) -> bool:
        if self._geometry.is_exact(index):
            return False
        return self._geometry.set_height(index, block_height(self._blocks[index], self._width))

    def _ensure_visible_exact(self) -> None:
        """Measure the blocks on screen now, so what is drawn matches the heights used."""
        if not self._geometry.inexact or self._width <= 0 or not self._blocks:
            return
        top = round(self.scroll_y)
        bottom = top + max(self._view_size.height, 1)
        index = self._block_at(top)
        changed = False
        y = self._geometry.tops[index]
        while index < len(self._blocks) and y < bottom:
            changed |= self._measure(index)
            y += self._geometry.heights[index]
            index += 1
        if changed:
            self._recompute_tops()
            self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Blocks scrolled into view get their exact height before they are drawn.
        self._ensure_visible_exact()

    def on_resize(self, event: events.Resize) -> None:
        width = self._view_size.width
        if width <= 0 or width == self._width:
            return
        anchor = self._anchor()
        self._width = width
        self._measure_gen += 1
        self._strip_cache.clear()
        self._line_cache.clear()
        if not self._blocks:
            self._update_virtual_size()
            return
        if sum(len(b.text) for b in self._blocks) <= SYNC_MEASURE_CHARS:
            self._geometry.reset([block_height(b, width) for b in self._blocks], exact=True)
        else:
            self._geometry.reset([estimate_height(b, width) for b in self._blocks], exact=False)
        self._update_virtual_size()
        if anchor[0] >= 0:
            self._measure(anchor[0])
            self._recompute_tops()
            self._restore_anchor(anchor)
        self._ensure_visible_exact()
        if self._geometry.inexact:
            self._start_measuring()
        self.refresh()

    def _anchor(self) -> tuple[int, int, int]:
        """What is at the top of the screen: (block, line in block, first text offset or -1).

        The text offset lets a resize keep the same words at the top, whatever
        line of the rewrapped block they end up on.
        """
        if not self._blocks:
            return -1, 0, -1
        y = round(self.scroll_y)
        index = self._block_at(y)
        offset = y - self._geometry.tops[index]
        lines = self._lines(index)
        char = line_range(lines[offset])[0] if offset < len(lines) else -1
        return index, offset, char

    def _restore_anchor(self, anchor: tuple[int, int, int]) -> None:
        index, offset, char = anchor
        if index < 0 or index >= len(self._blocks):
            return
        if char >= 0:
            for line_no, line in enumerate(self._lines(index)):
                first, last = line_range(line)
                if first <= char < last or first == char:
                    offset = line_no
                    break
        offset = min(offset, max(self._geometry.heights[index] - 1, 0))
        y = self._geometry.tops[index] + offset
        if y != round(self.scroll_y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def _start_measuring(self) -> None:
        items = [(i, self._blocks[i]) for i in self._geometry.inexact_indices()]
        if items:
            gen, width = self._measure_gen, self._width
            self.run_worker(
                lambda: self._measure_blocks(gen, width, items),
                name="article-measure",
                group="article-measure",
                description="article measure",
                thread=True,
                exclusive=True,
            )

    def _measure_blocks(self, gen: int, width: int, items: list[tuple[int, Block]]) -> None:
        """Worker: exact heights for blocks off screen, in batches, so keys stay answered."""
        worker = get_current_worker()
        for start in range(0, len(items), MEASURE_BATCH):
            if worker.is_cancelled or gen != self._measure_gen:
                return
            chunk = items[start : start + MEASURE_BATCH]
            heights = [block_height(b, width) for _, b in chunk]
            self.post_message(_MeasureBatch(gen, width, [i for i, _ in chunk], heights))

    @on(_MeasureBatch)
    def _on_measure_batch(self, message: _MeasureBatch) -> None:
        message.stop()
        if message.gen != self._measure_gen or message.width != self._width:
            return
        anchor = self._anchor()
        changed = False
        blocks = len(self._blocks)
        for index, height in zip(message.indices, message.heights, strict=True):
            if index < blocks:
                changed |= self._geometry.set_height(index, height)
        if changed:
            self._recompute_tops()
            self._restore_anchor(anchor)
            self.refresh()

    # ------------------------------------------------------------------ rendering

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache.clear()
        self._strip_cache.clear()

    def _style(self, keys: tuple[str, ...]) -> Style:
        """Widget style plus the component styles named by `keys`, in order."""
        style = self._style_cache.get(keys)
        if style is None:
            style = self.rich_style
            for key in keys:
                style += self.get_component_rich_style(f"article-view--{key}", partial=True, default=Style())
            self._style_cache[keys] = style
        return style

    def _lines(self, index: int) -> list[LayoutLine]:
        key = (index, self._width)
        lines = self._line_cache.get(key)
        if lines is None:
            lines = layout_block(self._blocks[index], self._width)
            self._line_cache[key] = lines
        return lines

    def render_line(self, y: int) -> Strip:
        width = self._view_size.width
        vy = round(self.scroll_y) + y
        if not self._blocks or vy >= self._geometry.total or width <= 0:
            return Strip.blank(width, self.rich_style)
        index = self._block_at(vy)
        line_no = vy - self._geometry.tops[index]
        lines = self._lines(index)
        if line_no >= len(lines):
            return Strip.blank(width, self.rich_style)
        overlays = self._index.overlays(index, len(self._blocks[index].text))
        line = lines[line_no]
        if overlays:
            first, last = line_range(line)
            hits = [o for o in overlays if o[0] < last and o[1] > first] if first < last else []
            if hits:
                return self._build_strip(self._blocks[index], line, hits, width)
        key = (index, width, line_no)
        strip = self._strip_cache.get(key)
        if strip is None:
            strip = self._build_strip(self._blocks[index], line, (), width)
            self._strip_cache[key] = strip
        return strip

    def _build_strip(
        self,
        block: Block,
        line: LayoutLine,
        overlays: list[tuple[int, int, str]] | tuple[()],
        width: int,
    ) -> Strip:
        """Segments straight from the block's text: nothing is parsed as markup."""
        segments: list[Segment] = []
        base = block.style
        text = block.text
        for piece in line.pieces:
            if isinstance(piece, Deco):
                if piece.text:
                    segments.append(Segment(piece.text, self._style((piece.style,))))
                continue
            start, end = piece
            if start >= end:
                continue
            spans = [s for s in block.spans if s.start < end and s.end > start]
            if not spans and not overlays:
                segments.append(Segment(text[start:end], self._style((base,))))
                continue
            cuts = {start, end}
            for s in spans:
                cuts.add(max(s.start, start))
                cuts.add(min(s.end, end))
            for o_start, o_end, _ in overlays:
                if o_start < end and o_end > start:
                    cuts.add(max(o_start, start))
                    cuts.add(min(o_end, end))
            points = sorted(cuts)
            for a, b in zip(points, points[1:], strict=False):
                keys = [base]
                keys.extend(s.style for s in spans if s.start <= a < s.end)
                keys.extend(o[2] for o in overlays if o[0] <= a < o[1])
                segments.append(Segment(text[a:b], self._style(tuple(keys))))
        strip = Strip(segments)
        if strip.cell_length > width:
            strip = strip.crop(0, width)
        fill = self._style((line.fill,)) if line.fill else self.rich_style
        return strip.extend_cell_length(width, fill)

    # ------------------------------------------------------------------ links

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._blocks:
            return
        vy = round(self.scroll_y) + offset.y
        if vy >= self._geometry.total:
            return
        span = self._span_at(self._block_at(vy), vy, offset.x)
        if span is not None and span.url:
            event.stop()
            self.post_message(self.LinkClicked(self, span.url))

    def _span_at(self, index: int, vy: int, x: int) -> Span | None:
        """The link span drawn at cell `x` of virtual line `vy`, if any."""
        lines = self._lines(index)
        line_no = vy - self._geometry.tops[index]
        if not 0 <= line_no < len(lines):
            return None
        block = self._blocks[index]
        col = 0
        for piece in lines[line_no].pieces:
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

    # ------------------------------------------------------------------ text

    @property
    def plain_text(self) -> str:
        """Everything the reader sees as text (without bullets, borders or bars): the
        reader's text of `article.blocks`, which source quotes are checked against."""
        return self._index.text

    def _line_of(self, offset: int) -> int:
        """Virtual y of the line drawing document offset `offset` (measuring as needed)."""
        index, local = self._index.block_of(offset)
        if self._measure(index):
            self._recompute_tops()
        for line_no, line in enumerate(self._lines(index)):
            first, last = line_range(line)
            if first <= local < last or (first == last == local):
                return self._geometry.tops[index] + line_no
        return self._geometry.tops[index] + self._blocks[index].blank_before

    def _scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line showing `offset` sits about a third of the way down."""
        third = max(self._view_size.height // 3, 0)
        for _ in range(3):  # measuring blocks above may move the target a little
            target = self._line_of(offset)
            top = max(target - third, 0)
            index = self._block_at(top)
            changed = False
            end_index = self._block_at(target)
            for i in range(index, end_index + 1):
                changed |= self._measure(i)
            if not changed:
                break
            self._recompute_tops()
        target = self._line_of(offset)
        self.scroll_to(y=max(target - third, 0), animate=False, immediate=True)
        self._ensure_visible_exact()
        self.refresh()

    # ------------------------------------------------------------------ highlight

    @property
    def highlight_line(self) -> int | None:
        """Virtual y (at the current width) of the first line of the fact highlight."""
        span = self._index.highlight
        return None if span is None else self._line_of(span[0])

    @property
    def highlight_text(self) -> str | None:
        span = self._index.highlight
        return None if span is None else self._index.text[span[0] : span[1]]

    def find_quote(self, quote: str) -> tuple[int, int] | None:
        """Where `quote` first stands in the rendered text (whitespace-insensitive, straight and
        curly quotes alike, Markdown emphasis markers ignored), as (start, end) offsets: the
        matcher the validator uses (`article.matcher`)."""
        return self._index.find_quote(quote)

    def highlight_quote(self, quote: str, *, scroll: bool = True) -> bool:
        """Light up `quote` (whitespace-insensitive) and bring it into view."""
        span = self._index.find_quote(quote)
        if span is None:
            return False
        self._light(span, scroll)
        return True

    def highlight_passage(self, exact: str, prefix: str, suffix: str, *, scroll: bool = True) -> bool:
        """Light the occurrence of `exact` whose surroundings best agree with `prefix` and `suffix`
        (a passage note's anchor): the second "787" of an article, not the first."""
        span = self._index.find_passage(exact, prefix, suffix)
        if span is None:
            return False
        self._light(span, scroll)
        return True

    def _light(self, span: tuple[int, int], scroll: bool) -> None:
        self._index.highlight = span
        if scroll:
            self._scroll_to_offset(span[0])
        self.refresh()

    def clear_highlight(self) -> None:
        if self._index.highlight is not None:
            self._index.highlight = None
            self.refresh()

    # ------------------------------------------------------------------ search

    @property
    def match_count(self) -> int:
        return len(self._index.match_starts)

    @property
    def match_index(self) -> int | None:
        """Index of the current match, or None when there are no matches."""
        return self._index.match_index if self._index.match_starts else None

    @property
    def search_term(self) -> str:
        """The query of the current search ("" when none)."""
        return self._index.query

    def search(self, query: str) -> int:
        """Find every case-insensitive occurrence; the first one from the screen's top is current."""
        top_block = self._block_at(round(self.scroll_y))
        start = self._index.block_start(top_block) if top_block >= 0 else 0
        count = self._index.search(query, start)
        if count:
            self._scroll_to_match()
        self.refresh()
        return count

    def _scroll_to_match(self) -> None:
        offset = self._index.current_match_offset()
        if offset is None:
            return
        line = self._line_of(offset)
        top = round(self.scroll_y)
        if not top <= line < top + self._view_size.height:
            self._scroll_to_offset(offset)

    def next_match(self) -> int | None:
        """Move to the next match (wrapping); returns its index."""
        return self._step(1)

    def previous_match(self) -> int | None:
        """Move to the previous match (wrapping); returns its index."""
        return self._step(-1)

    def _step(self, delta: int) -> int | None:
        index = self._index.step(delta)
        if index is not None:
            self._scroll_to_match()
            self.refresh()
        return index

    def clear_search(self) -> None:
        self._index.clear_search()
        self.refresh()

    def current_match(self) -> tuple[str, str, str] | None:
        """(matched text, ~32 chars before, ~32 chars after) for a passage note."""
        return self._index.current_match()

    def current_match_offset(self) -> int | None:
        """Offset of the current match in `plain_text` (a TextPosition for notes)."""
        return self._index.current_match_offset()

    # ------------------------------------------------------------------ testing aids

    def rendered_lines(self) -> list[str]:
        """The text of the lines now on screen (for tests and debugging)."""
        return [self.render_line(y).text for y in range(self._view_size.height)]
