"""Find a noted passage again after the article has been edited.

A passage note keeps the W3C TextQuote + TextPosition pair (`Anchor`): the
exact text, ~32 characters either side, and the old offset. Offsets alone break
on the first edit above the passage and quotes alone are ambiguous when the
same words occur twice, so `locate` uses all three: exact occurrences ranked by
how much of their context still matches and by closeness to the old offset,
then a fuzzy alignment of prefix + exact + suffix when the words themselves
changed. None means the passage is gone: the note is orphaned, never dropped.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple

from briefing_tui.model import Anchor

CONTEXT = 32
# How alike the recovered text must be to the noted text to count as the same passage.
MIN_SIMILARITY = 0.6


def make_anchor(body: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """The anchor for `body[start:end]`, with up to `context` characters either side."""
    if not 0 <= start < end <= len(body):
        raise ValueError(f"bad passage range {start}:{end} for a body of {len(body)} characters")
    return Anchor(
        exact=body[start:end],
        prefix=body[max(0, start - context) : start],
        suffix=body[end : end + context],
        start=start,
    )


def locate(body: str, anchor: Anchor) -> tuple[int, int] | None:
    """Where the anchored passage is in `body` now, as (start, end); None if it is gone."""
    if not anchor.exact:
        return None
    exact = _locate_exact(body, anchor)
    if exact is not None:
        return exact
    return _locate_fuzzy(body, anchor)


def _locate_exact(body: str, anchor: Anchor) -> tuple[int, int] | None:
    size = len(anchor.exact)
    starts = []
    i = body.find(anchor.exact)
    while i >= 0:
        starts.append(i)
        i = body.find(anchor.exact, i + 1)
    if not starts:
        return None

    def rank(s: int) -> tuple[int, int]:
        before = body[max(0, s - len(anchor.prefix)) : s]
        after = body[s + size : s + size + len(anchor.suffix)]
        context = _common_suffix(before, anchor.prefix) + _common_prefix(after, anchor.suffix)
        return (-context, abs(s - anchor.start))

    best = min(starts, key=rank)
    return best, best + size


class _Candidate(NamedTuple):
    score: float
    start: int
    end: int


def _locate_fuzzy(body: str, anchor: Anchor) -> tuple[int, int] | None:
    """Align prefix+exact+suffix with the body near where it most likely is now."""
    needle = anchor.prefix + anchor.exact + anchor.suffix
    lo, hi = len(anchor.prefix), len(anchor.prefix) + len(anchor.exact)
    # Where could the needle start? Where its longest run of unchanged text says,
    # and where it used to be.
    hints = [anchor.start - len(anchor.prefix)]
    matcher = SequenceMatcher(None, body, needle, autojunk=False)
    longest = matcher.find_longest_match(0, len(body), 0, len(needle))
    if longest.size:
        hints.insert(0, longest.a - longest.b)

    slack = max(16, len(needle) // 2)
    best: _Candidate | None = None
    for hint in hints:
        w0 = max(0, hint - slack)
        w1 = min(len(body), hint + len(needle) + slack)
        if w0 >= w1:
            continue
        candidate = _align(body, w0, w1, needle, lo, hi, anchor.exact)
        if candidate and (best is None or candidate.score > best.score):
            best = candidate
    if best is None or best.score < MIN_SIMILARITY:
        return None
    return best.start, best.end


def _align(body: str, w0: int, w1: int, needle: str, lo: int, hi: int, exact: str) -> _Candidate | None:
    """Map needle[lo:hi] into body[w0:w1] through the matching blocks of the two."""
    window = body[w0:w1]
    blocks = [
        b for b in SequenceMatcher(None, window, needle, autojunk=False).get_matching_blocks() if b.size
    ]
    if not blocks:
        return None
    start = end = None
    for b in blocks:  # start: inside a block, else the end of the last block before it
        if b.b <= lo < b.b + b.size:
            start = b.a + (lo - b.b)
            break
        if b.b + b.size <= lo:
            start = b.a + b.size
    for b in reversed(blocks):  # end: inside a block, else the start of the first block after
        if b.b < hi <= b.b + b.size:
            end = b.a + (hi - b.b)
            break
        if b.b >= hi:
            end = b.a
    start = 0 if start is None else start
    end = len(window) if end is None else end
    # Trim whitespace the alignment swept in at the edges.
    while start < end and window[start].isspace() and not exact[:1].isspace():
        start += 1
    while end > start and window[end - 1].isspace() and not exact[-1:].isspace():
        end -= 1
    if end <= start:
        return None
    score = SequenceMatcher(None, window[start:end], exact, autojunk=False).ratio()
    return _Candidate(score, w0 + start, w0 + end)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n
