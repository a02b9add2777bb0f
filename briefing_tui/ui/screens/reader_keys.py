"""The reader's keys: one list for the footer, the help screen and the palette, and the order
in which the footer gives keys up on a narrow terminal (`ui/footer_fit.py`)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

READER_BINDINGS: list[BindingType] = [
    Binding("n", "next", "Next fact", id="reader.next"),
    Binding("p", "previous", "Prev fact", id="reader.previous"),
    # While searching, n and p step through the matches, and the footer says so.
    Binding("n", "next_match", "Next match", id="reader.next-match"),
    Binding("p", "previous_match", "Prev match", id="reader.previous-match"),
    Binding("g", "first", "First fact", show=False, id="reader.first"),
    Binding("G", "last", "Last fact", show=False, id="reader.last"),
    Binding("c", "focus_countries", "Countries", id="reader.countries"),
    Binding("slash", "search", "Search", key_display="/", id="reader.search"),
    Binding("a", "add_note", "Note", id="reader.add-note"),
    Binding("A", "add_country_note", "Note country", show=False, id="reader.add-country-note"),
    Binding("e", "edit_note", "Edit note", show=False, id="reader.edit-note"),
    Binding("d", "delete_note", "Delete note", show=False, id="reader.delete-note"),
    Binding(
        "right_square_bracket",
        "next_annotated",
        "Next noted",
        key_display="]",
        id="reader.next-annotated",
    ),
    Binding(
        "left_square_bracket",
        "previous_annotated",
        "Prev noted",
        key_display="[",
        id="reader.previous-annotated",
    ),
    Binding("N", "all_notes", "All notes", id="reader.all-notes"),
    Binding("x", "export", "Export", id="reader.export"),
    Binding("y", "copy_fact", "Copy fact", show=False, id="reader.copy-fact"),
    Binding("Y", "copy_note", "Copy note", show=False, id="reader.copy-note"),
    Binding("o", "open_source", "Open source", show=False, id="reader.open-source"),
    Binding("E", "edit_in_editor", "Edit in $EDITOR", show=False, id="reader.edit-in-editor"),
    Binding("i", "info", "About", id="reader.info"),
    Binding("escape", "back", "Back", id="reader.back"),
    Binding("t", "timeline", "Timeline", show=False, id="reader.timeline"),
    Binding("D", "dossier", "Dossier", show=False, id="reader.dossier"),
]

# The footer drops keys in this order (binding ids) until the rest fit, then any others from
# the end; the app's `q` and `?` always stay.
FOOTER_DROP_ORDER = (
    "reader.previous-annotated", "reader.next-annotated", "reader.info", "reader.back",
    "reader.export", "reader.previous", "reader.previous-match", "reader.countries",
    "countries.note", "notes.delete",
)
