"""Rules a parsed bundle must keep: each broken rule is reported at its file and line."""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from datetime import date

from ..article.readable import ReadableText
from ..countries import country_name
from ..model import FACT_KINDS, ORIGINS, Briefing
from .layout import BUNDLE_ID

Report = Callable[[str, int, str], None]

FACT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
CODE_EXPECTED = "ISO 3166-1 alpha-2 expected, or XK for Kosovo"


def validate(briefing: Briefing, key_lines: dict[str, int], article: Container[str], report: Report) -> None:
    """`article` answers `quote in article` for the reader's text of the body: a
    `ReadableText` (which uses the view's own quote matcher, `article.matcher`), or any
    container (tests)."""
    check_front_matter(briefing, key_lines, report)
    _check_facts(briefing, article, report)
    _check_countries(briefing, report)


def check_front_matter(b: Briefing, key_lines: dict[str, int], report: Report) -> None:
    """The fields of briefing.md's front matter (`read_article` checks only these)."""

    def at(key: str) -> int:
        return key_lines.get(key, 2)

    if not b.id:
        report("briefing.md", 2, "front matter: 'id' is required")
    elif not BUNDLE_ID.fullmatch(b.id):
        report("briefing.md", at("id"), f"front matter: id '{b.id}' must match [a-z0-9][a-z0-9_-]*")
    if not b.title.strip():
        report("briefing.md", at("title"), "front matter: 'title' is required")
    if b.published:
        try:
            date.fromisoformat(b.published)
        except ValueError:
            report(
                "briefing.md",
                at("published"),
                f"front matter: published '{b.published}' is not an ISO date (YYYY-MM-DD)",
            )
    if b.url and not re.match(r"https?://", b.url):
        report("briefing.md", at("url"), f"front matter: url '{b.url}' must start with http(s)://")


def _check_facts(b: Briefing, text: Container[str], report: Report) -> None:
    listed = {c.code for c in b.countries}
    found = _locate(text, [f.source for f in b.facts if f.source])
    seen: set[str] = set()
    for f in b.facts:
        wrong: list[str] = []
        if not FACT_ID.fullmatch(f.id):
            report("facts.md", f.line, f"fact id '{f.id}' must match [A-Za-z0-9][A-Za-z0-9_.-]*")
        if f.id in seen:
            report("facts.md", f.line, f"duplicate fact id '{f.id}'")
        seen.add(f.id)
        if not f.kind:
            wrong.append("'kind' is required")
        elif f.kind not in FACT_KINDS:
            wrong.append(f"unknown kind '{f.kind}' (expected one of {', '.join(FACT_KINDS)})")
        if f.origin not in ORIGINS:
            wrong.append(f"unknown origin '{f.origin}' (expected authored or extracted)")
        if f.kind == "quote" and not f.speaker:
            wrong.append("a quote needs a 'speaker'")
        for code in f.countries:
            if country_name(code) is None:
                wrong.append(f"unknown country code '{code}' ({CODE_EXPECTED})")
            elif code not in listed:
                wrong.append(f"country '{code}' is not listed in countries.md")
        if not f.source:
            wrong.append("no source quote (a '> ' block quote from the article)")
        elif found[f.source] is None:
            wrong.append(
                f"source quote not checked: its words occur too often in the article: “{f.source[:60]}”"
            )
        elif not found[f.source]:
            wrong.append(f"source quote not found in the article: “{f.source[:60]}”")
        if not f.statement:
            wrong.append("no statement (a paragraph after the source quote)")
        for message in wrong:
            report("facts.md", f.line, f"fact {f.id}: {message}")


def _locate(text: Container[str], quotes: list[str]) -> dict[str, bool | None]:
    """All quotes at once where the text can (one pass over a long article), else one by one."""
    if isinstance(text, ReadableText):
        return text.locate(quotes)
    return {q: q in text for q in quotes}


def _check_countries(b: Briefing, report: Report) -> None:
    seen: set[str] = set()
    for c in b.countries:
        if country_name(c.code) is None:
            report("countries.md", c.line, f"unknown country code '{c.code}' ({CODE_EXPECTED})")
        if c.code in seen:
            report("countries.md", c.line, f"duplicate country '{c.code}'")
        seen.add(c.code)
        if not c.role:
            report("countries.md", c.line, f"country {c.code}: no role (a paragraph under the heading)")
