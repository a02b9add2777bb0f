"""About this briefing: its metadata, the people and organisations the article names."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...model import Briefing
from ...sanitize import clean


def info_text(b: Briefing) -> Text:
    """Plain Rich Text built piece by piece: every value is bundle text, never markup."""
    text = Text()
    text.append(clean(b.title) + "\n", style="bold")
    for label, value in (("Source", b.source), ("Published", b.published), ("Link", b.url)):
        if value:
            text.append(f"{label}: ", style="dim")
            text.append(clean(value) + "\n")
    if b.summary:
        text.append("\n" + clean(b.summary) + "\n", style="italic")
    if b.tags:
        text.append("\nTags: ", style="dim")
        text.append(", ".join(clean(t) for t in b.tags) + "\n")
    if b.people:
        text.append("\nPeople\n", style="bold")
        for p in b.people:
            text.append(f"  {clean(p.name)}", style="bold")
            text.append(f" — {clean(p.title)}\n" if p.title else "\n")
    if b.organisations:
        text.append("\nOrganisations\n", style="bold")
        for org in b.organisations:
            text.append(f"  {clean(org)}\n")
    kinds: dict[str, int] = {}
    for f in b.facts:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    text.append("\nFacts: ", style="dim")
    text.append(", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none")
    text.append(f" · {len(b.countries)} countries\n", style="dim")
    return text


class InfoScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,i,q", "dismiss", "Close", id="info.close")]

    def __init__(self, briefing: Briefing) -> None:
        super().__init__()
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="info-box"):
            yield Static(info_text(self.briefing), id="info-text")
            yield Static(Text("Escape closes this panel.", style="dim"))
