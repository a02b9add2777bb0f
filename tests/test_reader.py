"""Pilot tests of the reader: every key a user presses, and what they see change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED_BUNDLE
from reader_helpers import reader, seed, seed_app, wait_for_article, wait_for_library
from textual.widgets import DataTable, Input

from briefing_tui.bundle.reader import read_bundle
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_view import ArticleView
from briefing_tui.ui.widgets.country_list import CountryList
from briefing_tui.ui.widgets.fact_list import FactList

N = len(seed().facts)


def in_view(article: ArticleView) -> bool:
    line = article.highlight_line
    assert line is not None
    return article.scroll_y <= line < article.scroll_y + article.scrollable_content_region.height


async def test_library_lists_the_seed_and_enter_opens_it() -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_library(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert "critical minerals" in str(table.get_row_at(0)[0])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_library_shows_a_broken_bundle_with_its_error(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = seed_copy.parent / "broken"
    broken.mkdir()
    (broken / "briefing.md").write_text("no front matter\n", "utf-8")
    monkeypatch.setenv("BRIEFING_CONTENT_PATH", str(broken.parent))
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_library(pilot)
        table = app.screen.query_one(DataTable)
        rows = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert any("broken" in r for r in rows)
        table.move_cursor(row=next(i for i, r in enumerate(rows) if "broken" in r))
        await pilot.press("enter")
        assert isinstance(app.screen, LibraryScreen)  # refused, with a notification
        assert any(str(broken) in n.message for n in app._notifications)


async def test_opens_on_first_fact_with_its_sentence_lit() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        screen = reader(pilot)
        assert screen.query_one(FactList).border_title == f"Facts 1/{N}"
        first = screen.facts[0]
        assert screen.fact_id == first.id
        assert article.highlight_text == first.source
        assert in_view(article)


async def test_n_twice_selects_the_third_fact_and_scrolls_the_article_to_it() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("n", "n")
        third = screen.facts[2]
        assert screen.fact_id == third.id
        assert screen.query_one(FactList).border_title == f"Facts 3/{N}"
        assert screen.query_one(FactList).highlighted == 2
        assert article.highlight_text == third.source
        assert in_view(article)
        # A fact far down the article scrolls it.
        await pilot.press("G")
        assert screen.fact_id == screen.facts[-1].id
        assert article.scroll_y > 0 and in_view(article)
        assert screen.query_one(FactList).border_title == f"Facts {N}/{N}"
        await pilot.press("p")
        assert screen.fact_id == screen.facts[-2].id
        await pilot.press("g")
        assert screen.fact_id == screen.facts[0].id
        assert in_view(article)


async def test_notes_pane_follows_the_selected_fact() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("n")
        assert screen.query_one("#notes").border_title == f"Notes · {screen.facts[1].id}"


async def test_j_and_k_move_within_the_focused_list() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("j", "j", "j")
        assert screen.fact_id == screen.facts[3].id
        await pilot.press("k")
        assert screen.fact_id == screen.facts[2].id
        await pilot.press("down")
        assert screen.fact_id == screen.facts[3].id


async def test_country_filter_narrows_the_facts_and_escape_clears_it() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("c")
        countries = screen.query_one(CountryList)
        assert screen.focused is countries
        japan = [c.code for c in countries.countries].index("JP")
        countries.highlighted = japan
        await pilot.press("enter")
        japanese = [f for f in screen.facts if "JP" in f.countries]
        assert 0 < len(japanese) < N
        assert screen.query_one(FactList).border_title == f"Facts · Japan 1/{len(japanese)}"
        assert [f.id for f in screen.query_one(FactList).facts] == [f.id for f in japanese]
        await pilot.press("n")
        assert screen.fact_id == japanese[1].id
        assert screen.query_one(FactList).border_title == f"Facts · Japan 2/{len(japanese)}"
        await pilot.press("escape")
        assert screen.country == ""
        position = [f.id for f in screen.facts].index(japanese[1].id) + 1
        assert screen.query_one(FactList).border_title == f"Facts {position}/{N}"  # same fact, all facts


async def test_search_highlights_matches_and_n_steps_through_them() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("slash")
        search = screen.query_one("#search", Input)
        assert search.display and screen.focused is search
        await pilot.press(*"rare earth")
        assert article.match_count >= 4
        hits = [f.id for f in screen.facts if "rare earth" in (f.statement + f.source).lower()]
        assert screen.search_hits == set(hits) and hits
        await pilot.press("enter")
        assert screen.focused is article
        first = article.match_index
        await pilot.press("n")
        assert article.match_index == (first + 1) % article.match_count
        await pilot.press("p")
        assert article.match_index == first
        fact_before = screen.fact_id
        await pilot.press("escape")
        assert not search.display and article.match_count == 0
        await pilot.press("n")
        assert screen.fact_id != fact_before  # n walks facts again


async def test_tab_moves_between_panes() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        order = []
        for _ in range(4):
            order.append(screen.focused.id if screen.focused else None)
            await pilot.press("tab")
        assert order == ["facts", "article", "notes", "countries"]
        await pilot.press("shift+tab")
        assert screen.focused.id == "countries"


async def test_help_screen_lists_the_keys() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        table = pilot.app.screen.query_one(DataTable)
        actions = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"Next fact", "Prev fact", "Countries", "Search", "Help"} <= actions
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_command_palette_goes_to_a_fact_and_filters_by_country() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"two-horse")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.fact_id == "helberg-two-horse-race"
        await pilot.press("ctrl+p")
        await pilot.press(*"Filter by country: Japan")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.country == "JP"


async def test_q_quits() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_reading_position_is_remembered_between_runs() -> None:
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("n", "n", "n", "n")
        expected = reader(pilot).fact_id
    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        assert reader(pilot).fact_id == expected
        assert reader(pilot).query_one(FactList).border_title == f"Facts 5/{N}"


async def test_80x24_folds_the_country_sidebar_and_c_brings_it_back() -> None:
    async with seed_app().run_test(size=(80, 24)) as pilot:
        article = await wait_for_article(pilot)
        screen = reader(pilot)
        countries = screen.query_one(CountryList)
        assert not countries.display or countries.region.width == 0
        assert article.region.width >= 40
        await pilot.press("c")
        assert countries.display and countries.region.width > 0
        await pilot.press("escape")
        assert screen.focused.id == "facts"


async def test_tiny_terminal_and_resize_storm_do_not_crash() -> None:
    async with seed_app().run_test(size=(40, 12)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("n", "n")
        for size in [(120, 36), (20, 5), (80, 24), (200, 60), (40, 12)] * 4:
            await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.press("n")
        assert reader(pilot).fact_id == reader(pilot).facts[3].id


async def test_i_shows_the_people_and_organisations_of_the_briefing() -> None:
    from textual.widgets import Static

    from briefing_tui.ui.screens.info import InfoScreen

    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("i")
        assert isinstance(pilot.app.screen, InfoScreen)
        text = str(pilot.app.screen.query_one("#info-text", Static).render())
        assert "Jacob Helberg — Undersecretary of State for Economic Affairs" in text
        assert "International Energy Agency" in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_a_stale_highlight_message_does_not_move_the_selection_back() -> None:
    """Keys faster than the messages they cause once made the selection bounce for ever."""
    from textual.widgets import OptionList

    async with seed_app().run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        facts = screen.query_one(FactList)
        await pilot.press("n", "n", "n")
        assert screen.fact_id == screen.facts[3].id
        stale = OptionList.OptionHighlighted(facts, facts.get_option_at_index(1), 1)
        facts.post_message(stale)  # left over from the first n
        await pilot.pause()
        assert screen.fact_id == screen.facts[3].id
        assert facts.highlighted == 3


async def test_briefing_open_makes_the_library_only_when_the_reader_is_left() -> None:
    """Under `briefing open` the library (its screen and its bundle scan) would compete with
    the first frame: it is made when the reader is left, its cursor on the briefing just read."""
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        assert not any(isinstance(s, LibraryScreen) for s in app.screen_stack)
        await pilot.press("escape")
        library = await wait_for_library(pilot)
        assert app.screen is library and len(app.screen_stack) == 2
        assert [e.id for e in library.entries] == ["us-allies-critical-minerals"]
        assert library.query_one(DataTable).cursor_row == 0
        await pilot.press("enter")
        await wait_for_article(pilot)
        await pilot.press("escape")
        assert app.screen is library


@pytest.mark.parametrize("opened", ["us-allies-critical-minerals", "second-briefing"])
async def test_the_library_made_after_briefing_open_has_its_cursor_on_the_briefing_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: str
) -> None:
    content = tmp_path / "content"
    shutil.copytree(SEED_BUNDLE, content / SEED_BUNDLE.name)
    md = content / "second" / "briefing.md"
    shutil.copytree(SEED_BUNDLE, md.parent)
    md.write_text(md.read_text("utf-8").replace("id: us-allies-critical-minerals", "id: second-briefing")
                  .replace("title: ", "title: Second copy of ", 1), "utf-8")
    monkeypatch.setenv("BRIEFING_CONTENT_PATH", str(content))
    folder = md.parent if opened == "second-briefing" else content / SEED_BUNDLE.name
    app = BriefingApp(open_bundle=read_bundle(folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("escape")
        library = await wait_for_library(pilot)
        assert len(library.entries) == 2
        assert library.entries[library.query_one(DataTable).cursor_row].id == opened
