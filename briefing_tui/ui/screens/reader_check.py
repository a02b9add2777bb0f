"""A large bundle's facts, read and checked while the reader already shows its article.

Reading and checking 50,000 facts, or 1,500 quotes at the end of a 19 MB article, takes one
to two seconds; the article alone (`bundle.reader.read_article`) a tenth of that. So the
reader opens on the article and this worker runs `read_bundle` off the UI thread: the
reader takes the facts and countries when they are checked (`BundleChecked`), and the app
closes the reader and says why when they are not (`BundleRefused`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...bundle.errors import BundleError
from ...bundle.reader import read_bundle
from ...model import Briefing
from ..messages import BundleChecked, BundleRefused
from ..widgets.fact_list import FactList
from . import reader_notes, reader_search

if TYPE_CHECKING:
    from .reader import ReaderScreen


def start(screen: ReaderScreen, folder: Path) -> None:
    """Read and check the bundle at `folder` in a thread; the answer comes as a message."""

    def check() -> None:
        try:
            briefing = read_bundle(folder)
        except BundleError as exc:
            screen.post_message(BundleRefused(screen, exc))
        else:  # the facts' text folded for search here, not on the first search's key
            matcher = reader_search.FactMatcher(briefing.facts_in_article_order())
            matcher.fold()
            screen.post_message(BundleChecked(briefing, matcher))

    screen.run_worker(check, name="check the bundle", group="check", thread=True, exclusive=True)


def take(screen: ReaderScreen, briefing: Briefing, matcher: reader_search.FactMatcher) -> None:
    """The checked bundle's facts and countries into the reader's panes; the focus stays
    where the user put it while they were read (in the search box, say)."""
    screen.checking = None
    screen.use_briefing(briefing, matcher)
    screen.search_hits = screen.match_facts(screen.search_query) if screen.search_query else set()
    reader_notes.reload(screen)
    screen.fill_lists(focus=isinstance(screen.focused, FactList))
