"""The briefing domain as plain dataclasses: no I/O, no Textual.

Everything here is immutable so a parsed bundle can be shared between the
reader, the store and the exporter without defensive copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

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
      percent  `90%`
      count    `2500 projects`           number + what it counts
      date     `2025-12-12`, `2025-08`, `2023`   ISO 8601, as precise as known
      period   `2000/2023`               ISO 8601 interval of two dates
    """

    type: str
    amount: float | None = None
    unit: str = ""
    start: str = ""
    end: str = ""

    def to_text(self) -> str:
        if self.type == "money":
            return f"{_num(self.amount)} {self.unit}"
        if self.type == "percent":
            return f"{_num(self.amount)}%"
        if self.type == "count":
            return f"{_num(self.amount)} {self.unit}".rstrip()
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
            return cls("period", start=m[1], end=m[2])
        if _ISO_DATE.fullmatch(text):
            _check_iso(text)
            return cls("date", start=text)
        if m := re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*%", text):
            return cls("percent", amount=float(m[1]))
        if m := re.fullmatch(r"(-?\d+(?:\.\d+)?)\s+([A-Z]{3})", text):
            return cls("money", amount=float(m[1]), unit=m[2])
        if m := re.fullmatch(r"(-?\d+(?:\.\d+)?)(?:\s+(\S.*))?", text):
            return cls("count", amount=float(m[1]), unit=(m[2] or "").strip())
        raise ValueError(
            f"value {text!r} is none of: '<amount> <ISO currency>', '<n>%', "
            "'<n> <what>', an ISO date, or '<ISO date>/<ISO date>'"
        )


_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_PERIOD = re.compile(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)/(\d{4}(?:-\d{2}(?:-\d{2})?)?)")


def _check_iso(text: str) -> None:
    parts = [int(p) for p in text.split("-")]
    y, m, d = (parts + [1, 1])[:3]
    date(y, m, d)  # raises ValueError on 2025-13-40


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
        """Facts sorted by where their source quote first occurs in the body."""

        def pos(f: Fact) -> int:
            i = self.body.find(f.source)
            return i if i >= 0 else len(self.body)

        return sorted(self.facts, key=pos)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bundle, located as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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
