"""The library: every bundle found, broken ones shown with their error instead of a crash."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...bundle.discover import Entry, discover
from ...locations import bundles_dir, shipped_content_dir
from ...sanitize import clean

TITLE_WIDTH = 44


def where(folder: Path) -> str:
    """Where a bundle came from, in words: the shipped set, the user's own, or its path."""
    if folder.parent == shipped_content_dir():
        return f"Shipped with briefing · {folder.name}"
    if folder.parent == bundles_dir():
        return f"Your bundles · {folder.name}"
    return clean(str(folder))


class LibraryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open"),
        Binding("r", "reload", "Reload", id="library.reload"),
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="bundles", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "briefing"
        self.sub_title = "Library"
        table = self.query_one(DataTable)
        # A long title must not push the counts off screen: its column has a fixed width.
        table.add_column("Title", width=TITLE_WIDTH)
        table.add_columns("Date", "Source", "Facts", "Countries", "Notes")
        table.border_title = "Briefings"

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
        store = getattr(self.app, "store", None)
        counts: dict[str, int] = {}
        for e in entries:
            if e.briefing is not None and store is not None:
                try:
                    counts[e.id] = len(store.list(e.id))
                except Exception:  # a broken store is reported by the app, not here
                    counts[e.id] = 0
        self.app.call_from_thread(self._show, entries, counts)

    def _show(self, entries: list[Entry], counts: dict[str, int]) -> None:
        self.entries = entries
        table = self.query_one(DataTable)
        table.clear()
        for e in entries:
            if e.briefing is not None:
                b = e.briefing
                title = clean(b.title)
                if len(title) > TITLE_WIDTH:
                    title = title[: TITLE_WIDTH - 1].rstrip() + "…"
                table.add_row(
                    Text(title),
                    Text(clean(b.published) or "—"),
                    Text(clean(b.source) or "—"),
                    Text(str(len(b.facts)), justify="right"),
                    Text(str(len(b.countries)), justify="right"),
                    Text(str(counts.get(e.id, 0)), justify="right"),
                    key=str(e.path),
                )
            else:
                table.add_row(
                    Text(f"⚠ {clean(e.path.name)}", style="bold red"),
                    Text("broken", style="red"),
                    Text(clean(str(e.problems[0])) if e.problems else "", style="red"),
                    "",
                    "",
                    "",
                    key=str(e.path),
                )
        table.focus()
        self._describe(0)

    def _describe(self, row: int) -> None:
        detail = self.query_one("#library-detail", Static)
        if not 0 <= row < len(self.entries):
            detail.update(Text("No bundles found.", style="dim"))
            return
        e = self.entries[row]
        if e.briefing is None:
            lines = "\n".join(clean(str(p)) for p in e.problems)
            detail.update(Text(f"This bundle cannot be opened:\n{lines}", style="red"))
        else:
            text = Text()
            text.append(clean(e.briefing.title) + "\n", style="bold")
            if e.briefing.summary:
                text.append(clean(e.briefing.summary) + "\n")
            text.append(where(e.path), style="dim")
            detail.update(text)

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
            self.notify(clean(str(e.problems[0])), title="Cannot open this bundle", severity="error")
            return
        self.app.open_briefing(e.briefing)  # type: ignore[attr-defined]

    def action_reload(self) -> None:
        self.load_entries()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
