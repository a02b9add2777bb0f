"""The export dialog: format and filters, the last choice filled in; enter exports."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static

from ...model import LABELS
from ...notes import ExportChoice
from .. import screen_text

FORMAT_NAMES = (
    ("Markdown (memo-ready)", "markdown"),
    ("W3C Web Annotations (JSON-LD)", "w3c"),
    ("Readwise CSV", "csv"),
    ("JSON", "json"),
)
GROUP_NAMES = (("Group by fact", "fact"), ("Group by country", "country"), ("Group by label", "label"))


class ExportDialog(ModalScreen[ExportChoice | None]):
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog #export-box {
        width: 64; height: auto; max-height: 100%; padding: 0 2;
        border: round $accent; background: $surface;
    }
    /* Compact fields, one line each, so the dialog fits 80x24 with its buttons. */
    ExportDialog Select, ExportDialog Input, ExportDialog Checkbox { margin-top: 1; }
    ExportDialog #export-buttons { height: auto; align-horizontal: right; }
    ExportDialog #export-buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("ctrl+s", "export", "Export", priority=True, id="export.go"),
        Binding("escape", "cancel", "Cancel", priority=True, id="export.cancel"),
    ]

    def __init__(self, choice: ExportChoice, countries: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.choice = choice
        self.countries = countries

    def compose(self) -> ComposeResult:
        c = self.choice
        with VerticalScroll(id="export-box"):
            yield Static(screen_text.text("Export the notes", style="bold"))
            yield Select(FORMAT_NAMES, value=c.format, allow_blank=False, compact=True, id="export-format")
            yield Select(GROUP_NAMES, value=c.group, allow_blank=False, compact=True, id="export-group")
            yield Select(
                [(f"Only {label}", label) for label in LABELS if label],
                value=c.label or Select.NULL,
                prompt="Any label",
                compact=True,
                id="export-label",
            )
            yield Input(c.tag, placeholder="only notes with this tag (empty: any)", compact=True,
                        id="export-tag")
            hint = f" ({', '.join(self.countries)})" if self.countries else ""
            yield Input(
                c.country,
                placeholder=screen_text.plain(f"only this country, ISO code{hint}"),
                compact=True,
                id="export-country",
            )
            yield Checkbox("Note ids and times (Markdown)", c.with_ids, compact=True, id="export-ids")
            with Horizontal(id="export-buttons"):
                yield Button("Export (ctrl+s)", variant="primary", id="export-go")
                yield Button("Cancel (esc)", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-go", Button).focus()

    def current(self) -> ExportChoice:
        fmt = self.query_one("#export-format", Select).value
        group = self.query_one("#export-group", Select).value
        label = self.query_one("#export-label", Select).value
        return ExportChoice(
            format=fmt if isinstance(fmt, str) else "markdown",
            group=group if isinstance(group, str) else "fact",
            label=label if isinstance(label, str) else "",
            tag=self.query_one("#export-tag", Input).value.strip(),
            country=self.query_one("#export-country", Input).value.strip().upper(),
            with_ids=self.query_one("#export-ids", Checkbox).value,
        )

    def action_export(self) -> None:
        choice = self.current()
        try:
            choice.options()
        except ValueError as exc:
            self.notify(str(exc), title="Not exported", severity="warning")
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_export()
