"""Find many source quotes in one long text in one pass.

Looking for each quote with `in` costs a scan of the text per quote: 2,000 quotes
at the end of a 19 MB article is 38 GB of scanning. Instead, one pass over the
text's words records where the words that sit inside some quote occur; each quote
is then checked only where its rarest inner word occurs (one `startswith` each).

Any occurrence of a quote of three or more words holds its inner words as whole
words of the text (they have a space on both sides), so the positions of one of
them are a complete list of the places the quote can start. Quotes of one or two
words, and quotes whose every inner word is very common, are searched for
directly, within a budget of passes over the text; a quote left over when the
budget is spent is reported as not checked (None), never as found.

Texts here are whitespace-normalised: single spaces, no leading or trailing space.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from itertools import accumulate

# Characters of text split into words at a time (bounds the memory of the pass).
WINDOW = 1 << 20
# A quote with more candidate places than this is searched for directly instead.
MAX_CANDIDATES = 20_000
# Candidate places checked for all quotes together.
CHECK_BUDGET = 4_000_000
# Direct searches may read the text this many times over, plus DIRECT_MIN characters, in all.
DIRECT_PASSES = 64
DIRECT_MIN = 64 << 20


_SPACE = re.compile(r"\s")


def normalise_space(text: str) -> str:
    """`" ".join(text.split())`, a window at a time: splitting a 16 MB paragraph whole makes
    2.7 million word strings at once (about 150 MB); cut at whitespace, the pieces join to
    the same text."""
    if len(text) <= WINDOW:
        return " ".join(text.split())
    parts: list[str] = []
    start, n = 0, len(text)
    while start < n:
        space = _SPACE.search(text, min(start + WINDOW, n))
        end = space.start() if space else n
        part = " ".join(text[start:end].split())
        if part:
            parts.append(part)
        start = end
    return " ".join(parts)


_NONE: array[int] = array("q")


def first_offsets(text: str, quotes: Iterable[str]) -> dict[str, int | None]:
    """For each normalised quote, its first offset in normalised `text`, -1 when it does not
    occur, or None when the limits above did not allow to look for it."""
    out: dict[str, int | None] = {}
    direct: list[str] = []
    long_quotes: list[tuple[str, list[str]]] = []
    inner: set[str] = set()
    for quote in set(quotes):
        words = quote.split(" ")
        if len(words) < 3:
            direct.append(quote)
            continue
        long_quotes.append((quote, words))
        inner.update(words[1:-1])
    windows = _present(text, inner) if inner else []
    spread: dict[str, int] = dict.fromkeys(inner, 0)  # in how many windows each word occurs
    for _, _, present in windows:
        for word in present:
            spread[word] += 1
    # Each quote is looked for where its rarest inner word is (the longest, among equals).
    rank = {word: (count, -len(word)) for word, count in spread.items()}
    plans: list[tuple[str, str, int]] = []
    for quote, words in long_quotes:
        anchor = min(words[1:-1], key=rank.__getitem__)
        if spread[anchor] == 0:
            out[quote] = -1
            continue
        i = words.index(anchor, 1)
        plans.append((quote, anchor, sum(map(len, words[:i])) + i))
    positions = _word_positions(text, windows, {anchor for _, anchor, _ in plans})
    budget = CHECK_BUDGET
    for quote, anchor, anchor_at in plans:
        best = positions.get(anchor, _NONE)
        if len(best) > MAX_CANDIDATES or len(best) > budget:
            direct.append(quote)
            continue
        out[quote] = -1
        for checked, pos in enumerate(best, 1):
            start = pos - anchor_at
            if start >= 0 and text.startswith(quote, start):
                out[quote] = start
                budget -= checked
                break
        else:
            budget -= len(best)
    scan_budget = DIRECT_PASSES * len(text) + DIRECT_MIN
    for quote in direct:
        if scan_budget <= 0:
            out[quote] = None
            continue
        where = text.find(quote)
        scan_budget -= len(text) if where < 0 else where + len(quote)
        out[quote] = where
    return out


def _present(text: str, words: set[str]) -> list[tuple[int, int, set[str]]]:
    """(start, end, which of `words` occur) for successive pieces of `text` cut at spaces."""
    out: list[tuple[int, int, set[str]]] = []
    n = len(text)
    start = 0
    while start < n:
        end = min(start + WINDOW, n)
        if end < n:
            cut = text.rfind(" ", start, end)
            if cut <= start:
                cut = text.find(" ", end)
            end = n if cut == -1 else cut
        out.append((start, end, words.intersection(text[start:end].split(" "))))
        start = end + 1
    return out


def _word_positions(
    text: str, windows: list[tuple[int, int, set[str]]], words: set[str]
) -> dict[str, array[int]]:
    """Offsets in `text` of every whole-word occurrence of `words`, ascending; only the
    pieces that hold one of them are split again."""
    positions: dict[str, array[int]] = {}
    for start, end, present in windows:
        if present.isdisjoint(words):
            continue
        piece = text[start:end].split(" ")
        hits = [i for i, w in enumerate(piece) if w in words]
        lengths = list(accumulate(map(len, piece), initial=0))
        for i in hits:
            found = positions.get(piece[i])
            if found is None:
                found = positions[piece[i]] = array("q")
            if len(found) <= MAX_CANDIDATES:
                found.append(start + lengths[i] + i)
    return positions


__all__ = ["first_offsets", "normalise_space"]
