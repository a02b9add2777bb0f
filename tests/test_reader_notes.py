"""Pilot tests of annotating in the reader: add, edit, delete, jump, all notes, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_helpers import reader, seed_app, wait_for_article
from textual.widgets import TextArea

from briefing_tui.store import AnnotationStore
from briefing_tui.ui.screens import reader_notes
from briefing_tui.ui.screens.all_notes import AllNotesScreen
from briefing_tui.ui.screens.confirm import ConfirmScreen
from briefing_tui.ui.screens.note_editor import NoteEditor, parse_tags
from briefing_tui.ui.widgets.country_list import CountryList
from briefing_tui.ui.widgets.fact_list import NOTE_MARK, FactList
from briefing_tui.ui.widgets.notes_pane import NotesPane

SEED_ID = "us-allies-critical-minerals"


async def _write_note(pilot, text: str, tags: str = "") -> None:
    assert isinstance(pilot.app.screen, NoteEditor)
    await pilot.press(*text)
    if tags:
        await pilot.press("tab")
        await pilot.press(*tags)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_adds_a_note_to_the_selected_fact_and_it_survives_a_restart() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("n", "a")
        await _write_note(pilot, "Check Bloomberg", tags="sources, verify")
        fact_id = screen.fact_id
        notes = AnnotationStore().list(SEED_ID)
        assert [(n.text, n.tags, n.target.fact_id) for n in notes] == [
            ("Check Bloomberg", ("sources", "verify"), fact_id)
        ]
        pane = screen.query_one(NotesPane)
        assert pane.highlighted_note is not None and pane.highlighted_note.text == "Check Bloomberg"
        prompt = screen.query_one(FactList).get_option_at_index(1).prompt
        assert NOTE_MARK in str(prompt)
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        assert reader(pilot).query_one(NotesPane).highlighted_note.text == "Check Bloomberg"


async def test_escape_in_the_editor_asks_before_losing_text() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("a")
        await pilot.press(*"draft")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(pilot.app.screen, NoteEditor)
        assert pilot.app.screen.query_one(TextArea).text == "draft"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert AnnotationStore().list(SEED_ID) == []
        # An untouched editor closes at once.
        await pilot.press("a", "escape")
        assert not isinstance(pilot.app.screen, (NoteEditor, ConfirmScreen))


async def test_e_edits_and_d_deletes_the_note_under_the_cursor() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("a")
        await _write_note(pilot, "first")
        await pilot.press("e")
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor) and editor.query_one(TextArea).text == "first"
        editor.query_one(TextArea).text = "second"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [n.text for n in AnnotationStore().list(SEED_ID)] == ["second"]
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert AnnotationStore().list(SEED_ID) == []
        assert screen.query_one(NotesPane).highlighted_note is None


async def test_brackets_jump_between_annotated_facts() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        ids = [f.id for f in screen.facts]
        store = AnnotationStore()
        from briefing_tui.model import Target

        for i in (2, 6):
            store.add(SEED_ID, Target("fact", fact_id=ids[i]), f"note {i}")
        reader_notes.reload(screen)
        await pilot.press("right_square_bracket")
        assert screen.fact_id == ids[2]
        await pilot.press("right_square_bracket")
        assert screen.fact_id == ids[6]
        await pilot.press("right_square_bracket")
        assert screen.fact_id == ids[2]  # wraps
        await pilot.press("left_square_bracket")
        assert screen.fact_id == ids[6]


async def test_country_note_and_all_notes_view_jumps_to_the_target() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("c")
        countries = screen.query_one(CountryList)
        countries.highlighted = [c.code for c in countries.countries].index("JP")
        await pilot.press("A")
        await _write_note(pilot, "Japan chips")
        notes = AnnotationStore().list(SEED_ID)
        assert [(n.target.kind, n.target.country) for n in notes] == [("country", "JP")]
        assert screen.query_one(NotesPane).border_title == "Notes · Japan"
        await pilot.press("escape")
        await pilot.press("N")
        assert isinstance(pilot.app.screen, AllNotesScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.country == "JP"


async def test_a_after_a_search_notes_the_passage() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("slash", *"two-horse race", "enter")
        await pilot.press("a")
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor) and "two-horse race" in editor.context
        await _write_note(pilot, "the key line")
        (note,) = AnnotationStore().list(SEED_ID)
        assert note.target.kind == "passage"
        anchor = note.target.anchor
        assert anchor.exact == "two-horse race"
        assert screen.briefing.body[anchor.start : anchor.start + len(anchor.exact)] == "two-horse race"


async def test_x_exports_the_notes_and_says_where() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("a")
        await _write_note(pilot, "exported note")
        await pilot.press("x", "enter")  # the dialog opens on the last choice; Enter exports
        await pilot.pause()
        message = [n.message for n in pilot.app._notifications][-1]
        path = Path(message.split(" exported to ", 1)[1])
        text = path.read_text("utf-8")
        assert "exported note" in text and "> The US is reportedly planning" in text


def test_tags_are_split_on_commas_and_spaces() -> None:
    assert parse_tags("a, b  #c a") == ("a", "b", "c")


async def test_a_failed_save_keeps_the_editor_open_with_the_text(monkeypatch) -> None:
    """On a full or read-only disk the typed note is not lost: the editor stays open with the
    text, says why, and ctrl+s saves it once the disk is back."""
    from briefing_tui.storage import StoreError

    store_add = None

    def refuse(*args, **kwargs):
        raise StoreError("cannot write /nowhere/notes.json: the disk is full")

    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        store_add = pilot.app.store.add
        monkeypatch.setattr(pilot.app.store, "add", refuse)
        await pilot.press("a")
        await _write_note(pilot, "keep me")
        assert any("disk is full" in n.message for n in pilot.app._notifications)
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one(TextArea).text == "keep me"
        monkeypatch.setattr(pilot.app.store, "add", store_add)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, NoteEditor)
        assert [n.text for n in pilot.app.store.list(reader(pilot).briefing.id)] == ["keep me"]


async def test_a_bug_in_the_store_is_not_swallowed_as_a_toast(monkeypatch) -> None:
    """Only store, OS and validation errors become messages; anything else is a bug."""

    def broken(*args, **kwargs):
        raise KeyError("a programming error")

    app = seed_app()
    with pytest.raises(KeyError):
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_for_article(pilot)
            monkeypatch.setattr(pilot.app.store, "add", broken)
            await pilot.press("a")
            await _write_note(pilot, "x")
