"""Find bundles on the content path; a broken one is reported, never fatal to the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..locations import content_path
from ..model import Briefing, Problem
from .errors import BundleError
from .reader import BRIEFING_FILE, read_bundle


@dataclass(frozen=True)
class Entry:
    """One bundle folder found: its briefing, or the problems that kept it from loading."""

    path: Path
    briefing: Briefing | None = None
    problems: tuple[Problem, ...] = field(default=())
    # From the index (`discover_cached`): (facts, countries, notes), the briefing holding no facts.
    counts: tuple[int, int, int] | None = None

    @property
    def n_facts(self) -> int:
        return self.counts[0] if self.counts else len(self.briefing.facts) if self.briefing else 0

    @property
    def n_countries(self) -> int:
        return self.counts[1] if self.counts else len(self.briefing.countries) if self.briefing else 0

    @property
    def id(self) -> str:
        return self.briefing.id if self.briefing else self.path.name

    @property
    def ok(self) -> bool:
        return self.briefing is not None


def bundle_folders(roots: Iterable[Path] | None = None) -> list[Path]:
    """Every folder holding a briefing.md directly under a content root, in path order; a root
    named twice (the shipped folder also in BRIEFING_CONTENT_PATH, say) is read once."""
    folders: list[Path] = []
    seen: set[Path] = set()
    for root in content_path() if roots is None else roots:
        try:
            real = Path(root).resolve()
        except (OSError, RuntimeError):  # a loop of symlinks: iterdir below says no
            real = Path(root)
        if real in seen:
            continue
        seen.add(real)
        try:
            # Dot-folders are writers' staging areas (see writer.py), never bundles.
            children = sorted(p for p in Path(root).iterdir() if p.is_dir() and not p.name.startswith("."))
        except OSError:
            continue
        folders += [p for p in children if (p / BRIEFING_FILE).is_file()]
    return folders


def indexable(folder: Path) -> bool:
    """Whether a folder's path can be a key of the library index: SQLite stores UTF-8, and a
    folder name that is not valid UTF-8 reaches Python as lone surrogates."""
    try:
        str(folder).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def load(folder: Path) -> Entry:
    try:
        return Entry(folder, read_bundle(folder))
    except BundleError as exc:
        return Entry(folder, None, tuple(exc.problems))


def discover(roots: Iterable[Path] | None = None) -> list[Entry]:
    """Load every bundle found; the first of two with the same id wins (shipped before user)."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for folder in bundle_folders(roots):
        entry = load(folder)
        if entry.id in seen:
            continue
        seen.add(entry.id)
        entries.append(entry)
    return entries


def find_bundle(bundle_id: str) -> Briefing:
    """The bundle with this id (or folder name, or a path to a bundle folder)."""
    return read_bundle(find_bundle_folder(bundle_id))


def find_bundle_folder(bundle_id: str) -> Path:
    """The folder of the bundle with this id (or folder name, or a path to a bundle folder)."""
    path = Path(bundle_id)
    if (path / BRIEFING_FILE).is_file():
        return path
    for folder in bundle_folders():
        if folder.name == bundle_id:
            return folder
    for entry in discover():
        if entry.briefing and entry.briefing.id == bundle_id:
            return entry.path
    where = ", ".join(str(p) for p in content_path())
    raise BundleError([Problem(bundle_id, 0, f"no bundle with this id (looked in {where})")])


def discover_cached(on_message: Callable[[str], None] | None = None) -> list[Entry]:
    """What `discover()` finds, from the library index when it can be used: only bundles changed
    since it last looked are parsed (2,000 bundles: a few stats each instead of a parse each).
    The entries carry a `Briefing` with the metadata and no body or facts, and their `counts`;
    a caller opens a bundle with `read_bundle(entry.path)`. Falls back to `discover()` when the index is
    unavailable (no FTS5, an unwritable cache), saying why through `on_message`."""
    import sqlite3

    from ..corpus.index import Index, IndexUnavailable

    ix = Index()
    try:
        ix.refresh()
        rows = ix.bundles()
    except (IndexUnavailable, sqlite3.Error, OSError) as exc:
        if on_message is not None:
            on_message(f"library index unavailable, reading every bundle: {exc}")
        return discover()
    finally:
        ix.close()
    if on_message is not None:
        for message in ix.take_messages():
            on_message(message)
    entries = []
    # Folders the index cannot key (a name that is not UTF-8) are read directly, every time.
    odd = [load(f) for f in bundle_folders() if not indexable(f)]
    for r in rows:
        if r.ok:
            lite = Briefing(id=r.id, title=r.title, body="", source=r.source, published=r.published,
                            summary=r.summary)
            entries.append(Entry(r.path, lite, (), (r.facts, r.countries, r.notes)))
        else:
            entries.append(Entry(r.path, None, r.problems))
    known = {e.id for e in entries}
    return entries + [e for e in odd if e.id not in known]
