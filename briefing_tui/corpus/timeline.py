"""Dated facts in time order: of one briefing (from the briefing itself, no index needed) or of
every briefing (from the index), with a country filter and a window.

Dates and periods share one axis: each entry spans its first to its last day (`2025` is the
whole year, `2025-Q3` a quarter, `2000/2023` a period). Facts of kind `date` whose value is
missing or unreadable are listed apart as unresolved. `today` is marked where it falls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Briefing, date_bounds
from .index import Index, fact_dates


@dataclass(frozen=True)
class Entry:
    first: date | None
    last: date | None
    written: str  # the value as written (`2025-Q3`), "" when unresolved
    display: str  # as a reader says it (`Q3 2025`)
    bundle_id: str
    bundle_title: str
    fact_id: str
    kind: str
    statement: str
    countries: tuple[str, ...] = ()
    path: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "value": self.written, "display": self.display, "bundle": self.bundle_id,
            "bundle_title": self.bundle_title, "fact": self.fact_id, "kind": self.kind,
            "statement": self.statement, "countries": list(self.countries),
        }


@dataclass
class Timeline:
    entries: list[Entry]
    unresolved: list[Entry]
    today: date
    country: str = ""
    window: tuple[date | None, date | None] = (None, None)
    bundles: set[str] = field(default_factory=set)

    @property
    def span(self) -> tuple[date, date] | None:
        firsts = [e.first for e in self.entries if e.first]
        lasts = [e.last for e in self.entries if e.last]
        if not firsts or not lasts:
            return None
        return min(*firsts, self.today), max(*lasts, self.today)

    def today_index(self) -> int:
        """How many entries start on or before today: where the today mark goes in the list."""
        return sum(1 for e in self.entries if e.first is not None and e.first <= self.today)

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(), "country": self.country or None,
            "from": self.window[0].isoformat() if self.window[0] else None,
            "to": self.window[1].isoformat() if self.window[1] else None,
            "entries": [e.to_dict() for e in self.entries],
            "unresolved": [e.to_dict() for e in self.unresolved],
        }


def parse_bound(text: str, *, end: bool = False) -> date:
    """A `--from`/`--to` date in any of the bundle's date forms (`2025`, `2025-03`, `2025-Q1`):
    the first day of it for `from`, the last for `to`. ValueError names what is wrong."""
    first, last = date_bounds(text.strip())
    return last if end else first


def _keep(e: Entry, start: date | None, stop: date | None) -> bool:
    if e.first is None or e.last is None:
        return True
    return (start is None or e.last >= start) and (stop is None or e.first <= stop)


def _sort(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.first or date.max, e.last or date.max, e.bundle_id, e.fact_id))


def timeline_of(b: Briefing, *, today: date | None = None, country: str = "",
                start: date | None = None, stop: date | None = None) -> Timeline:
    """The dated facts of one briefing."""
    entries: list[Entry] = []
    unresolved: list[Entry] = []
    for f in b.facts:
        if country and country not in f.countries:
            continue
        first, last, written = fact_dates(f.value)
        e = Entry(date.fromisoformat(first) if first else None, date.fromisoformat(last) if last else None,
                  written, f.value.display() if f.value and first else written, b.id, b.title, f.id, f.kind,
                  f.statement, f.countries)
        if first:
            if _keep(e, start, stop):
                entries.append(e)
        elif f.kind == "date":
            unresolved.append(e)
    return Timeline(_sort(entries), unresolved, today or date.today(), country, (start, stop), {b.id})


def timeline(ix: Index, *, today: date | None = None, country: str = "",
             start: date | None = None, stop: date | None = None) -> Timeline:
    """The dated facts of every briefing in the library."""
    country = country.upper()
    sql = ("SELECT f.date_first, f.date_last, f.date_text, f.display, b.id, b.title, f.fact_id, f.kind, "
           "f.statement, f.countries, b.path FROM facts f "
           "JOIN bundles b ON b.path = f.path AND b.active AND b.ok "
           "WHERE (f.date_first != '' OR f.kind = 'date')")
    args: list[Any] = []
    if country:
        sql += (" AND EXISTS (SELECT 1 FROM fact_countries fc"
                " WHERE fc.path = f.path AND fc.fact_id = f.fact_id AND fc.code = ?)")
        args.append(country)
    if start is not None:
        sql += " AND (f.date_last = '' OR f.date_last >= ?)"
        args.append(start.isoformat())
    if stop is not None:
        sql += " AND (f.date_first = '' OR f.date_first <= ?)"
        args.append(stop.isoformat())
    entries: list[Entry] = []
    unresolved: list[Entry] = []
    bundles: set[str] = set()
    for first, last, written, display, bid, title, fid, kind, statement, codes, path in ix.rows(sql, args):
        e = Entry(date.fromisoformat(first) if first else None, date.fromisoformat(last) if last else None,
                  written or "", display or written or "", bid, title or bid, fid, kind, statement,
                  tuple(c for c in (codes or "").split(",") if c), Path(path))
        (entries if first else unresolved).append(e)
        bundles.add(bid)
    return Timeline(_sort(entries), unresolved, today or date.today(), country, (start, stop), bundles)


def axis_bar(e: Entry, span: tuple[date, date], width: int, today: date | None = None) -> str:
    """The entry on a shared axis `width` cells wide: `█` where it falls (at least one cell),
    `│` at today, `·` elsewhere."""
    lo, hi = span
    total = max((hi - lo).days, 1)
    cells = ["·"] * width

    def col(d: date) -> int:
        return min(width - 1, max(0, (d - lo).days * (width - 1) // total))

    if today is not None and lo <= today <= hi:
        cells[col(today)] = "│"
    if e.first and e.last:
        for i in range(col(e.first), col(e.last) + 1):
            cells[i] = "█"
    return "".join(cells)


def render_text(t: Timeline, width: int = 24) -> str:
    lines: list[str] = []
    span = t.span
    mark_at = t.today_index()
    for i, e in enumerate(t.entries):
        if i == mark_at:
            lines.append(f"{'── today ' + t.today.isoformat() + ' ':─<{width + 40}}")
        bar = axis_bar(e, span, width, t.today) if span else ""
        lines.append(f"{e.display:<22} {bar}  {e.statement}  [{e.bundle_id}#{e.fact_id}]")
    if mark_at == len(t.entries):
        lines.append(f"{'── today ' + t.today.isoformat() + ' ':─<{width + 40}}")
    if t.unresolved:
        lines += ["", f"Unresolved dates ({len(t.unresolved)})"]
        lines += [f"  {e.statement}  [{e.bundle_id}#{e.fact_id}]" for e in t.unresolved]
    if not t.entries and not t.unresolved:
        lines.append("no dated facts")
    return "\n".join(lines)
