"""Strips for the article view: a block's screen line as Segments with our own styles.

Nothing is parsed as markup: each Segment is a run of the block's text (or a decoration)
with the style its spans and overlays (fact highlight, search matches) name. Styles are
the widget's style plus the `article-view--<key>` component styles, combined once per set
of keys; Strips of lines without overlays are cached near the viewport.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from briefing_tui.article.blocks import Block, Deco
from briefing_tui.article.wrap import LayoutLine, line_range

__all__ = ["STRIP_CACHE_LINES", "Overlay", "StripPainter"]

# Strips kept for lines near the viewport.
STRIP_CACHE_LINES = 512

# (start, end, component key) in a block's text.
Overlay = tuple[int, int, str]


class StripPainter:
    """Builds and caches the Strips of layout lines.

    `base` gives the widget's style, `component` the style of one component key (e.g.
    "link" for `article-view--link`); both are asked again after `styles_changed`.
    """

    def __init__(
        self,
        base: Callable[[], Style],
        component: Callable[[str], Style],
        cache_lines: int = STRIP_CACHE_LINES,
    ) -> None:
        self._base = base
        self._component = component
        self._cache_lines = cache_lines
        self._styles: dict[tuple[str, ...], Style] = {}
        self._strips: LRUCache[tuple[int, int, int], Strip] = LRUCache(cache_lines)

    def styles_changed(self) -> None:
        """The widget's styles changed: forget combined styles and every Strip."""
        self._styles.clear()
        self._strips.clear()

    def clear(self) -> None:
        """Forget every Strip (the lines changed: a new width)."""
        self._strips.clear()

    def detach(self) -> object:
        """Start over with an empty Strip cache (a new document); returns the old one so
        that the caller may free it elsewhere."""
        old = self._strips
        self._strips = LRUCache(self._cache_lines)
        return old

    def style(self, keys: tuple[str, ...]) -> Style:
        """Widget style plus the component styles named by `keys`, in order."""
        style = self._styles.get(keys)
        if style is None:
            style = self._base()
            for key in keys:
                style += self._component(key)
            self._styles[keys] = style
        return style

    def blank(self, width: int) -> Strip:
        return Strip.blank(width, self._base())

    def line(
        self, index: int, line_no: int, block: Block, line: LayoutLine,
        overlays: Sequence[Overlay], width: int,
    ) -> Strip:
        """The Strip of line `line_no` of block `index`, `width` cells wide. Lines an
        overlay touches are built fresh; the others come from the cache."""
        if overlays:
            first, last = line_range(line)
            hits = [o for o in overlays if o[0] < last and o[1] > first] if first < last else []
            if hits:
                return self.build(block, line, hits, width)
        key = (index, width, line_no)
        strip = self._strips.get(key)
        if strip is None:
            strip = self.build(block, line, (), width)
            self._strips[key] = strip
        return strip

    def build(self, block: Block, line: LayoutLine, overlays: Sequence[Overlay], width: int) -> Strip:
        """Segments straight from the block's text, cropped or filled to `width` cells."""
        segments: list[Segment] = []
        base = block.style
        text = block.text
        for piece in line.pieces:
            if isinstance(piece, Deco):
                if piece.text:
                    segments.append(Segment(piece.text, self.style((piece.style,))))
                continue
            start, end = piece
            if start >= end:
                continue
            spans = [s for s in block.spans if s.start < end and s.end > start]
            if not spans and not overlays:
                segments.append(Segment(text[start:end], self.style((base,))))
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
                segments.append(Segment(text[a:b], self.style(tuple(keys))))
        strip = Strip(segments)
        if strip.cell_length > width:
            strip = strip.crop(0, width)
        fill = self.style((line.fill,)) if line.fill else self._base()
        return strip.extend_cell_length(width, fill)
