"""The help screen: the keys of the screen underneath, from its own bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from .. import screen_text

# Keys that no screen binding describes (list movement, Enter, the palette), shown after the
# screen's own; a key already listed is not listed again.
EXTRA_KEYS = [
    ("tab", "Next pane"),
    ("shift+tab", "Previous pane"),
    ("↑ ↓ j k", "Move in the focused list"),
    ("enter", "Choose; on a country, filter"),
    ("^p", "Palette: facts, countries, theme"),
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
            # The way out is said at the top: the list of keys may run below the screen.
            yield Static(Text.assemble(("Keys", "bold"), ("  ·  Escape closes this help.", "dim")),
                         id="help-title")
            yield DataTable(id="help-keys", cursor_type="none", show_header=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action")
        rows: dict[str, str] = {}  # description -> key shown
        # Every binding of the screen and the app, also those hidden right now (n/p step through
        # matches only while searching): help lists them all, whatever the footer shows.
        for node in (self.under, self.app):
            for _, binding in node._bindings:
                if not binding.description or binding.action.startswith("app.focus"):
                    continue
                shown = binding.key_display or self.app.get_key_display(binding)
                known = rows.get(binding.description)
                if known is None or len(shown) < len(known):  # `q` rather than `^q` for Quit
                    rows[binding.description] = shown
        listed = set(rows.values())
        for description, shown in rows.items():
            table.add_row(screen_text.text(shown, style="bold"), screen_text.text(description))
        for key, what in EXTRA_KEYS:
            if key not in listed:
                table.add_row(screen_text.text(key, style="bold"), screen_text.text(what))
