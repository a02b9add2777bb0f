"""What the reader's panes tell the screen: one vocabulary, so the screen never filters
`OptionList` events by widget id and each pane keeps its own guards."""

from __future__ import annotations

from textual.message import Message


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
