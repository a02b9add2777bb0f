"""Calendar arithmetic and tense for dates written without a year or relative to "now".

Every relative or year-less expression ("Friday", "in September", "the third quarter")
names one of several candidate spans of time around the published date. Which one is
meant depends on the sentence: "said on Tuesday" is the Tuesday before, "will meet in
September" the next September, and with no tense to go on the nearest one wins.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "future"] | None

# A cue is a word that places the clause in the future or the past. At one position the
# future alternatives are tried first, so "scheduled" and "expected to" count as future.
_CUES = re.compile(
    r"\b(?:(?P<future>will|shall|would|'ll|scheduled|slated|due|upcoming|expect(?:s|ed)?\s+to"
    r"|plan(?:s|ned)?\s+(?:to|for)|going\s+to|(?:is|are)\s+to|next|coming|set\s+to"
    r"|intends?\s+to|aims?\s+to|hopes?\s+to|begins?|starts?|later|must|should)"
    r"|(?P<past>said|told|was|were|had|did|ago|last|earlier|since|met|went|came|saw|took|made"
    r"|gave|left|held|began|won|lost|fell|rose|sold|bought|paid|spent|found|became|got|ran"
    r"|wrote|struck|broke|spoke|chose|drove|flew|grew|knew|shot|stood|thought|brought|sent"
    r"|(?!(?:ne|exce|proce|succe|spe|inde|fe|se|bre|ble|we|de|he)ed\b)[a-z]{2,}ed))\b"
)
_PASSIVE = re.compile(r"\b(?:be|been|being)\s+$")
_CLAUSE_END = re.compile(r"[.;:!?]\s")


def tense(text: str, start: int, end: int) -> Tense:
    """The tense of the clause holding text[start:end], judged by the cue nearest to it.

    Cues to the left win (they govern the date: "will meet on Friday"); a date opening
    its clause looks to the right instead ("On Friday, the board will vote").
    """
    left = text[max(0, start - 100) : start]
    parts = _CLAUSE_END.split(left)
    left = parts[-1]
    for cue in reversed(list(_CUES.finditer(left))):
        if cue["past"] and _PASSIVE.search(left, 0, cue.start()):
            continue  # "will be named": a participle, not the past
        return "future" if cue["future"] else "past"
    right = re.split(r"[.;:!?]", text[end : end + 100])[0]
    first = _CUES.search(right)
    if first is not None:
        return "future" if first["future"] else "past"
    return None


def pick(
    candidates: list[tuple[date, date, str]], published: date, when: Tense
) -> str:
    """The value of one candidate span (first day, last day, value) chosen by tense.

    Past: the latest that has begun by the published date. Future: the earliest that has
    not ended before it. No tense: the nearest (a span holding the date is nearest of
    all); a tie goes to the past, as news mostly reports what happened.
    """
    ordered = sorted(candidates)
    if when == "past":
        begun = [c for c in ordered if c[0] <= published]
        return (begun[-1] if begun else ordered[0])[2]
    if when == "future":
        open_ = [c for c in ordered if c[1] >= published]
        return (open_[0] if open_ else ordered[-1])[2]

    def distance(c: tuple[date, date, str]) -> tuple[int, int]:
        if c[0] <= published <= c[1]:
            return (0, 0)
        if c[1] < published:
            return ((published - c[1]).days, 0)
        return (2 * (c[0] - published).days, 1)  # the future must be twice as near

    return min(ordered, key=distance)[2]


def month_span(year: int, month: int) -> tuple[date, date]:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date(year, month, 1), nxt - timedelta(days=1)


def year_less(month: int, day: int | None, published: date, when: Tense) -> str | None:
    """"12 December" or "September" as an ISO date of the year the tense points to."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        if day is None:
            first, last = month_span(year, month)
            candidates.append((first, last, f"{year:04d}-{month:02d}"))
            continue
        try:
            d = date(year, month, day)
        except ValueError:  # 29 February in a year without one
            continue
        candidates.append((d, d, d.isoformat()))
    return pick(candidates, published, when) if candidates else None


def weekday(index: int, published: date, when: Tense, modifier: str = "") -> str:
    """The day named by a weekday (0 = Monday) near the published date.

    "last Friday" is the one before the published day, "next Friday" the one after,
    "this Friday" the one in the same week; otherwise the tense decides.
    """
    offset = (index - published.weekday()) % 7
    after = published + timedelta(days=offset)  # on or after the published day
    before = after - timedelta(days=7) if offset else after  # on or before it
    if modifier == "last":
        return (before if before < published else before - timedelta(days=7)).isoformat()
    if modifier == "next":
        return (after if after > published else after + timedelta(days=7)).isoformat()
    if modifier == "this":
        return (published + timedelta(days=index - published.weekday())).isoformat()
    spans = [(d, d, d.isoformat()) for d in {before, after}]
    return pick(spans, published, when)


def shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, n: int) -> tuple[int, int]:
    k = year * 4 + (quarter - 1) + n
    return k // 4, k % 4 + 1


def part_of_year(kind: str, n: int, published: date, when: Tense) -> str:
    """A quarter (kind "Q", n 1-4) or half (kind "H", n 1-2) whose year is not written.

    Reports speak of a quarter that has begun ("third-quarter profit" in October is this
    year's); the future tense takes the first one not yet over.
    """
    size = 3 if kind == "Q" else 6
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        first, _ = month_span(year, (n - 1) * size + 1)
        _, last = month_span(year, n * size)
        candidates.append((first, last, f"{year:04d}-{kind}{n}"))
    return pick(candidates, published, "future" if when == "future" else "past")


SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season(code: str, published: date, when: Tense, modifier: str = "") -> str:
    """A season without a year: "last summer", "this winter", "in the spring"."""
    candidates = []
    for year in (published.year - 2, published.year - 1, published.year, published.year + 1):
        first_month = _SEASON_START[code]
        first, _ = month_span(year, first_month)
        end_year, end_month = shift_month(year, first_month, 2)
        _, last = month_span(end_year, end_month)
        candidates.append((first, last, f"{year:04d}-{code}"))
    candidates.sort()
    if modifier == "last":
        return [c for c in candidates if c[1] < published][-1][2]
    if modifier == "next":
        return next(c for c in candidates if c[0] > published)[2]
    if modifier == "this":
        return next(c for c in candidates if c[1] >= published)[2]
    return pick(candidates, published, when)
