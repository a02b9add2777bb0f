"""Pilot tests of notes leaving the reader: y / Y copy, o opens the source, E edits in
$EDITOR, x exports with the last choice and X asks for format and filters."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from reader_helpers import reader, seed, wait_for_article
from textual.widgets import Input, Select

from briefing_tui.model import Target
from briefing_tui.notes import ExportChoice, load_export_choice
from briefing_tui.store import AnnotationStore
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.confirm import ConfirmScreen
from briefing_tui.ui.screens.export_dialog import ExportDialog

SEED = seed()
URL = "https://example.com/news/minerals"


def app_with_note(url: str = URL, text: str = "My note.") -> tuple[BriefingApp, str]:
    """The seed (with a URL) open in the reader, and a note on its first fact in article order."""
    briefing = replace(SEED, url=url)
    fact = briefing.facts_in_article_order()[0]
    note = AnnotationStore().add(SEED.id, Target("fact", fact_id=fact.id), text, ("money",), "question")
    return BriefingApp(open_bundle=briefing), note.id


def note_text(note_id: str) -> str:
    note = AnnotationStore().get(note_id)
    assert note is not None
    return note.text


def messages(pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


def editor_script(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n", "utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


# --- y / Y: the clipboard ------------------------------------------------------------------


async def test_y_copies_the_selected_fact_as_a_citation() -> None:
    app, _ = app_with_note()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        fact = reader(pilot).briefing.fact(reader(pilot).fact_id)
        assert fact is not None
        await pilot.press("y")
        copied = pilot.app.clipboard
        assert copied.startswith(fact.statement)
        assert "\n\n> The US is reportedly planning to seek agreements with eight allied countries" in copied
        assert copied.endswith(f"— GlobalData, 26 Nov 2025, <{URL}>")
        assert any(m.startswith(f"Copied fact {fact.id} as a citation") for m in messages(pilot))


async def test_Y_copies_the_note_under_the_cursor() -> None:
    app, _ = app_with_note(text="Worth a memo.")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("Y")
        copied = pilot.app.clipboard
        assert copied.startswith("Worth a memo.\n\n") and copied.endswith(f"<{URL}>")
        assert any("Copied the note on fact" in m for m in messages(pilot))


async def test_Y_without_a_note_says_so() -> None:
    async with BriefingApp(open_bundle=SEED).run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("Y")
        assert pilot.app.clipboard == ""
        assert any("No note here to copy" in m for m in messages(pilot))


# --- o: the source link --------------------------------------------------------------------


async def test_o_opens_the_source_after_a_confirmation(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    app, _ = app_with_note()
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("o")
        confirm = pilot.app.screen
        assert isinstance(confirm, ConfirmScreen) and URL in confirm.question
        await pilot.press("n")
        assert opened == []
        await pilot.press("o", "y")
        await pilot.pause()
        assert opened == [URL]


async def test_o_refuses_other_schemes_and_a_missing_url(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    app, _ = app_with_note(url="file:///etc/passwd")
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("o")
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        assert any("only http and https" in m for m in messages(pilot))
    async with BriefingApp(open_bundle=SEED).run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("o")
        assert any("no source URL" in m for m in messages(pilot))
    assert opened == []


# --- E: $EDITOR -----------------------------------------------------------------------------


async def _press_E(app: BriefingApp) -> list[str]:
    """Press E in the reader (the note under the cursor, in $VISUAL or $EDITOR): the messages shown."""
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("E")
        await pilot.pause()
        return messages(pilot)


async def test_E_edits_the_note_in_the_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, 'printf "Added in the editor.\\n" >> "$1"'))
    app, note_id = app_with_note(text="Before.")
    shown = await _press_E(app)
    assert note_text(note_id) == "Before.Added in the editor."
    assert any("Note updated from the editor." in m for m in shown)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('printf "ruined" > "$1"; exit 3', "exited with status 3"),
        (': > "$1"', "left empty"),
        ("true", "No change"),
    ],
)
async def test_E_a_failing_editor_or_an_emptied_file_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, says: str
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, body))
    app, note_id = app_with_note(text="Keep me.")
    shown = await _press_E(app)
    assert note_text(note_id) == "Keep me."
    assert any(says in m for m in shown), shown


async def test_E_with_an_editor_that_does_not_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "/no/such/editor --wait")
    app, note_id = app_with_note(text="Keep me.")
    shown = await _press_E(app)
    assert note_text(note_id) == "Keep me."
    assert any("/no/such/editor" in m for m in shown)


# --- x / X: export ----------------------------------------------------------------------------


def _exported(pilot) -> Path:
    message = [m for m in messages(pilot) if " exported to " in m][-1]
    return Path(message.split(" exported to ", 1)[1])


async def test_x_asks_for_format_and_filters_and_remembers_them() -> None:
    app, _ = app_with_note()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("x")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-format", Select).value == "markdown"
        dialog.query_one("#export-format", Select).value = "w3c"
        dialog.query_one("#export-tag", Input).value = "money"
        await pilot.press("ctrl+s")
        await pilot.pause()
        path = _exported(pilot)
        assert path.suffix == ".jsonld"
        doc = json.loads(path.read_text("utf-8"))
        assert doc["type"] == "AnnotationCollection" and doc["total"] == 1
        assert load_export_choice() == ExportChoice(format="w3c", tag="money")
        await pilot.press("x")  # the last choice is filled in
        assert pilot.app.screen.query_one("#export-format", Select).value == "w3c"
        await pilot.press("escape")
        await pilot.pause(1.1)  # a new second: a new file name
        await pilot.press("x", "enter")  # Enter exports with the last choice
        await pilot.pause()
        assert _exported(pilot).suffix == ".jsonld" and _exported(pilot) != path


async def test_x_refuses_a_bad_country_code_and_stays_open() -> None:
    app, _ = app_with_note()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("x")
        pilot.app.screen.query_one("#export-country", Input).value = "JPN"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportDialog)
        assert any("not a country code" in m for m in messages(pilot))
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ExportDialog)


async def test_x_export_to_a_read_only_data_dir_says_why(data_dir: Path) -> None:
    app, _ = app_with_note()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        exports = data_dir / "exports"
        exports.mkdir(parents=True, exist_ok=True)
        exports.chmod(0o500)
        try:
            await pilot.press("x", "enter")
            await pilot.pause()
        finally:
            exports.chmod(0o700)
        if os.geteuid() != 0:  # root writes anyway
            assert any("cannot write" in m for m in messages(pilot)), messages(pilot)
