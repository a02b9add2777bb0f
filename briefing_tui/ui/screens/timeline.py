"""The timeline: dated facts on one axis in time order, today marked, unresolved dates apart.
`t` in the reader shows the briefing's own (no index needed); `t` in the library shows every
briefing's, `c` there filters by a country. Enter goes to the fact."""

from __future__ import annotations

import sqlite3
from datetime import date

from rich.table import Table
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList
from textual.widgets.option_list import Option

from ...corpus.index import Index, IndexUnavailable
from ...corpus.timeline import Entry, Timeline, axis_bar, timeline, timeline_of
from ...model import Briefing
from .. import screen_text
from ..typed_app import briefing_app
from .corpus_nav import open_at

AXIS_CELLS = 24  # half below WIDE columns, so the statement keeps its room
DATE_CELLS = 16
WIDE = 100


def entry_prompt(e: Entry, t: Timeline, with_bundle: bool, axis_cells: int = AXIS_CELLS) -> Table:
    """The date and its place on the axis in a column of their own; the statement (and the
    briefing, on a line below) wraps in the other, so no line runs back under the dates."""
    span = t.span
    when: list[screen_text.Part] = [(f"{e.display:<{DATE_CELLS}}"[:DATE_CELLS], "bold"), " "]
    if span is not None and e.first is not None:
        when.append((axis_bar(e, span, axis_cells, t.today), "cyan"))
    what: list[screen_text.Part] = [e.statement]
    if with_bundle:
        what += ["\n", (e.bundle_title, "dim")]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=DATE_CELLS + 1 + axis_cells, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(screen_text.text(*when), screen_text.text(*what))
    return grid


def unresolved_prompt(e: Entry, with_bundle: bool) -> Table:
    grid = Table.grid(padding=(0, 0))
    grid.add_column(width=2)
    grid.add_column(ratio=1)
    what: list[screen_text.Part] = [e.statement]
    if with_bundle:
        what += ["\n", (e.bundle_title, "dim")]
    grid.add_row("", screen_text.text(*what))
    return grid


class TimelineScreen(Screen[str | None]):
    """Dismisses with a fact id when opened on one briefing (the reader moves there)."""

    BINDINGS = [
        Binding("escape,t", "back", "Back", id="timeline.back"),
        Binding("c", "country", "Country filter", id="timeline.country"),
        Binding("j", "cursor_down", "Down", show=False, id="timeline.down"),
        Binding("k", "cursor_up", "Up", show=False, id="timeline.up"),
    ]

    def __init__(self, briefing: Briefing | None = None, country: str = "",
                 today: date | None = None) -> None:
        super().__init__()
        self.briefing = briefing
        self.country = country.upper()
        self.today = today
        self.timeline: Timeline | None = None
        self._entries: dict[str, Entry] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Country code (e.g. JP), Enter to filter, empty for all",
                    id="timeline-country")
        yield OptionList(id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.title = screen_text.plain(self.briefing.title if self.briefing else "briefing")
        self.sub_title = "Timeline"
        self.query_one(Input).display = False
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "country":
            return self.briefing is None
        return True

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        today = self.today or date.today()
        if self.briefing is not None:
            t = timeline_of(self.briefing, today=today, country=self.country)
            self.app.call_from_thread(self._show, t)
            return
        ix = Index(store=briefing_app(self).store)
        try:
            ix.refresh()
            t = timeline(ix, today=today, country=self.country)
        except (IndexUnavailable, sqlite3.Error, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Timeline unavailable", severity="error")
            return
        finally:
            ix.close()
        self.app.call_from_thread(self._show, t)

    def _show(self, t: Timeline) -> None:
        self.timeline = t
        many = self.briefing is None
        options: list[Option] = []
        self._entries = {}
        mark = t.today_index()
        axis = AXIS_CELLS if (self.size.width or 120) >= WIDE else AXIS_CELLS // 2
        today = Option(screen_text.text(f"── today {t.today.isoformat()} " + "─" * 40, style="bold yellow"),
                       disabled=True)
        for i, e in enumerate(t.entries):
            if i == mark:
                options.append(today)
            self._entries[f"e{i}"] = e
            options.append(Option(entry_prompt(e, t, many, axis), id=f"e{i}"))
        if mark == len(t.entries):
            options.append(today)
        if t.unresolved:
            options.append(Option(screen_text.text(f"Unresolved dates ({len(t.unresolved)})", style="bold"),
                                  disabled=True))
            for i, e in enumerate(t.unresolved):
                self._entries[f"u{i}"] = e
                options.append(Option(unresolved_prompt(e, many), id=f"u{i}"))
        view = self.query_one(OptionList)
        view.clear_options()
        view.add_options(options)
        where = f" · {self.country}" if self.country else ""
        view.border_title = screen_text.content(
            f"Timeline{where} · {len(t.entries)} dated · {len(t.unresolved)} unresolved")
        view.focus()
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if first is not None:
            view.highlighted = first

    @on(OptionList.OptionSelected, "#timeline")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        e = self._entries.get(event.option.id or "")
        if e is None:
            return
        if self.briefing is not None:
            self.dismiss(e.fact_id)
        elif e.path is not None:
            open_at(self, e.path, fact_id=e.fact_id)

    def action_country(self) -> None:
        box = self.query_one(Input)
        box.display = True
        box.value = self.country
        box.focus()

    @on(Input.Submitted, "#timeline-country")
    def _country_chosen(self, event: Input.Submitted) -> None:
        code = event.value.strip().upper()
        if code and (len(code) != 2 or not code.isalpha()):
            self.notify("A country is two letters (ISO 3166), e.g. JP.", severity="warning")
            return
        self.country = code
        event.input.display = False
        self.load()

    def action_back(self) -> None:
        box = self.query_one(Input)
        if box.display:
            box.display = False
            self.query_one(OptionList).focus()
            return
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
