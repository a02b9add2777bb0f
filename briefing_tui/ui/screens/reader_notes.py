"""The reader's notes: write, edit and delete them, walk the noted facts, go to what a note
is about. Every change goes through the notes service (`briefing_tui.notes`), the same one
the CLI calls; these functions hold what the reader adds: the editor, the questions, the
messages. (Copying, exporting and the external editor are in `note_out`.) The editor and
the other screens are imported when first shown, not on the reader's first frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ...anchoring import locate, make_anchor
from ...export import ExportError
from ...model import Anchor, Annotation, Target
from ...storage import StoreError
from .. import screen_text
from ..widgets.article_view import ArticleView
from ..widgets.fact_list import FactList
from ..widgets.notes_pane import NotesPane

if TYPE_CHECKING:
    from .note_editor import NoteDraft
    from .reader import ReaderScreen

# What can go wrong when notes are saved, edited, deleted or exported: the store, the disk,
# and validation. Anything else is a bug and must surface in the tests, not as a toast.
NOTE_ERRORS = (StoreError, OSError, ValueError, ExportError)

# How much of a note the delete question quotes (cut at a word, with an ellipsis).
DELETE_PREVIEW_CHARS = 160


def reload(screen: ReaderScreen) -> None:
    try:
        screen.notes = screen.notes_service.list(screen.briefing.id)
    except NOTE_ERRORS as exc:  # the reader still opens, and says why notes are missing
        screen.notes = []
        screen.notify(str(exc), title="Notes not loaded", severity="error", timeout=10)


def store_call(screen: ReaderScreen, call: Callable[[], object], done: str) -> str | None:
    """Run one change to the notes; None when it worked (and the panes show it), else the
    reason, so that the editor can stay open with the text."""
    try:
        call()
    except NOTE_ERRORS as exc:
        return str(exc) or type(exc).__name__
    reload(screen)
    screen.query_one(FactList).refresh_marks(screen.annotated_ids, screen.search_hits)
    screen.show_notes()
    screen.briefing_app.report_store_events()
    screen.notify(done, timeout=3)
    return None


def _write_new(screen: ReaderScreen, target: Target, heading: str, context: str) -> None:
    def save(draft: NoteDraft) -> str | None:
        return store_call(
            screen,
            lambda: screen.notes_service.add(screen.briefing, target, draft.text, draft.tags, draft.label),
            f"Note saved on {target.describe()}.",
        )

    from .note_editor import NoteEditor  # a TextArea: loaded when a note is first written

    screen.app.push_screen(NoteEditor(heading, context, save))


def add_note(screen: ReaderScreen) -> None:
    """A note on the search hit while searching, else on the selected fact (if it is shown)."""
    match = screen.query_one(ArticleView).current_match() if screen.search_query else None
    if match is not None:
        anchor = _anchor_for(screen, *match)
        _write_new(screen, Target("passage", anchor=anchor), "Note on a passage", f"“{anchor.exact}”")
        return
    fact = screen.briefing.fact(screen.fact_id)
    if fact is None or fact not in screen.visible_facts:
        screen.notify("No fact selected: the facts pane is empty.", severity="warning")
        return
    _write_new(screen, Target("fact", fact_id=fact.id), f"Note on fact {fact.id}", fact.statement)


def _anchor_for(screen: ReaderScreen, exact: str, prefix: str, suffix: str) -> Anchor:
    """Place a hit of the rendered text in the article's source, so the note survives edits."""
    body = screen.briefing.body
    found = locate(body, Anchor(exact, prefix, suffix, 0))
    if found is None:
        return Anchor(exact, prefix, suffix, max(body.find(exact), 0))
    return make_anchor(body, *found)


def add_country_note(screen: ReaderScreen) -> None:
    code = screen.highlighted_country()
    if not code:
        screen.notify("No country selected: press c to choose one.", severity="warning")
        return
    country = screen.briefing.country(code)
    role = country.role if country else ""
    _write_new(screen, Target("country", country=code), f"Note on {screen.name_of(code)}", role)


def edit_note(screen: ReaderScreen) -> None:
    note = screen.query_one(NotesPane).highlighted_note
    if note is None:
        screen.notify("No note here to edit.", severity="warning")
        return

    def save(draft: NoteDraft) -> str | None:
        return store_call(
            screen,
            lambda: screen.notes_service.edit(note.id, text=draft.text, tags=draft.tags, label=draft.label),
            "Note updated.",
        )

    from .note_editor import NoteDraft, NoteEditor

    draft = NoteDraft(note.text, note.tags, note.label)
    screen.app.push_screen(NoteEditor(f"Edit note on {note.target.describe()}", "", save, draft))


def delete_note(screen: ReaderScreen) -> None:
    note = screen.query_one(NotesPane).highlighted_note
    if note is None:
        screen.notify("No note here to delete.", severity="warning")
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        problem = store_call(screen, lambda: screen.notes_service.delete(note.id), "Note deleted.")
        if problem is not None:
            screen.notify(problem, title="Note not deleted", severity="error", timeout=10)

    from .confirm import ConfirmScreen

    preview = screen_text.shorten(note.text, DELETE_PREVIEW_CHARS)
    screen.app.push_screen(ConfirmScreen(f"Delete this note?\n\n{preview}", yes="Delete"), answered)


def step_noted(screen: ReaderScreen, delta: int) -> None:
    """The next (or previous) shown fact that has a note, wrapping around."""
    noted = [f.id for f in screen.visible_facts if f.id in screen.annotated_ids]
    if not noted:
        screen.notify("No fact here has a note yet.", timeout=3)
        return
    ids = [f.id for f in screen.visible_facts]
    here = ids.index(screen.fact_id) if screen.fact_id in ids else -1
    after = [i for i in noted if (ids.index(i) - here) * delta > 0]
    if delta > 0:
        screen.fact_id = after[0] if after else noted[0]
    else:
        screen.fact_id = after[-1] if after else noted[-1]


def all_notes(screen: ReaderScreen) -> None:
    def chosen(note: Annotation | None) -> None:
        if note is not None:
            go_to_target(screen, note.target)

    from .all_notes import AllNotesScreen

    screen.app.push_screen(AllNotesScreen(screen.briefing, list(screen.notes)), chosen)


def go_to_target(screen: ReaderScreen, target: Target) -> None:
    if target.kind == "fact" and screen.briefing.fact(target.fact_id):
        screen.go_to_fact(target.fact_id)
    elif target.kind == "country":
        screen.filter_by_country(target.country)
    elif target.kind == "passage" and target.anchor is not None:
        found = locate(screen.briefing.body, target.anchor)
        if found is None:
            screen.notify("That passage is no longer in the article (orphaned note).", severity="warning")
            return
        # The anchor as it stands in today's body (it may have moved), with its own
        # surroundings, so the view lights this occurrence and not the first one.
        here = make_anchor(screen.briefing.body, *found)
        article = screen.query_one(ArticleView)
        article.highlight_passage(here.exact, here.prefix, here.suffix)
        article.focus()
