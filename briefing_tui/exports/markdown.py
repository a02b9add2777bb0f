"""Memo-ready Markdown: a citation header, then each note under the sentence it is about.

The default leaves out ids and timestamps (a memo has no use for them); `with_ids` puts
them back on one line per note. Every string passes through `sanitize.strip`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import yaml

from ..model import Annotation, Briefing
from ..sanitize import strip
from .common import DEFAULT, ExportOptions, Item, citation, display_date, groups, items, label_title

ORPHANED = "(passage no longer found)"
FACT_GONE = "(fact no longer in the briefing)"


def export_markdown(
    briefing: Briefing, annotations: Iterable[Annotation], exported_at: str, options: ExportOptions = DEFAULT
) -> str:
    """One briefing's notes as a Markdown document with YAML front matter."""
    found = items(briefing, annotations, options)
    front: dict[str, str] = {"title": _line(briefing.title), "source": _line(briefing.source)}
    front["published"] = strip(briefing.published)
    if briefing.url:
        front["url"] = _line(briefing.url)
    if options.with_ids:
        front["bundle"] = strip(briefing.id)
    if options.filtered:
        front["filters"] = options.describe_filters()
    front["exported"] = strip(exported_at)
    out = _front(front) + [f"# Notes: {_line(briefing.title)}", "", _header(briefing), ""]
    if not found:
        out += [_nothing(options), ""]
    out += _body(briefing, found, options, level=2)
    return _finish(out)


def export_markdown_many(
    pairs: Sequence[tuple[Briefing, Sequence[Annotation]]], exported_at: str, options: ExportOptions = DEFAULT
) -> str:
    """Notes across briefings in one document, a section per briefing (those with notes that pass)."""
    title = f"Notes on {options.country}" if options.country else "Notes"
    front = {"title": title}
    if options.filtered:
        front["filters"] = options.describe_filters()
    front["exported"] = strip(exported_at)
    out = _front(front) + [f"# {title}", ""]
    shown = 0
    for briefing, notes in pairs:
        found = items(briefing, notes, options)
        if not found:
            continue
        shown += 1
        out += [f"## {_line(briefing.title)}", "", _header(briefing), ""]
        if options.with_ids:
            out += [f"Bundle `{strip(briefing.id)}`", ""]
        out += _body(briefing, found, options, level=3)
    if not shown:
        out += [_nothing(options), ""]
    return _finish(out)


# --- parts ---------------------------------------------------------------------------


def _front(front: dict[str, str]) -> list[str]:
    return ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True).rstrip(), "---", ""]


def _finish(out: list[str]) -> str:
    return "\n".join(out).rstrip("\n") + "\n"


def _nothing(options: ExportOptions) -> str:
    return f"No notes match ({options.describe_filters()})." if options.filtered else "No notes yet."


def _header(briefing: Briefing) -> str:
    """`**Title**. GlobalData, 26 Nov 2025. <https://...>`"""
    parts = [f"**{_line(briefing.title)}**"]
    where = ", ".join(p for p in (_line(briefing.source), display_date(briefing.published)) if p)
    if where:
        parts.append(where)
    if briefing.url:
        parts.append(f"<{_line(briefing.url)}>")
    return ". ".join(parts) + ("" if briefing.url else ".")


def _body(briefing: Briefing, found: list[Item], options: ExportOptions, level: int) -> list[str]:
    h2, h3 = "#" * level, "#" * (level + 1)
    out: list[str] = []
    if options.group == "fact":
        section = ""
        for _key, group in groups(briefing, found, "fact"):
            first = group[0]
            name = {"fact": "Facts", "country": "Countries", "passage": "Passages"}[first.kind]
            if name != section:
                section = name
                out += [f"{h2} {name}", ""]
            out += _context(briefing, first, h3, options, named=False)
            out += [line for i in group for line in _note(i, options)]
        return out
    for key, group in groups(briefing, found, options.group):
        out += [f"{h2} {_group_title(briefing, key, options.group)}", ""]
        for i in group:
            out += _context(briefing, i, h3, options, named=True) + _note(i, options)
    return out


def _group_title(briefing: Briefing, key: str, how: str) -> str:
    if how == "label":
        return key
    if not key:
        return "No country"
    country = briefing.country(key)
    return f"{strip(key)} · {_line(country.name)}" if country else strip(key)


def _context(briefing: Briefing, item: Item, h3: str, options: ExportOptions, *, named: bool) -> list[str]:
    """What a note (or a group of notes) is about: the fact with its sentence, the country, or
    the passage's sentence. `named` says what a country or a passage is in its heading (when
    notes are grouped by country or label, the heading does not say it already)."""
    if item.kind == "fact" and not item.found:
        return [f"{h3} {strip(item.key)} {FACT_GONE}", ""]
    if item.kind == "fact":
        out = [f"{h3} {item.heading}", ""]
        if options.with_ids:
            out += [f"Fact `{strip(item.key)}`", ""]
        return out + _quote(briefing, item)
    if item.kind == "country":
        out = [f"{h3} {'Country: ' if named else ''}{item.heading}", ""]
        return out + ([f"*{item.statement}*", ""] if item.statement else [])
    return ([f"{h3} Passage", ""] if named else []) + _quote(briefing, item)


def _quote(briefing: Briefing, item: Item) -> list[str]:
    out = [_blockquote(item.sentence), ""]
    if item.kind == "passage" and not item.found:
        out += [ORPHANED, ""]
    return out + [citation(briefing), ""]


def _note(item: Item, options: ExportOptions) -> list[str]:
    note = item.note
    out: list[str] = []
    text = strip(note.text).strip()
    if text:
        out += [text, ""]
    meta = []
    if note.label:
        meta.append(f"Label: **{label_title(strip(note.label)).lower()}**")
    if note.tags:
        meta.append("Tags: " + ", ".join(_line(t) for t in note.tags))
    if meta:
        out += [" · ".join(meta), ""]
    if options.with_ids:
        ids = [f"note `{strip(note.id)}`", f"noted {strip(note.created)}"]
        if note.updated and note.updated != note.created:
            ids.append(f"edited {strip(note.updated)}")
        out += [" · ".join(ids), ""]
    return out


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in strip(text).strip().split("\n"))


def _line(text: str) -> str:
    """One line: headings and front matter must not be broken by newlines in the content."""
    return " ".join(strip(text).split())
