"""Benchmark of `ArticleView`: first paint, full layout, search and highlight at size.

Run alone (`python bench/article_view_bench.py`) to print one line per figure, or
call `measure()` for (name, value, unit) tuples. Everything runs in-process with
`App.run_test`, so figures include Textual's own compositing of each frame.

Documents are the seed article repeated, one paragraph per source line, with a
heading every few paragraphs, cut to the target size.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.strip import Strip  # noqa: E402

from briefing_tui.ui.widgets.article_view import ArticleView  # noqa: E402

SEED = ROOT / "seeds" / "000_2bdf84615b68684f.txt"
SIZE = (120, 36)
SIZES: tuple[tuple[str, int], ...] = (
    ("4KB", 4_000),
    ("10KB", 10_000),
    ("100KB", 100_000),
    ("1MB", 1_000_000),
    ("5MB", 5_000_000),
)


def make_document(size: int) -> str:
    """The seed's paragraphs repeated to `size` characters, with headings every 4."""
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip()]
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        if i % 4 == 0:
            parts.append(f"## Section {i // 4 + 1}")
        parts.append(paragraphs[i % len(paragraphs)])
        total += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:size]


class _TimedView(ArticleView):
    """Notes when the last line of the screen is drawn with document content.

    `ready_at` is when the first screen of a new document could be drawn: the
    first batch is applied and every visible line rendered, which leaves out
    Textual's 60 fps frame cadence (up to 17 ms per frame) from the figure.
    """

    def __init__(self) -> None:
        super().__init__()
        self.frame_event = asyncio.Event()
        self.ready_at: float | None = None
        self._probing = False
        self.resize_time = 0.0

    def refresh(self, *args: object, **kwargs: object) -> ArticleView:  # type: ignore[override]
        if self.ready_at is None and self.is_mounted and self._blocks:
            self._probing = True
            self.rendered_lines()
            self._probing = False
            self.ready_at = time.perf_counter()
        return super().refresh(*args, **kwargs)  # type: ignore[arg-type]

    def on_resize(self, event: events.Resize) -> None:
        start = time.perf_counter()
        super().on_resize(event)
        self.resize_time = time.perf_counter() - start

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if y == self._view_size.height - 1 and self._blocks and not self._probing:
            self.frame_event.set()
        return strip


class _BenchApp(App[None]):
    def compose(self) -> ComposeResult:
        yield _TimedView()

    def __init__(self) -> None:
        super().__init__()
        self.loaded_event = asyncio.Event()

    def on_article_view_loaded(self, event: ArticleView.Loaded) -> None:
        self.loaded_event.set()


async def _measure() -> list[tuple[str, float, str]]:
    results: list[tuple[str, float, str]] = []
    app = _BenchApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(_TimedView)
        view.focus()
        await pilot.pause()
        first_paints: dict[str, float] = {}
        first_screens: dict[str, float] = {}
        for label, size in SIZES:
            doc = make_document(size)
            firsts: list[float] = []
            readies: list[float] = []
            loads: list[float] = []
            # Frames come at most every 1/60 s, so take the median of several loads.
            for _ in range(9 if size <= 1_000_000 else 3):
                app.loaded_event.clear()
                view.frame_event.clear()
                start = time.perf_counter()
                view.load(doc)
                view.ready_at = None
                await view.frame_event.wait()
                firsts.append(time.perf_counter() - start)
                readies.append((view.ready_at or time.perf_counter()) - start)
                await app.loaded_event.wait()
                loads.append(time.perf_counter() - start)
                await pilot.pause()
            first_paints[label] = statistics.median(firsts)
            first_screens[label] = statistics.median(readies)
            results.append((f"first_screen_ready_{label}_median", first_screens[label] * 1000, "ms"))
            results.append((f"first_paint_{label}_median", first_paints[label] * 1000, "ms"))
            results.append((f"loaded_{label}_median", statistics.median(loads) * 1000, "ms"))
        results.append(
            ("first_screen_ready_1MB_over_4KB", first_screens["1MB"] / first_screens["4KB"], "x")
        )
        results.append(
            ("first_paint_1MB_over_4KB", first_paints["1MB"] / first_paints["4KB"], "x")
        )

        # Search and highlight at 1 MB.
        view.load(make_document(1_000_000))
        app.loaded_event.clear()
        await app.loaded_event.wait()
        await pilot.pause()
        times = []
        for _ in range(5):
            start = time.perf_counter()
            hits = view.search("china")
            times.append(time.perf_counter() - start)
        results.append(("search_1MB", statistics.median(times) * 1000, "ms"))
        results.append(("search_1MB_hits", float(hits), "hits"))
        view.clear_search()

        quotes = [
            "Delegates from Australia, South Korea, Israel, Japan",
            "two-horse race",
            "reliance on China, reported Bloomberg",
        ]
        repaint: list[float] = []
        for i in range(60):
            # Spread the targets through the document by searching each from a new place.
            view.scroll_to(y=(i * 7919) % max(view.virtual_size.height, 1), animate=False,
                           immediate=True)
            await pilot.pause()
            view.frame_event.clear()
            start = time.perf_counter()
            view.highlight_quote(quotes[i % len(quotes)])
            await view.frame_event.wait()
            repaint.append(time.perf_counter() - start)
        repaint.sort()
        results.append(("highlight_repaint_1MB_median", statistics.median(repaint) * 1000, "ms"))
        results.append(
            ("highlight_repaint_1MB_p95", repaint[int(len(repaint) * 0.95) - 1] * 1000, "ms")
        )
        # Resize at 1 MB: the handler (visible blocks rewrapped, the rest estimated),
        # then until every block has its exact height from the measuring worker.
        start = time.perf_counter()
        await pilot.resize_terminal(90, 30)
        while view._inexact:
            await pilot.pause(0.001)
        results.append(("resize_handler_1MB", view.resize_time * 1000, "ms"))
        results.append(("resize_all_measured_1MB", (time.perf_counter() - start) * 1000, "ms"))
    return results


def measure() -> list[tuple[str, float, str]]:
    """Run the benchmark and return (figure, value, unit) tuples."""
    return asyncio.run(_measure())


def main() -> None:
    for name, value, unit in measure():
        print(f"{name}: {value:.1f} {unit}")


if __name__ == "__main__":
    main()
