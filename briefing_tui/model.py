"""The briefing domain as plain dataclasses: no I/O, no Textual.

Everything here is immutable so a parsed bundle can be shared between the
reader, the store and the exporter without defensive copies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal

from .article.quote_index import first_offsets, normalise_space

FACT_KINDS: tuple[str, ...] = ("figure", "date", "quote", "claim", "event")
ORIGINS: tuple[str, ...] = ("authored", "extracted")
VALUE_TYPES: tuple[str, ...] = ("money", "percent", "count", "date", "period")
SCHEMA_VERSION = 1

FactKind = Literal["figure", "date", "quote", "claim", "event"]
Origin = Literal["authored", "extracted"]


@dataclass(frozen=True)
class Value:
    """A fact's normalised value, written in `facts.md` as one short string.

    Forms (see docs/bundle-format.md):
      money    `200000000000 USD`        amount + ISO 4217 code
               `40000000000/50000000000 USD`   a range: low/high (`high` set)
      percent  `90%`, `10/12%`
      count    `2500 projects`           number + what it counts
               `242/330 passengers`      a range
      date     `2025-12-12`, `2025-08`, `2023`   ISO 8601, as precise as known;
               `2025-W32` ISO week, `2025-Q3` quarter, `2025-H1` half year,
               `2025-SU` season (SP, SU, FA, WI; TimeML), `2020s` decade
      period   `2000/2023`               interval of two such dates, start <= end
    """

    type: str
    amount: float | None = None
    unit: str = ""
    start: str = ""
    end: str = ""
    high: float | None = None  # upper end of a money/percent/count range; amount is the low

    def _amounts(self) -> str:
        return _num(self.amount) if self.high is None else f"{_num(self.amount)}/{_num(self.high)}"

    def to_text(self) -> str:
        if self.type == "money":
            return f"{self._amounts()} {self.unit}"
        if self.type == "percent":
            return f"{self._amounts()}%"
        if self.type == "count":
            return f"{self._amounts()} {self.unit}".rstrip()
        if self.type == "date":
            return self.start
        if self.type == "period":
            return f"{self.start}/{self.end}"
        raise ValueError(f"unknown value type {self.type!r}")

    @classmethod
    def parse(cls, text: str) -> Value:
        """Parse the written form; raise ValueError with a reason a bundle author can act on."""
        text = text.strip()
        if m := _PERIOD.fullmatch(text):
            first, _ = date_bounds(m[1])  # raise on 2025-13-01 or year 0000
            start_of_end, _ = date_bounds(m[2])
            if start_of_end < first:
                raise ValueError(f"period {text!r}: the end {m[2]} is before the start {m[1]}")
            return cls("period", start=m[1], end=m[2])
        if _ISO_DATE.fullmatch(text):
            date_bounds(text)
            return cls("date", start=text)
        if m := re.fullmatch(_AMOUNTS + r"\s*%", text):
            return cls("percent", amount=float(m[1]), high=_high(m, text))
        if m := re.fullmatch(_AMOUNTS + r"\s+([A-Z]{3})", text):
            return cls("money", amount=float(m[1]), unit=m[3], high=_high(m, text))
        if m := re.fullmatch(_AMOUNTS + r"(?:\s+(\S.*))?", text):
            return cls("count", amount=float(m[1]), unit=(m[3] or "").strip(), high=_high(m, text))
        raise ValueError(
            f"value {text!r} is none of: '<amount> <ISO currency>', '<n>%', "
            "'<n> <what>' (a range as '<low>/<high> ...'), an ISO date, "
            "or '<ISO date>/<ISO date>'"
        )

    def display(self) -> str:
        """The value as a reader says it: `$200bn`, `¥1.41tn`, `40-50%`, `2,500 projects`,
        `12 Dec 2025`. The file keeps `to_text()`; this is for screens only."""
        if self.type == "money":
            return _display_money(self.amount, self.high, self.unit)
        if self.type == "percent":
            return f"{_plain(self.amount)}%" if self.high is None else (
                f"{_plain(self.amount)}-{_plain(self.high)}%")
        if self.type == "count":
            return _display_count(self.amount, self.high, self.unit)
        if self.type == "date":
            return _display_date(self.start)
        if self.type == "period":
            sep = "–" if len(self.start) == len(self.end) == 4 else " – "
            return f"{_display_date(self.start)}{sep}{_display_date(self.end)}"
        return self.to_text()


_DATE_FORM = r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q\d|-H\d|-(?:SP|SU|FA|WI))?|\d{3}0s"
_ISO_DATE = re.compile(_DATE_FORM)
_PERIOD = re.compile(rf"({_DATE_FORM})/({_DATE_FORM})")
# First month of each season (northern meteorological seasons; winter starts in December).
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def date_bounds(text: str) -> tuple[date, date]:
    """First and last day of a date value (`2025`, `2025-08`, `2025-W32`, `2025-Q3`, `2020s`...).

    Raises ValueError, with the reason, when the text is no valid date form.
    """
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"date {text!r} is not an ISO date form (see docs/bundle-format.md)")
    try:
        if text.endswith("s"):  # decade
            y = int(text[:4])
            return date(y, 1, 1), date(y + 9, 12, 31)
        y = int(text[:4])
        rest = text[5:]
        if not rest:
            return date(y, 1, 1), date(y, 12, 31)
        if rest[0] == "W" and rest != "WI":
            w = int(rest[1:])
            first = date.fromisocalendar(y, w, 1)
            return first, date.fromisocalendar(y, w, 7)
        if rest[0] in "QH":
            n, size = int(rest[1:]), 3 if rest[0] == "Q" else 6
            if not 1 <= n <= 12 // size:
                raise ValueError(f"no {rest[0]}{n} in a year")
            first = date(y, (n - 1) * size + 1, 1)
            return first, _month_end(y, n * size)
        if rest in SEASON_MONTHS:
            m = SEASON_MONTHS[rest]
            first = date(y, m, 1)
            last_y, last_m = (y + 1, 2) if m == 12 else (y, m + 2)
            return first, _month_end(last_y, last_m)
        parts = [int(p) for p in rest.split("-")]
        if len(parts) == 1:
            return date(y, parts[0], 1), _month_end(y, parts[0])
        day = date(y, parts[0], parts[1])
        return day, day
    except ValueError as exc:
        raise ValueError(f"date {text!r} is not a real date ({exc})") from None


def _month_end(year: int, month: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


_AMOUNTS = r"(-?\d+(?:\.\d+)?)(?:/(-?\d+(?:\.\d+)?))?"


def _high(m: re.Match[str], text: str) -> float | None:
    """The upper end of a written range, checked to lie above the lower."""
    if m[2] is None:
        return None
    if float(m[2]) <= float(m[1]):
        raise ValueError(f"value {text!r}: a range is written low/high, and {m[2]} is not above {m[1]}")
    return float(m[2])


# Symbols written before the amount; other currencies show their ISO code after it.
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹",
                    "KRW": "₩", "RUB": "₽", "TRY": "₺", "ILS": "₪", "NGN": "₦", "AUD": "A$",
                    "CAD": "C$", "HKD": "HK$", "NZD": "NZ$", "SGD": "S$"}
_SHORT_SCALES = ((10**12, "tn"), (10**9, "bn"), (10**6, "m"))
_WORD_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _plain(x: float | None, places: int = 2) -> str:
    """A number for people: thousands separated, at most `places` decimals, no trailing 0s."""
    x = float(x or 0)
    if x.is_integer():
        return f"{int(x):,}"
    return f"{x:,.{places}f}".rstrip("0").rstrip(".")


def _scaled(values: list[float], scales: tuple[tuple[int, str], ...]) -> tuple[list[str], str]:
    """The numbers in the largest scale the smallest of them reaches (none below a million)."""
    low = min(abs(v) for v in values)
    for size, name in scales:
        if low >= size:
            return [_plain(v / size) for v in values], name
    return [_plain(v) for v in values], ""


def _display_money(amount: float | None, high: float | None, unit: str) -> str:
    values = [float(amount or 0)] + ([float(high)] if high is not None else [])
    nums, scale = _scaled(values, _SHORT_SCALES)
    if not scale and any(not v.is_integer() for v in values):
        nums = [f"{v:,.2f}" for v in values]  # pounds and pence: 13.45, never 13.5
    text = "-".join(nums) + scale
    symbol = CURRENCY_SYMBOLS.get(unit)
    return f"{symbol}{text}" if symbol else f"{text} {unit}".rstrip()


def _display_count(amount: float | None, high: float | None, unit: str) -> str:
    values = [float(amount or 0)] + ([float(high)] if high is not None else [])
    nums, scale = _scaled(values, _WORD_SCALES)
    unit, _, vague = unit.partition(" (")
    if vague.endswith(")") and high is None:
        return f"{vague[:-1]} of {unit}"  # "24 countries (dozens)" -> "dozens of countries"
    return " ".join(p for p in ("-".join(nums), scale, unit) if p)


def _display_date(text: str) -> str:
    """`2025-12-12` -> `12 Dec 2025`, `2025-12` -> `Dec 2025`, `2025-Q3` -> `Q3 2025`,
    `2025-W32` -> `week 32 of 2025`, `2025-SU` -> `summer 2025`; other forms as written."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text):
        month = int(m[2])
        if 1 <= month <= 12:
            day = f"{int(m[3])} " if m[3] else ""
            return f"{day}{_MONTHS[month - 1]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-([QH]\d)", text):
        return f"{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", text):
        return f"week {int(m[2])} of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", text):
        return f"{_SEASON_NAMES[m[2]]} {m[1]}"
    return text


def _num(amount: float | None) -> str:
    if amount is None:
        return "0"
    return str(int(amount)) if float(amount).is_integer() else repr(float(amount))


@dataclass(frozen=True)
class Fact:
    id: str
    kind: str
    statement: str
    source: str
    value: Value | None = None
    countries: tuple[str, ...] = ()
    speaker: str = ""
    origin: str = "authored"
    # Where the fact's heading sits in facts.md: for error messages, not identity.
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    role: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""


@dataclass(frozen=True)
class Briefing:
    id: str
    title: str
    body: str
    source: str = ""
    published: str = ""  # ISO date, or ""
    url: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()
    organisations: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    countries: tuple[Country, ...] = ()
    schema: int = SCHEMA_VERSION

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def country(self, code: str) -> Country | None:
        return next((c for c in self.countries if c.code == code), None)

    def facts_in_article_order(self) -> list[Fact]:
        """Facts sorted by where their source quote first occurs in the body (whitespace
        aside); facts whose quote is not found verbatim come last, in file order."""
        return list(self._article_order)

    @cached_property
    def _article_order(self) -> tuple[Fact, ...]:
        # All quotes located in one pass over the body: a search per fact is quadratic.
        body = normalise_space(self.body)
        return self._order(first_offsets(body, {normalise_space(f.source) for f in self.facts}))

    def prime_article_order(self, offsets: Mapping[str, int | None]) -> None:
        """Order the facts from quote offsets found already (whitespace-normalised quote ->
        offset in the whitespace-normalised body, as `article.quote_index.first_offsets` gives), so
        the reader does not scan a long body a second time, on the UI thread."""
        self.__dict__["_article_order"] = self._order(offsets)

    def _order(self, offsets: Mapping[str, int | None]) -> tuple[Fact, ...]:
        end = len(self.body) + 1

        def pos(f: Fact) -> int:
            at = offsets.get(normalise_space(f.source))
            return at if at is not None and at >= 0 else end

        return tuple(sorted(self.facts, key=pos))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bundle, located as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        # Line 0 means "the file or folder as a whole": `path: message`, never `path:0:`.
        where = f"{self.path}:{self.line}" if self.line > 0 else self.path
        return f"{where}: {self.message}"


# --- annotations -----------------------------------------------------------

TargetKind = Literal["fact", "country", "passage"]
LABELS: tuple[str, ...] = ("", "important", "question", "disputed", "verified")


@dataclass(frozen=True)
class Anchor:
    """A passage of the article: W3C TextQuoteSelector + TextPositionSelector."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0  # character offset of `exact` in the briefing body


@dataclass(frozen=True)
class Target:
    kind: str  # "fact" | "country" | "passage"
    fact_id: str = ""
    country: str = ""
    anchor: Anchor | None = None

    def describe(self) -> str:
        if self.kind == "fact":
            return f"fact {self.fact_id}"
        if self.kind == "country":
            return f"country:{self.country}"
        exact = self.anchor.exact if self.anchor else ""
        return f"passage “{exact[:40]}”"


@dataclass(frozen=True)
class Annotation:
    id: str
    bundle_id: str
    target: Target
    text: str
    tags: tuple[str, ...] = ()
    label: str = ""
    created: str = ""  # ISO 8601 UTC timestamps
    updated: str = ""
    schema: int = SCHEMA_VERSION
