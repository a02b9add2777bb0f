"""Snapshot tests of the layout: library, reader, filtered reader, 80x24.

Update with `pytest tests/test_snapshots.py --snapshot-update` after a deliberate change,
and look at the report before committing the new SVGs.
"""

from __future__ import annotations

from reader_helpers import seed_app, wait_for_article, wait_for_library
from textual.pilot import Pilot

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
