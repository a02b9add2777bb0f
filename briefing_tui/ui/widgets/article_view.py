"""`ArticleView`: the article pane, drawn through the line API; it keeps drawing and input.

Textual's Markdown widget mounts a widget per block, which takes seconds at 100 KB and
minutes at 1 MB. This view keeps the document as a flat list of leaf blocks (plain text +
style spans), their heights at the current width and the wrapped lines of blocks near the
viewport (`article.document_layout`), and a bounded cache of Strips (`article_strips`). A
frame costs what the screen costs, whatever the document's size.

Parsing runs in a thread worker, chunk by chunk (`article_workers`), so the first screen
shows while the rest of a long document is still being laid out. After a resize the visible
blocks are rewrapped at once; the others get an estimated height that a worker refines,
while the block at the top of the screen stays put.

Content is never parsed as markup: Strips are built from Segments with our own styles, and
links carry no `@click` meta; a click is resolved by position and posted as `LinkClicked`,
the widget itself never opens anything.
"""

from __future__ import annotations

import threading
from typing import ClassVar

from rich.style import Style
from textual import events, on
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.worker import get_current_worker

from briefing_tui.article.blocks import Block
from briefing_tui.article.document_layout import Anchor, DocumentLayout
from briefing_tui.article.text_index import TextIndex
from briefing_tui.sanitize import is_safe_link
from briefing_tui.ui.widgets.article_strips import StripPainter
from briefing_tui.ui.widgets.article_styles import COMPONENT_CLASSES, DEFAULT_CSS
from briefing_tui.ui.widgets.article_workers import LayoutBatch, MeasureBatch, layout_document, measure_blocks

__all__ = ["ArticleView"]

# How often the scrollbar follows a document still being laid out below the screen.
SIZE_UPDATE_DELAY = 0.2


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

    shown: var[bool] = var(False)
    """True once the current document's first screen is painted (or it has nothing to paint)."""

    def __init__(self, markdown: str | None = None, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None, disabled: bool = False) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._initial = markdown
        self._gen = 0
        self._measure_gen = 0
        self._doc = DocumentLayout()
        self._index = TextIndex()
        self._painter = StripPainter(
            lambda: self.rich_style,
            lambda key: self.get_component_rich_style(f"article-view--{key}", partial=True, default=Style()),
        )
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
        previous: list[object] = [self._doc, self._index, self._painter.detach()]
        self._doc = DocumentLayout(self._doc.width)
        self._index = TextIndex()
        self.loaded = self.shown = False
        self.virtual_size = Size(self._width, 0)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        gen = self._gen
        first_frame = threading.Event()
        self._first_frame = first_frame
        # run_worker with a closure: @work would repr() the whole document for its
        # description, which costs more than parsing the first screen.
        self.run_worker(
            lambda: layout_document(
                gen, markdown, width=lambda: self._width,
                stale=lambda: get_current_worker().is_cancelled or gen != self._gen,
                post=self.post_message, first_frame=first_frame, previous=previous,
            ),
            name="article-layout", group="article-layout", description="article layout",
            thread=True, exclusive=True, exit_on_error=False,
        )

    @on(LayoutBatch)
    def _on_layout_batch(self, message: LayoutBatch) -> None:
        message.stop()
        if message.gen != self._gen:
            return
        blocks = message.blocks
        if blocks:
            self._index.append(blocks)
            first = self._doc.append(blocks, message.heights, message.width)
            if self._doc.top(first) < round(self.scroll_y) + self._view_size.height:
                self._update_virtual_size()
                self._ensure_visible_exact()
                self.refresh()
            elif self._size_timer is None:
                # Below the screen only the scrollbar changes: a new virtual size
                # repaints the widget, so do it a few times a second, not per batch.
                self._size_timer = self.set_timer(SIZE_UPDATE_DELAY, self._deferred_size_update)
            if first == 0:
                self.call_after_refresh(self._first_shown)
        if message.done:
            self._first_shown()
            self._deferred_size_update()
            if self._doc.inexact:
                self._start_measuring()
            self.loaded = True
            self.post_message(self.Loaded(self, len(self._doc)))

    def _first_shown(self) -> None:
        self._first_frame.set()
        self.shown = True

    # ------------------------------------------------------------------ geometry

    @property
    def block_count(self) -> int:
        return len(self._doc)

    @property
    def _blocks(self) -> list[Block]:
        """The document's leaf blocks (as far as laid out)."""
        return self._doc.blocks

    @property
    def _width(self) -> int:
        """The width the document is wrapped at (0 before the first resize)."""
        return self._doc.width

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
        self.virtual_size = Size(self._width, self._doc.total)

    @property
    def _inexact(self) -> int:
        """How many block heights are still estimates (0 once all are measured)."""
        return self._doc.inexact

    @property
    def _highlight(self) -> tuple[int, int] | None:
        """The lit fact's (start, end) in `plain_text`."""
        return self._index.highlight

    def _recompute_tops(self) -> None:
        self._doc.recompute()
        self._update_virtual_size()

    def _ensure_visible_exact(self) -> None:
        """Measure the blocks on screen now, so what is drawn matches the heights used."""
        top = round(self.scroll_y)
        if self._doc.measure_between(top, top + max(self._view_size.height, 1)):
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
        # The words at the top of the screen stay there, whatever line they wrap to.
        anchor = self._doc.anchor(round(self.scroll_y))
        self._measure_gen += 1
        self._painter.clear()
        self._doc.set_width(width)
        self._update_virtual_size()
        if not self._doc.blocks:
            return
        if anchor[0] >= 0:
            self._doc.measure(anchor[0])
            self._recompute_tops()
            self._restore_anchor(anchor)
        self._ensure_visible_exact()
        if self._doc.inexact:
            self._start_measuring()
        self.refresh()

    def _restore_anchor(self, anchor: Anchor) -> None:
        y = self._doc.anchor_line(anchor)
        if y is not None and y != round(self.scroll_y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def _start_measuring(self) -> None:
        items = self._doc.inexact_items()
        if items:
            gen, width = self._measure_gen, self._width
            self.run_worker(
                lambda: measure_blocks(
                    gen, width, items, post=self.post_message,
                    stale=lambda: get_current_worker().is_cancelled or gen != self._measure_gen,
                ),
                name="article-measure", group="article-measure", description="article measure",
                thread=True, exclusive=True,
            )

    @on(MeasureBatch)
    def _on_measure_batch(self, message: MeasureBatch) -> None:
        message.stop()
        if message.gen != self._measure_gen or message.width != self._width:
            return
        anchor = self._doc.anchor(round(self.scroll_y))
        if self._doc.set_heights(message.indices, message.heights):
            self._recompute_tops()
            self._restore_anchor(anchor)
            self.refresh()

    # ------------------------------------------------------------------ rendering

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painter.styles_changed()

    def render_line(self, y: int) -> Strip:
        width = self._view_size.width
        found = self._doc.line_at(round(self.scroll_y) + y) if width > 0 else None
        if found is None:
            return self._painter.blank(width)
        index, line_no, line = found
        block = self._doc.blocks[index]
        overlays = self._index.overlays(index, len(block.text))
        return self._painter.line(index, line_no, block, line, overlays, width)

    # ------------------------------------------------------------------ links

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        span = self._doc.link_at(round(self.scroll_y) + offset.y, offset.x)
        if span is not None and span.url:
            event.stop()
            self.post_message(self.LinkClicked(self, span.url))

    # ------------------------------------------------------------------ text

    @property
    def plain_text(self) -> str:
        """Everything the reader sees as text (without bullets, borders or bars): the
        reader's text of `article.blocks`, which source quotes are checked against."""
        return self._index.text

    def _line_of(self, offset: int) -> int:
        """Virtual y of the line drawing document offset `offset` (measuring as needed)."""
        index, local = self._index.block_of(offset)
        if self._doc.measure(index):
            self._recompute_tops()
        return self._doc.line_in_block(index, local)

    def _scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line showing `offset` sits about a third of the way down."""
        third = max(self._view_size.height // 3, 0)
        for _ in range(3):  # measuring blocks above may move the target a little
            target = self._line_of(offset)
            if not self._doc.measure_lines(max(target - third, 0), target):
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
        top_block = self._doc.block_at(round(self.scroll_y))
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
