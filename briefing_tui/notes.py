"""The notes service: what the reader and the CLI do with notes, checked in one place.

Add, edit, delete, list, export and import all go through `NotesService`, so a rule
(a target must exist in the briefing, a label is one of `LABELS`, a note needs text)
is written once. It raises only what can happen to notes: `StoreError` (the notes file),
`OSError` (the disk) and `NoteError` / other `ValueError`s (a request that is not valid),
each with a message for the user.
"""

from __future__ import annotations

import builtins
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .anchoring import locate, make_anchor
from .article.matcher import find_quote
from .atomic import write_text_atomic
from .exports.common import DEFAULT, ExportOptions, select
from .exports.w3c import BUNDLE_URN, Incoming, parse_annotations
from .locations import data_dir
from .model import LABELS, Anchor, Annotation, Briefing, Target
from .safe_json import BadJSONFile, load_json
from .sanitize import clean
from .store import AnnotationStore, StoreError, utc_now

__all__ = [
    "ExportChoice",
    "ImportReport",
    "NoteError",
    "NotesService",
    "StoreError",
    "parse_target",
]


class NoteError(ValueError):
    """A request about notes that cannot be done as asked; the message says why."""


class NotesService:
    """Notes on briefings, over one `AnnotationStore`."""

    def __init__(self, store: AnnotationStore | None = None) -> None:
        self.store = store if store is not None else AnnotationStore()

    # --- reading --------------------------------------------------------------

    def list(self, bundle_id: str) -> list[Annotation]:
        """A bundle's notes, oldest first."""
        return self.store.list(bundle_id)

    def get(self, note_id: str) -> Annotation:
        note = self.store.get(note_id)
        if note is None:
            raise NoteError(f"no note with id {note_id!r}")
        return note

    def take_messages(self) -> builtins.list[str]:
        """Store events (a file moved aside, recreated) not yet shown to the user."""
        return self.store.take_messages()

    # --- changes --------------------------------------------------------------

    def add(
        self, briefing: Briefing, target: Target, text: str, tags: Iterable[str] = (), label: str = ""
    ) -> Annotation:
        """A new note on a fact, country or passage that the briefing has."""
        _check_target_in(briefing, target)
        try:
            return self.store.add(briefing.id, target, text, tags=tags, label=label)
        except NoteError:
            raise
        except ValueError as exc:
            raise NoteError(str(exc)) from None

    def edit(
        self,
        note_id: str,
        text: str | None = None,
        tags: Iterable[str] | None = None,
        label: str | None = None,
    ) -> Annotation:
        try:
            return self.store.update(note_id, text=text, tags=tags, label=label)
        except KeyError:
            raise NoteError(f"no note with id {note_id!r}") from None
        except NoteError:
            raise
        except ValueError as exc:
            raise NoteError(str(exc)) from None

    def delete(self, note_id: str) -> None:
        try:
            self.store.remove(note_id)
        except (KeyError, ValueError):
            raise NoteError(f"no note with id {note_id!r}") from None

    # --- export ---------------------------------------------------------------

    def export(
        self,
        fmt: str,
        briefings: Sequence[Briefing],
        *,
        options: ExportOptions = DEFAULT,
        exported_at: str = "",
        notes: dict[str, builtins.list[Annotation]] | None = None,
        many: bool = False,
    ) -> tuple[str, int]:
        """The notes on `briefings` in format `fmt`, and how many notes it holds.

        `notes` gives notes already in memory (the reader's) instead of reading the store;
        `many` makes one document grouped by briefing even for a single one.
        """
        from .export import FORMATS, render, render_many

        if fmt not in FORMATS:
            raise NoteError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
        when = exported_at or utc_now()
        pairs = [(b, notes[b.id] if notes and b.id in notes else self.list(b.id)) for b in briefings]
        count = sum(len(select(b, ns, options)) for b, ns in pairs)
        if len(pairs) == 1 and not many:
            return render(fmt, pairs[0][0], pairs[0][1], when, options), count
        return render_many(fmt, pairs, when, options), count

    # --- import ---------------------------------------------------------------

    def import_file(
        self, path: Path, briefings: Sequence[Briefing], bundle: Briefing | None = None
    ) -> ImportReport:
        """Read a W3C Web Annotation file, anchor each note by its quote, and add the ones
        the store does not have (by id). Raises OSError or BadJSONFile (a ValueError)."""
        data = load_json(path)
        incoming, skipped = parse_annotations(data, clean(str(path)))
        report = ImportReport(skipped=list(skipped))
        for inc in incoming:
            briefing = bundle or _briefing_for(inc, briefings)
            if briefing is None:
                where = ", ".join(inc.sources) or "no source"
                report.skipped.append(f"{inc.where}: no briefing here for its target ({where}); use --bundle")
                continue
            note, orphan = _note_from(inc, briefing)
            if orphan:
                report.orphans.append(f"{inc.where}: {orphan}; kept as an orphaned note")
            try:
                added = self.store.restore(note)
            except ValueError as exc:
                report.skipped.append(f"{inc.where}: {exc}")
                continue
            if added:
                report.added.append(note)
            else:
                report.duplicates += 1
        return report


@dataclass
class ImportReport:
    added: list[Annotation] = field(default_factory=list)
    duplicates: int = 0
    orphans: list[str] = field(default_factory=list)  # added, but their text was not found
    skipped: list[str] = field(default_factory=list)  # not added, with the reason


def _briefing_for(inc: Incoming, briefings: Sequence[Briefing]) -> Briefing | None:
    by_id = {b.id: b for b in briefings}
    if inc.bundle in by_id:
        return by_id[inc.bundle]
    for source in inc.sources:
        if source.startswith(BUNDLE_URN) and source[len(BUNDLE_URN) :] in by_id:
            return by_id[source[len(BUNDLE_URN) :]]
        for b in briefings:
            if b.url and _same_url(b.url, source):
                return b
    return None


def _same_url(a: str, b: str) -> bool:
    def norm(u: str) -> str:
        u = u.split("#", 1)[0].rstrip("/")
        return re.sub(r"^https?://(www\.)?", "", u, flags=re.IGNORECASE)

    return norm(a) == norm(b)


def _note_from(inc: Incoming, briefing: Briefing) -> tuple[Annotation, str]:
    """The note to store, and "" or why it is orphaned."""
    orphan = ""
    if inc.kind == "fact":
        target = Target("fact", fact_id=inc.key)
        if briefing.fact(inc.key) is None:
            orphan = f"fact {inc.key} is not in {briefing.id}"
    elif inc.kind == "country":
        target = Target("country", country=inc.key.upper())
        if briefing.country(inc.key.upper()) is None:
            orphan = f"country {inc.key} is not in {briefing.id}"
    else:
        anchor = inc.anchor or Anchor("")
        span = locate(briefing.body, anchor) or find_quote(briefing.body, anchor.exact, any_case=False)
        if span is not None:
            anchor = make_anchor(briefing.body, *span)
        else:
            orphan = f"the passage “{clean(anchor.exact[:60])}” is not in the article of {briefing.id}"
        target = Target("passage", anchor=anchor)
    label = inc.label if inc.label in LABELS else ""
    note = Annotation(
        id=inc.note_id(briefing.id),
        bundle_id=briefing.id,
        target=target,
        text=inc.text,
        tags=inc.tags,
        label=label,
        created=inc.created,
        updated=inc.modified or inc.created,
    )
    return note, orphan


# --- targets ---------------------------------------------------------------------


def _check_target_in(briefing: Briefing, target: Target) -> None:
    if target.kind == "fact" and briefing.fact(target.fact_id) is None:
        raise NoteError(clean(f"no fact {target.fact_id!r} in {briefing.id}"))
    if target.kind == "country" and briefing.country(target.country) is None:
        known = ", ".join(c.code for c in briefing.countries) or "none"
        raise NoteError(clean(f"country {target.country!r} is not in {briefing.id} (its countries: {known})"))


def parse_target(briefing: Briefing, text: str) -> Target:
    """`FACT_ID`, `country:XX` or `passage:TEXT` -> a Target that exists in the briefing."""
    kind, sep, rest = text.partition(":")
    if sep and kind == "country":
        target = Target("country", country=rest.strip().upper())
        _check_target_in(briefing, target)
        return target
    if sep and kind == "passage":
        start = briefing.body.find(rest) if rest else -1
        if start < 0:
            raise NoteError(clean(f"passage {rest[:60]!r} does not occur in the article of {briefing.id}"))
        return Target("passage", anchor=make_anchor(briefing.body, start, start + len(rest)))
    if briefing.fact(text) is None:
        raise NoteError(
            clean(
                f"no fact {text!r} in {briefing.id}; a target is a fact id, country:XX "
                "or passage:TEXT (`briefing show` lists the facts)"
            )
        )
    return Target("fact", fact_id=text)


# --- the export dialog's last choice -------------------------------------------------


@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog asked for last time; kept in `export.json` in the data dir."""

    format: str = "markdown"
    group: str = "fact"
    label: str = ""
    tag: str = ""
    country: str = ""
    with_ids: bool = False

    def options(self, author: str = "") -> ExportOptions:
        return ExportOptions(
            label=self.label,
            tag=self.tag,
            country=self.country,
            group=self.group,
            with_ids=self.with_ids,
            author=author,
        )


def choice_path() -> Path:
    return data_dir() / "export.json"


def load_export_choice() -> ExportChoice:
    """The last choice, or the defaults when there is none or it will not load."""
    try:
        data: Any = load_json(choice_path())
    except (OSError, BadJSONFile):
        return ExportChoice()
    if not isinstance(data, dict):
        return ExportChoice()
    default = ExportChoice()
    values: dict[str, Any] = {}
    for name in ("format", "group", "label", "tag", "country"):
        v = data.get(name)
        values[name] = v if isinstance(v, str) and len(v) <= 64 else getattr(default, name)
    values["with_ids"] = data.get("with_ids") is True
    choice = ExportChoice(**values)
    try:
        choice.options()
    except ValueError:
        return ExportChoice()
    from .export import FORMATS

    return choice if choice.format in FORMATS else ExportChoice()


def save_export_choice(choice: ExportChoice) -> None:
    """Raises OSError when the data dir cannot be written (the caller says so, or not)."""
    write_text_atomic(choice_path(), json.dumps(choice.__dict__, indent=1))
