"""Search every briefing from the library (`/`): ranked hits as you type, Enter opens the reader
at the hit (the sentence lit, the fact selected, or the note's target)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...corpus.index import Hit, Index, IndexUnavailable
from .. import screen_text
from ..typed_app import briefing_app
from .corpus_nav import open_at

KIND_LABELS = {"title": "Title", "article": "Article", "fact": "Fact", "note": "Note"}
LIMIT = 50


def hit_prompt(hit: Hit) -> Text:
    """Two lines: the briefing and what the hit is, then the snippet with the matches lit."""
    parts: list[screen_text.Part] = [(hit.bundle_title, "bold"), "  ",
                                      (KIND_LABELS.get(hit.kind, hit.kind), "italic")]
    if hit.published:
        parts += ["  ", (hit.published, "dim")]
    parts.append("\n")
    last = 0
    for a, b in hit.marks:
        parts += [hit.snippet[last:a], (hit.snippet[a:b], "bold reverse")]
        last = b
    parts.append(hit.snippet[last:])
    return screen_text.text(*parts)


class SearchScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="search.back"),
        Binding("down", "to_results", "Results", show=False, id="search.results"),
        Binding("ctrl+r", "rebuild", "Rebuild index", id="search.rebuild"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.hits: list[Hit] = []
        self.shown_query: str | None = None  # the query whose results are on screen
        self._hits_generation = 0  # which results the list holds (a later batch checks it)
        self._queries_asked = 0  # the latest query's number: older answers are dropped
        self.index: Index | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(value=self.initial, id="corpus-query",
                    placeholder='Search all briefings: words, "a phrase", prefix*, country:JP')
        yield OptionList(id="corpus-hits")
        yield Static("", id="corpus-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "briefing"
        self.sub_title = "Search all briefings"
        self.query_one(OptionList).border_title = screen_text.content("Results")
        self.index = Index(store=briefing_app(self).store)
        self.query_one(Input).focus()
        self.prepare()

    @work(thread=True, exclusive=True, group="corpus-index")
    def prepare(self) -> None:
        """Bring the index up to date (only changed bundles are read), then run the query."""
        assert self.index is not None
        try:
            self.index.refresh()
        except (IndexUnavailable, sqlite3.Error, OSError) as exc:
            self.app.call_from_thread(self._status, f"Search is unavailable: {exc}", True)
            return
        self.app.call_from_thread(self._after_refresh)

    def _after_refresh(self) -> None:
        self._report()
        self.run_query(self.query_one(Input).value)

    def _report(self) -> None:
        if self.index is not None:
            for message in self.index.take_messages():
                self.notify(message, title="Search index", severity="warning", timeout=10)

    @on(Input.Changed, "#corpus-query")
    def _changed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    @on(Input.Submitted, "#corpus-query")
    def _submitted(self) -> None:
        self.action_to_results()

    def run_query(self, query: str) -> None:
        self._queries_asked += 1
        self._search(query, self._queries_asked)

    @work(thread=True, exclusive=True, group="corpus-search")
    def _search(self, query: str, asked: int) -> None:
        # A thread worker runs to its end even when a newer query replaced it: its results
        # are shown only if no later query was asked meanwhile (a slow query answered last
        # would otherwise stay on screen under the newer words).
        if self.index is None:
            return
        try:
            hits = self.index.search(query, limit=LIMIT, prefix_last=True)
        except (ValueError, sqlite3.Error, IndexUnavailable) as exc:
            self.app.call_from_thread(self._latest, asked, self._status, str(exc), True)
            return
        self.app.call_from_thread(self._latest, asked, self._show, query, hits)

    def _latest(self, asked: int, show: Callable[..., None], *args: object) -> None:
        if asked == self._queries_asked:
            show(*args)

    def _show(self, query: str, hits: list[Hit]) -> None:
        self.hits = hits
        self._hits_generation += 1
        results = self.query_one(OptionList)
        results.clear_options()
        # Lay out what fits the list first (two lines a hit); the rest after that frame.
        fit = results.size.height // 2 + 2 if results.size.height else len(hits)
        results.add_options([Option(hit_prompt(h), id=str(i)) for i, h in enumerate(hits[:fit])])
        if len(hits) > fit:
            self.call_after_refresh(self._add_hits, self._hits_generation, fit)
        results.border_title = screen_text.content(f"Results · {len(hits)}" if query.strip() else "Results")
        if not query.strip():
            self._status("Type to search titles, articles, facts and notes of every briefing.")
        elif not hits:
            self._status("No hits.")
        else:
            self._status(f"{len(hits)} hits{'' if len(hits) < LIMIT else ' (the best ' + str(LIMIT) + ')'}. "
                         "Enter opens the briefing at the hit.")
        self.shown_query = query
        self._report()

    def _add_hits(self, generation: int, start: int) -> None:
        """The hits below the first screen, unless newer results replaced them meanwhile."""
        if generation == self._hits_generation and self.is_attached:
            self.query_one(OptionList).add_options(
                [Option(hit_prompt(h), id=str(i)) for i, h in enumerate(self.hits[start:], start)])

    def _status(self, message: str, error: bool = False) -> None:
        self.query_one("#corpus-status", Static).update(
            screen_text.text(message, style="red" if error else "dim"))

    def action_to_results(self) -> None:
        results = self.query_one(OptionList)
        if self.hits:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    def action_back(self) -> None:
        if self.query_one(OptionList).has_focus:
            self.query_one(Input).focus()
        else:
            self.dismiss(None)

    def action_rebuild(self) -> None:
        if self.index is not None:
            self._rebuild()

    @work(thread=True, exclusive=True, group="corpus-index")
    def _rebuild(self) -> None:
        assert self.index is not None
        try:
            report = self.index.rebuild()
        except (IndexUnavailable, sqlite3.Error, OSError) as exc:
            self.app.call_from_thread(self._status, f"Rebuild failed: {exc}", True)
            return
        self.app.call_from_thread(self.notify, f"Index rebuilt: {report.bundles_read} briefings read.")
        self.app.call_from_thread(self._after_refresh)

    @on(OptionList.OptionSelected, "#corpus-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        open_at(self, hit.path, fact_id=hit.ref if hit.kind == "fact" else "",
                note_id=hit.ref if hit.kind == "note" else "", start=hit.start, end=hit.end)

    def on_unmount(self) -> None:
        if self.index is not None:
            self.index.close()
