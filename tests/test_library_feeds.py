"""The library and feeds: new briefings marked until opened, their feed shown, and `u` updating
every feed in a worker with progress (a local server on 127.0.0.1, no network)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from http_fixture import PARAGRAPHS, LocalServer, Route, article_html, serve
from reader_helpers import wait_for_library
from textual.widgets import DataTable, ProgressBar, Static

from briefing_tui import sources
from briefing_tui.extract.importer import import_source
from briefing_tui.feeds.state import Feed, save_feeds
from briefing_tui.locations import bundles_dir
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.feed_update import FeedUpdateScreen
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen


@pytest.fixture
def http_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    yield from serve(monkeypatch)


async def _until_finished(pilot, screen: FeedUpdateScreen) -> None:  # type: ignore[no-untyped-def]
    """The feed update runs in a worker (a child process): wait up to 30 s for it to end."""
    for _ in range(600):
        if screen.finished:
            return
        await pilot.pause(0.05)


def _row_titles(library: LibraryScreen) -> dict[str, str]:
    table = library.query_one(DataTable)
    return {e.id: table.get_row_at(i)[0].plain for i, e in enumerate(library.entries)}


async def _select(pilot, library: LibraryScreen, bundle_id: str) -> None:  # type: ignore[no-untyped-def]
    row = [e.id for e in library.entries].index(bundle_id)
    library.query_one(DataTable).move_cursor(row=row)
    await pilot.pause()


async def test_a_new_briefing_is_marked_until_opened_and_shows_its_feed(http_server: LocalServer) -> None:
    http_server.routes["/a.html"] = Route(article_html("Fresh story about the pact"))
    outcome = import_source(http_server.url("/a.html"), bundles_dir(), feed="morning-wire")
    bundle_id = outcome.bundle_id
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        library = await wait_for_library(pilot)
        titles = _row_titles(library)
        assert titles[bundle_id].startswith("● Fresh story")
        assert not any(t.startswith("●") for k, t in titles.items() if k != bundle_id)  # shipped ones
        await _select(pilot, library, bundle_id)
        detail = str(library.query_one("#library-detail", Static).render())
        assert "from feed morning-wire" in detail and "new" in detail
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("escape")
        library = await wait_for_library(pilot)
        for _ in range(50):
            await pilot.pause(0.02)
            if not _row_titles(library)[bundle_id].startswith("●"):
                break
        assert not _row_titles(library)[bundle_id].startswith("●")
    assert not sources.load()[bundle_id].unread


async def test_u_updates_every_feed_with_progress(http_server: LocalServer) -> None:
    for n in (1, 2):
        http_server.routes[f"/s{n}.html"] = Route(article_html(f"Wire story {n} about the pact",
                                                               (f"Story {n}.", *PARAGRAPHS)))
    items = "".join(
        f"<item><title>Wire story {n} about the pact</title><link>{http_server.url(f'/s{n}.html')}</link>"
        f"<guid>g{n}</guid></item>" for n in (1, 2))
    http_server.routes["/rss.xml"] = Route(
        f"<rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>".encode(),
        content_type="application/rss+xml")
    save_feeds([Feed("wire", http_server.url("/rss.xml"), "Wire")])
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        library = await wait_for_library(pilot)
        before = len(library.entries)
        await pilot.press("u")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FeedUpdateScreen)
        await _until_finished(pilot, screen)
        assert screen.finished
        assert screen.lines == ["wire: 2 new, 0 updated"]
        bar = screen.query_one(ProgressBar)
        assert bar.total == 1 and bar.progress == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is library
        for _ in range(100):
            if len(library.entries) == before + 2:
                break
            await pilot.pause(0.02)
        titles = _row_titles(library)
        assert sum(t.startswith("● Wire story") for t in titles.values()) == 2


async def test_u_with_no_feeds_says_how_to_add_one() -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_library(pilot)
        await pilot.press("u")
        screen = app.screen
        assert isinstance(screen, FeedUpdateScreen)
        await _until_finished(pilot, screen)
        assert any("no feeds yet" in line for line in screen.lines)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
