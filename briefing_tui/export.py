"""Annotated notes -> a Markdown or JSON document the user can keep or share.

Both formats carry the same content in the same order: the notes on facts in
article order, then on countries, then on passages (re-found in the current
body, or marked as no longer found). Every string passes through
`sanitize.strip` so an export never carries terminal control bytes.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing_tui.anchoring import locate
from briefing_tui.atomic import atomic_write_bytes, describe_os_error
from briefing_tui.model import Anchor, Annotation, Briefing
from briefing_tui.sanitize import clean, strip
from briefing_tui.store import annotation_to_record

FORMATS = ("markdown", "json")
ORPHANED = "(passage no longer found)"
EXPORT_SCHEMA = 1


class ExportError(Exception):
    """The export could not be written; the message is one line for the user."""


# --- grouping (shared by both formats) -----------------------------------------


@dataclass
class _Group:
    notes: list[Annotation] = field(default_factory=list)


@dataclass
class _FactGroup(_Group):
    fact_id: str = ""
    statement: str = ""
    source: str = ""
    found: bool = True


@dataclass
class _CountryGroup(_Group):
    code: str = ""
    name: str = ""


@dataclass
class _PassageGroup(_Group):
    anchor: Anchor = field(default_factory=lambda: Anchor(""))
    span: tuple[int, int] | None = None
    text: str = ""


@dataclass
class _Sections:
    facts: list[_FactGroup]
    countries: list[_CountryGroup]
    passages: list[_PassageGroup]


def _sections(briefing: Briefing, annotations: Iterable[Annotation]) -> _Sections:
    notes = sorted((a for a in annotations if a.bundle_id == briefing.id), key=lambda a: (a.created, a.id))
    by_fact: dict[str, list[Annotation]] = {}
    by_country: dict[str, list[Annotation]] = {}
    by_anchor: dict[Anchor, list[Annotation]] = {}
    for note in notes:
        t = note.target
        if t.kind == "fact":
            by_fact.setdefault(t.fact_id, []).append(note)
        elif t.kind == "country":
            by_country.setdefault(t.country, []).append(note)
        elif t.kind == "passage" and t.anchor is not None:
            by_anchor.setdefault(t.anchor, []).append(note)

    facts = [
        _FactGroup(by_fact.pop(f.id), f.id, f.statement, f.source)
        for f in briefing.facts_in_article_order()
        if f.id in by_fact
    ]
    # Notes on facts the bundle no longer has: kept, after the rest.
    facts += [_FactGroup(ns, fid, "", "", found=False) for fid, ns in by_fact.items()]

    order = {c.code: i for i, c in enumerate(briefing.countries)}
    countries = []
    for code in sorted(by_country, key=lambda c: (order.get(c, len(order)), c)):
        country = briefing.country(code)
        countries.append(_CountryGroup(by_country[code], code, country.name if country else ""))

    passages = []
    for anchor, ns in by_anchor.items():
        span = locate(briefing.body, anchor)
        text = briefing.body[span[0] : span[1]] if span else anchor.exact
        passages.append(_PassageGroup(ns, anchor, span, text))
    passages.sort(key=lambda p: (p.span is None, p.span or (0, 0)))
    return _Sections(facts, countries, passages)


# --- Markdown --------------------------------------------------------------------


def export_markdown(briefing: Briefing, annotations: Iterable[Annotation], exported_at: str) -> str:
    """The notes as Markdown with YAML front matter, ready to read or to paste elsewhere."""
    s = _sections(briefing, annotations)
    front = {
        "title": strip(briefing.title),
        "bundle": strip(briefing.id),
        "source": strip(briefing.source),
        "published": strip(briefing.published),
        "exported": strip(exported_at),
    }
    out = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True).rstrip(), "---", ""]
    out += [f"# Notes: {_line(briefing.title)}", ""]
    if not (s.facts or s.countries or s.passages):
        out += ["No notes yet.", ""]
    if s.facts:
        out += ["## Facts", ""]
        for g in s.facts:
            if g.found:
                out += [f"### {_line(g.statement) or g.fact_id}", "", f"Fact `{strip(g.fact_id)}`", ""]
                out += [_blockquote(g.source), ""]
            else:
                out += [f"### {strip(g.fact_id)} (fact no longer in the briefing)", ""]
            out += _md_notes(g.notes)
    if s.countries:
        out += ["## Countries", ""]
        for c in s.countries:
            title = f"{strip(c.code)} · {_line(c.name)}" if c.name else strip(c.code)
            out += [f"### {title}", ""] + _md_notes(c.notes)
    if s.passages:
        out += ["## Passages", ""]
        for p in s.passages:
            out += [_blockquote(p.text), ""]
            if p.span is None:
                out += [ORPHANED, ""]
            out += _md_notes(p.notes)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_notes(notes: list[Annotation]) -> list[str]:
    out: list[str] = []
    for note in notes:
        meta = ["**Note**"]
        if note.label:
            meta.append(f"*{strip(note.label)}*")
        if note.tags:
            meta.append("tags: " + ", ".join(_line(t) for t in note.tags))
        meta.append(f"noted {strip(note.created)}")
        if note.updated and note.updated != note.created:
            meta.append(f"edited {strip(note.updated)}")
        out += [" · ".join(meta), ""]
        text = strip(note.text).strip()
        if text:
            out += [text, ""]
    return out


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in strip(text).strip().split("\n"))


def _line(text: str) -> str:
    """One line: headings and front matter must not be broken by newlines in the content."""
    return " ".join(strip(text).split())


# --- JSON ------------------------------------------------------------------------


def export_json(briefing: Briefing, annotations: Iterable[Annotation], exported_at: str) -> str:
    """The same content as `export_markdown`, machine-readable, with the passage anchors."""
    s = _sections(briefing, annotations)
    doc = {
        "format": "briefing-notes",
        "schema": EXPORT_SCHEMA,
        "exported": exported_at,
        "briefing": {
            "id": briefing.id,
            "title": briefing.title,
            "source": briefing.source,
            "published": briefing.published,
            "url": briefing.url,
        },
        "facts": [
            {
                "id": g.fact_id,
                "found": g.found,
                "statement": g.statement,
                "source": g.source,
                "notes": [_json_note(n) for n in g.notes],
            }
            for g in s.facts
        ],
        "countries": [
            {"code": c.code, "name": c.name, "notes": [_json_note(n) for n in c.notes]} for c in s.countries
        ],
        "passages": [
            {
                "found": p.span is not None,
                "start": p.span[0] if p.span else None,
                "end": p.span[1] if p.span else None,
                "text": p.text,
                "anchor": {
                    "exact": p.anchor.exact,
                    "prefix": p.anchor.prefix,
                    "suffix": p.anchor.suffix,
                    "start": p.anchor.start,
                },
                "notes": [_json_note(n) for n in p.notes],
            }
            for p in s.passages
        ],
    }
    return json.dumps(strip_all(doc), ensure_ascii=False, indent=2) + "\n"


def _json_note(note: Annotation) -> dict[str, Any]:
    """The stored record without what the export already says (bundle, target)."""
    record = annotation_to_record(note)
    return {k: v for k, v in record.items() if k not in ("bundle_id", "target")}


def strip_all(value: Any) -> Any:
    """`sanitize.strip` over every string (and key) in nested dicts and lists."""
    if isinstance(value, str):
        return strip(value)
    if isinstance(value, dict):
        return {strip(k): strip_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_all(v) for v in value]
    return value


# --- writing ---------------------------------------------------------------------


def render(fmt: str, briefing: Briefing, annotations: Iterable[Annotation], exported_at: str) -> str:
    """Export in the named format (`markdown` or `json`)."""
    if fmt == "markdown":
        return export_markdown(briefing, annotations, exported_at)
    if fmt == "json":
        return export_json(briefing, annotations, exported_at)
    raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")


def write_export(text: str, path: Path, force: bool = False, make_parents: bool = False) -> None:
    """Write atomically; refuse to replace an existing file unless `force`.

    Only a regular file is ever replaced: a folder, symlink, FIFO or device file at
    `path` is refused even with `force` (as root, replacing `/dev/full` or a symlink
    to someone else's file would be a nasty surprise). `make_parents` creates the
    folder first. Every failure is an `ExportError` with one plain line.
    """
    path = Path(path)
    shown = clean(str(path))
    try:
        st: os.stat_result | None = path.lstat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise ExportError(f"cannot write {shown}: {describe_os_error(exc)}") from exc
    if st is not None:
        kind = _special_kind(st.st_mode)
        if kind == "folder":
            raise ExportError(f"{shown} is a folder; give a file name")
        if kind:
            raise ExportError(f"{shown} is {kind}, not a regular file; only a regular file is replaced")
        if not force:
            raise ExportError(f"{shown} already exists; use --force to overwrite it")
    data = text.encode("utf-8", "replace")  # lone surrogates (never from our loaders) -> "?"
    try:
        if make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data, mode=0o666)
    except OSError as exc:
        raise ExportError(f"cannot write {shown}: {describe_os_error(exc)}") from exc


def _special_kind(mode: int) -> str:
    """What a non-regular file is, for the message; "" for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
