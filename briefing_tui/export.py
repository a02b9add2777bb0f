"""Annotated notes -> a document the user can keep or share, and the safe write of it.

Formats: memo-ready Markdown (`exports/markdown.py`), our JSON (here), W3C Web
Annotations (`exports/w3c.py`) and a Readwise CSV (`exports/readwise.py`). All carry
the same notes in the same order: the notes on facts in article order, then on
countries, then on passages (re-found in the current body, or marked as no longer
found), after the filters of `ExportOptions`. Every string passes through
`sanitize.strip` so an export never carries terminal control bytes.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_tui.anchoring import locate
from briefing_tui.atomic import atomic_write_bytes, describe_os_error
from briefing_tui.exports.common import DEFAULT, ExportOptions, select
from briefing_tui.exports.markdown import ORPHANED, export_markdown, export_markdown_many
from briefing_tui.exports.readwise import export_readwise
from briefing_tui.exports.w3c import export_w3c
from briefing_tui.model import Anchor, Annotation, Briefing
from briefing_tui.sanitize import clean, strip
from briefing_tui.store import annotation_to_record

__all__ = [
    "FORMATS",
    "ORPHANED",
    "ExportError",
    "ExportOptions",
    "export_json",
    "export_markdown",
    "render",
    "render_many",
    "strip_all",
    "write_export",
]

FORMATS = ("markdown", "json", "w3c", "csv")
# The file name ending for each format.
SUFFIXES = {"markdown": ".md", "json": ".json", "w3c": ".jsonld", "csv": ".csv"}
EXPORT_SCHEMA = 1


class ExportError(Exception):
    """The export could not be written; the message is one line for the user."""


# --- grouping (our JSON) -------------------------------------------------------------


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


# --- JSON ------------------------------------------------------------------------


def export_json(
    briefing: Briefing, annotations: Iterable[Annotation], exported_at: str, options: ExportOptions = DEFAULT
) -> str:
    """The same content as `export_markdown`, machine-readable, with the passage anchors."""
    return _dumps(_json_doc(briefing, select(briefing, annotations, options), exported_at))


def _dumps(doc: Any) -> str:
    return json.dumps(strip_all(doc), ensure_ascii=False, indent=2) + "\n"


def _json_doc(briefing: Briefing, annotations: Iterable[Annotation], exported_at: str) -> dict[str, Any]:
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
    return doc


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


def render(
    fmt: str,
    briefing: Briefing,
    annotations: Iterable[Annotation],
    exported_at: str,
    options: ExportOptions = DEFAULT,
) -> str:
    """One briefing's notes in the named format (one of `FORMATS`)."""
    if fmt == "markdown":
        return export_markdown(briefing, annotations, exported_at, options)
    if fmt == "json":
        return export_json(briefing, annotations, exported_at, options)
    return render_many(fmt, [(briefing, list(annotations))], exported_at, options)


def render_many(
    fmt: str,
    pairs: Sequence[tuple[Briefing, Sequence[Annotation]]],
    exported_at: str,
    options: ExportOptions = DEFAULT,
) -> str:
    """Notes across briefings in one document, grouped by briefing."""
    if fmt == "markdown":
        return export_markdown_many(pairs, exported_at, options)
    if fmt == "json":
        docs = [_json_doc(b, select(b, notes, options), exported_at) for b, notes in pairs]
        docs = [d for d in docs if d["facts"] or d["countries"] or d["passages"]]
        return _dumps({"format": "briefing-notes-set", "schema": EXPORT_SCHEMA, "exported": exported_at,
                       "briefings": docs})
    if fmt == "w3c":
        return _dumps(export_w3c(pairs, exported_at, options))
    if fmt == "csv":
        return export_readwise(pairs, options)
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
