"""Snapshot tests of the layout: library, reader, filtered reader, 80x24.

Update with `pytest tests/test_snapshots.py --snapshot-update` after a deliberate change,
and look at the report before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from reader_helpers import seed_app, wait_for_article, wait_for_library
from textual.pilot import Pilot
from textual.screen import Screen

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.widgets.country_list import CountryList


async def _library_ready(pilot: Pilot) -> None:
    await wait_for_library(pilot)


async def _reader_ready(pilot: Pilot) -> None:
    await wait_for_article(pilot)
    await pilot.press("n", "n")
    await pilot.pause()


async def _filtered(pilot: Pilot) -> None:
    await wait_for_article(pilot)
    await pilot.press("c")
    countries = pilot.app.screen.query_one(CountryList)
    countries.highlighted = [c.code for c in countries.countries].index("JP")
    await pilot.press("enter")
    pilot.app.clear_notifications()
    await pilot.pause()


def test_library(snap_compare) -> None:
    assert snap_compare(BriefingApp(), terminal_size=(120, 36), run_before=_library_ready)


def test_reader(snap_compare) -> None:
    assert snap_compare(seed_app(), terminal_size=(120, 36), run_before=_reader_ready)


def test_reader_filtered_by_japan(snap_compare) -> None:
    assert snap_compare(seed_app(), terminal_size=(120, 36), run_before=_filtered)


def test_reader_80x24(snap_compare) -> None:
    assert snap_compare(seed_app(), terminal_size=(80, 24), run_before=_reader_ready)


async def _reader_in_nord(pilot: Pilot) -> None:
    pilot.app.theme = "nord"
    await _reader_ready(pilot)


def test_reader_in_a_second_theme(snap_compare) -> None:
    """The facts, notes and countries panes take their colours from the theme."""
    assert snap_compare(seed_app(), terminal_size=(120, 36), run_before=_reader_in_nord)


# --- across briefings: search results, a dossier, the timeline (issue 13) ------------------

CORPUS_SIZES = [(120, 36), (80, 24)]


def _corpus_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus_helpers import make_library

    from briefing_tui.model import Target
    from briefing_tui.store import AnnotationStore

    make_library(tmp_path, monkeypatch)
    store = AnnotationStore()
    store.add("harbour-deal", Target("fact", fact_id="first-ships"), "Which ships, and from which port?")
    store.add("lithium-talks", Target("country", country="JP"), "Japan is the buyer in both deals.")


async def _screen_ready(pilot: Pilot, screen: Screen[Any], ready: Callable[[], bool]) -> None:
    await wait_for_library(pilot)
    await pilot.app.push_screen(screen)
    for _ in range(300):
        if ready():
            break
        await pilot.pause(0.02)
    assert ready()
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", CORPUS_SIZES, ids=["120x36", "80x24"])
def test_search_results(snap_compare, size: tuple[int, int], tmp_path: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_tui.ui.screens.corpus_search import SearchScreen

    _corpus_library(tmp_path, monkeypatch)
    screen = SearchScreen("japan")

    async def ready(pilot: Pilot) -> None:
        await _screen_ready(pilot, screen, lambda: screen.shown_query == "japan")
        await pilot.press("down", "down")  # the cursor on the second hit

    assert snap_compare(BriefingApp(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", CORPUS_SIZES, ids=["120x36", "80x24"])
def test_country_dossier(snap_compare, size: tuple[int, int], tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_tui.ui.screens.dossier import DossierScreen

    _corpus_library(tmp_path, monkeypatch)
    screen = DossierScreen("JP")

    async def ready(pilot: Pilot) -> None:
        await _screen_ready(pilot, screen, lambda: screen.dossier is not None)
        await pilot.press("j")

    assert snap_compare(BriefingApp(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", CORPUS_SIZES, ids=["120x36", "80x24"])
def test_timeline_of_every_briefing(snap_compare, size: tuple[int, int], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_tui.ui.screens.timeline import TimelineScreen

    _corpus_library(tmp_path, monkeypatch)
    screen = TimelineScreen(today=date(2025, 12, 1))  # a fixed today: the mark stays put

    async def ready(pilot: Pilot) -> None:
        await _screen_ready(pilot, screen, lambda: screen.timeline is not None)
        await pilot.press("j")

    assert snap_compare(BriefingApp(), terminal_size=size, run_before=ready)
