"""The facts pane: every fact of the briefing (or those of one country), kind at a glance."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Fact
from .. import screen_text

KIND_STYLE: dict[str, tuple[str, str]] = {
    "figure": ("■", "bold cyan"),
    "date": ("◷", "bold magenta"),
    "quote": ("❝", "bold green"),
    "claim": ("◆", "bold yellow"),
    "event": ("●", "bold blue"),
}
NOTE_MARK = "✎"


def fact_prompt(fact: Fact, *, annotated: bool, search_hit: bool) -> Content:
    """Icon and colour for the kind, the value in bold, then the statement (all plain text)."""
    icon, style = KIND_STYLE.get(fact.kind, ("?", "bold"))
    value = fact.value.display() if fact.value else fact.kind
    parts: list[screen_text.Part] = [(f"{icon} ", style), (value, style)]
    if annotated:
        parts += [" ", (NOTE_MARK, "bold red")]
    if search_hit:
        parts += [" ", ("⌕", "bold reverse")]
    parts += ["\n", fact.statement]
    # Content, not Rich Text: OptionList measures a Text prompt at the width without the
    # scrollbar and then cuts its last line when the scrollbar shows.
    return screen_text.content(*parts)


class FactList(OptionList):
    """An OptionList whose option ids are fact ids; the screen listens for highlights."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="facts.down"),
        Binding("k", "cursor_up", "Up", show=False, id="facts.up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts: list[Fact] = []

    def show_facts(self, facts: list[Fact], annotated: set[str], search_hits: set[str]) -> None:
        """Replace the options, keeping the highlighted fact when it is still listed."""
        current = self.highlighted_fact_id
        self.facts = list(facts)
        self.clear_options()
        self.add_options(
            Option(fact_prompt(f, annotated=f.id in annotated, search_hit=f.id in search_hits), id=f.id)
            for f in facts
        )
        ids = [f.id for f in facts]
        if current in ids:
            self.highlighted = ids.index(current)

    def refresh_marks(self, annotated: set[str], search_hits: set[str]) -> None:
        """Redraw note and search marks without moving the cursor."""
        for i, f in enumerate(self.facts):
            self.replace_option_prompt_at_index(
                i, fact_prompt(f, annotated=f.id in annotated, search_hit=f.id in search_hits)
            )

    @property
    def highlighted_fact_id(self) -> str | None:
        i = self.highlighted
        return self.facts[i].id if i is not None and 0 <= i < len(self.facts) else None

    def select_fact(self, fact_id: str) -> bool:
        ids = [f.id for f in self.facts]
        if fact_id not in ids:
            return False
        self.highlighted = ids.index(fact_id)
        return True
