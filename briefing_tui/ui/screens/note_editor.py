"""The note editor: Markdown text, tags and a label; ctrl+s saves, escape asks before losing text."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from ...model import LABELS
from .confirm import ConfirmScreen


@dataclass(frozen=True)
class NoteDraft:
    text: str
    tags: tuple[str, ...]
    label: str


def parse_tags(raw: str) -> tuple[str, ...]:
    """Tags typed as `a, b c` or `#a #b`: split on commas and spaces, drop '#' and repeats."""
    seen: list[str] = []
    for part in raw.replace(",", " ").split():
        tag = part.lstrip("#").strip()
        if tag and tag not in seen:
            seen.append(tag)
    return tuple(seen)


class NoteEditor(ModalScreen[NoteDraft | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note.cancel"),
    ]

    def __init__(self, heading: str, context: str, draft: NoteDraft | None = None) -> None:
        super().__init__()
        self.heading = heading
        self.context = context
        self.original = draft or NoteDraft("", (), "")

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Text(self.heading, style="bold"), id="note-heading")
            if self.context:
                yield Static(Text(self.context, style="italic dim"), id="note-context")
            yield TextArea(self.original.text, id="note-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(id="note-fields"):
                yield Input(
                    " ".join(self.original.tags), placeholder="tags: comma or space separated", id="note-tags"
                )
                yield Select(
                    [(label.capitalize(), label) for label in LABELS if label],
                    value=self.original.label or Select.NULL,
                    prompt="No label",
                    id="note-label",
                )
            yield Static(Text("ctrl+s save · escape cancel · tab next field", style="dim"))

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def draft(self) -> NoteDraft:
        label = self.query_one(Select).value
        return NoteDraft(
            self.query_one(TextArea).text,
            parse_tags(self.query_one("#note-tags", Input).value),
            label if isinstance(label, str) else "",
        )

    def action_save(self) -> None:
        draft = self.draft()
        if not draft.text.strip():
            self.notify("A note needs some text (or press escape to cancel).", severity="warning")
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        if self.draft() == self.original:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard the changes to this note?", yes="Discard"), answered)
