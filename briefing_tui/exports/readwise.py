"""Notes as a Readwise-compatible CSV: the columns Readwise imports.

`Highlight` is the sentence the note is about (for a note on a country, the country's
name and role); `Title`, `Author` and `URL` are the briefing's title, source and URL;
`Note` is the note, opened by the label and tags as Readwise's inline tags
(`.question .money`, a space in a tag written `-`); `Location` numbers the notes in
document order; `Date` is when the note was written (`YYYY-MM-DD HH:MM:SS`, UTC).

A cell that a spreadsheet would run as a formula (starting `=`, `+`, `@`, or `-` not
followed by a space) is opened with `'`, the usual guard against CSV injection.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from ..model import Annotation, Briefing
from ..sanitize import strip
from .common import DEFAULT, ExportOptions, Item, items

COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")
_FORMULA = re.compile(r"[=+@\t\r]|-(?! )")


def export_readwise(
    pairs: Sequence[tuple[Briefing, Sequence[Annotation]]], options: ExportOptions = DEFAULT
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    location = 0
    for briefing, notes in pairs:
        for item in items(briefing, notes, options):
            location += 1
            writer.writerow(
                [
                    _cell(_highlight(item)),
                    _cell(briefing.title),
                    _cell(briefing.source),
                    _cell(briefing.url),
                    _cell(_note(item.note)),
                    str(location),
                    _date(item.note.created),
                ]
            )
    return out.getvalue()


def _highlight(item: Item) -> str:
    if item.kind == "country":
        return f"{item.heading}: {item.statement}" if item.statement else item.heading
    return item.sentence or item.key


def _note(note: Annotation) -> str:
    tags = [note.label] if note.label else []
    tags += [t for t in note.tags if t]
    text = note.text.strip()
    if not tags:
        return text
    inline = " ".join("." + "-".join(t.split()) for t in tags)
    return f"{inline}\n{text}" if text else inline


def _date(iso: str) -> str:
    """`2026-11-26T23:15:00Z` -> `2026-11-26 23:15:00`; anything else as it is."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|\+00:00)?", iso)
    return f"{m[1]} {m[2]}" if m else strip(iso)


def _cell(text: str) -> str:
    text = strip(text)
    return "'" + text if _FORMULA.match(text) else text
