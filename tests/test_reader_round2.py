"""What a new user hit in the reader (issue: a crash, lost places, wrong jumps): each test
failed before its fix."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEED_BUNDLE
from reader_helpers import reader, seed, seed_app, wait_for_article, wait_for_library
from textual.widgets import DataTable, Input, TextArea

from briefing_tui.locations import store_dir
from briefing_tui.reading_state import load_position
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.all_notes import AllNotesScreen
from briefing_tui.ui.screens.confirm import ConfirmScreen
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.fact_list import FactList
from briefing_tui.ui.widgets.notes_pane import NotesPane


async def _note(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, NoteEditor)
    pilot.app.screen.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_passage_note_jumps_to_its_own_occurrence() -> None:
    """Search "rare earth", step to the second hit, note it: N, Enter lights that hit, not the first."""
    async with seed_app().run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("slash", *"rare earth", "enter")
        article.search("rare earth")  # from the top, whatever the scroll
        first = article.current_match_offset()
        await pilot.press("n")
        second = article.current_match_offset()
        assert first is not None and second is not None and second > first
        await pilot.press("a")
        await _note(pilot, "the second one")
        await pilot.press("escape")  # end the search
        screen.go_to_fact(screen.facts[0].id)
        await pilot.press("N")
        assert isinstance(pilot.app.screen, AllNotesScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        assert article._highlight is not None and article._highlight[0] == second


async def test_the_scroll_position_is_saved_and_restored() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        article.scroll_to(y=9, animate=False, immediate=True)
        await pilot.pause()
        fact = reader(pilot).fact_id
    position = load_position(reader_id := "us-allies-critical-minerals")
    assert position.scroll_y == 9 and position.fact_id == fact, reader_id
    async with seed_app().run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        await pilot.pause()
        assert round(article.scroll_y) == 9


async def test_j_and_k_move_in_the_notes_pane() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        for text in ("one", "two", "three"):
            await pilot.press("a")
            await _note(pilot, text)
        pane = screen.query_one(NotesPane)
        pane.focus()
        pane.highlighted = 0
        await pilot.press("j", "j")
        assert pane.highlighted == 2
        await pilot.press("k")
        assert pane.highlighted == 1


async def test_a_with_no_fact_shown_opens_no_editor() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        screen.country = "IQ"  # a filter that leaves no fact
        await pilot.pause()
        assert screen.visible_facts == []
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        assert any("No fact selected" in n.message for n in pilot.app._notifications)


async def test_escape_goes_back_one_level_and_the_library_keeps_its_cursor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "more" / "second-briefing"
    shutil.copytree(SEED_BUNDLE, extra)
    md = extra / "briefing.md"
    md.write_text(md.read_text("utf-8").replace("id: us-allies-critical-minerals", "id: second-briefing")
                  .replace("title: ", "title: Second copy of ", 1), "utf-8")
    monkeypatch.setenv("BRIEFING_CONTENT_PATH", str(extra.parent))
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        library = await wait_for_library(pilot)
        assert len(library.entries) == 2
        table = library.query_one(DataTable)
        await pilot.press("j", "enter")
        await pilot.pause()
        screen = reader(pilot)
        opened = screen.briefing.id
        screen.query_one(NotesPane).focus()
        await pilot.press("escape")
        assert pilot.app.screen is screen and screen.focused is screen.query_one(FactList)
        await pilot.press("escape")
        await wait_for_library(pilot)
        await pilot.pause(0.2)
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert library.entries[table.cursor_row].id == opened


async def test_editing_a_note_puts_the_cursor_at_the_end() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("a")
        await _note(pilot, "first line\nsecond")
        screen.query_one(NotesPane).focus()
        await pilot.press("e")
        await pilot.pause()
        area = pilot.app.screen.query_one(TextArea)
        assert area.cursor_location == area.document.end == (1, 6)


async def test_the_delete_question_cuts_a_long_note_at_a_word() -> None:
    long = "The IEA counts guarantees as credit support " * 8
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("a")
        await _note(pilot, long)
        screen.query_one(NotesPane).focus()
        await pilot.press("d")
        await pilot.pause()
        confirm = pilot.app.screen
        assert isinstance(confirm, ConfirmScreen)
        preview = confirm.question.split("\n\n", 1)[1]
        assert preview.endswith("…")
        assert long.startswith(preview[:-1].rstrip())  # whole words only
        assert preview[:-1].rstrip().split()[-1] in long.split()


async def test_the_theme_is_remembered_between_runs() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        pilot.app.theme = "nord"
        await pilot.pause(0.1)
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        assert pilot.app.theme == "nord"


async def test_search_says_match_k_of_n_and_n_reaches_the_matching_facts() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("slash", *"rare earth", "enter")
        await pilot.pause()
        total = article.match_count
        search = screen.query_one("#search", Input)
        assert str(search.border_title).startswith(f"Match {(article.match_index or 0) + 1}/{total}")
        shown = {b.binding.description for b in screen.active_bindings.values()
                 if screen.check_action(b.binding.action, ()) is True}
        assert "Next match" in shown and "Next fact" not in shown
        assert "match" in str(screen.query_one(FactList).border_title)
        reached = set()
        for _ in range(total):
            await pilot.press("n")
            reached.add(screen.fact_id)
            assert str(search.border_title).startswith(f"Match {(article.match_index or 0) + 1}/{total}")
        assert reached & screen.search_hits
        await pilot.press("escape")
        shown = {b.binding.description for b in screen.active_bindings.values()
                 if screen.check_action(b.binding.action, ()) is True}
        assert "Next fact" in shown and "Next match" not in shown


async def test_a_corrupt_notes_file_is_reported_when_the_reader_opens() -> None:
    folder = store_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "us-allies-critical-minerals.json").write_text("{not json", "utf-8")
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.pause()
        messages = [n.message for n in pilot.app._notifications]
        assert any("corrupt" in m and "started a new one" in m for m in messages), messages


def _screen_text(app) -> str:
    """What the terminal shows, as plain text (from the SVG screenshot)."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")


@pytest.mark.parametrize("size", [(120, 36), (200, 50)])
async def test_a_wrapped_fact_is_shown_whole_beside_a_scrollbar(size: tuple[int, int]) -> None:
    async with seed_app().run_test(size=size) as pilot:
        await wait_for_article(pilot)
        await pilot.pause()
        facts = reader(pilot).query_one(FactList)
        assert facts.max_scroll_y > 0  # the pane has its scrollbar
        shown = _screen_text(pilot.app)
        assert "semiconductors." in shown


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 50)])
@pytest.mark.parametrize("pane", ["#facts", "#notes", "#countries", "#article"])
async def test_the_footer_never_cuts_a_key_hint(size: tuple[int, int], pane: str) -> None:
    from textual.widgets import Footer

    async with seed_app().run_test(size=size) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        if pane == "#countries":
            await pilot.press("c")
        else:
            screen.query_one(pane).focus()
        await pilot.pause(0.2)
        footer = screen.query_one(Footer)
        line = " ".join(footer.render_line(0).text.split())
        shown = [b.binding for b in screen.active_bindings.values() if b.binding.show]
        assert {"Quit", "Help"} <= {b.description for b in shown}
        for binding in shown:
            assert binding.description in _screen_text(pilot.app) or binding.description in line, (
                binding.description, line)


async def test_the_panes_take_their_colours_from_the_theme() -> None:
    """Kind colours and marks are theme variables: switching theme recolours the facts pane."""
    import re

    def kind_fill(svg: str) -> str:
        (cls,) = set(re.findall(r'class="(terminal-[^"]+)"[^>]*>■', svg))
        found = re.search(rf"\.{cls} \{{ fill: (#[0-9a-f]+)", svg)
        assert found is not None
        return found.group(1)

    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        fills = []
        for theme in ("textual-dark", "nord", "gruvbox"):
            pilot.app.theme = theme
            await pilot.pause(0.1)
            fills.append(kind_fill(pilot.app.export_screenshot()))
        assert len(set(fills)) == 3, fills


async def test_a_country_with_no_facts_shows_where_the_article_names_it() -> None:
    from briefing_tui.model import Country

    briefing = seed()
    # A country the article names in passing, with no fact about it.
    extra = Country("BR", "Brazil", "Named once.")
    body = briefing.body + "\n\nBrazil was not invited to the talks.\n"
    briefing = replace(briefing, body=body, countries=(*briefing.countries, extra))
    app = BriefingApp(open_bundle=briefing)
    async with app.run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        screen = reader(pilot)
        screen.filter_by_country("BR")
        await pilot.pause()
        assert screen.visible_facts == []
        match = article.current_match()
        assert article.match_count == 1 and match is not None and match[0] == "Brazil"
        assert any("No fact names Brazil" in n.message for n in pilot.app._notifications)
        await pilot.press("escape")  # ends the mentions search
        await pilot.press("escape")  # then the filter
        assert screen.country == "" and article.match_count == 0


@pytest.mark.parametrize("width", [80, 120])
async def test_the_library_footer_never_cuts_a_key_hint(width: int) -> None:
    app = BriefingApp()
    async with app.run_test(size=(width, 30)) as pilot:
        library = await wait_for_library(pilot)
        await pilot.pause(0.2)
        shown = [b.binding for b in library.active_bindings.values() if b.binding.show]
        assert {"Quit", "Help", "Search all"} <= {b.description for b in shown}
        text = _screen_text(pilot.app)
        for binding in shown:
            assert binding.description in text, binding.description
