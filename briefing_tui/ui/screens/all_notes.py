"""Every note of a briefing in one list; Enter jumps to what the note is about."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from ...anchoring import locate
from ...model import Annotation, Briefing
from .. import screen_text
from ..widgets.notes_pane import note_prompt


def target_label(briefing: Briefing, note: Annotation) -> Content:
    """What a note is about, in words. Fact ids, country codes and passages come from the
    notes file, which anything may have written: they go through screen_text like bundle text."""
    t = note.target
    if t.kind == "fact":
        fact = briefing.fact(t.fact_id)
        what = f"Fact · {fact.statement if fact else t.fact_id + ' (fact no longer in the bundle)'}"
    elif t.kind == "country":
        country = briefing.country(t.country)
        what = f"Country · {country.name if country and country.name else t.country}"
    else:
        found = t.anchor is not None and locate(briefing.body, t.anchor) is not None
        exact = t.anchor.exact if t.anchor else ""
        what = f"Passage · “{exact}”" + ("" if found else " (orphaned: passage no longer found)")
    return screen_text.content((what, "bold"))


class AllNotesScreen(Screen[Annotation | None]):
    """Dismisses with the chosen note; the reader moves to its target."""

    BINDINGS = [
        Binding("escape,N", "close", "Back", id="notes.back"),
        Binding("j", "cursor_down", "Down", show=False, id="notes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="notes.up"),
    ]

    def __init__(self, briefing: Briefing, notes: list[Annotation]) -> None:
        super().__init__()
        self.briefing = briefing
        self.notes = notes

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="all-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.title = screen_text.plain(self.briefing.title)
        self.sub_title = screen_text.plain(f"All notes ({len(self.notes)})")
        notes = self.query_one(OptionList)
        notes.border_title = screen_text.content(f"All notes · {len(self.notes)}")
        if not self.notes:
            notes.add_option(
                Option(Content.styled("No notes yet: press a on a fact to add one.", "dim"), disabled=True)
            )
        for note in self.notes:
            prompt = Content("\n").join([target_label(self.briefing, note), note_prompt(note)])
            notes.add_option(Option(prompt, id=note.id))
        if self.notes:
            notes.highlighted = 0
        notes.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next((n for n in self.notes if n.id == event.option_id), None))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
