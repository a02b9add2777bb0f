"""The app survives a hostile environment: resize storms, a tiny terminal, its bundle
deleted under it, its notes file moved aside, a data dir it cannot use, a full disk.

Failures are notifications, never crashes: each test ends by checking that the
app still answers keys.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from conftest import SEED_BUNDLE
from reader_helpers import reader, seed_app, wait_for_article
from textual.events import Resize
from textual.geometry import Size
from textual.pilot import Pilot
from textual.widgets import TextArea

from briefing_tui import atomic
from briefing_tui.bundle.reader import read_bundle
from briefing_tui.store import AnnotationStore
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.screens.reader import ReaderScreen

SEED_ID = SEED_BUNDLE.name


def messages(pilot: Pilot) -> list[str]:
    return [f"{n.title}: {n.message}" for n in pilot.app._notifications]


async def still_answers(pilot: Pilot) -> None:
    """n moves to the next fact: the reader is alive and its keys work."""
    screen = reader(pilot)
    before = screen.fact_id
    await pilot.press("g", "n")
    await pilot.pause()
    assert screen.fact_id == screen.facts[min(1, len(screen.facts) - 1)].id, before
    assert pilot.app.is_running


async def add_note(pilot: Pilot, text: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteEditor)
    await pilot.press(*text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def give_up_on_the_note(pilot: Pilot, text: str) -> None:
    """After a failed save the editor is still open with the text; Escape, then discard it."""
    editor = pilot.app.screen
    assert isinstance(editor, NoteEditor)
    assert editor.query_one(TextArea).text == text
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, NoteEditor)


async def test_resize_storm() -> None:
    sizes = [(120, 36), (40, 12), (200, 60), (20, 6), (80, 24), (1, 1), (300, 10), (60, 80), (99, 19)]
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        for w, h in sizes:
            await pilot.resize_terminal(w, h)
        for w, h in sizes * 4:  # and again, a burst with no wait between sizes
            pilot.app.post_message(Resize(Size(w, h), Size(w, h)))
        await pilot.resize_terminal(120, 36)
        await pilot.pause(0.2)
        await wait_for_article(pilot)
        await still_answers(pilot)
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_40_by_12_every_key() -> None:
    async with seed_app().run_test(size=(40, 12)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        for key in ("n", "n", "p", "G", "g", "]", "[", "c", "j", "escape", "N", "escape"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("slash", *"China", "enter")
        await pilot.press("n", "escape")
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await add_note(pilot, "small screen")
        assert [n.text for n in AnnotationStore().list(SEED_ID)] == ["small screen"]
        assert pilot.app.screen is screen
        await still_answers(pilot)


async def test_bundle_deleted_while_open(tmp_path: Path) -> None:
    folder = tmp_path / "bundles" / SEED_ID
    shutil.copytree(SEED_BUNDLE, folder)
    app = BriefingApp(open_bundle=read_bundle(folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        shutil.rmtree(folder)
        await still_answers(pilot)
        await add_note(pilot, "the bundle is gone, the note is not")
        assert [n.text for n in AnnotationStore().list(SEED_ID)] == ["the bundle is gone, the note is not"]
        await pilot.press("x", "enter")  # export still works from what is in memory
        await pilot.pause()
        assert any("exported to" in m for m in messages(pilot)), messages(pilot)
        await pilot.press("escape")  # back to the library
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_notes_file_moved_aside_while_open_is_recreated_and_said(data_dir: Path) -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await add_note(pilot, "first")
        notes_file = data_dir / "notes" / f"{SEED_ID}.json"
        assert notes_file.exists()
        notes_file.rename(notes_file.with_name("moved-away.json"))
        pilot.app.clear_notifications()
        await add_note(pilot, "second")
        assert notes_file.exists()
        assert [n.text for n in AnnotationStore().list(SEED_ID)] == ["second"]
        said = messages(pilot)
        assert any("had disappeared; created it again" in m and str(notes_file) in m for m in said), said
        await still_answers(pilot)


async def test_whole_store_folder_deleted_while_open(data_dir: Path) -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await add_note(pilot, "first")
        shutil.rmtree(data_dir / "notes")
        await add_note(pilot, "second")
        assert [n.text for n in AnnotationStore().list(SEED_ID)] == ["second"]
        assert any("created it again" in m for m in messages(pilot)), messages(pilot)
        await still_answers(pilot)


async def test_unusable_data_dir_is_a_notification(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(blocker / "data"))
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        opened = messages(pilot)
        assert any(m.startswith("Notes not loaded") and "Not a directory" in m for m in opened), opened
        await add_note(pilot, "nowhere to go")
        said = messages(pilot)
        assert any(m.startswith("Note not saved") and "Not a directory" in m for m in said), said
        await give_up_on_the_note(pilot, "nowhere to go")
        await pilot.press("x", "enter")  # the export dialog, with the last choice
        await pilot.pause()
        assert any(m.startswith("Export failed") for m in messages(pilot)), messages(pilot)
        await still_answers(pilot)


async def test_full_disk_is_a_notification(data_dir: Path, monkeypatch) -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await add_note(pilot, "kept")

        def full(fd: int, data: bytes) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        real = atomic._write_fully
        monkeypatch.setattr(atomic, "_write_fully", full)
        await add_note(pilot, "lost")
        said = messages(pilot)
        assert any(m.startswith("Note not saved") and "the disk is full" in m for m in said), said
        await give_up_on_the_note(pilot, "lost")
        await pilot.press("x", "enter")  # the export dialog, with the last choice
        await pilot.pause()
        assert any(m.startswith("Export failed") and "the disk is full" in m for m in messages(pilot))
        monkeypatch.setattr(atomic, "_write_fully", real)
        assert [n.text for n in AnnotationStore().list(SEED_ID)] == ["kept"]
        await still_answers(pilot)


async def test_read_only_data_dir_is_a_notification(data_dir: Path, monkeypatch) -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        real = os.open

        def read_only(path, flags, mode=0o777, *args, **kwargs):  # noqa: ANN001, ANN202
            if flags & os.O_CREAT and Path(os.fsdecode(path)).is_relative_to(data_dir):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))
            return real(path, flags, mode, *args, **kwargs)

        monkeypatch.setattr(os, "open", read_only)
        await add_note(pilot, "nowhere")
        said = messages(pilot)
        assert any(m.startswith("Note not saved") and "read-only" in m for m in said), said
        await give_up_on_the_note(pilot, "nowhere")
        await still_answers(pilot)
