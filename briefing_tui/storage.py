"""A TinyDB storage that never leaves a half-written or lost notes file.

TinyDB's stock `JSONStorage` rewrites its file in place and takes no lock, so a
kill mid-write leaves invalid JSON and two processes overwrite each other's
notes. Here every write goes to a temp file in the same folder, is fsynced and
renamed over the old file (then the folder is fsynced), so a reader sees the old
state or the new one, never a mix. `lock` is a cross-process file lock; callers
hold it around each read-modify-write (TinyDB re-reads the file at the start of
every operation, so the data it modifies is always the newest on disk).

A file that will not parse is never overwritten: it is renamed aside with a UTC
timestamp and reported through `events`, and the store carries on empty.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb.storages import Storage

from .atomic import (  # noqa: F401 - re-exported for tests and callers
    TEMP_SUFFIX,
    atomic_write_bytes,
    describe_os_error,
    fsync_dir,
)
from .safe_json import BadJSONFile, parse_json, read_regular

LOCK_TIMEOUT = 10.0  # seconds; a writer holds the lock for one file write


class StoreError(Exception):
    """The notes could not be read or saved; the message is one line naming the path."""


@dataclass(frozen=True)
class StoreEvent:
    """Something the user should be told about a notes file: it moved aside or was recreated."""

    kind: str  # "moved_aside" | "recreated"
    path: Path
    moved_to: Path | None = None
    reason: str = ""

    @property
    def message(self) -> str:
        if self.kind == "moved_aside":
            return (
                f"notes file {self.path} could not be read ({self.reason}); "
                f"kept it as {self.moved_to} and started a new one"
            )
        return f"notes file {self.path} had disappeared; created it again"


def utc_stamp(now: datetime | None = None) -> str:
    """Compact ISO 8601 UTC stamp for file names: 20261126T231500Z."""
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")


def temp_files_of(path: Path) -> list[Path]:
    """Temp files `atomic_write_bytes` may have left behind for `path` after a crash."""
    try:
        return sorted(path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"))
    except OSError:
        return []


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic replace on write, file lock, corrupt files moved aside."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        lock_timeout: float = LOCK_TIMEOUT,
        on_event: Callable[[StoreEvent], None] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.lock = FileLock(str(self.path) + ".lock", timeout=lock_timeout, poll_interval=0.002)
        self.events: list[StoreEvent] = []
        self._on_event = on_event
        self._seen = False  # the file existed when we last read or wrote it
        self._clean_stale_temps()

    # --- TinyDB's interface -------------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        found = self._load()
        if found is None:
            return None
        self._seen = True
        data, reason = found
        if reason is None:
            return data
        return self._quarantine(reason)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with self.locked():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                recreated = self._seen and not self.path.exists()
                atomic_write_bytes(self.path, payload)
            except OSError as exc:
                raise StoreError(f"cannot save notes to {self.path}: {describe_os_error(exc)}") from exc
        self._seen = True
        if recreated:
            self._emit(StoreEvent("recreated", self.path))

    def close(self) -> None:
        """Nothing stays open between operations: each read and write opens the file afresh."""

    # --- locking ------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cross-process lock; turn a failure to take it into a StoreError."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.lock.acquire()
        except Timeout as exc:
            raise StoreError(
                f"notes file {self.path} is locked by another briefing process; try again"
            ) from exc
        except OSError as exc:
            raise StoreError(f"cannot lock notes file {self.path}: {describe_os_error(exc)}") from exc
        try:
            yield
        finally:
            self.lock.release()

    # --- internals ----------------------------------------------------------

    def _load(self) -> tuple[dict[str, dict[str, Any]] | None, str | None] | None:
        """None when there is no file, else (data, None) or (None, why it cannot be used)."""
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            return None
        except BadJSONFile as exc:  # a FIFO, a device: it would block or never parse
            return None, exc.reason
        except OSError as exc:
            raise StoreError(f"cannot read notes file {self.path}: {describe_os_error(exc)}") from exc
        return _parse(raw, self.path)

    def _quarantine(self, reason: str) -> dict[str, dict[str, Any]] | None:
        """Move an unparsable file aside (under the lock, after checking it is still bad)."""
        with self.locked():
            found = self._load()
            if found is None:
                return None
            data, reason_now = found
            if reason_now is None:  # another process replaced it meanwhile
                return data
            target = self._aside_name()
            try:
                os.replace(self.path, target)
                fsync_dir(self.path.parent)
            except OSError as exc:
                raise StoreError(
                    f"notes file {self.path} is damaged ({reason_now}) and could not be moved "
                    f"aside: {describe_os_error(exc)}"
                ) from exc
        self._seen = False
        self._emit(StoreEvent("moved_aside", self.path, target, reason_now))
        return None

    def _aside_name(self) -> Path:
        base = self.path.with_name(f"{self.path.name}.corrupt-{utc_stamp()}")
        candidate, n = base, 1
        while candidate.exists():
            n += 1
            candidate = base.with_name(f"{base.name}-{n}")
        return candidate

    def _clean_stale_temps(self) -> None:
        """Temp files left by a killed writer. Only under the lock: a live writer holds it."""
        if not self.path.parent.is_dir() or not temp_files_of(self.path):
            return
        try:
            with self.locked():
                for tmp in temp_files_of(self.path):
                    with contextlib.suppress(OSError):
                        tmp.unlink()
        except StoreError:
            pass  # best effort: a read-only folder simply keeps its litter

    def _emit(self, event: StoreEvent) -> None:
        self.events.append(event)
        if self._on_event is not None:
            self._on_event(event)


def _parse(raw: bytes, path: Path) -> tuple[dict[str, dict[str, Any]] | None, str | None]:
    """(data, None) when `raw` is a TinyDB document, else (None, reason)."""
    if not raw.strip():
        return None, None  # an empty file is an empty store: nothing to keep
    try:
        return parse_json(raw, path, _check_tinydb), None
    except BadJSONFile as exc:
        return None, exc.reason


def _check_tinydb(data: Any) -> str | None:
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        return "not a TinyDB notes file"
    return None
