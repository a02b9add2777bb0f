"""The annotation store: the user's notes, one TinyDB file per bundle.

One file per bundle (`store_dir()/<bundle_id>.json`) keeps a save proportional
to that bundle's notes. Every operation takes the file's cross-process lock and
lets TinyDB re-read the file inside it, so two `briefing` processes never lose
each other's notes. Note ids are our own (`<bundle_id>:<12 hex>`), stored as
TinyDB document ids: they never go stale across processes the way TinyDB's
counter does, and the bundle prefix finds a note's file from its id alone.

Files that would not parse are moved aside, and files that vanished are
recreated; both are reported through `events` / `take_messages()`.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from briefing_tui import sanitize
from briefing_tui.bundle.layout import BUNDLE_ID
from briefing_tui.locations import store_dir
from briefing_tui.model import LABELS, SCHEMA_VERSION, Anchor, Annotation, Target
from briefing_tui.safe_json import unsurrogate
from briefing_tui.storage import LOCK_TIMEOUT, AtomicJSONStorage, StoreError, StoreEvent

__all__ = [
    "AnnotationStore",
    "StoreError",
    "StoreEvent",
    "annotation_from_record",
    "annotation_to_record",
    "target_to_record",
    "utc_now",
]

TABLE = "notes"
TARGET_KINDS = ("fact", "country", "passage")


def utc_now() -> str:
    """Now as ISO 8601 UTC, to the second: `2026-11-26T23:15:00Z`."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class _NoteTable(Table):
    """Documents keyed by our own string ids; TinyDB's integer counter is never used."""

    # TinyDB types document ids as int; ours are strings (see the module docstring), so the
    # table is used through `Any` (`AnnotationStore._table`).
    document_id_class = str  # type: ignore[assignment]

    def _get_next_id(self) -> str:
        raise TypeError("notes are inserted with explicit ids")


class _NotesDB(TinyDB):
    table_class = _NoteTable
    default_table_name = TABLE


class AnnotationStore:
    """Create, read, update and delete annotations, safely shared between processes."""

    def __init__(
        self,
        directory: Path | None = None,
        *,
        now: Callable[[], str] = utc_now,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        self._directory = directory
        self._lock_timeout = lock_timeout
        self._now = now
        self._dbs: dict[str, _NotesDB] = {}
        self.events: builtins.list[StoreEvent] = []
        self._unread: builtins.list[StoreEvent] = []

    # --- where ----------------------------------------------------------------

    @property
    def directory(self) -> Path:
        """The store folder; `store_dir()` is looked up late so tests can repoint it."""
        return self._directory if self._directory is not None else store_dir()

    def path_for(self, bundle_id: str) -> Path:
        return self.directory / f"{_check_bundle_id(bundle_id)}.json"

    def bundles(self) -> builtins.list[str]:
        """Bundle ids that have a notes file."""
        try:
            names = sorted(p.stem for p in self.directory.glob("*.json"))
        except OSError as exc:
            raise StoreError(f"cannot list notes in {self.directory}: {exc.strerror}") from exc
        return [n for n in names if BUNDLE_ID.fullmatch(n)]

    # --- reporting ------------------------------------------------------------

    @property
    def moved_aside(self) -> builtins.list[tuple[Path, Path]]:
        """(original, moved_to) for every unreadable file moved aside so far."""
        return [(e.path, e.moved_to) for e in self.events if e.moved_to is not None]

    @property
    def recreated(self) -> builtins.list[Path]:
        """Files that had disappeared and were written again by a save."""
        return [e.path for e in self.events if e.kind == "recreated"]

    def take_messages(self) -> builtins.list[str]:
        """One-line messages for events not yet shown to the user; clears them."""
        messages = [e.message for e in self._unread]
        self._unread.clear()
        return messages

    # --- queries --------------------------------------------------------------

    def list(self, bundle_id: str) -> builtins.list[Annotation]:
        """A bundle's notes, oldest first. Records this version cannot read are skipped."""
        # Straight from the storage: TinyDB's Document wrappers cost a fifth of a big load.
        data = self._db(bundle_id).storage.read() or {}
        docs = data.get(TABLE, {}).values()
        notes = [a for a in (annotation_from_record(d) for d in docs) if a is not None]
        return sorted(notes, key=lambda a: a.created)  # stable: file order breaks ties

    def get(self, note_id: str) -> Annotation | None:
        """A note by its full id (`bundle:hex`) or, scanning every file, by its hex part."""
        found = self._resolve(note_id)
        if found is None:
            return None
        bundle_id, full_id = found
        doc = self._table(bundle_id).get(doc_id=full_id)
        return annotation_from_record(doc) if doc is not None else None

    # --- changes --------------------------------------------------------------

    def add(
        self,
        bundle_id: str,
        target: Target,
        text: str,
        tags: Iterable[str] = (),
        label: str = "",
    ) -> Annotation:
        """Save a new note at once and return it with its id and times."""
        _check_target(target)
        now = self._now()
        note = Annotation(
            id=f"{_check_bundle_id(bundle_id)}:{uuid.uuid4().hex[:12]}",
            bundle_id=bundle_id,
            target=target,
            text=_check_text(text),
            tags=_clean_tags(tags),
            label=_check_label(label),
            created=now,
            updated=now,
            schema=SCHEMA_VERSION,
        )
        record = annotation_to_record(note)
        self._locked(bundle_id, lambda t: t.insert(Document(record, doc_id=note.id)))  # type: ignore[arg-type]
        return note

    def restore(self, note: Annotation) -> bool:
        """Save a note as it is (id and times kept), as an import does; False, changing
        nothing, when a note with its id is there already."""
        _check_bundle_id(note.bundle_id)
        if not note.id.startswith(f"{note.bundle_id}:"):
            raise ValueError(f"note id {note.id!r} is not in bundle {note.bundle_id}")
        _check_target(note.target)
        record = annotation_to_record(
            Annotation(
                id=note.id,
                bundle_id=note.bundle_id,
                target=note.target,
                text=_check_text(note.text),
                tags=_clean_tags(note.tags),
                label=_check_label(note.label),
                created=note.created or self._now(),
                updated=note.updated or note.created or self._now(),
                schema=SCHEMA_VERSION,
            )
        )

        def insert(table: Any) -> bool:
            if table.get(doc_id=note.id) is not None:
                return False
            table.insert(Document(record, doc_id=note.id))  # type: ignore[arg-type]
            return True

        return bool(self._locked(note.bundle_id, insert))

    def update(
        self,
        note_id: str,
        text: str | None = None,
        tags: Iterable[str] | None = None,
        label: str | None = None,
    ) -> Annotation:
        """Change a note's text, tags or label; raise KeyError if there is no such note."""
        changes: dict[str, Any] = {"updated": self._now()}
        if text is not None:
            changes["text"] = _check_text(text)
        if tags is not None:
            changes["tags"] = list(_clean_tags(tags))
        if label is not None:
            changes["label"] = _check_label(label)
        bundle_id, note_id = self._require(note_id)
        done: builtins.list[dict[str, Any]] = []

        def apply(doc: dict[str, Any]) -> None:
            doc.update(changes)
            done.append(dict(doc))

        self._locked(bundle_id, lambda t: t.update(apply, doc_ids=[note_id]))
        if not done:
            raise KeyError(note_id)
        note = annotation_from_record(done[0])
        if note is None:
            raise StoreError(f"note {note_id} in {self.path_for(bundle_id)} is unreadable")
        return note

    def remove(self, note_id: str) -> None:
        """Delete a note; raise KeyError if there is no such note."""
        bundle_id, note_id = self._require(note_id)
        removed = self._locked(bundle_id, lambda t: t.remove(doc_ids=[note_id]))
        if not removed:
            raise KeyError(note_id)

    # --- internals ------------------------------------------------------------

    def _db(self, bundle_id: str) -> _NotesDB:
        path = self.path_for(bundle_id)
        key = str(path)
        if key not in self._dbs:
            self._dbs[key] = _NotesDB(
                path,
                storage=AtomicJSONStorage,
                on_event=self._record,
                lock_timeout=self._lock_timeout,
            )
        return self._dbs[key]

    def _table(self, bundle_id: str) -> Any:  # a _NoteTable: string doc ids, which TinyDB types as int
        table = self._db(bundle_id).table(TABLE)
        table.clear_cache()
        return table

    def _locked(self, bundle_id: str, change: Callable[[Any], Any]) -> Any:
        """Run one read-modify-write under the file lock; TinyDB re-reads the file inside it."""
        db = self._db(bundle_id)
        storage = db.storage
        assert isinstance(storage, AtomicJSONStorage)
        with storage.locked():
            return change(self._table(bundle_id))

    def _resolve(self, note_id: str) -> tuple[str, str] | None:
        """(bundle id, full note id): from the id's bundle prefix, else by looking in every file."""
        prefix, sep, _ = note_id.partition(":")
        if sep:
            return (prefix, note_id) if BUNDLE_ID.fullmatch(prefix) else None
        for bundle_id in self.bundles():
            full_id = f"{bundle_id}:{note_id}"
            if self._table(bundle_id).get(doc_id=full_id) is not None:
                return bundle_id, full_id
        return None

    def _require(self, note_id: str) -> tuple[str, str]:
        found = self._resolve(note_id)
        if found is None:
            raise KeyError(note_id)
        return found

    def _record(self, event: StoreEvent) -> None:
        self.events.append(event)
        self._unread.append(event)


# --- validation ---------------------------------------------------------------


def _check_bundle_id(bundle_id: str) -> str:
    if not BUNDLE_ID.fullmatch(bundle_id):
        raise ValueError(f"not a bundle id: {bundle_id!r}")
    return bundle_id


def _check_text(text: str) -> str:
    """Note text as stored: no control characters, no lone surrogates, and not blank."""
    text = sanitize.strip(unsurrogate(text))
    if not text.strip():
        raise ValueError("a note needs some text")
    return text


def _check_label(label: str) -> str:
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}; use one of: {', '.join(LABELS[1:])}")
    return label


def _check_target(target: Target) -> None:
    if target.kind not in TARGET_KINDS:
        raise ValueError(f"unknown target kind {target.kind!r}")
    if target.kind == "fact" and not target.fact_id:
        raise ValueError("a fact target needs a fact id")
    if target.kind == "country" and not target.country:
        raise ValueError("a country target needs a country code")
    if target.kind == "passage" and (target.anchor is None or not target.anchor.exact):
        raise ValueError("a passage target needs a non-empty anchor")


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, non-empty, first occurrence kept: tags are typed by hand."""
    out: dict[str, None] = {}
    for tag in tags:
        tag = sanitize.strip(unsurrogate(tag)).strip()
        if tag:
            out.setdefault(tag)
    return tuple(out)


# --- records (the on-disk form, schema 1) -------------------------------------


def target_to_record(target: Target) -> dict[str, Any]:
    if target.kind == "fact":
        return {"kind": "fact", "fact_id": target.fact_id}
    if target.kind == "country":
        return {"kind": "country", "country": target.country}
    anchor = target.anchor or Anchor("")
    return {
        "kind": "passage",
        "anchor": {
            "exact": anchor.exact,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
            "start": anchor.start,
        },
    }


def annotation_to_record(note: Annotation) -> dict[str, Any]:
    return {
        "id": note.id,
        "bundle_id": note.bundle_id,
        "target": target_to_record(note.target),
        "text": note.text,
        "tags": list(note.tags),
        "label": note.label,
        "created": note.created,
        "updated": note.updated,
        "schema": note.schema,
    }


def annotation_from_record(record: Mapping[str, Any]) -> Annotation | None:
    """Decode a stored note; None for a record this version cannot read (it stays on disk)."""
    try:
        raw_target = record["target"]
        kind = raw_target["kind"]
        if kind == "passage":
            a = raw_target["anchor"]
            anchor = Anchor(
                str(a["exact"]),
                str(a.get("prefix", "")),
                str(a.get("suffix", "")),
                int(a.get("start", 0)),
            )
            target = Target("passage", anchor=anchor)
        elif kind == "fact":
            target = Target("fact", fact_id=str(raw_target["fact_id"]))
        elif kind == "country":
            target = Target("country", country=str(raw_target["country"]))
        else:
            return None
        return Annotation(
            id=str(record["id"]),
            bundle_id=str(record["bundle_id"]),
            target=target,
            text=str(record.get("text", "")),
            tags=tuple(str(t) for t in record.get("tags", ())),
            label=str(record.get("label", "")),
            created=str(record.get("created", "")),
            updated=str(record.get("updated", "")),
            schema=int(record.get("schema", SCHEMA_VERSION)),
        )
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        return None
