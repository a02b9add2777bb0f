"""countries.md into `Country`s: one `## CODE · Name` section each, its text the role."""

from __future__ import annotations

from ..model import Country
from .layout import COUNTRIES_FILE
from .markdown import inline_text
from .problems import Collector
from .sections import chunked_sections


def parse_countries(text: str, out: Collector) -> list[Country]:
    countries: list[Country] = []
    for heading, line, toks in chunked_sections(COUNTRIES_FILE, text, out):
        code, _, name = heading.partition("·")
        role = " ".join(inline_text(t) for t in toks if t.type == "inline").strip()
        countries.append(Country(code.strip(), name.strip(), role, line=line))
    return countries
