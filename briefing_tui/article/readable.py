"""The reader's text as the validator holds source quotes against it, without parsing a
long body when that is not needed.

Quotes are first looked for in the raw body (normalised, see `matcher.normalise`), all in
one pass (`quote_index`). A raw hit counts only where the raw body is sure to read as
the reader's text: inside runs of lines (between blank lines) that hold no character
Markdown could hide or change (a backslash, backticks, `*`, `_`, `~`, brackets, `<`, `|`,
an entity such as `&amp;`, control characters) and no line that starts like a block
marker (`#`, `>`, `-`, `+`, `=`, `:`, `1.`). Such a run reads as itself, as a paragraph
or as code. Any other quote makes the body be parsed into the reader's text
(`blocks.reader_text`), once, chunk by chunk: the validator accepts exactly the quotes
that `matcher.find_quote` finds in the view.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from ..sanitize import has_unsafe
from .blocks import reader_text
from .matcher import normalise, offsets_in, quote_forms
from .quote_index import first_offsets, normalise_space
from .source import may_nest_deeply

__all__ = ["ReadableText"]

_RUN = re.compile(r"\n(?:[ \t]*\n)+")
_RUN_MARKUP = re.compile(
    r"[\\`*_~\[\]<|]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_MARKER = r"[ \t]*(?:[#>=+:-]|\d{1,9}[.)])"
_FIRST_LINE_MARKER = re.compile(_MARKER)
_LINE_MARKER = re.compile(r"\n" + _MARKER)


class ReadableText:
    """The article body as a reader sees it, for finding source quotes.

    `parsed` is the reader's text when the caller built it already (the bundle reader
    does for a body that may nest deeply).
    """

    def __init__(self, body: str, parsed: str | None = None) -> None:
        self._body = body
        self._text = normalise(parsed) if parsed is not None else None
        self._raw: str | None = None
        self._plain: list[tuple[int, int]] | None = None  # spans of the raw text a hit may trust
        # Offsets in the normalised raw body of the quotes located so far, keyed by the
        # whitespace-normalised quote: the facts' article order comes from them.
        self.raw_offsets: dict[str, int | None] = {}

    def locate(self, quotes: Iterable[str]) -> dict[str, bool | None]:
        """Whether each quote occurs: True, False, or None when it could not be looked for
        within the limits of `quote_index` (an article that repeats its words endlessly)."""
        quotes = list(dict.fromkeys(quotes))
        forms = {q: quote_forms(q) for q in quotes}
        if self._raw is None:
            self._raw = normalise(self._body)
        raw = first_offsets(self._raw, {f for fs in forms.values() for f in fs})
        trust = not may_nest_deeply(self._body)
        out: dict[str, bool | None] = {}
        missing: list[str] = []
        for quote, fs in forms.items():
            hits = [(at, f) for f in fs if (at := raw[f]) is not None and at >= 0]
            self.raw_offsets[" ".join(quote.split())] = min(hits)[0] if hits else -1
            if trust and any(self._plain_at(at, at + len(f)) for at, f in hits):
                out[quote] = True
            else:
                missing.append(quote)
        if missing:
            if self._text is None:
                self._text = normalise(reader_text(self._body))
            scale = len(self._raw) / max(len(self._text), 1)
            for quote, at in offsets_in(self._text, missing).items():
                out[quote] = None if at is None else at >= 0
                key = " ".join(quote.split())
                if at is not None and at >= 0 and self.raw_offsets.get(key, -1) == -1:
                    # Found only in the reader's text (markup or a cleaned control in the way):
                    # its place in the raw body, in proportion, is good enough to order facts.
                    self.raw_offsets[key] = int(at * scale)
        return out

    def __contains__(self, quote: object) -> bool:
        return isinstance(quote, str) and self.locate([quote])[quote] is True

    def _plain_at(self, start: int, end: int) -> bool:
        """Whether `raw[start:end]` lies within one stretch of plain runs."""
        if self._plain is None:
            self._plain = _plain_spans(self._body)
        i = bisect_right(self._plain, (start, len(self._raw or ""))) - 1
        return i >= 0 and self._plain[i][0] <= start and end <= self._plain[i][1]


def _plain_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) in `normalise(body)` of each stretch of consecutive plain runs."""
    spans: list[tuple[int, int]] = []
    pos = 0
    joined = False  # the previous run was plain
    for run in _RUN.split(body):
        # The length `normalise(run)` would have: folding quotes keeps the length.
        width = len(normalise_space(run))
        if not width:
            continue
        plain = not (
            _RUN_MARKUP.search(run)
            or _FIRST_LINE_MARKER.match(run)
            or _LINE_MARKER.search(run)
            or has_unsafe(run)
        )
        if plain and joined:
            spans[-1] = (spans[-1][0], pos + width)
        elif plain:
            spans.append((pos, pos + width))
        joined = plain
        pos += width + 1
    return spans
