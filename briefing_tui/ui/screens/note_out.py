"""Notes leaving the reader: export to a file, the clipboard, `$EDITOR`, the source link.

Plain functions over the reader screen, so the screen keeps one short action per key.
Every failure that can happen (the disk, the store, the editor, a note that is not valid)
becomes a message; nothing here raises into the app.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from ...export import SUFFIXES, ExportError, write_export
from ...exports.common import fact_citation, note_citation
from ...locations import data_dir
from ...model import Annotation
from ...notes import ExportChoice, load_export_choice, save_export_choice
from ...storage import StoreError
from . import reader_notes
from .export_dialog import ExportDialog

if TYPE_CHECKING:
    from .reader import ReaderScreen

ERRORS = (StoreError, OSError, ValueError)
FORMAT_TITLES = {"markdown": "Markdown", "json": "JSON", "w3c": "W3C Web Annotations", "csv": "Readwise CSV"}


def export_now(screen: ReaderScreen, choice: ExportChoice | None = None) -> None:
    """Write the reader's notes with `choice` (else the last one) to the exports folder."""
    choice = choice or load_export_choice()
    now = datetime.now(UTC).replace(microsecond=0)
    path = data_dir() / "exports" / f"{screen.briefing.id}-{now:%Y%m%dT%H%M%SZ}{SUFFIXES[choice.format]}"
    try:
        text, count = screen.notes_service.export(
            choice.format,
            [screen.briefing],
            options=choice.options(),
            exported_at=now.isoformat().replace("+00:00", "Z"),
            notes={screen.briefing.id: list(screen.notes)},
        )
        write_export(text, path, make_parents=True)
    except (ExportError, *ERRORS) as exc:
        screen.notify(str(exc), title="Export failed", severity="error", timeout=10)
        return
    what = FORMAT_TITLES.get(choice.format, choice.format)
    noun = "note" if count == 1 else "notes"
    screen.notify(f"{count} {noun} exported to {path}", title=f"Exported ({what})", timeout=10)


def export_dialog(screen: ReaderScreen) -> None:
    """Ask for format and filters (the last choice filled in), remember them, export."""

    def chosen(choice: ExportChoice | None) -> None:
        if choice is None:
            return
        try:
            save_export_choice(choice)
        except OSError as exc:
            screen.notify(str(exc), title="Choice not remembered", severity="warning")
        export_now(screen, choice)

    countries = tuple(c.code for c in screen.briefing.countries)
    screen.app.push_screen(ExportDialog(load_export_choice(), countries), chosen)


def copy_fact(screen: ReaderScreen) -> None:
    fact = screen.briefing.fact(screen.fact_id)
    if fact is None:
        screen.notify("No fact selected to copy.", severity="warning")
        return
    screen.app.copy_to_clipboard(fact_citation(screen.briefing, fact))
    screen.notify(f"Copied fact {fact.id} as a citation: statement, sentence and source.", timeout=4)


def copy_note(screen: ReaderScreen, note: Annotation | None) -> None:
    if note is None:
        screen.notify("No note here to copy: pick one in the notes pane.", severity="warning")
        return
    screen.app.copy_to_clipboard(note_citation(screen.briefing, note))
    screen.notify(f"Copied the note on {note.target.describe()}, with its sentence and source.", timeout=4)


def open_source(screen: ReaderScreen) -> None:
    url = screen.briefing.url
    if not url:
        screen.notify("This briefing has no source URL.", severity="warning")
        return
    screen.briefing_app.ask_to_open_link(url)  # asks first, showing the URL; http(s) only


def editor_command() -> list[str]:
    """`$VISUAL`, else `$EDITOR`, else `vi`, split as a shell would (`code --wait`)."""
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def edit_in_editor(screen: ReaderScreen, note: Annotation | None) -> None:
    """The note's text in `$EDITOR`, the app suspended meanwhile. An editor that fails, or a
    file left empty, changes nothing."""
    if note is None:
        screen.notify("No note here to edit.", severity="warning")
        return
    try:
        command = editor_command()
        with tempfile.TemporaryDirectory(prefix="briefing-note-") as folder:
            path = Path(folder) / "note.md"
            path.write_text(note.text, "utf-8")
            code = _run(screen, [*command, str(path)])
            if code != 0:
                message = f"The editor exited with status {code}: the note is unchanged."
                screen.notify(message, severity="warning")
                return
            text = path.read_text("utf-8", errors="replace")
    except (OSError, ValueError) as exc:  # no such editor, an unsplittable $EDITOR, the temp dir
        screen.notify(str(exc), title="Editor not run", severity="error", timeout=10)
        return
    if not text.strip():
        screen.notify("The file was left empty: the note is unchanged.", severity="warning")
        return
    if text.rstrip("\n") == note.text.rstrip("\n"):
        screen.notify("No change to the note.", timeout=3)
        return
    new = text.rstrip("\n")
    service = screen.notes_service
    problem = reader_notes.store_call(
        screen, lambda: service.edit(note.id, text=new), "Note updated from the editor."
    )
    if problem is not None:
        screen.notify(problem, title="Note not saved", severity="error", timeout=10)


def _run(screen: ReaderScreen, argv: list[str]) -> int:
    try:
        with screen.app.suspend():
            return subprocess.run(argv, check=False).returncode
    except SuspendNotSupported:  # no terminal to hand over (headless): run it beside the app
        return subprocess.run(argv, check=False, stdin=subprocess.DEVNULL, capture_output=True).returncode
