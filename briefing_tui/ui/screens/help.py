"""The help screen: the keys of the screen underneath, from its own bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from .. import screen_text

EXTRA_KEYS = [
    ("tab / shift+tab", "Move between panes"),
    ("↑ ↓ / j k", "Move within the focused list"),
    ("enter", "Choose (a country filters the facts)"),
    ("ctrl+p", "Command palette: go to fact, filter by country, theme"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            yield DataTable(id="help-keys", cursor_type="none", show_header=False)
            yield Static(Text("Escape closes this help.", style="dim"))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action")
        rows: dict[str, str] = {}  # description -> key shown
        for active in self.under.active_bindings.values():
            binding = active.binding
            # Screen and app keys only: a focused list's own scroll keys are summarised below.
            if not isinstance(active.node, (Screen, App)) or not binding.description:
                continue
            shown = binding.key_display or self.app.get_key_display(binding)
            known = rows.get(binding.description)
            if known is None or len(shown) < len(known):  # `q` rather than `^q` for Quit
                rows[binding.description] = shown
        for description, shown in rows.items():
            table.add_row(screen_text.text(shown, style="bold"), screen_text.text(description))
        for key, what in EXTRA_KEYS:
            table.add_row(screen_text.text(key, style="bold"), screen_text.text(what))
