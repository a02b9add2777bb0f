"""Pilot tests of the views across briefings: library search (`/`), the dossier (`D`), the
timeline (`t` in the reader and the library), and the library's sort, filter, delete and counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from corpus_helpers import make_library
from reader_helpers import reader, wait_for_article, wait_for_library
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from briefing_tui.corpus.index import Hit
from briefing_tui.corpus.trash import trashed
from briefing_tui.model import Target
from briefing_tui.store import AnnotationStore
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.confirm import ConfirmScreen
from briefing_tui.ui.screens.corpus_search import SearchScreen
from briefing_tui.ui.screens.dossier import DossierScreen
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.timeline import TimelineScreen


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_library(tmp_path, monkeypatch)


async def until(pilot: Pilot, test: Callable[[], object], tries: int = 200) -> None:
    for _ in range(tries):
        if test():
            return
        await pilot.pause(0.02)
    assert test()


async def search(pilot: Pilot, text: str) -> SearchScreen:
    await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await until(pilot, lambda: screen.shown_query is not None)
    for ch in text:
        await pilot.press("space" if ch == " " else ch)
    await until(pilot, lambda: screen.shown_query == text)
    return screen


async def test_library_title_counts_and_sort(library: Path) -> None:
    AnnotationStore().add("grain-corridor", Target("country", country="UA"), "watch")
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        lib = await wait_for_library(pilot)
        table = lib.query_one(DataTable)
        assert str(table.border_title) == "Briefings · 3 · 1 notes · by date"
        assert [e.id for e in lib.entries] == ["harbour-deal", "lithium-talks", "grain-corridor"]
        await pilot.press("s")  # by title
        assert [e.id for e in lib.entries] == ["grain-corridor", "harbour-deal", "lithium-talks"]
        await pilot.press("s", "s", "s")  # source, facts, notes
        assert lib.entries[0].id == "grain-corridor"


async def test_library_filters_as_you_type_and_keeps_the_cursor(library: Path) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        lib = await wait_for_library(pilot)
        await pilot.press("f", "l", "i", "t")
        await until(pilot, lambda: len(lib.entries) == 1)
        assert [e.id for e in lib.entries] == ["lithium-talks"]
        assert "1 of 3" in str(lib.query_one(DataTable).border_title)
        await pilot.press("enter", "enter")
        await wait_for_article(pilot)
        assert reader(pilot).briefing.id == "lithium-talks"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and lib.entries != [])
        table = lib.query_one(DataTable)
        assert lib.entries[table.cursor_row].id == "lithium-talks"


async def test_search_enter_opens_the_reader_at_the_fact(library: Path) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_library(pilot)
        screen = await search(pilot, "first ships")
        kinds = [(h.bundle_id, h.kind, h.ref) for h in screen.hits]
        assert ("harbour-deal", "fact", "first-ships") in kinds
        at = kinds.index(("harbour-deal", "fact", "first-ships"))
        await pilot.press("down")
        hits = screen.query_one(OptionList)
        hits.highlighted = at
        await pilot.press("enter")
        await wait_for_article(pilot)
        await until(pilot, lambda: reader(pilot).fact_id == "first-ships")


async def test_search_enter_on_an_article_hit_lights_the_sentence(library: Path) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_library(pilot)
        screen = await search(pilot, "cyclone")
        at = next(i for i, h in enumerate(screen.hits) if h.kind == "article")
        await pilot.press("down")
        screen.query_one(OptionList).highlighted = at
        await pilot.press("enter")
        article = await wait_for_article(pilot)
        await until(pilot, lambda: bool(getattr(article, "_passage", None)) or article.has_focus)
        assert reader(pilot).briefing.id == "harbour-deal"
        assert article.has_focus


async def test_search_no_hits_and_escape(library: Path) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_library(pilot)
        screen = await search(pilot, "zqx")
        assert screen.hits == []
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_search_survives_an_index_deleted_while_open(library: Path) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_library(pilot)
        screen = await search(pilot, "harbour")
        assert screen.hits
        assert screen.index is not None
        screen.index.path.write_bytes(b"garbage" * 1000)
        screen.index.close()
        screen.run_query("lithium")
        await until(pilot, lambda: screen.shown_query == "lithium")
        assert {h.bundle_id for h in screen.hits} == {"lithium-talks"}


async def test_timeline_from_the_library_and_country_filter(library: Path) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await until(pilot, lambda: screen.timeline is not None)
        assert screen.timeline is not None and len(screen.timeline.entries) == 6
        await pilot.press("c", "u", "a", "enter")
        await until(pilot, lambda: screen.timeline is not None and screen.timeline.country == "UA")
        assert [e.fact_id for e in screen.timeline.entries] == ["corridor-open"]
        await pilot.press("enter")
        await wait_for_article(pilot)
        assert reader(pilot).briefing.id == "grain-corridor"


async def test_timeline_in_the_reader_selects_the_fact(library: Path) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        lib = await wait_for_library(pilot)
        lib.query_one(DataTable).move_cursor(row=0)
        await pilot.press("enter")
        await wait_for_article(pilot)
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await until(pilot, lambda: screen.timeline is not None)
        assert screen.timeline is not None
        assert [e.fact_id for e in screen.timeline.unresolved] == ["cyclone-delay"]
        await pilot.press("j", "enter")
        await until(pilot, lambda: app.screen is not screen)
        assert reader(pilot).fact_id == screen.timeline.entries[1].fact_id


async def test_dossier_from_the_country_list(library: Path) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        lib = await wait_for_library(pilot)
        lib.query_one(DataTable).move_cursor(row=1)  # lithium-talks: CL, JP
        await pilot.press("enter")
        await wait_for_article(pilot)
        await pilot.press("c")
        await pilot.press("D")
        screen = app.screen
        assert isinstance(screen, DossierScreen)
        await until(pilot, lambda: screen.dossier is not None)
        assert screen.dossier is not None and screen.dossier.code == "CL"
        await pilot.press("j", "enter")
        await wait_for_article(pilot)
        await until(pilot, lambda: reader(pilot).fact_id == "talks-paused")


async def test_delete_asks_then_moves_to_trash(library: Path) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        lib = await wait_for_library(pilot)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert (library / "harbour-deal").is_dir()
        await pilot.press("delete", "y")
        await until(pilot, lambda: len(lib.entries) == 2)
        assert [t.bundle for t in trashed()] == ["harbour-deal"]


async def test_the_seed_cannot_be_deleted() -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        lib = await wait_for_library(pilot)
        await pilot.press("delete")
        assert isinstance(app.screen, LibraryScreen)
        assert lib.entries and trashed() == []


async def test_a_slow_older_query_never_replaces_newer_results(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing runs one query per key in threads: the answer to an older, slower query that
    arrives last is dropped, so the results always match the words in the box."""
    import time

    from briefing_tui.corpus.index import Index

    real = Index.search

    def slow_for_harbour(self: Index, text: str, **kw: object) -> list[Hit]:
        if text == "harbour":
            time.sleep(0.4)
        return real(self, text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Index, "search", slow_for_harbour)
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_library(pilot)
        screen = await search(pilot, "")
        screen.run_query("harbour")
        await pilot.pause(0.05)
        screen.run_query("lithium")
        await until(pilot, lambda: screen.shown_query == "lithium")
        await pilot.pause(0.6)  # the harbour answer has come back by now
        assert screen.shown_query == "lithium"
        assert {h.bundle_id for h in screen.hits} == {"lithium-talks"}


async def test_hits_below_the_first_screen_follow(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list lays out what fits first; the other hits are added after that frame."""
    from briefing_tui.corpus.index import Index

    real = Index.search

    def many(self: Index, text: str, **kw: object) -> list[Hit]:
        found = real(self, text, **kw)  # type: ignore[arg-type]
        return [replace(found[0], snippet=f"{found[0].snippet} {i}") for i in range(40)] if found else []

    monkeypatch.setattr(Index, "search", many)
    app = BriefingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        screen = await search(pilot, "cyclone")
        hits = screen.query_one(OptionList)
        await until(pilot, lambda: hits.option_count == 40)
        await pilot.press("down", "end")
        assert hits.highlighted == 39
        await pilot.press("enter")
        await wait_for_article(pilot)
        assert reader(pilot).briefing.id == "harbour-deal"


async def test_a_bundle_edited_while_the_app_runs_shows_after_reload(library: Path) -> None:
    """The library and the search read the edited bundle after `r`; the old words are gone."""
    import os

    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        lib = await wait_for_library(pilot)
        assert "Lithium talks stall in Santiago" in [e.briefing.title for e in lib.entries if e.briefing]
        md = library / "lithium-talks" / "briefing.md"
        text = md.read_text(encoding="utf-8")
        md.write_text(text.replace("Santiago", "Valparaiso") + "\nA spring round is planned.\n",
                      encoding="utf-8")
        os.utime(md, ns=(3, 3))  # a different mtime, whatever the clock's resolution
        await pilot.press("r")
        await until(pilot, lambda: "Lithium talks stall in Valparaiso"
                    in [e.briefing.title for e in lib.entries if e.briefing])
        table = lib.query_one(DataTable)
        assert any("Valparaiso" in str(table.get_row_at(i)[0]) for i in range(table.row_count))
        screen = await search(pilot, "valparaiso")
        assert [(h.bundle_id, h.kind) for h in screen.hits] == [("lithium-talks", "title")]
        screen.run_query("santiago")
        await until(pilot, lambda: screen.shown_query == "santiago")
        assert screen.hits == []
        screen.run_query("spring")
        await until(pilot, lambda: screen.shown_query == "spring")
        assert [(h.bundle_id, h.kind) for h in screen.hits] == [("lithium-talks", "article")]
