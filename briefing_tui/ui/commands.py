"""Command palette entries of the reader: "Go to fact ..." and "Filter by country ..."."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from ..sanitize import clean
from .widgets.country_list import country_label

if TYPE_CHECKING:
    from .screens.reader import ReaderScreen


class ReaderCommands(Provider):
    """Titles are plain Content: bundle text must never be read as markup."""

    def _entries(self) -> list[tuple[str, str, object]]:
        screen: ReaderScreen = self.screen  # type: ignore[assignment]
        entries: list[tuple[str, str, object]] = []
        for fact in screen.facts:
            value = f" [{fact.value.to_text()}]" if fact.value else ""
            title = f"Go to fact: {clean(fact.statement)}{value}"
            entries.append((title, f"{fact.kind} · {fact.id}", partial(screen.go_to_fact, fact.id)))
        for c in screen.briefing.countries:
            name = country_label(c)
            entries.append(
                (f"Filter by country: {name}", clean(c.role), partial(screen.filter_by_country, c.code))
            )
        return entries

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(Content(title), callback, help=Content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(escape(title))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(title)),
                    callback,
                    text=title,
                    help=Content(help_text),  # type: ignore[arg-type]
                )
