"""Mouse use in every pane: double clicks, right clicks and drags never crash the reader.

A double click once exited the app (`ArticleView.query` hid Textual's `query()`, which a
double click calls to select text)."""

from __future__ import annotations

import pytest
from reader_helpers import reader, seed_app, wait_for_article

from briefing_tui.ui.screens.reader import ReaderScreen

PANES = ["#facts", "#article", "#countries", "#notes"]


@pytest.mark.parametrize("pane", PANES)
async def test_double_right_click_and_drag_in_each_pane(pane: str) -> None:
    app = seed_app()
    async with app.run_test(size=(130, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.click(pane, offset=(4, 3), times=2)
        await pilot.pause()
        await pilot.click(pane, offset=(6, 4), times=3)
        await pilot.pause()
        await pilot.click(pane, offset=(5, 2), button=3)
        await pilot.pause()
        await pilot.mouse_down(pane, offset=(2, 1))
        await pilot.hover(pane, offset=(12, 5))
        await pilot.mouse_up(pane, offset=(12, 5))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.screen is screen and isinstance(screen, ReaderScreen)


async def test_double_click_on_a_word_of_the_article_keeps_the_reader() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        await pilot.double_click(article, offset=(10, 2))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ReaderScreen)
        await pilot.press("n")  # and it still answers keys
        await pilot.pause()
        assert reader(pilot).fact_id
