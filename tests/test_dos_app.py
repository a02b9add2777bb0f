"""The reader with thousands of facts (issue 16, item 7): the facts pane holds a window of them,
marks are redrawn only where they changed, and the search waits for a pause in typing.

Before: the pane measured every fact on each search keystroke and on opening (8-10 s with
50,000 facts). The full-size figures are in `bench/dos_bench.py`.
"""

from __future__ import annotations

from reader_helpers import reader
from textual.pilot import Pilot
from textual.widgets import Input

from briefing_tui.model import Briefing, Fact
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.screens.reader_search import SEARCH_PAUSE_FACTS, SEARCH_PAUSE_S
from briefing_tui.ui.widgets.fact_list import MARGIN, WHOLE_LIST, WINDOW, FactList

COUNT = 3 * WHOLE_LIST


def _many_facts(count: int = COUNT) -> Briefing:
    """`count` facts, each quoting its own sentence; every tenth mentions cobalt."""
    metals = ["cobalt"] + ["nickel"] * 9
    sentences = [f"Sentence {k} is about {metals[k % 10]} supply." for k in range(count)]
    facts = tuple(Fact(f"f{k}", "claim", f"Statement {k}: {s}", s) for k, s in enumerate(sentences))
    return Briefing("many", "Many facts", "\n\n".join(sentences), facts=facts)


async def _open(pilot: Pilot) -> tuple[ReaderScreen, FactList]:
    for _ in range(500):
        current = pilot.app.screen
        if isinstance(current, ReaderScreen) and current.fact_id:
            break
        await pilot.pause(0.01)
    screen = reader(pilot)
    return screen, screen.query_one(FactList)


def _marked(facts: FactList) -> list[str]:
    """Ids of the facts the list shows with a search mark."""
    return [
        str(facts.get_option_at_index(i).id)
        for i in range(facts.option_count)
        if "⌕" in str(facts.get_option_at_index(i).prompt)
    ]


async def test_a_long_list_holds_a_window_and_end_and_home_reach_the_ends() -> None:
    app = BriefingApp(open_bundle=_many_facts())
    async with app.run_test(size=(120, 36)) as pilot:
        screen, facts = await _open(pilot)
        assert facts.option_count == WINDOW
        assert facts.border_title is not None and f"1/{COUNT}" in str(facts.border_title)
        await pilot.press("end")
        assert screen.fact_id == f"f{COUNT - 1}"
        assert facts.highlighted_fact_id == f"f{COUNT - 1}"
        assert f"{COUNT}/{COUNT}" in str(facts.border_title)
        assert facts.option_count == WINDOW
        await pilot.press("home")
        assert screen.fact_id == "f0" and facts.highlighted == 0
        await pilot.press("k")  # up from the first wraps to the last, as in any OptionList
        assert screen.fact_id == f"f{COUNT - 1}"


async def test_moving_past_the_window_edge_moves_the_window() -> None:
    app = BriefingApp(open_bundle=_many_facts())
    async with app.run_test(size=(120, 36)) as pilot:
        screen, facts = await _open(pilot)
        edge = facts.window_start + facts.option_count - 1
        screen.fact_id = f"f{edge}"
        await pilot.pause()
        await pilot.press("j")
        assert screen.fact_id == f"f{edge + 1}" == facts.highlighted_fact_id
        assert facts.window_start <= edge + 1 - MARGIN
        for _ in range(3):
            await pilot.press("n")
        assert screen.fact_id == f"f{edge + 4}" == facts.highlighted_fact_id
        await pilot.press("G")
        assert screen.fact_id == f"f{COUNT - 1}" == facts.highlighted_fact_id


async def test_search_marks_show_in_the_window_and_follow_it() -> None:
    app = BriefingApp(open_bundle=_many_facts())
    async with app.run_test(size=(120, 36)) as pilot:
        screen, facts = await _open(pilot)
        screen.search_query = "cobalt"
        await pilot.pause()
        assert len(screen.search_hits) == COUNT // 10
        window = range(facts.window_start, facts.window_start + facts.option_count)
        assert _marked(facts) == [f"f{k}" for k in window if k % 10 == 0]
        await pilot.press("end")  # a new window, drawn with the marks of the search
        assert _marked(facts)[-1] == f"f{COUNT - 10}"
        screen.search_query = ""
        await pilot.pause()
        assert _marked(facts) == []


async def test_typing_on_narrows_the_fact_search_and_gives_the_same_hits() -> None:
    app = BriefingApp(open_bundle=_many_facts(200))
    async with app.run_test(size=(120, 36)) as pilot:
        screen, _ = await _open(pilot)
        for query in ("co", "cob", "cobalt", "sentence 1", "sentence 12", "nickel", "statement 3"):
            screen.search_query = query
            await pilot.pause()
            expected = {
                f.id for f in screen.facts if query in f.statement.casefold() or query in f.source.casefold()
            }
            assert screen.search_hits == expected, query


async def test_a_huge_briefing_searches_once_typing_pauses() -> None:
    assert COUNT > SEARCH_PAUSE_FACTS
    app = BriefingApp(open_bundle=_many_facts())
    async with app.run_test(size=(120, 36)) as pilot:
        screen, _ = await _open(pilot)
        await pilot.press("slash", "c", "o", "b")
        search = screen.query_one("#search", Input)
        assert search.value == "cob"  # each key shows at once
        assert screen.search_query == ""  # the search waits for a pause
        await pilot.pause(SEARCH_PAUSE_S * 3)
        assert screen.search_query == "cob"
        assert len(screen.search_hits) == COUNT // 10
        await pilot.press("escape")
        await pilot.pause(SEARCH_PAUSE_S * 3)
        assert screen.search_query == "" and not search.display


async def test_escape_before_the_pause_ends_the_search_for_good() -> None:
    app = BriefingApp(open_bundle=_many_facts())
    async with app.run_test(size=(120, 36)) as pilot:
        screen, _ = await _open(pilot)
        await pilot.press("slash", "c", "o", "escape")
        await pilot.pause(SEARCH_PAUSE_S * 3)
        assert screen.search_query == ""
        assert not screen.query_one("#search", Input).display
