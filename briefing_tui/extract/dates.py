"""Dates and periods in a sentence, resolved to ISO 8601 against the published date.

Absolute dates ("12 December 2024", "in 2023", "between 2000 and 2023") stand alone.
News mostly writes dates relative to the day it appeared: "on Friday", "in August",
"last year", "four years ago", "the third quarter", "this summer". Those are resolved
against the published date with the tense of their clause (see dates_calendar):
"will meet in September" is the next September, "said on Tuesday" the Tuesday before.

Without a published date such expressions are not guessed (least of all from today's
date): `find_dates` leaves them out and `unresolved_dates` lists them, so the importer
can tell the user why they are missing.

Value forms (docs/bundle-format.md): `2025-12-12`, `2025-08`, `2025`, `2025-W32` (ISO
week), `2025-Q3`, `2025-H1`, `2025-SU` (season), `2020s` (decade), and periods `a/b`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Value
from . import dates_calendar as cal

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
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
# Words before a bare year that make it a date: "a 2009 analysis", "fiscal 1989", "for 1990".
_YEAR_LEAD = (
    r"(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Tt]his|[Tt]hat|[Ff]iscal|[Cc]alendar"
    r"|[Yy]ear|[Ww]ith|[Tt]han|[Ff]or|[Aa]t|[Tt]o|[Aa]round|[Aa]bout|[Oo]ver|[Tt]hroughout"
    r"|[Aa]gainst|[Uu]ntil|[Tt]ill|[Aa]nd|[Oo]r|[Vv]ersus|vs\.)"
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
    rf"|(?P<yprep>{PREP}|{_YEAR_LEAD})\s+(?:the\s+(?:year\s+)?)?(?P<year>{YEAR})(?!\s?[-–]\s?\d)"
    rf"|(?P<possyear>{YEAR})'s\b"
    r")"
)
_PARTS = re.compile(
    rf"(?:(?P<d1>{DAY})\s+(?:of\s+)?(?P<m1>{MONTH})|(?P<m2>{MONTH})\s+(?P<d2>{DAY})|(?P<m3>{MONTH}))?"
    rf"\s*,?\s*(?P<y>{YEAR})?"
)

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}
_REL_YEAR = r"(?:this|last|next|[Tt]his|[Ll]ast|[Nn]ext)"
_RELATIVE = re.compile(
    r"(?<![\w'-])(?:"
    r"(?:(?P<wmod>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Ee]arly|[Ll]ate)\s+)?"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?(?![\w-])"
    r"|(?P<deictic>[Tt]oday|[Yy]esterday|[Tt]omorrow)(?![\w-])"
    r"|(?P<agon>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
    r"\s+(?P<agou>year|month|week|day)s?\s+ago\b"
    r"|(?P<yearago>(?:[Aa]\s+year\s+(?:ago|earlier)|(?:[Tt]he\s+)?(?<![Aa]\s)year-(?:earlier|ago))"
    r"(?:\s+(?:quarter|period|level))?)\b"
    r"|(?:(?:[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?"
    r"(?P<relmod>[Ll]ast|[Nn]ext|[Tt]his|[Tt]he\s+(?:current|coming))\s+"
    r"(?P<relunit>year|month|week|quarter)(?![\w-])(?!\s+(?:ago|earlier))"
    r"|(?P<quarter>(?:(?:[Tt]he\s+)?(?:(?P<qy1>(?:1[89]|20)\d\d)(?:'s)?|(?P<qrel>" + _REL_YEAR
    + r")\s+year's)\s+)?(?:[Tt]he\s+)?(?:fiscal\s+)?"
    r"(?P<qord>(?i:first|second|third|fourth)|1st|2nd|3rd|4th)[-\s](?P<qh>quarter|half)"
    r"(?:\s+(?:of\s+|in\s+)?(?:fiscal\s+)?(?P<qy2>(?:1[89]|20)\d\d(?!\d)))?)(?![\w-])"
    r"|(?P<qq>Q[1-4])(?:\s+(?P<qy3>(?:1[89]|20)\d\d(?!\d)))?\b"
    r"|(?P<thequarter>[Tt]he\s+(?:latest\s+|most\s+recent\s+|recent\s+)?quarter|"
    r"[Tt]he\s+latest\s+period)(?![\w-])"
    r"|(?:(?P<smod>[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?"
    r"(?:(?P<srel>[Tt]his|[Ll]ast|[Nn]ext|[Ii]n|[Dd]uring|[Bb]y|[Uu]ntil|[Ss]ince|[Oo]ver|[Tt]he)"
    r"\s+(?:the\s+)?)?(?P<season>(?i:spring|summer|fall|autumn|winter))"
    r"(?:\s+(?:of\s+)?(?P<sy>(?:1[89]|20)\d\d(?!\d))|(?P<sof>\s+of\b))?(?![\w-])"
    r"|(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]*)?(?:[Tt]he\s+)?(?:(?P<decade>(?:1[89]|20)\d0)'?s"
    r"|'(?P<decade2>\d0)s)(?![\w-])"
    r")"
)

# Cheap first looks: every `_DATES` match holds four digits or a month name, every
# `_RELATIVE` match one of the words of `_RELATIVE_GATE`; a sentence without them skips
# that regex. The gates open with plain characters, so the engine jumps between candidates.
_ABSOLUTE_GATE = re.compile(r"\d\d\d\d|Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec")
_RELATIVE_GATE = re.compile(
    r"day|week|month|year|quarter|Q[1-4]|half|ago|morrow|spring|summer|fall|autumn|winter|0'?s"
    r"|Spring|Summer|Fall|Autumn|Winter"
)


# A capitalised word (or initialism) right before: the next capitalised word belongs to a name.
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.&'-]*[ \t]+$")

def _maybe_date(text: str) -> bool:
    return _ABSOLUTE_GATE.search(text) is not None or _RELATIVE_GATE.search(text) is not None


@dataclass(frozen=True)
class DateMention:
    """A date (value type "date") or period (value type "period") and where it is."""

    value: Value
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Found:
    """A dated expression; `value` is None when it needs a published date we lack."""

    start: int
    end: int
    value: Value | None


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


class _Unresolved(Exception):
    """The expression is a date, but only a published date could say which."""


def _expr_value(
    expr: str, text: str, start: int, end: int, prep: str | None, published: date | None
) -> str | None:
    year, month, day = _parts(expr)
    if month is None and year is None:
        return None
    if year is not None:
        return _iso(year, month, day)
    if month is None:
        return None
    if published is None:
        raise _Unresolved
    word = (prep or "").lower()
    if word == "this":
        return _iso(published.year, month, day)
    if word in ("last", "next"):
        when: cal.Tense = "past" if word == "last" else "future"
        value = cal.year_less(month, day, published, when)
        if value and value[:7] == published.isoformat()[:7]:  # "last March" said in March
            shifted = -1 if word == "last" else 1
            return _iso(published.year + shifted, month, day)
        return value
    return cal.year_less(month, day, published, cal.tense(text, start, end))


def _absolute(m: re.Match[str], text: str, published: date | None) -> Value | None:
    """The value of a `_DATES` match (None when it is no date after all)."""
    if m["between"]:
        a = _expr_value(m["p1"], text, m.start(), m.end(), None, published)
        b = _expr_value(m["p2"], text, m.start(), m.end(), None, published)
        return Value("period", start=a, end=b) if a and b and a <= b else None
    if m["r1"]:
        a, b = m["r1"], m["r2"]
        if len(b) == 2:
            b = a[:2] + b
        return Value("period", start=a, end=b) if a < b else None
    if m["iso"]:
        y, mo, d = (int(p) for p in m["iso"].split("-"))
        iso = _iso(y, mo, d)
        return Value("date", start=iso) if iso else None
    if m["expr"] or m["month"]:
        expr, prep = (m["expr"], m["prep"]) if m["expr"] else (m["month"], m["mprep"])
        iso = _expr_value(expr, text, m.start(), m.end(), prep, published)
        return Value("date", start=iso) if iso else None
    if m["year"]:
        lead = m["yprep"].lower()
        if lead in ("and", "or") and not re.search(r"\d{4}\S*\s*,?\s*$", text[: m.start()]):
            return None  # "and 1990 soldiers": a year only in a list of years
        return Value("date", start=m["year"])
    if m["possyear"]:
        return Value("date", start=m["possyear"])
    return None


def _relative(m: re.Match[str], text: str, pub: date | None) -> Value | None:
    """The value of a `_RELATIVE` match; raises _Unresolved without a published date."""
    if m["decade"] or m["decade2"]:
        if m["decade"]:
            return Value("date", start=m["decade"] + "s")
        if pub is None:
            raise _Unresolved
        century = pub.year // 100 * 100
        year = century + int(m["decade2"])
        return Value("date", start=f"{year - 100 if year > pub.year else year}s")
    if m["qord"] and not _part(m):
        return None  # "third half"
    if m["qord"] and (m["qy1"] or m["qy2"]):
        return Value("date", start=f"{m['qy1'] or m['qy2']}-{_part(m)}")
    if m["qq"] and m["qy3"]:
        return Value("date", start=f"{m['qy3']}-{m['qq']}")
    if m["season"] and m["sy"]:
        return Value("date", start=f"{m['sy']}-{cal.SEASONS[m['season'].lower()]}")
    if m["season"] and (not m["srel"] or m["sof"]):
        return None  # "prices fall": a season needs "in", "this", "last"... or a year
    if m["season"] and m["season"].lower() == "fall" and m["srel"].lower() == "the":
        return None  # "the fall of the wall"
    if m["yearago"]:
        return None  # resolved in a second pass, against the sentence's quarter
    if pub is None:
        raise _Unresolved
    when = cal.tense(text, m.start(), m.end())
    if m["weekday"]:
        index = WEEKDAYS.index(m["weekday"].lower())
        modifier = (m["wmod"] or "").lower()
        return Value("date", start=cal.weekday(index, pub, when, modifier))
    if m["deictic"]:
        if m["deictic"][0].isupper() and _NAME_BEFORE.search(text, 0, m.start()):
            return None  # "USA Today", "Radio Tomorrow": a capitalised word after a name is part of it
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m["deictic"].lower()]
        return Value("date", start=(pub + timedelta(days=shift)).isoformat())
    if m["agou"]:
        return _ago(m["agon"].lower(), m["agou"], pub)
    if m["relunit"]:
        return _this_last_next(m["relmod"].lower().split()[-1], m["relunit"], pub)
    if m["qord"]:
        years = {"this": 0, "last": -1, "next": 1}.get((m["qrel"] or "").lower())
        if years is not None:
            return Value("date", start=f"{pub.year + years}-{_part(m)}")
        kind, n = _part(m)[0], int(_part(m)[1])
        return Value("date", start=cal.part_of_year(kind, n, pub, when))
    if m["qq"]:
        return Value("date", start=cal.part_of_year("Q", int(m["qq"][1]), pub, when))
    if m["thequarter"]:
        shift = 0 if when == "future" else -1  # reports speak of the quarter just closed
        year, quarter = cal.shift_quarter(*cal.quarter_of(pub), shift)
        return Value("date", start=f"{year}-Q{quarter}")
    if m["season"]:
        modifier = m["srel"].lower()
        code = cal.SEASONS[m["season"].lower()]
        return Value("date", start=cal.season(code, pub, when, modifier))
    return None


def _part(m: re.Match[str]) -> str:
    """"Q3" or "H1" of an ordinal quarter or half."""
    n = _ORDINALS[m["qord"].lower()]
    if m["qh"] == "half":
        return f"H{n}" if n <= 2 else ""
    return f"Q{n}"


def _ago(number: str, unit: str, pub: date) -> Value | None:
    n = int(number) if number.isdigit() else _NUMBER_WORDS.get(number, 0)
    if n <= 0:
        return None
    if unit == "year":
        return Value("date", start=f"{pub.year - n:04d}")
    if unit == "month":
        year, month = cal.shift_month(pub.year, pub.month, -n)
        return Value("date", start=f"{year:04d}-{month:02d}")
    if unit == "week":
        return Value("date", start=cal.iso_week(pub - timedelta(weeks=n)))
    return Value("date", start=(pub - timedelta(days=n)).isoformat())


def _this_last_next(word: str, unit: str, pub: date) -> Value:
    n = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}[word]
    if unit == "year":
        return Value("date", start=f"{pub.year + n:04d}")
    if unit == "month":
        year, month = cal.shift_month(pub.year, pub.month, n)
        return Value("date", start=f"{year:04d}-{month:02d}")
    if unit == "week":
        return Value("date", start=cal.iso_week(pub + timedelta(weeks=n)))
    year, quarter = cal.shift_quarter(*cal.quarter_of(pub), n)
    return Value("date", start=f"{year}-Q{quarter}")


def _year_before(anchor: str | None, pub: date | None) -> Value | None:
    """"a year ago", "year-earlier": the sentence's quarter a year back, else last year."""
    if anchor is not None:
        return Value("date", start=f"{int(anchor[:4]) - 1}{anchor[4:]}")
    if pub is None:
        raise _Unresolved
    return Value("date", start=f"{pub.year - 1:04d}")


def _scan(text: str, published: date | None) -> list[tuple[_Found, str]]:
    """Every dated expression in `text`, leftmost-longest, with its kind of match."""
    found: list[tuple[int, int, str, Callable[[], Value | None]]] = []
    absolute = _DATES.finditer(text) if _ABSOLUTE_GATE.search(text) else ()
    relative = _RELATIVE.finditer(text) if _RELATIVE_GATE.search(text) else ()
    for m in absolute:
        found.append((m.start(), m.end(), "absolute",
                      lambda m=m: _absolute(m, text, published)))  # type: ignore[misc]
    for m in relative:
        kind = "yearago" if m["yearago"] else "weekday" if m["weekday"] else "relative"
        found.append((m.start(), m.end(), kind,
                      lambda m=m: _relative(m, text, published)))  # type: ignore[misc]
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[tuple[_Found, str]] = []
    taken_to = -1
    for start, end, kind, resolve in found:
        if start < taken_to:
            continue
        try:
            value = resolve()
        except _Unresolved:
            out.append((_Found(start, end, None), kind))
            taken_to = end
            continue
        if value is None and kind != "yearago":
            continue
        out.append((_Found(start, end, value), kind))
        taken_to = end
    quarter = next((f.value.start for f, _ in out if f.value is not None
                    and f.value.type == "date" and "-Q" in f.value.start), None)
    result: list[tuple[_Found, str]] = []
    for i, (f, kind) in enumerate(out):
        if kind == "yearago":
            try:
                f = _Found(f.start, f.end, _year_before(quarter, published))
            except _Unresolved:
                f = _Found(f.start, f.end, None)
        nxt = out[i + 1][0] if i + 1 < len(out) else None
        if kind == "weekday" and nxt is not None and nxt.value is not None and \
                re.fullmatch(r"\s*,?\s*", text[f.end : nxt.start]) and \
                re.fullmatch(r"\d{4}-\d\d-\d\d", nxt.value.start):
            continue  # "Friday, Aug. 7": the date says it; one fact, not two
        result.append((f, kind))
    return result


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Dates and periods in `text` (best called per sentence: tense is judged locally).

    Expressions that need a published date (no year, or relative to "now") are left
    out when there is none: see `unresolved_dates`.
    """
    if not _maybe_date(text):
        return []
    return [
        DateMention(f.value, text[f.start : f.end], f.start, f.end)
        for f, _ in _scan(text, published)
        if f.value is not None
    ]


def unresolved_dates(text: str) -> list[str]:
    """The dated expressions of `text` that only a published date could resolve."""
    if not _maybe_date(text):
        return []
    return [text[f.start : f.end] for f, _ in _scan(text, None) if f.value is None]


def parse_published(text: str) -> date | None:
    """An ISO date (or the date part of an ISO timestamp), else None."""
    try:
        return date.fromisoformat(text.strip()[:10]) if text.strip() else None
    except ValueError:
        return None
