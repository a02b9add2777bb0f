"""Deleting a briefing moves its folder to a trash folder in the data dir, from where
`briefing restore` puts it back. The shipped briefings are never touched; the user's notes
stay in the notes store (they come back with the briefing)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..locations import shipped_content_dir, trash_dir
from ..safe_json import BadJSONFile, load_json

ORIGIN_FILE = "origin.json"


class TrashError(Exception):
    """A delete or restore that cannot be done, said in one line."""


@dataclass(frozen=True)
class Trashed:
    name: str  # the trash entry's folder name: what `briefing restore` takes
    bundle: str  # the bundle's folder name
    origin: Path  # where it came from, where it goes back to
    deleted: str  # ISO 8601 UTC

    @property
    def folder(self) -> Path:
        return trash_dir() / self.name / self.bundle


def is_shipped(folder: Path) -> bool:
    try:
        return folder.resolve().parent == shipped_content_dir().resolve()
    except OSError:
        return False


def move_to_trash(folder: Path, now: datetime | None = None) -> Trashed:
    """Move a bundle folder into the trash; refuse the shipped ones."""
    folder = Path(folder)
    if is_shipped(folder):
        raise TrashError(f"{folder.name} ships with briefing and cannot be deleted")
    if not folder.is_dir():
        raise TrashError(f"{folder}: no such bundle folder")
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    entry = trash_dir() / f"{stamp}-{folder.name}"
    try:
        entry.mkdir(parents=True)
        deleted = (now or datetime.now(UTC)).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        origin = {"origin": str(folder.resolve()), "bundle": folder.name, "deleted": deleted}
        (entry / ORIGIN_FILE).write_text(json.dumps(origin), encoding="utf-8")
        shutil.move(str(folder), str(entry / folder.name))
    except OSError as exc:
        raise TrashError(f"cannot move {folder} to the trash: {exc.strerror or exc}") from exc
    return Trashed(entry.name, folder.name, folder.resolve(), deleted)


def trashed() -> list[Trashed]:
    """What the trash holds, most recently deleted first; unreadable entries are skipped."""
    out = []
    try:
        entries = sorted(trash_dir().iterdir(), reverse=True) if trash_dir().is_dir() else []
    except OSError as exc:
        raise TrashError(f"cannot read the trash {trash_dir()}: {exc.strerror}") from exc
    for entry in entries:
        try:
            data = load_json(entry / ORIGIN_FILE)
            out.append(Trashed(entry.name, str(data["bundle"]), Path(data["origin"]), str(data["deleted"])))
        except (OSError, BadJSONFile, KeyError, TypeError):
            continue
    return out


def restore(name: str) -> Path:
    """Put a trashed bundle back where it was: by trash entry name or bundle folder name (the most
    recent one of that name). Refuses when something is there now."""
    items = trashed()
    item = next((t for t in items if t.name == name), None)
    item = item or next((t for t in items if t.bundle == name), None)
    if item is None:
        raise TrashError(f"{name}: not in the trash ({trash_dir()})")
    if item.origin.exists():
        raise TrashError(f"{item.origin} exists: move it away first, then restore")
    try:
        item.origin.parent.mkdir(parents=True, exist_ok=True)
        if _same_device(item.folder, item.origin.parent):
            os.replace(item.folder, item.origin)
        else:
            shutil.move(str(item.folder), str(item.origin))
        shutil.rmtree(trash_dir() / item.name, ignore_errors=True)
    except OSError as exc:
        raise TrashError(f"cannot restore {item.bundle} to {item.origin}: {exc.strerror or exc}") from exc
    return item.origin


def _same_device(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False
