"""About this briefing: its metadata, the people and organisations the article names."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...model import Briefing
from .. import screen_text


def info_text(b: Briefing) -> Text:
    """Every value is bundle text: built through screen_text, never read as markup."""
    parts: list[screen_text.Part] = [(b.title + "\n", "bold")]
    for label, value in (("Source", b.source), ("Published", b.published), ("Link", b.url)):
        if value:
            parts += [(f"{label}: ", "dim"), value + "\n"]
    if b.summary:
        parts.append(("\n" + b.summary + "\n", "italic"))
    if b.tags:
        parts += [("\nTags: ", "dim"), screen_text.joined(b.tags) + "\n"]
    if b.people:
        parts.append(("\nPeople\n", "bold"))
        for p in b.people:
            parts += [(f"  {p.name}", "bold"), f" — {p.title}\n" if p.title else "\n"]
    if b.organisations:
        parts.append(("\nOrganisations\n", "bold"))
        parts += [f"  {org}\n" for org in b.organisations]
    kinds: dict[str, int] = {}
    for f in b.facts:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    parts += [("\nFacts: ", "dim"), ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none",
              (f" · {len(b.countries)} countries\n", "dim")]
    return screen_text.text(*parts)


class InfoScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,i,q", "dismiss", "Close", id="info.close")]

    def __init__(self, briefing: Briefing) -> None:
        super().__init__()
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="info-box"):
            yield Static(info_text(self.briefing), id="info-text")
            yield Static(Text("Escape closes this panel.", style="dim"))
