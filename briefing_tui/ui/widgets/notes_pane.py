"""The notes pane: the reader's annotations on the current fact (or country)."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Annotation
from .. import screen_text

# Theme variables, resolved when drawn: every theme recolours the labels.
LABEL_STYLE = {
    "important": "bold $error",
    "question": "bold $warning",
    "disputed": "bold $secondary",
    "verified": "bold $success",
}


def note_prompt(note: Annotation) -> Content:
    parts: list[screen_text.Part] = []
    if note.label:
        parts.append((f"[{note.label}] ", LABEL_STYLE.get(note.label, "bold")))
    parts.append(note.text.strip() or "(empty note)")
    if note.tags:
        parts += ["  ", (" ".join(f"#{t}" for t in note.tags), "dim")]
    return screen_text.content(*parts)


class NotesPane(OptionList):
    """Option ids are annotation ids, so `e` and `d` act on the note under the cursor."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="notes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="notes.up"),
        # Shown in the footer while the notes pane has focus (the reader's own e/d are hidden).
        Binding("e", "screen.edit_note", "Edit note", id="notes.edit"),
        Binding("d", "screen.delete_note", "Delete note", id="notes.delete"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes: list[Annotation] = []
        self._hint = ""

    def show_notes(self, notes: list[Annotation], empty_hint: str) -> None:
        # Rebuilding the options relayouts the screen: skip it when nothing changed (`n`
        # walks through many facts with no notes).
        if notes == self.notes and empty_hint == self._hint and self.option_count:
            return
        self._hint = empty_hint
        self.notes = list(notes)
        self.clear_options()
        if notes:
            self.add_options(Option(note_prompt(n), id=n.id) for n in notes)
            self.highlighted = 0
        else:
            self.add_option(Option(screen_text.content((empty_hint, "dim italic")), disabled=True))

    @property
    def highlighted_note(self) -> Annotation | None:
        i = self.highlighted
        return self.notes[i] if i is not None and 0 <= i < len(self.notes) else None
