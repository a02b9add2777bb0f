"""Command palette entries of the reader: "Go to fact ..." and "Filter by country ..."."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from . import screen_text
from .widgets.country_list import country_label

if TYPE_CHECKING:
    from .screens.reader import ReaderScreen


def highlighted(matcher: Matcher, title: str) -> Content:
    """The title as plain Content with the matched letters styled.

    Textual's `Matcher.highlight` reads its argument as markup, and `escape()` leaves a tag with
    a leading space (`[ @click=...]`) alone: bundle text would become a live action there."""
    shown = screen_text.content(title)
    _, offsets = matcher.fuzzy_search.match(matcher.query, shown.plain)
    for offset in offsets:
        if not shown.plain[offset].isspace():
            shown = shown.stylize(matcher.match_style, offset, offset + 1)
    return shown


class ReaderCommands(Provider):
    """Titles and help are Content built from plain strings: bundle text is never markup."""

    def _entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = cast("ReaderScreen", self.screen)  # this provider is the reader's own
        entries: list[tuple[str, str, Callable[[], object]]] = []
        for fact in screen.facts:
            value = f" ({fact.value.display()})" if fact.value else ""
            title = screen_text.plain(f"Go to fact: {fact.statement}{value}")
            entries.append((title, screen_text.plain(f"{fact.kind} · {fact.id}"),
                            partial(screen.go_to_fact, fact.id)))
        for c in screen.briefing.countries:
            title = screen_text.plain(f"Filter by country: {country_label(c)}")
            entries.append((title, screen_text.plain(c.role), partial(screen.filter_by_country, c.code)))
        return entries

    # `help` is typed `str`, but Textual passes a Content through untouched, where a str would be
    # read as markup: hence the two `type: ignore[arg-type]` below.
    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(screen_text.content(title), callback, help=screen_text.content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, title),
                    callback,
                    text=title,
                    help=screen_text.content(help_text),  # type: ignore[arg-type]
                )
