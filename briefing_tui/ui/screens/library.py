"""The library: every bundle found, broken ones shown with their error instead of a crash."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from ... import sources
from ...bundle.discover import Entry, discover_cached
from ...locations import bundles_dir, shipped_content_dir
from ...storage import StoreError
from .. import screen_text
from ..footer_fit import fit_footer
from ..typed_app import briefing_app
from .corpus_nav import read_to_open

# Columns after the title, with their widths; below NARROW_WIDTH the source and countries go,
# so the title and the counts that matter (facts, notes) keep their room.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Date", 10), ("Source", 14), ("Facts", 5), ("Countries", 9), ("Notes", 5),
)
NARROW_COLUMNS = ("Date", "Facts", "Notes")
NARROW_WIDTH = 100
MIN_TITLE_WIDTH = 20


SORTS = ("date", "title", "source", "facts", "notes")


def arrange(entries: list[Entry], counts: dict[str, int], by: str, words: str) -> list[Entry]:
    """The entries whose title, source or date hold every word typed, sorted: dates, facts and
    notes most first, title and source A to Z; broken bundles last."""
    needles = words.casefold().split()

    def text(e: Entry) -> str:
        b = e.briefing
        return (f"{b.title} {b.source} {b.published}" if b else e.path.name).casefold()

    kept = [e for e in entries if all(n in text(e) for n in needles)]
    good = [e for e in kept if e.briefing is not None]
    broken = [e for e in kept if e.briefing is None]
    keys = {
        "date": lambda e: e.briefing.published, "title": lambda e: e.briefing.title.casefold(),
        "source": lambda e: e.briefing.source.casefold(), "facts": lambda e: e.n_facts,
        "notes": lambda e: counts.get(e.id, 0),
    }
    good.sort(key=keys[by], reverse=by in ("date", "facts", "notes"))
    return good + broken


def where(folder: Path) -> str:
    """Where a bundle came from, in words: the shipped set, the user's own, or its path.
    A folder name is untrusted text (anyone may name a folder): it is cleaned here."""
    if folder.parent == shipped_content_dir():
        return screen_text.plain(f"Shipped with briefing · {folder.name}")
    if folder.parent == bundles_dir():
        return screen_text.plain(f"Your bundles · {folder.name}")
    return screen_text.plain(folder)


_READ = sources.Record(id="", source="", folder="", unread=False)


# The footer gives these keys up first on a narrow terminal (binding ids).
LIBRARY_FOOTER_DROP_ORDER = ("library.reload", "library.delete", "library.timeline", "library.update_feeds")

class LibraryScreen(Screen[None]):
    _imports: dict[str, sources.Record] = {}  # replaced whole by load_entries, never mutated
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open"),
        Binding("r", "reload", "Reload", id="library.reload"),
        Binding("slash", "search", "Search all", key_display="/", id="library.search"),
        Binding("t", "timeline", "Timeline", id="library.timeline"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("f", "filter", "Filter", id="library.filter"),
        Binding("delete", "delete", "Delete", id="library.delete"),
        Binding("u", "update_feeds", "Update feeds", id="library.update_feeds"),
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
    ]

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer shows what fits the width (see footer_fit); help lists every key."""
        return fit_footer(self, super().active_bindings, LIBRARY_FOOTER_DROP_ORDER)

    def __init__(self, select_id: str = "") -> None:
        """`select_id`: the briefing to put the cursor on first (the one just read)."""
        super().__init__()
        self._select_id = select_id
        self.entries: list[Entry] = []
        self._counts: dict[str, int] = {}
        self._columns: tuple[str, ...] = ()
        # The bundle under the cursor, kept across reloads (coming back from the reader).
        self._cursor_key = ""
        self._all: list[Entry] = []
        self._sort = 0
        self._filter = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: words of the title, source or date", id="library-filter")
        yield DataTable(id="bundles", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "briefing"
        self.sub_title = "Library"
        self.query_one(DataTable).border_title = "Briefings"
        self.query_one("#library-filter", Input).display = False

    def on_resize(self, event: Resize) -> None:
        """The title takes what the other columns leave; narrow terminals drop two columns."""
        self.refresh_bindings()
        if self._all:
            self._show(self._all, self._counts)

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
        # From the library index: only bundles changed since it last looked are parsed.
        messages: list[str] = []
        entries = discover_cached(messages.append)
        store = briefing_app(self).store
        counts: dict[str, int] = {}
        for e in entries:
            if e.briefing is not None and e.counts is not None:
                counts[e.id] = e.counts[2]
            elif e.briefing is not None:
                try:
                    counts[e.id] = len(store.list(e.id))
                except (StoreError, OSError):  # a broken store is reported by the app, not here
                    counts[e.id] = 0
        for message in messages:
            self.app.call_from_thread(self.notify, message, title="Library index", severity="warning")
        self._imports = sources.load()  # unread marks and source feeds (issue 14)
        self.app.call_from_thread(self._show, entries, counts)

    def _show(self, entries: list[Entry], counts: dict[str, int]) -> None:
        self._all = entries
        entries = arrange(entries, counts, SORTS[self._sort], self._filter)
        self.entries = entries
        self._counts = counts
        ok = [e for e in self._all if e.briefing is not None]
        shown = f"{len(entries)} of {len(self._all)}" if self._filter else f"{len(ok)}"
        self.query_one(DataTable).border_title = screen_text.content(
            f"Briefings · {shown} · {sum(counts.get(e.id, 0) for e in ok)} notes · by {SORTS[self._sort]}")
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
        if self._cursor_key in keys:
            row = keys.index(self._cursor_key)
        else:
            row = next((i for i, e in enumerate(entries) if self._select_id and e.id == self._select_id), 0)
        box = self.query_one("#library-filter", Input)
        if not (box.display and box.has_focus):  # typing a filter stays in the box
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
                "Facts": screen_text.number(e.n_facts),
                "Countries": screen_text.number(e.n_countries),
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
        briefing, checking = e.briefing, None
        # From the index: read the bundle itself now (a large one's article alone: the reader
        # checks its facts in a worker).
        if e.counts is not None:
            read = read_to_open(self, e.path)
            if read is None:
                return
            briefing, pending = read
            checking = e.path if pending else None
        try:
            sources.mark_read(briefing.id)
        except sources.SourcesError as exc:  # a read mark is not worth stopping the reader for
            self.notify(str(exc), severity="warning")
        briefing_app(self).open_briefing(briefing, checking)

    def action_update_feeds(self) -> None:
        """Update every feed in a worker (a child process), with progress; reload after."""
        from .feed_update import FeedUpdateScreen  # a rich log and a progress bar: loaded when used

        self.app.push_screen(FeedUpdateScreen())

    def action_reload(self) -> None:
        self.load_entries()

    def action_search(self) -> None:
        from .corpus_search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_timeline(self) -> None:
        from .timeline import TimelineScreen

        self.app.push_screen(TimelineScreen())

    def action_sort(self) -> None:
        self._sort = (self._sort + 1) % len(SORTS)
        if self._all:
            self._show(self._all, self._counts)

    def action_filter(self) -> None:
        box = self.query_one("#library-filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._filter = event.value
        self._show(self._all, self._counts)

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_delete(self) -> None:
        """Move the briefing under the cursor to the trash, after a yes (`briefing restore` undoes it)."""
        from ...corpus.trash import TrashError, is_shipped, move_to_trash
        from .confirm import ConfirmScreen

        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.entries):
            return
        e = self.entries[row]
        if is_shipped(e.path):
            self.notify("The shipped briefings cannot be deleted.", severity="warning")
            return
        title = e.briefing.title if e.briefing else e.path.name

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                item = move_to_trash(e.path)
            except TrashError as exc:
                self.notify(str(exc), title="Not deleted", severity="error")
                return
            self.notify(f"Moved to the trash; `briefing restore {item.bundle}` brings it back.",
                        title="Deleted")
            self.load_entries()

        self.app.push_screen(ConfirmScreen(f"Delete this briefing?\n\n{screen_text.plain(title)}\n\n"
                                           "It goes to the trash; your notes stay.", yes="Delete"), answered)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
