"""Briefings as plain JSON-ready dicts, for `briefing show --format json` and friends.

Strings pass through `sanitize.clean`, so no control byte from a bundle reaches
a terminal or a file through JSON either.
"""

from __future__ import annotations

from typing import Any

from .countries import display_name
from .model import Briefing, Fact, Value
from .sanitize import clean


def value_dict(value: Value | None) -> dict[str, Any] | None:
    if value is None:
        return None
    # A count's unit is free text from the bundle: the written and shown forms are cleaned too.
    out: dict[str, Any] = {
        "type": value.type, "text": clean(value.to_text()), "display": clean(value.display()),
    }
    if value.type in ("money", "percent", "count"):
        out["amount"] = value.amount
    if value.type == "money":
        out["currency"] = clean(value.unit)
    elif value.type == "count":
        out["unit"] = clean(value.unit)
    elif value.type == "date":
        out["date"] = clean(value.start)
    elif value.type == "period":
        out["start"], out["end"] = clean(value.start), clean(value.end)
    return out


def fact_dict(f: Fact) -> dict[str, Any]:
    return {
        "id": clean(f.id),
        "kind": clean(f.kind),
        "value": value_dict(f.value),
        "statement": clean(f.statement),
        "source": clean(f.source),
        "countries": [clean(c) for c in f.countries],
        "speaker": clean(f.speaker),
        "origin": clean(f.origin),
    }


def briefing_dict(b: Briefing, *, body: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": clean(b.id),
        "title": clean(b.title),
        "source": clean(b.source),
        "published": clean(b.published),
        "url": clean(b.url),
        "summary": clean(b.summary),
        "tags": [clean(t) for t in b.tags],
        "people": [{"name": clean(p.name), "title": clean(p.title)} for p in b.people],
        "organisations": [clean(o) for o in b.organisations],
        "facts": [fact_dict(f) for f in b.facts],
        "countries": [
            {
                "code": clean(c.code),
                "name": clean(display_name(c.code, c.name)),
                "role": clean(c.role),
            }
            for c in b.countries
        ],
    }
    if body:
        out["body"] = clean(b.body)
    return out
