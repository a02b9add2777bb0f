"""Searching in the reader: the matches in the article, the facts that hold the query, the
`Match k/n` count, stepping from match to match (selecting the fact whose sentence holds
it), and the mentions of a country no fact names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input

from .. import screen_text
from ..widgets.article_view import ArticleView
from ..widgets.fact_list import FactList

if TYPE_CHECKING:
    from ...model import Fact
    from .reader import ReaderScreen


# In a briefing with more facts or more text than this, the search waits for a pause in typing.
SEARCH_PAUSE_FACTS = 1_000
SEARCH_PAUSE_CHARS = 2_000_000
SEARCH_PAUSE_S = 0.15


def typed(screen: ReaderScreen, value: str) -> None:
    """Search as the query is typed; in a huge briefing, once typing pauses, so that each key
    shows at once rather than after a search of the whole text."""
    if screen.search_timer is not None:
        screen.search_timer.stop()
        screen.search_timer = None
    huge = len(screen.facts) > SEARCH_PAUSE_FACTS or len(screen.briefing.body) > SEARCH_PAUSE_CHARS
    if not value or not huge:
        screen.search_query = value
        return

    def search() -> None:
        screen.search_timer = None
        search_input = screen.query_one("#search", Input)
        if search_input.display and search_input.value.strip() == value:
            screen.search_query = value

    screen.search_timer = screen.set_timer(SEARCH_PAUSE_S, search)


class FactMatcher:
    """Ids of the facts whose statement or source holds a query. Each fact's text is folded
    once (`fold`: at the first search, or ahead in a worker); a query typed on from the last
    one narrows its hits."""

    def __init__(self, facts: list[Fact]) -> None:
        self._facts = facts
        self._folded: list[tuple[str, str]] | None = None
        self._last: tuple[str, list[tuple[str, str]]] = ("", [])

    def fold(self) -> list[tuple[str, str]]:
        """Each fact's id and its statement and source, casefolded (50,000 facts: about 30 ms)."""
        if self._folded is None:
            self._folded = [(f.id, f"{f.statement.casefold()}\n{f.source.casefold()}") for f in self._facts]
        return self._folded

    def __call__(self, query: str) -> set[str]:
        needle = query.casefold()
        folded = self.fold()
        last, last_hits = self._last
        pool = last_hits if last and last in needle else folded
        hits = [(fid, text) for fid, text in pool if needle in text]
        self._last = (needle, hits)
        return {fid for fid, _ in hits}


def show_match_count(screen: ReaderScreen) -> None:
    article = screen.query_one(ArticleView)
    count = article.match_count
    where = f"Match {(article.match_index or 0) + 1}/{count}" if count else "No match"
    facts = len(screen.search_hits)
    screen.query_one("#search", Input).border_title = screen_text.content(
        f"{where} in the article · {facts} fact{'' if facts == 1 else 's'}"
    )


def step_match(screen: ReaderScreen, delta: int) -> None:
    """The next (or previous) match in the article; the fact whose sentence holds it is
    selected in the facts pane, so matching facts are reached as the matches are."""
    article = screen.query_one(ArticleView)
    if delta > 0:
        article.next_match()
    else:
        article.previous_match()
    show_match_count(screen)
    offset = article.current_match_offset()
    if offset is None:
        return
    for fact in screen.visible_facts:
        if fact.id not in screen.search_hits:
            continue
        span = article.find_quote(fact.source)
        if span is not None and span[0] <= offset < span[1]:
            screen.query_one(FactList).select_fact(fact.id)
            screen.fact_id = fact.id
            break


def show_mentions(screen: ReaderScreen, code: str) -> None:
    """A country no fact names: rather than an empty pane, light where the article names it
    (a search for its name: n/p step through the mentions, Escape ends it, then the filter)."""
    name = screen.name_of(code)
    search = screen.query_one("#search", Input)
    search.display = True
    search.value = name
    screen.search_query = name
    count = screen.query_one(ArticleView).match_count
    screen.notify(
        f"No fact names {name}; the article names it {count} time{'' if count == 1 else 's'}, lit "
        "in the article (n / p step through them). Escape ends that, then the filter.",
        timeout=6,
    )
