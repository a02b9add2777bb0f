"""Dates and periods in a sentence, resolved to ISO 8601 against the published date.

News rarely writes the year: "on 12 December", "In August". We take the most
recent such day or month not after the published date, unless the words just
before (or, for a date opening the sentence, just after) speak of the future
("will", "scheduled", "next"), in which case we take the first one on or after it.
Without a published date, dates without a year are left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Value

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+\d))"
MONTH = rf"(?:{_FULL}|{_ABBR})"
YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d%]|-\d)"
_RANGE_YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
PREP = (
    r"(?:[Ii]n|[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hrough"
    r"|[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast|[Nn]ext|[Tt]his|[Oo]f|[Ee]nd\s+of|[Ss]tart\s+of)"
)
_DEXPR = rf"(?:{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}|{MONTH}\s+{DAY},?\s+{YEAR}|{MONTH}\s+{YEAR}|{YEAR})"

_DATES = re.compile(
    r"(?<![\w$£€.,-])(?:"
    rf"(?P<between>(?:[Bb]etween|[Ff]rom)\s+(?:the\s+(?:years?\s+)?)?)(?P<p1>{_DEXPR})"
    rf"\s+(?:and|to|until|till|through|-|–)\s+(?P<p2>{_DEXPR})"
    r"|(?P<iso>\d{4}-[01]\d-[0-3]\d)(?!\d)"
    rf"|(?P<r1>{_RANGE_YEAR})\s?[-–]\s?(?P<r2>{YEAR}|\d\d(?![\d%-]))"
    rf"|(?:(?P<prep>{PREP})\s+(?:the\s+)?)?(?P<expr>"
    rf"{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"
    rf"|{MONTH}\s+{DAY}(?:\s?,?\s*{YEAR})?"
    rf"|{MONTH},?\s+{YEAR})"
    rf"|(?P<mprep>{PREP})\s+(?P<month>{MONTH})\b"
    rf"|(?P<yprep>{PREP})\s+(?:the\s+(?:year\s+)?)?(?P<year>{YEAR})"
    r")"
)
_PARTS = re.compile(
    rf"(?:(?P<d1>{DAY})\s+(?:of\s+)?(?P<m1>{MONTH})|(?P<m2>{MONTH})\s+(?P<d2>{DAY})|(?P<m3>{MONTH}))?"
    rf"\s*,?\s*(?P<y>{YEAR})?"
)
FUTURE = re.compile(
    r"\b(?:will|shall|scheduled|due\s+to|set\s+to|slated|upcoming|next|expected\s+to"
    r"|going\s+to|is\s+to|are\s+to|plan\s+to\s+meet)\b",
    re.IGNORECASE,
)


# Cheap first look: every date above holds four digits in a row (a year, an ISO date)
# or a month name, so a sentence with neither skips `_DATES`. Both gates open with
# plain characters, which lets the regex engine jump between candidates.
_FOUR_DIGITS = re.compile(r"\d\d\d\d")
_MONTH_START = re.compile(r"Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec")


def _maybe_date(text: str) -> bool:
    return _FOUR_DIGITS.search(text) is not None or _MONTH_START.search(text) is not None


@dataclass(frozen=True)
class DateMention:
    """A date (value type "date") or period (value type "period") and where it is."""

    value: Value
    text: str
    start: int
    end: int


def _month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _parts(expr: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of one date expression; None where the text does not say."""
    m = _PARTS.fullmatch(expr.strip())
    if not m:
        return None, None, None
    day = m["d1"] or m["d2"]
    month = m["m1"] or m["m2"] or m["m3"]
    return (
        int(m["y"]) if m["y"] else None,
        _month_of(month) if month else None,
        int(re.sub(r"\D", "", day)) if day else None,
    )


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _resolve_year(month: int, day: int | None, published: date, future: bool) -> int:
    """The year of a day or month written without one, as the module docstring says."""
    this = (month, day or 0)
    now = (published.month, published.day if day else 0)
    if future:
        return published.year if this >= now else published.year + 1
    return published.year if this <= now else published.year - 1


def _is_future(text: str, start: int, end: int, prep: str | None) -> bool:
    if prep:
        word = prep.lower()
        if word == "next":
            return True
        if word == "last":
            return False
    left = re.split(r"[.;:]", text[max(0, start - 80) : start])[-1]
    right = re.split(r"[.;:,]", text[end : end + 60])[0] if start < 20 else ""
    return FUTURE.search(left + " " + right) is not None


def _expr_value(
    expr: str, text: str, start: int, end: int, prep: str | None, published: date | None
) -> str | None:
    year, month, day = _parts(expr)
    if month is None and year is None:
        return None
    if year is None:
        if published is None or month is None:
            return None
        if prep and prep.lower() == "this":
            year = published.year
        else:
            year = _resolve_year(month, day, published, _is_future(text, start, end, prep))
    return _iso(year, month, day)


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Dates and periods in `text` (best called per sentence: tense is judged locally)."""
    out: list[DateMention] = []
    if not _maybe_date(text):
        return out
    for m in _DATES.finditer(text):
        value: Value | None = None
        if m["between"]:
            a = _expr_value(m["p1"], text, m.start(), m.end(), None, published)
            b = _expr_value(m["p2"], text, m.start(), m.end(), None, published)
            if a and b and a <= b:
                value = Value("period", start=a, end=b)
        elif m["r1"]:
            a, b = m["r1"], m["r2"]
            if len(b) == 2:
                b = a[:2] + b
            if a < b:
                value = Value("period", start=a, end=b)
        elif m["iso"]:
            y, mo, d = (int(p) for p in m["iso"].split("-"))
            iso = _iso(y, mo, d)
            value = Value("date", start=iso) if iso else None
        elif m["expr"]:
            iso = _expr_value(m["expr"], text, m.start(), m.end(), m["prep"], published)
            value = Value("date", start=iso) if iso else None
        elif m["month"]:
            iso = _expr_value(m["month"], text, m.start(), m.end(), m["mprep"], published)
            value = Value("date", start=iso) if iso else None
        elif m["year"]:
            value = Value("date", start=m["year"])
        if value is not None:
            out.append(DateMention(value, m.group(0), m.start(), m.end()))
    return out


def parse_published(text: str) -> date | None:
    """An ISO date (or the date part of an ISO timestamp), else None."""
    try:
        return date.fromisoformat(text.strip()[:10]) if text.strip() else None
    except ValueError:
        return None
