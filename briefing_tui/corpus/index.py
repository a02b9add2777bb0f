"""The library index: an SQLite FTS5 database in the user's cache dir.

A cache, never the source of truth. It holds, per bundle folder, the metadata the library
and `briefing list` show, the facts and country roles the dossier and the timeline need,
the user's notes, and one full-text row per title, article paragraph, fact and note.
`refresh()` brings it up to date from the bundles' file signatures (mtime and size of the
three files) and the notes files' signatures, re-reading only what changed; `rebuild()`
starts from nothing. A missing, damaged or outdated database is rebuilt, with a message
(`Index.messages`), never a crash. Reading or writing a briefing or a note never needs it.

Bundles are keyed by folder; where two folders hold the same id the first on the content
path wins (as in `bundle.discover`): the others stay in the index, marked inactive.

The parts: `index_schema` (the tables), `index_rows` (what a bundle and its notes become in
them), `index_search` (a query and its hits); this module opens, repairs, refreshes and queries.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bundle.discover import bundle_folders, indexable
from ..locations import cache_dir
from ..model import Annotation, Problem
from ..storage import StoreError
from ..store import AnnotationStore
from .index_rows import (
    Docs,
    delete_bundle,
    delete_notes,
    fact_dates,
    insert_bundle,
    insert_notes,
    mark_active,
    parse_all,
    signature,
    stored_problems,
)
from .index_schema import DDL, SCHEMA, IndexUnavailable, check_fts5, transaction
from .index_search import MARK_CLOSE, MARK_OPEN, Hit, first_mark, parse_query, sentence_at, unmark

INDEX_FILE = "index.sqlite3"
SNIPPET_TOKENS = 14

# bm25 weights: a hit in the title column counts more than one in the text.
# The countries column holds the row's country codes for `country:`; it never ranks.
TITLE_WEIGHT, TEXT_WEIGHT = 4.0, 1.0
RANK = f"bm25(search, {TITLE_WEIGHT}, {TEXT_WEIGHT}, 0.0)"

# Hits ranked beyond `limit` in the full-text table alone, for those the join then drops
# (notes of a deleted briefing, a second folder with the same id); too few left: the full query.
RANK_SLACK = 25

# The briefing a full-text row belongs to, when the library shows it.
_SHOWN = ("JOIN bundles b ON b.id = d.bundle_id AND b.active AND b.ok "
          "AND (d.owner = b.path OR d.kind = 'note')")
BUSY_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class BundleRow:
    """What the library and `briefing list` show of one bundle, from the index."""

    path: Path
    id: str
    ok: bool
    title: str = ""
    source: str = ""
    published: str = ""
    summary: str = ""
    facts: int = 0
    countries: int = 0
    notes: int = 0
    problems: tuple[Problem, ...] = ()


@dataclass
class RefreshReport:
    bundles_read: int = 0
    bundles_removed: int = 0
    notes_files_read: int = 0
    seconds: float = 0.0
    rebuilt: bool = False


class Index:
    """The index file and the operations on it. Thread-safe: each call opens its own connection
    (cheap next to a query) or uses the calling thread's."""

    def __init__(self, path: Path | None = None, store: AnnotationStore | None = None,
                 roots: Sequence[Path] | None = None) -> None:
        self.path = path if path is not None else cache_dir() / INDEX_FILE
        self.store = store if store is not None else AnnotationStore()
        self.roots = list(roots) if roots is not None else None
        self.messages: list[str] = []
        self._lock = threading.RLock()
        self._local = threading.local()
        self._checked = False

    # --- connection, schema, repair -----------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            where = self.path.parent
            raise IndexUnavailable(f"cannot create the cache folder {where}: {exc.strerror}") from exc
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                              check_same_thread=False)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        return con

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """The calling thread's connection to a checked database (repaired if need be)."""
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            with self._lock:
                con = self._open_checked()
            self._local.con = con
        yield con

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    def _open_checked(self) -> sqlite3.Connection:
        check_fts5()
        try:
            con = self._connect()
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA:
                con.execute("SELECT count(*) FROM search WHERE search MATCH 'x'").fetchone()
                return con
            if version != 0:
                self.messages.append(f"The search index {self.path} is from another version: rebuilt.")
            con.close()
        except sqlite3.DatabaseError as exc:
            self.messages.append(f"The search index {self.path} was damaged ({exc}): rebuilt.")
        self._remove_files()
        try:
            con = self._connect()
            con.executescript(DDL)
            con.execute(f"PRAGMA user_version={SCHEMA}")
        except sqlite3.DatabaseError as exc:
            raise IndexUnavailable(f"cannot create the search index {self.path}: {exc}") from exc
        return con

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            except OSError as exc:
                raise IndexUnavailable(f"cannot remove the index {self.path}: {exc.strerror}") from exc

    def _query(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        """Run a read; a database damaged under us is rebuilt once and the read tried again."""
        for attempt in (0, 1):
            try:
                with self.connection() as con:
                    return con.execute(sql, tuple(args)).fetchall()
            except sqlite3.DatabaseError as exc:
                if attempt or isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                    raise
                self._damaged(exc)
        return []

    def _damaged(self, exc: sqlite3.DatabaseError) -> None:
        self.close()
        self.messages.append(f"The search index {self.path} was damaged ({exc}): rebuilt from the bundles.")
        self._remove_files()
        self.refresh()

    def take_messages(self) -> list[str]:
        out, self.messages = self.messages, []
        return out

    # --- keeping up to date -------------------------------------------------------

    def rebuild(self) -> RefreshReport:
        """Drop everything and index every bundle and note again."""
        self.close()
        with self._lock:
            self._remove_files()
        report = self.refresh()
        report.rebuilt = True
        return report

    def refresh(self) -> RefreshReport:
        """Bring the index up to date: re-read the bundles and notes files whose signature changed,
        drop those gone. Costs a few stats per bundle when nothing changed."""
        for attempt in (0, 1):
            try:
                return self._refresh()
            except sqlite3.DatabaseError as exc:
                if attempt or isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                    raise
                self.close()
                self.messages.append(f"The search index {self.path} was damaged ({exc}): rebuilt.")
                with self._lock:
                    self._remove_files()
        return RefreshReport()

    def _refresh(self) -> RefreshReport:
        t0 = time.perf_counter()
        report = RefreshReport()
        # A folder whose name is not UTF-8 cannot be a key here: the library reads it directly.
        folders = [f for f in bundle_folders(self.roots) if indexable(f)]
        sigs = {str(f): signature(f) for f in folders}
        with self.connection() as con:
            known = dict(con.execute("SELECT path, sig FROM bundles").fetchall())
            changed = [f for f in folders if known.get(str(f)) != sigs[str(f)]]
            removed = [p for p in known if p not in sigs]
            parsed = parse_all(changed)
            with transaction(con):
                for p in removed:
                    delete_bundle(con, p)
                docs = Docs(con)
                ids: set[str] = set()
                for f, (briefing, problems) in parsed:
                    delete_bundle(con, str(f))
                    insert_bundle(con, docs, f, sigs[str(f)], briefing, problems)
                    if briefing is not None:
                        ids.add(briefing.id)
                docs.flush()
                if changed or removed:
                    mark_active(con, [str(f) for f in folders])
                # A note on a fact carries the fact's countries (the `country:` filter): the
                # notes of a re-read bundle are indexed again, whether or not their file changed.
                con.executemany("DELETE FROM note_files WHERE bundle_id = ?", [(i,) for i in ids])
            report.bundles_read, report.bundles_removed = len(changed), len(removed)
            report.notes_files_read = self._refresh_notes(con)
        report.seconds = time.perf_counter() - t0
        return report

    def _refresh_notes(self, con: sqlite3.Connection) -> int:
        directory = self.store.directory
        try:
            files = {p.stem: p for p in directory.glob("*.json")} if directory.is_dir() else {}
        except OSError:
            files = {}
        sigs: dict[str, str] = {}
        for bundle_id, p in files.items():
            try:
                st = p.stat()
            except OSError:
                continue
            sigs[bundle_id] = f"{st.st_mtime_ns}:{st.st_size}"
        known = dict(con.execute("SELECT bundle_id, sig FROM note_files").fetchall())
        changed = [b for b in sigs if known.get(b) != sigs[b]]
        gone = [b for b in known if b not in sigs]
        if not changed and not gone:
            return 0
        loaded: list[tuple[str, list[Annotation]]] = []
        for bundle_id in changed:
            try:
                loaded.append((bundle_id, self.store.list(bundle_id)))
            except (StoreError, OSError, ValueError) as exc:
                self.messages.append(f"Notes of {bundle_id} not indexed: {exc}")
                sigs[bundle_id] = "unreadable"
                loaded.append((bundle_id, []))
        with transaction(con):
            for bundle_id in gone:
                delete_notes(con, bundle_id)
                con.execute("DELETE FROM note_files WHERE bundle_id=?", (bundle_id,))
            docs = Docs(con)
            for bundle_id, notes in loaded:
                delete_notes(con, bundle_id)
                insert_notes(con, docs, bundle_id, notes)
                con.execute("INSERT OR REPLACE INTO note_files VALUES (?, ?)", (bundle_id, sigs[bundle_id]))
            docs.flush()
        return len(changed) + len(gone)

    # --- queries ----------------------------------------------------------------------

    def bundles(self) -> list[BundleRow]:
        """Every bundle the library shows (one per id, content-path order), with note counts."""
        rows = self._query(
            "SELECT b.path, b.id, b.ok, b.title, b.source, b.published, b.summary, b.nfacts, "
            "b.ncountries, b.problems, (SELECT count(*) FROM notes n WHERE n.bundle_id = b.id) "
            "FROM bundles b WHERE b.active ORDER BY b.seq")
        return [BundleRow(Path(r[0]), r[1], bool(r[2]), r[3] or "", r[4] or "", r[5] or "", r[6] or "",
                          r[7] or 0, r[8] or 0, r[10], stored_problems(r[9])) for r in rows]

    def counts(self) -> tuple[int, int]:
        """(briefings, notes) in the library."""
        rows = self._query(
            "SELECT (SELECT count(*) FROM bundles WHERE active AND ok), "
            "(SELECT count(*) FROM notes WHERE bundle_id IN (SELECT id FROM bundles WHERE active AND ok))")
        return int(rows[0][0]), int(rows[0][1])

    def search(self, text: str, *, limit: int = 50, country: str = "",
               prefix_last: bool = False) -> list[Hit]:
        """Ranked hits for a query (see `parse_query`); [] for a query with no words."""
        q = parse_query(text, prefix_last=prefix_last)
        country = (country or q.country).upper()
        if not q.match:
            return []
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            raise ValueError(f"cannot search for {text!r}: a country is two letters, not {country!r}")
        # The words match the title and the text only; the country is one more full-text term.
        match = f"{{title text}} : ({q.match})" + (f' AND countries : "{country}"' if country else "")
        try:
            rows = self._ranked(match, limit)
        except sqlite3.OperationalError as exc:  # a query FTS5 still refuses: say so, no crash
            raise ValueError(f"cannot search for {text!r}: {exc}") from exc
        hits = []
        for bundle_id, title, path, kind, ref, at, published, score, snip, title_hl, full in rows:
            if kind == "title" or MARK_OPEN not in snip:
                snip = title_hl if MARK_OPEN in title_hl else snip
            plain, marks = unmark(snip)
            start = end = 0
            if kind == "article":
                start, end = sentence_at(full, first_mark(full, plain, marks))
                start, end = start + at, end + at
            hits.append(Hit(bundle_id, title or bundle_id, Path(path), kind, ref, plain, marks,
                            published or "", float(score), start, end))
        return hits

    def _ranked(self, match: str, limit: int) -> list[tuple[Any, ...]]:
        """The best `limit` rows of a full-text expression that belong to a briefing shown:
        (bundle id, title, path, kind, ref, at, published, score, snippet, title lit, text).

        Ranked in the full-text table alone (no join per match: a common word matches tens of
        thousands of rows), the best `limit + RANK_SLACK` then joined to keep those of briefings
        shown; when the join drops too many (notes of deleted briefings, duplicate folders) the
        query runs again with the join for every match. Snippets for the rows kept only."""
        ranked = self._query(f"SELECT rowid, {RANK} FROM search WHERE search MATCH ? ORDER BY 2 LIMIT ?",
                             (match, limit + RANK_SLACK))
        if not ranked:
            return []
        score = dict(ranked)
        kept = self._query(
            "SELECT d.rowid, d.bundle_id, b.title, b.path, d.kind, d.ref, d.at, b.published FROM docs d "
            f"{_SHOWN} WHERE d.rowid IN ({','.join('?' * len(score))})", list(score))
        if len(kept) < limit and len(ranked) == limit + RANK_SLACK:
            found = self._query(
                "SELECT search.rowid, d.bundle_id, b.title, b.path, d.kind, d.ref, d.at, b.published, "
                f"{RANK} FROM search JOIN docs d ON d.rowid = search.rowid {_SHOWN} "
                "WHERE search MATCH ? ORDER BY 9 LIMIT ?", (match, limit))
            kept, score = [r[:8] for r in found], {r[0]: r[8] for r in found}
        kept.sort(key=lambda r: score[r[0]])
        kept = kept[:limit]
        extras = self._snippets(match, [r[0] for r in kept])
        none = ("", "", "")
        return [(*r[1:], score[r[0]], *extras.get(r[0], none)) for r in kept]

    def _snippets(self, match: str, rowids: list[int]) -> dict[int, tuple[str, str, str]]:
        """(snippet of the text, title lit, text) of these rows. A scan of the matches in their
        rowid range, the snippet made for these only: `rowid IN (...)` would set the query up
        once per rowid, merging every term of a prefix (`sup*`) again each time."""
        if not rowids:
            return {}
        some = ",".join("?" * len(rowids))
        rows = self._query(
            "SELECT r, s, h, t FROM (SELECT rowid AS r, "
            f"CASE WHEN rowid IN ({some}) THEN "
            f"snippet(search, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_TOKENS}) END AS s, "
            f"CASE WHEN rowid IN ({some}) THEN highlight(search, 0, '{MARK_OPEN}', '{MARK_CLOSE}') END AS h, "
            f"CASE WHEN rowid IN ({some}) THEN text END AS t "
            "FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ?) WHERE s IS NOT NULL",
            [*rowids, *rowids, *rowids, match, min(rowids), max(rowids)])
        return {r: (sn or "", hl or "", t or "") for r, sn, hl, t in rows}

    def rows(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        """A read for the dossier and the timeline (same repair as every query)."""
        return self._query(sql, args)


__all__ = [
    "BundleRow",
    "Hit",
    "Index",
    "IndexUnavailable",
    "RefreshReport",
    "check_fts5",
    "fact_dates",
    "parse_query",
]
