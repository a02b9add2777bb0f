"""Helpers for Pilot tests of the reader: start the app on the seed and wait for the article."""

from __future__ import annotations

from conftest import SEED_BUNDLE
from textual.pilot import Pilot

from briefing_tui.bundle.reader import read_bundle
from briefing_tui.model import Briefing
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_view import ArticleView


def seed() -> Briefing:
    return read_bundle(SEED_BUNDLE)


def seed_app() -> BriefingApp:
    return BriefingApp(open_bundle=seed())


async def wait_for_article(pilot: Pilot) -> ArticleView:
    """The article lays out in a worker; tests look at it only once it is done."""
    article = pilot.app.screen.query_one(ArticleView)
    for _ in range(200):
        if article.loaded:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    assert article.loaded
    return article


async def wait_for_library(pilot: Pilot) -> LibraryScreen:
    """The library scans bundles in a worker; tests look at it once the rows are in."""
    library = next(s for s in reversed(pilot.app.screen_stack) if isinstance(s, LibraryScreen))
    for _ in range(100):
        if library.entries:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    return library


def reader(pilot: Pilot) -> ReaderScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen
