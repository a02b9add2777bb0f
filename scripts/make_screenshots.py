"""Remake the README's screenshots: `python scripts/make_screenshots.py`.

Runs the real app headless on the shipped seed at 120x36 and saves SVGs into
screenshots/. Uses a throwaway data dir so your own notes never show up.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
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


def main() -> int:
    os.environ["BRIEFING_DATA_DIR"] = tempfile.mkdtemp(prefix="briefing-shots-")
    os.environ.setdefault("BRIEFING_FLAGS", "0")
    sys.path.insert(0, str(ROOT))
    asyncio.run(shoot())
    for name in ("library.svg", "reader.svg", "reader-filtered.svg"):
        print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
