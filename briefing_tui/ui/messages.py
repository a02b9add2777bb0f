"""What the reader's panes tell the screen, and its worker tells the reader and the app: one
vocabulary, so the screen never filters `OptionList` events by widget id and each pane keeps
its own guards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen

from ..bundle.errors import BundleError
from ..model import Briefing

if TYPE_CHECKING:
    from .screens.reader_search import FactMatcher


class FactSelected(Message):
    """The facts pane moved to a fact (stale highlights already filtered out by the pane)."""

    def __init__(self, fact_id: str) -> None:
        super().__init__()
        self.fact_id = fact_id


class CountryHighlighted(Message):
    """The cursor of the country sidebar is on a country (its notes show below)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class CountryChosen(Message):
    """Enter (or a click) on a country: narrow the facts to it, or clear that filter."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class BundleChecked(Message):
    """The reader's worker read and checked the whole bundle: its facts and countries are in,
    with their search matcher, folded in the worker."""

    def __init__(self, briefing: Briefing, matcher: FactMatcher) -> None:
        super().__init__()
        self.briefing = briefing
        self.matcher = matcher


class BundleRefused(Message):
    """The reader's worker found the bundle unusable; the app closes the reader and says why."""

    def __init__(self, reader: Screen[Any], error: BundleError) -> None:
        super().__init__()
        self.reader = reader
        self.error = error
