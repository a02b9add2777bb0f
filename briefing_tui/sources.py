"""Where each imported briefing came from: its source, a digest of what was read, its feed,
and whether it is still unread.

One JSON file in the data dir (`imports.json`), beside the notes, written atomically
under a cross-process lock (a feed update and the library may touch it together). It
is what lets a re-import of the same URL or file update that briefing in place (same
id, so its notes stay attached and re-anchor) instead of making a second one, and what
the library reads to mark new briefings and show their feed. Losing it costs those
marks, never a bundle or a note: a file that will not load reads as empty (and is
started afresh by the next write).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .atomic import describe_os_error, write_text_atomic
from .locations import data_dir
from .safe_json import BadJSONFile, load_json

LOCK_TIMEOUT = 10.0


class SourcesError(Exception):
    """The imports file could not be locked or written; one line naming it."""


@dataclass(frozen=True)
class Record:
    """One imported briefing: `source` is the URL, or `file:` + the absolute path."""

    id: str
    source: str
    folder: str
    digest: str = ""
    feed: str = ""
    unread: bool = True
    added: str = ""
    updated: str = ""


def path() -> Path:
    return data_dir() / "imports.json"


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _check(data: Any) -> str | None:
    if not isinstance(data, dict) or not isinstance(data.get("briefings", {}), dict):
        return "not an imports file"
    return None


def _record(key: str, raw: object) -> Record | None:
    if not isinstance(raw, dict):
        return None
    fields = {k: raw.get(k) for k in Record.__dataclass_fields__ if k != "id"}
    strings = ("source", "folder", "digest", "feed", "added", "updated")
    if not all(isinstance(fields[k], str | None) for k in strings):
        return None
    return Record(
        id=key,
        unread=raw.get("unread") is not False,
        **{k: fields[k] or "" for k in strings},
    )


def load() -> dict[str, Record]:
    """Every record, by bundle id; an unreadable file reads as none."""
    try:
        data = load_json(path(), _check)
    except (OSError, BadJSONFile):
        return {}
    records = {}
    for key, raw in data.get("briefings", {}).items():
        rec = _record(key, raw) if isinstance(key, str) else None
        if rec is not None:
            records[key] = rec
    return records


def _save(records: dict[str, Record]) -> None:
    payload = {
        "briefings": {k: {n: v for n, v in asdict(r).items() if n != "id"} for k, r in records.items()}
    }
    try:
        write_text_atomic(path(), json.dumps(payload, indent=1, ensure_ascii=False), mode=0o600)
    except OSError as exc:
        raise SourcesError(f"cannot save {path()}: {describe_os_error(exc)}") from exc


@contextlib.contextmanager
def editing() -> Iterator[dict[str, Record]]:
    """Hold the lock, yield the records to change in place, write them back on success."""
    lock_path = path().with_name(path().name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout as exc:
        raise SourcesError(f"{path()} is locked by another briefing process; try again") from exc
    except OSError as exc:
        raise SourcesError(f"cannot lock {path()}: {describe_os_error(exc)}") from exc
    try:
        records = load()
        before = dict(records)
        yield records
        if records != before:
            _save(records)
    finally:
        lock.release()


def find(source: str, parent: Path) -> Record | None:
    """The record of a briefing imported from `source` into `parent`, if any."""
    folder_parent = str(Path(parent).resolve())
    for rec in load().values():
        if rec.source == source and str(Path(rec.folder).parent) == folder_parent:
            return rec
    return None


def put(record: Record) -> None:
    with editing() as records:
        old = records.get(record.id)
        if old is not None:
            record = replace(record, unread=old.unread and record.unread, added=old.added or record.added)
        records[record.id] = record


def mark_read(bundle_id: str) -> bool:
    """Mark a briefing as opened; False when it was not unread (nothing written)."""
    rec = load().get(bundle_id)
    if rec is None or not rec.unread:
        return False
    with editing() as records:
        if bundle_id in records:
            records[bundle_id] = replace(records[bundle_id], unread=False)
    return True
