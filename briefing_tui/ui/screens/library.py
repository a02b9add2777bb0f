"""The library: every bundle found, broken ones shown with their error instead of a crash."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ... import sources
from ...bundle.discover import Entry, discover
from ...locations import bundles_dir, shipped_content_dir
from ...storage import StoreError
from .. import screen_text
from ..typed_app import briefing_app
from .feed_update import FeedUpdateScreen

# Columns after the title, with their widths; below NARROW_WIDTH the source and countries go,
# so the title and the counts that matter (facts, notes) keep their room.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Date", 10), ("Source", 14), ("Facts", 5), ("Countries", 9), ("Notes", 5),
)
NARROW_COLUMNS = ("Date", "Facts", "Notes")
NARROW_WIDTH = 100
MIN_TITLE_WIDTH = 20


def where(folder: Path) -> str:
    """Where a bundle came from, in words: the shipped set, the user's own, or its path.
    A folder name is untrusted text (anyone may name a folder): it is cleaned here."""
    if folder.parent == shipped_content_dir():
        return screen_text.plain(f"Shipped with briefing · {folder.name}")
    if folder.parent == bundles_dir():
        return screen_text.plain(f"Your bundles · {folder.name}")
    return screen_text.plain(folder)


_READ = sources.Record(id="", source="", folder="", unread=False)


class LibraryScreen(Screen[None]):
    _imports: dict[str, sources.Record] = {}  # replaced whole by load_entries, never mutated
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open"),
        Binding("r", "reload", "Reload", id="library.reload"),
        Binding("u", "update_feeds", "Update feeds", id="library.update_feeds"),
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self._counts: dict[str, int] = {}
        self._columns: tuple[str, ...] = ()
        # The bundle under the cursor, kept across reloads (coming back from the reader).
        self._cursor_key = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="bundles", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "briefing"
        self.sub_title = "Library"
        self.query_one(DataTable).border_title = "Briefings"

    def on_resize(self, event: Resize) -> None:
        """The title takes what the other columns leave; narrow terminals drop two columns."""
        if self.entries:
            self._show(self.entries, self._counts)

    def _layout(self) -> tuple[tuple[str, ...], int]:
        width = self.size.width or 120
        names = tuple(n for n, _ in COLUMNS if width >= NARROW_WIDTH or n in NARROW_COLUMNS)
        # Each column costs its width plus DataTable's padding of 1 on each side.
        used = sum(w + 2 for n, w in COLUMNS if n in names) + 2 + 4  # title padding, border, scrollbar
        return names, max(width - used, MIN_TITLE_WIDTH)

    def on_screen_resume(self) -> None:
        """Read the bundles each time the library shows (note counts change in the reader),
        and not when `briefing open` puts it under the reader: there it would compete with
        the reader's first frame (the resume event still arrives, after the reader is up)."""
        if self.app.screen is self:
            self.load_entries()

    @work(thread=True, exclusive=True)
    def load_entries(self) -> None:
        """Reading every bundle is I/O: keep it off the event loop."""
        entries = discover()
        store = briefing_app(self).store
        counts: dict[str, int] = {}
        for e in entries:
            if e.briefing is not None:
                try:
                    counts[e.id] = len(store.list(e.id))
                except (StoreError, OSError):  # a broken store is reported by the app, not here
                    counts[e.id] = 0
        self._imports = sources.load()  # unread marks and source feeds (issue 14)
        self.app.call_from_thread(self._show, entries, counts)

    def _show(self, entries: list[Entry], counts: dict[str, int]) -> None:
        self.entries = entries
        self._counts = counts
        table = self.query_one(DataTable)
        names, title_width = self._layout()
        table.clear(columns=True)
        table.add_column("Title", width=title_width, key="Title")
        for name, width in COLUMNS:
            if name in names:
                table.add_column(name, width=width, key=name)
        for e in entries:
            cells = self._cells(e, counts, title_width)
            if e.briefing is not None and self._imports.get(e.id, _READ).unread:  # new: not opened yet
                cells = (Text("● ", style="bold cyan").append_text(cells[0]), cells[1])
            table.add_row(*(cells[0], *(cells[1][n] for n in names)), key=str(e.path))
        keys = [str(e.path) for e in entries]
        row = keys.index(self._cursor_key) if self._cursor_key in keys else 0
        table.focus()
        if entries:
            table.move_cursor(row=row, animate=False)
        self._describe(row)

    @staticmethod
    def _cells(e: Entry, counts: dict[str, int], title_width: int) -> tuple[Text, dict[str, Text]]:
        if e.briefing is not None:
            b = e.briefing
            return screen_text.text(screen_text.shorten(b.title, title_width)), {
                "Date": screen_text.text(b.published or "—"),
                "Source": screen_text.text(screen_text.shorten(b.source or "—", 14)),
                "Facts": screen_text.number(len(b.facts)),
                "Countries": screen_text.number(len(b.countries)),
                "Notes": screen_text.number(counts.get(e.id, 0)),
            }
        problem = str(e.problems[0]) if e.problems else ""
        return screen_text.text(f"⚠ {e.path.name}", style="bold red"), {
            "Date": Text("broken", style="red"),
            "Source": screen_text.text(problem, style="red"),
            "Facts": Text(""), "Countries": Text(""), "Notes": Text(""),
        }

    def _describe(self, row: int) -> None:
        detail = self.query_one("#library-detail", Static)
        if not 0 <= row < len(self.entries):
            detail.update(Text("No bundles found.", style="dim"))
            return
        e = self.entries[row]
        self._cursor_key = str(e.path)
        if e.briefing is None:
            lines = screen_text.joined(e.problems, "\n")
            detail.update(screen_text.text(f"This bundle cannot be opened:\n{lines}", style="red"))
        else:
            parts: list[screen_text.Part] = [(e.briefing.title + "\n", "bold")]
            if e.briefing.summary:
                parts.append(e.briefing.summary + "\n")
            parts.append((where(e.path), "dim"))
            record = self._imports.get(e.id)
            if record is not None and record.feed:
                parts += [(" · from feed ", "dim"), (record.feed, "dim")]
            if record is not None and record.unread:
                parts.append((" · new", "bold cyan"))
            detail.update(screen_text.text(*parts))

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(event.cursor_row)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.entries):
            return
        e = self.entries[row]
        if e.briefing is None:
            self.notify(str(e.problems[0]), title="Cannot open this bundle", severity="error")
            return
        try:
            sources.mark_read(e.briefing.id)
        except sources.SourcesError as exc:  # a read mark is not worth stopping the reader for
            self.notify(str(exc), severity="warning")
        briefing_app(self).open_briefing(e.briefing)

    def action_update_feeds(self) -> None:
        """Update every feed in a worker (a child process), with progress; reload after."""
        self.app.push_screen(FeedUpdateScreen())

    def action_reload(self) -> None:
        self.load_entries()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
