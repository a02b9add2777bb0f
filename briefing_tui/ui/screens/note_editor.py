"""The note editor: Markdown text, tags and a label; ctrl+s saves, escape asks before losing text.

The editor calls the save itself and closes only once the note is stored: on a full or
read-only disk it stays open with the text, says why, and ctrl+s tries again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from ...model import LABELS
from .. import screen_text
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

    def __init__(
        self,
        heading: str,
        context: str,
        save: Callable[[NoteDraft], str | None],
        draft: NoteDraft | None = None,
    ) -> None:
        """`save` stores the draft and returns None, or the reason it could not."""
        super().__init__()
        self.heading = heading
        self.context = context
        self.save = save
        self.original = draft or NoteDraft("", (), "")

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(screen_text.text(self.heading, style="bold"), id="note-heading")
            if self.context:
                yield Static(screen_text.text(self.context, style="italic dim"), id="note-context")
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
            yield Static(screen_text.text("ctrl+s save · escape cancel · tab next field", style="dim"))

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)  # editing goes on where the text ends

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
        problem = self.save(draft)
        if problem is not None:
            self.notify(
                f"{problem}\nYour text is still here: ctrl+s tries again, escape leaves it.",
                title="Note not saved",
                severity="error",
                timeout=15,
            )
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
