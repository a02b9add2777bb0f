"""The country sidebar: flag (or code), name, how many facts involve it, and its role."""

from __future__ import annotations

import os

from textual import events, on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...countries import display_name, flag
from ...model import Country
from .. import screen_text
from ..messages import CountryChosen, CountryHighlighted

# Terminals known to draw regional-indicator flags as one glyph.
_FLAG_TERMINALS = {"iTerm.app", "WezTerm", "Apple_Terminal", "vscode", "ghostty"}


# Long roles are cut in the list; the full role is in `briefing show` and the palette.
ROLE_CHARS = 52


def flags_supported() -> bool:
    """Flags only where the terminal draws them; BRIEFING_FLAGS=1/0 overrides the guess."""
    forced = os.environ.get("BRIEFING_FLAGS")
    if forced in ("0", "1"):
        return forced == "1"
    if os.environ.get("TMUX"):
        return False
    return os.environ.get("TERM_PROGRAM", "") in _FLAG_TERMINALS or "kitty" in os.environ.get("TERM", "")


def country_label(country: Country) -> str:
    return screen_text.plain(display_name(country.code, country.name))


def country_prompt(country: Country, count: int, *, with_flag: bool, active: bool) -> Content:
    # Separators end the previous span: Textual drops a space that starts a styled span.
    parts: list[screen_text.Part] = [
        (f"{flag(country.code) if with_flag else country.code} ", "bold $accent"),
        (country_label(country), "bold reverse" if active else "bold"),
        " ",
        (f"· {count}", "dim"),
    ]
    if country.role:
        parts.append(("\n" + screen_text.shorten(country.role, ROLE_CHARS), "italic dim"))
    return screen_text.content(*parts)


class CountryList(OptionList):
    """Enter on a country asks the screen to narrow the facts to it."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="countries.down"),
        Binding("k", "cursor_up", "Up", show=False, id="countries.up"),
        Binding("enter", "select", "Filter", id="countries.filter"),
        Binding("A", "screen.add_country_note", "Note country", id="countries.note"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.countries: list[Country] = []
        self.with_flag = flags_supported()
        self._active = ""

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_id:
            self.post_message(CountryHighlighted(event.option_id))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.post_message(CountryChosen(event.option_id))

    @on(events.Focus)
    def _focused(self) -> None:
        """Enter works at once: the cursor sits on the active country (or the first) on focus."""
        if self.highlighted is None and self.countries:
            codes = [c.code for c in self.countries]
            self.highlighted = codes.index(self._active) if self._active in codes else 0

    def show_countries(self, countries: list[Country], counts: dict[str, int], active: str) -> None:
        current = self.highlighted
        self._active = active
        self.countries = list(countries)
        self.clear_options()
        self.add_options(
            Option(
                country_prompt(c, counts.get(c.code, 0), with_flag=self.with_flag, active=c.code == active),
                id=c.code,
            )
            for c in countries
        )
        if current is not None and current < len(countries):
            self.highlighted = current
