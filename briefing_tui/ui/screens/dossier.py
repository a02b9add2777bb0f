"""A country's dossier (`D` on the country sidebar): its facts across every briefing, newest
briefing first, with its role in each and the user's notes. Enter opens the reader at the fact."""

from __future__ import annotations

import sqlite3

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from ...corpus.dossier import Dossier, DossierBriefing, DossierFact, dossier
from ...corpus.index import Index, IndexUnavailable
from .. import screen_text
from ..typed_app import briefing_app
from .corpus_nav import open_at


def briefing_prompt(b: DossierBriefing) -> Text:
    parts: list[screen_text.Part] = [(b.published or "undated", "dim"), "  ", (b.title, "bold")]
    if b.role:
        parts += ["\n", (b.role, "italic")]
    for n in b.notes:
        parts += ["\n", ("✎ ", "yellow"), n.text]
    return screen_text.text(*parts)


def fact_prompt(f: DossierFact) -> Table:
    """The bullet in a column of its own: a long statement wraps under itself, not the bullet."""
    parts: list[screen_text.Part] = [f.statement]
    if f.value:
        parts += ["  ", (f.value, "bold")]
    for n in f.notes:
        parts += ["\n  ", ("✎ ", "yellow"), n.text]
    grid = Table.grid()
    grid.add_column(width=4)
    grid.add_column(ratio=1)
    grid.add_row("  • ", screen_text.text(*parts))
    return grid


class DossierScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,D", "back", "Back", id="dossier.back"),
        Binding("j", "cursor_down", "Down", show=False, id="dossier.down"),
        Binding("k", "cursor_up", "Up", show=False, id="dossier.up"),
    ]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code.upper()
        self.dossier: Dossier | None = None
        self._targets: dict[str, tuple[DossierBriefing, DossierFact | None]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="dossier")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "briefing"
        self.sub_title = screen_text.plain(f"Dossier · {self.code}")
        self.query_one(OptionList).border_title = screen_text.content(f"Dossier · {self.code} · loading…")
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        ix = Index(store=briefing_app(self).store)
        try:
            ix.refresh()
            found = dossier(ix, self.code)
        except (IndexUnavailable, sqlite3.Error, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Dossier unavailable", severity="error")
            return
        finally:
            ix.close()
        messages = ix.take_messages()
        self.app.call_from_thread(self._show, found, messages)

    def _show(self, d: Dossier, messages: list[str]) -> None:
        for message in messages:
            self.notify(message, title="Search index", severity="warning")
        self.dossier = d
        options: list[Option] = []
        for i, b in enumerate(d.briefings):
            key = f"b{i}"
            self._targets[key] = (b, None)
            options.append(Option(briefing_prompt(b), id=key))
            for j, f in enumerate(b.facts):
                self._targets[f"{key}.{j}"] = (b, f)
                options.append(Option(fact_prompt(f), id=f"{key}.{j}"))
        view = self.query_one(OptionList)
        view.clear_options()
        if not options:
            nothing = screen_text.text(f"No briefing names {d.name}.", style="dim")
            view.add_option(Option(nothing, disabled=True))
        view.add_options(options)
        counts = (f"{_n(d.fact_count, 'fact')} in {_n(len(d.briefings), 'briefing')} · "
                  f"{_n(d.note_count, 'note')}")
        view.border_title = screen_text.content(f"{d.name} ({d.code}) · {counts}")
        view.focus()
        if options:
            view.highlighted = 0

    @on(OptionList.OptionSelected, "#dossier")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        found = self._targets.get(event.option.id or "")
        if found is None:
            return
        b, f = found
        open_at(self, b.path, fact_id=f.fact_id if f else "", country="" if f else self.code)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()


def _n(count: int, noun: str) -> str:
    """`1 fact`, `2 facts`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
