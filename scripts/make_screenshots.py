"""Remake the README's screenshots: `python scripts/make_screenshots.py`.

Runs the real app headless on the shipped seed at 120x36 and saves SVGs into
screenshots/: the library, the reader (plain and filtered by Japan), library search, the
dossier of Japan and the timeline. Uses a throwaway data and cache dir so your own notes and
briefings never show up.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
SEED = ROOT / "content" / "us-allies-critical-minerals"


async def shoot() -> None:
    from briefing_tui.bundle.reader import read_bundle
    from briefing_tui.ui.app import BriefingApp
    from briefing_tui.ui.widgets.article_view import ArticleView
    from briefing_tui.ui.widgets.country_list import CountryList

    OUT.mkdir(exist_ok=True)
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(100):
            if getattr(app.screen, "entries", None):
                break
            await pilot.pause(0.05)
        app.save_screenshot("library.svg", str(OUT))
    app = BriefingApp(open_bundle=read_bundle(SEED))
    async with app.run_test(size=(120, 36)) as pilot:
        article = app.screen.query_one(ArticleView)
        while not article.loaded:
            await pilot.pause(0.05)
        await pilot.press("n", "n")
        await pilot.pause(0.2)
        app.save_screenshot("reader.svg", str(OUT))
        await pilot.press("c")
        countries = app.screen.query_one(CountryList)
        countries.highlighted = [c.code for c in countries.countries].index("JP")
        await pilot.press("enter")
        app.clear_notifications()
        await pilot.pause(0.2)
        app.save_screenshot("reader-filtered.svg", str(OUT))
    await shoot_across_briefings()


async def shoot_across_briefings() -> None:
    """Library search, a country dossier and the timeline, on what the library holds."""
    from textual.pilot import Pilot

    from briefing_tui.ui.app import BriefingApp
    from briefing_tui.ui.screens.corpus_search import SearchScreen
    from briefing_tui.ui.screens.dossier import DossierScreen
    from briefing_tui.ui.screens.timeline import TimelineScreen

    async def until(pilot: Pilot[None], test: Callable[[], bool]) -> None:
        for _ in range(400):
            if test():
                break
            await pilot.pause(0.05)
        pilot.app.clear_notifications()
        await pilot.pause(0.2)

    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: bool(getattr(app.screen, "entries", None)))
        search = SearchScreen("rare earth")
        await app.push_screen(search)
        await until(pilot, lambda: search.shown_query == "rare earth")
        await pilot.press("down")
        await pilot.pause(0.2)
        app.save_screenshot("search.svg", str(OUT))
        await pilot.press("escape", "escape")
        dossier = DossierScreen("JP")
        await app.push_screen(dossier)
        await until(pilot, lambda: dossier.dossier is not None)
        app.save_screenshot("dossier.svg", str(OUT))
        await pilot.press("escape")
        timeline = TimelineScreen()
        await app.push_screen(timeline)
        await until(pilot, lambda: timeline.timeline is not None)
        app.save_screenshot("timeline.svg", str(OUT))


def main() -> int:
    os.environ["BRIEFING_DATA_DIR"] = tempfile.mkdtemp(prefix="briefing-shots-")
    os.environ["BRIEFING_CACHE_DIR"] = tempfile.mkdtemp(prefix="briefing-shots-cache-")
    os.environ.pop("BRIEFING_CONTENT_PATH", None)  # the shipped seed only
    os.environ.setdefault("BRIEFING_FLAGS", "0")
    sys.path.insert(0, str(ROOT))
    asyncio.run(shoot())
    for name in ("library.svg", "reader.svg", "reader-filtered.svg", "search.svg", "dossier.svg",
                 "timeline.svg"):
        print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
