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
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..bundle.discover import bundle_folders, indexable
from ..bundle.errors import BundleError
from ..bundle.reader import BRIEFING_FILE, COUNTRIES_FILE, FACTS_FILE, read_bundle
from ..locations import cache_dir
from ..model import Annotation, Briefing, Fact, Problem, Value, date_bounds
from ..storage import StoreError
from ..store import AnnotationStore

SCHEMA = 6
INDEX_FILE = "index.sqlite3"
# Snippet markers: private-use characters, stripped from indexed text so content cannot fake them.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_MARKS = re.compile(f"[{MARK_OPEN}{MARK_CLOSE}]")
# Article rows: runs of whole paragraphs up to ARTICLE_ROW_CHARS (fewer rows for a common word to
# rank: a tenth of the paragraph rows), a paragraph longer than PARAGRAPH_CHARS cut near it.
PARAGRAPH_CHARS = 3_000
ARTICLE_ROW_CHARS = 2_000
_PARAGRAPH = re.compile(r"\S(?:[^\n]|\n(?![ \t]*\n))*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
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

_DDL = """
CREATE TABLE bundles(
  path TEXT PRIMARY KEY, id TEXT NOT NULL, sig TEXT NOT NULL, seq INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 0, ok INTEGER NOT NULL, title TEXT, source TEXT,
  published TEXT, summary TEXT, nfacts INTEGER, ncountries INTEGER, problems TEXT);
CREATE INDEX bundles_id ON bundles(id);
CREATE TABLE facts(
  path TEXT NOT NULL, bundle_id TEXT NOT NULL, fact_id TEXT NOT NULL, seq INTEGER, kind TEXT,
  statement TEXT, source TEXT, value TEXT, display TEXT, countries TEXT,
  date_first TEXT, date_last TEXT, date_text TEXT);
CREATE INDEX facts_path ON facts(path, fact_id);
CREATE TABLE fact_countries(path TEXT NOT NULL, fact_id TEXT NOT NULL, code TEXT NOT NULL);
CREATE INDEX fact_countries_code ON fact_countries(code);
CREATE INDEX fact_countries_path ON fact_countries(path, fact_id);
CREATE TABLE countries(path TEXT NOT NULL, code TEXT NOT NULL, name TEXT, role TEXT);
CREATE INDEX countries_code ON countries(code);
CREATE INDEX countries_path ON countries(path);
CREATE TABLE note_files(bundle_id TEXT PRIMARY KEY, sig TEXT NOT NULL);
CREATE TABLE notes(
  note_id TEXT PRIMARY KEY, bundle_id TEXT NOT NULL, kind TEXT, fact_id TEXT, country TEXT,
  exact TEXT, prefix TEXT, suffix TEXT, start INTEGER, text TEXT, label TEXT, tags TEXT,
  updated TEXT);
CREATE INDEX notes_bundle ON notes(bundle_id);
CREATE TABLE docs(
  rowid INTEGER PRIMARY KEY, owner TEXT NOT NULL, bundle_id TEXT NOT NULL, kind TEXT NOT NULL,
  ref TEXT NOT NULL, at INTEGER NOT NULL DEFAULT 0);
CREATE INDEX docs_owner ON docs(owner);
CREATE VIRTUAL TABLE search USING fts5(
  title, text, countries, tokenize = 'unicode61 remove_diacritics 2');
"""


class IndexUnavailable(Exception):
    """The index cannot be used at all (no FTS5 in this Python's SQLite, an unwritable cache)."""


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


@dataclass(frozen=True)
class Hit:
    """One search result: where it is (bundle, what, which) and a snippet with the match marked."""

    bundle_id: str
    bundle_title: str
    path: Path
    kind: str  # "title" | "article" | "fact" | "note"
    ref: str  # the fact id, the note id, or "" for the article and the title
    snippet: str  # plain text
    marks: tuple[tuple[int, int], ...]  # (start, end) of each match in `snippet`
    published: str = ""
    score: float = 0.0
    # For an article hit: the sentence holding the first match, as offsets in the body.
    start: int = 0
    end: int = 0

    def marked(self, left: str = "«", right: str = "»") -> str:
        out, last = [], 0
        for a, b in self.marks:
            out += [self.snippet[last:a], left, self.snippet[a:b], right]
            last = b
        return "".join(out) + self.snippet[last:]


@dataclass
class RefreshReport:
    bundles_read: int = 0
    bundles_removed: int = 0
    notes_files_read: int = 0
    seconds: float = 0.0
    rebuilt: bool = False


@dataclass
class Query:
    match: str  # the FTS5 expression, "" when the query has no words
    country: str = ""
    words: list[str] = field(default_factory=list)


# --- query parsing ---------------------------------------------------------------

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
TYPING_PREFIX_MIN = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def parse_query(text: str, *, prefix_last: bool = False) -> Query:
    """A user's query as a safe FTS5 expression: words (all must match), "phrases", `word*`
    prefixes, and `country:XX` as a filter. FTS5 syntax in the input is never passed through:
    every word is quoted, so `NEAR(`, `OR`, `-` or a stray quote cannot break the query.
    With `prefix_last` (search as you type) the word being typed is a prefix once it has
    TYPING_PREFIX_MIN characters (`s*` merges the postings of every word in s: 0.25 s)."""
    parts: list[str] = []
    words: list[str] = []
    country = ""
    tokens = list(_TOKEN.finditer(text))
    for i, m in enumerate(tokens):
        if m[1] is not None:  # a phrase
            ws = _WORD.findall(m[1])
            if ws:
                parts.append('"' + " ".join(ws) + '"')
                words += ws
            continue
        tok = m[2]
        if tok.lower().startswith("country:"):
            code = tok.split(":", 1)[1].strip().upper()
            if re.fullmatch(r"[A-Z]{2}", code):
                country = code
            continue
        typing = prefix_last and i == len(tokens) - 1 and not text.endswith(" ")
        for j, w in enumerate(ws := _WORD.findall(tok)):
            last = j == len(ws) - 1
            star = tok.endswith("*") or (typing and len(w) >= TYPING_PREFIX_MIN)
            parts.append(f'"{w}"' + ("*" if star and last else ""))
            words.append(w)
    return Query(" ".join(parts), country, words)


# --- bundle reading ----------------------------------------------------------------


def signature(folder: Path) -> str:
    """mtime and size of the bundle's three files: any edit, even one keeping the size, shows."""
    parts = []
    for name in (BRIEFING_FILE, FACTS_FILE, COUNTRIES_FILE):
        try:
            st = os.stat(folder / name)
            parts.append(f"{st.st_mtime_ns}:{st.st_size}")
        except OSError:
            parts.append("-")
    return "|".join(parts)


def paragraphs(body: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each paragraph of the body; long ones cut at a space near PARAGRAPH_CHARS."""
    for m in _PARAGRAPH.finditer(body):
        start, text = m.start(), m[0]
        while len(text) > PARAGRAPH_CHARS:
            cut = text.rfind(" ", PARAGRAPH_CHARS // 2, PARAGRAPH_CHARS)
            cut = cut if cut > 0 else PARAGRAPH_CHARS
            yield start, text[:cut]
            start, text = start + cut, text[cut:]
        if text.strip():
            yield start, text


def article_rows(body: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of the article's full-text rows: runs of whole paragraphs (as the body
    has them, blank lines kept) up to ARTICLE_ROW_CHARS; a longer paragraph alone."""
    start = end = -1
    for at, text in paragraphs(body):
        if start >= 0 and at + len(text) - start > ARTICLE_ROW_CHARS:
            yield start, body[start:end]
            start = -1
        if start < 0:
            start = at
        end = at + len(text)
    if start >= 0:
        yield start, body[start:end]


def fact_dates(value: Value | None) -> tuple[str, str, str]:
    """(first day, last day, written form) of a date or period value; empty otherwise."""
    if value is None or value.type not in ("date", "period"):
        return "", "", ""
    try:
        first, last = date_bounds(value.start)
        if value.type == "period":
            last = date_bounds(value.end)[1]
    except ValueError:
        return "", "", value.to_text()
    return first.isoformat(), last.isoformat(), value.to_text()


def _clean_index_text(text: str) -> str:
    return _MARKS.sub(" ", text)


# --- the index -----------------------------------------------------------------


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
            con.executescript(_DDL)
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
            parsed = _parse_all(changed)
            with _transaction(con):
                for p in removed:
                    _delete_bundle(con, p)
                docs = _Docs(con)
                ids: set[str] = set()
                for f, (briefing, problems) in parsed:
                    _delete_bundle(con, str(f))
                    _insert_bundle(con, docs, f, sigs[str(f)], briefing, problems)
                    if briefing is not None:
                        ids.add(briefing.id)
                docs.flush()
                if changed or removed:
                    _mark_active(con, [str(f) for f in folders])
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
        with _transaction(con):
            for bundle_id in gone:
                _delete_notes(con, bundle_id)
                con.execute("DELETE FROM note_files WHERE bundle_id=?", (bundle_id,))
            docs = _Docs(con)
            for bundle_id, notes in loaded:
                _delete_notes(con, bundle_id)
                _insert_notes(con, docs, bundle_id, notes)
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
                          r[7] or 0, r[8] or 0, r[10], _problems(r[9])) for r in rows]

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
            plain, marks = _unmark(snip)
            start = end = 0
            if kind == "article":
                start, end = _sentence_at(full, _first_mark(full, plain, marks))
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


def check_fts5() -> None:
    """Raise IndexUnavailable, saying so plainly, when this Python's SQLite has no FTS5."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    except sqlite3.OperationalError as exc:
        raise IndexUnavailable(
            f"this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5 full-text search ({exc}): "
            "library search, the dossier and the timeline across briefings need it"
        ) from exc
    finally:
        con.close()


@contextmanager
def _transaction(con: sqlite3.Connection) -> Iterator[None]:
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _parse_all(folders: list[Path]) -> Iterator[tuple[Path, tuple[Briefing | None, tuple[Problem, ...]]]]:
    """Each folder's briefing or problems, in order, read as the rows are written. (Worker
    processes were tried: on two busy cores, spawning and pickling cost more than they saved.)"""
    for f in folders:
        yield f, _load(f)


def _load(folder: Path) -> tuple[Briefing | None, tuple[Problem, ...]]:
    try:
        return read_bundle(folder), ()
    except BundleError as exc:
        return None, tuple(exc.problems)
    except OSError as exc:  # the folder went away between listing and reading
        return None, (Problem(str(folder), 0, f"cannot read: {exc.strerror or exc}"),)


def _delete_bundle(con: sqlite3.Connection, path: str) -> None:
    con.execute("DELETE FROM search WHERE rowid IN (SELECT rowid FROM docs WHERE owner=?)", (path,))
    con.execute("DELETE FROM docs WHERE owner=?", (path,))
    for table in ("facts", "fact_countries", "countries", "bundles"):
        con.execute(f"DELETE FROM {table} WHERE path=?", (path,))


def _codes(codes: Iterable[str]) -> str:
    return " " + " ".join(codes) + " "


class _Docs:
    """Full-text rows gathered for one transaction and written with two `executemany` calls
    (a pair of `execute` per row costs more than the bundle's parse)."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.next = (con.execute("SELECT max(rowid) FROM docs").fetchone()[0] or 0) + 1
        self.docs: list[tuple[int, str, str, str, str, int]] = []
        self.text: list[tuple[int, str, str, str]] = []

    def add(self, owner: str, bundle_id: str, kind: str, ref: str, at: int, countries: str,
            title: str, text: str) -> None:
        rowid = self.next
        self.next += 1
        self.docs.append((rowid, owner, bundle_id, kind, ref, at))
        self.text.append((rowid, _clean_index_text(title), _clean_index_text(text), countries))

    def flush(self) -> None:
        self.con.executemany("INSERT INTO docs(rowid, owner, bundle_id, kind, ref, at) "
                             "VALUES (?,?,?,?,?,?)", self.docs)
        self.con.executemany("INSERT INTO search(rowid, title, text, countries) VALUES (?,?,?,?)",
                             self.text)
        self.docs.clear()
        self.text.clear()


def _insert_bundle(con: sqlite3.Connection, docs: _Docs, folder: Path, sig: str, b: Briefing | None,
                   problems: tuple[Problem, ...]) -> None:
    path = str(folder)
    if b is None:
        con.execute(
            "INSERT INTO bundles(path, id, sig, ok, title, problems) VALUES (?,?,?,0,?,?)",
            (path, folder.name, sig, folder.name,
             json.dumps([[p.path, p.line, p.message] for p in problems])))
        return
    con.execute(
        "INSERT INTO bundles(path, id, sig, ok, title, source, published, summary, nfacts, ncountries,"
        " problems) VALUES (?,?,?,1,?,?,?,?,?,?,'[]')",
        (path, b.id, sig, b.title, b.source, b.published, b.summary, len(b.facts), len(b.countries)))
    everywhere = _codes(c.code for c in b.countries)
    docs.add(path, b.id, "title", "", 0, everywhere, b.title, b.summary)
    for at, para in article_rows(b.body):
        docs.add(path, b.id, "article", "", at, everywhere, "", para)
    fact_rows, fc_rows = [], []
    for seq, f in enumerate(b.facts):
        first, last, written = fact_dates(f.value)
        fact_rows.append((path, b.id, f.id, seq, f.kind, f.statement, f.source,
                          f.value.to_text() if f.value else "", f.value.display() if f.value else "",
                          ",".join(f.countries), first, last, written))
        fc_rows += [(path, f.id, code) for code in dict.fromkeys(f.countries)]
        docs.add(path, b.id, "fact", f.id, 0, _codes(f.countries), f.speaker,
                 f"{f.statement} {_fact_value(f)} {f.source}")
    con.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", fact_rows)
    con.executemany("INSERT INTO fact_countries VALUES (?,?,?)", fc_rows)
    con.executemany("INSERT INTO countries VALUES (?,?,?,?)",
                    [(path, c.code, c.name, c.role) for c in b.countries])


def _problems(text: str | None) -> tuple[Problem, ...]:
    try:
        return tuple(Problem(str(p), int(line), str(m)) for p, line, m in json.loads(text or "[]"))
    except (ValueError, TypeError):
        return (Problem("", 0, "unreadable problem list in the index"),)


def _fact_value(f: Fact) -> str:
    return f.value.display() if f.value else ""


def _mark_active(con: sqlite3.Connection, order: list[str]) -> None:
    """Content-path order, and the first folder of each id active (as `discover` does)."""
    ids = dict(con.execute("SELECT path, id FROM bundles").fetchall())
    seen: set[str] = set()
    rows = []
    for seq, path in enumerate(order):
        bundle_id = ids.get(path)
        if bundle_id is None:
            continue
        rows.append((seq, int(bundle_id not in seen), path))
        seen.add(bundle_id)
    con.execute("UPDATE bundles SET active = 0")
    con.executemany("UPDATE bundles SET seq = ?, active = ? WHERE path = ?", rows)


def _delete_notes(con: sqlite3.Connection, bundle_id: str) -> None:
    owner = f"notes:{bundle_id}"
    con.execute("DELETE FROM search WHERE rowid IN (SELECT rowid FROM docs WHERE owner=?)", (owner,))
    con.execute("DELETE FROM docs WHERE owner=?", (owner,))
    con.execute("DELETE FROM notes WHERE bundle_id=?", (bundle_id,))


def _insert_notes(con: sqlite3.Connection, docs: _Docs, bundle_id: str, notes: list[Annotation]) -> None:
    owner = f"notes:{bundle_id}"
    fact_countries = dict(con.execute(
        "SELECT f.fact_id, f.countries FROM facts f JOIN bundles b ON b.path = f.path "
        "WHERE b.id = ? AND b.active", (bundle_id,)).fetchall()) if notes else {}
    rows = []
    for n in notes:
        t, a = n.target, n.target.anchor
        exact, prefix, suffix, start = (a.exact, a.prefix, a.suffix, a.start) if a else ("", "", "", 0)
        rows.append((n.id, bundle_id, t.kind, t.fact_id, t.country, exact, prefix, suffix, start, n.text,
                     n.label, ",".join(n.tags), n.updated))
        countries = _codes([t.country]) if t.country else ""
        if t.kind == "fact" and fact_countries.get(t.fact_id):
            countries = _codes(fact_countries[t.fact_id].split(","))
        docs.add(owner, bundle_id, "note", n.id, 0, countries, " ".join(n.tags), f"{n.text} {exact}")
    con.executemany("INSERT OR REPLACE INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def _unmark(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet without its markers, and where the marked runs are."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    pos, start = 0, -1
    for piece in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", snippet):
        if piece == MARK_OPEN:
            start = pos
        elif piece == MARK_CLOSE:
            if start >= 0:
                marks.append((start, pos))
            start = -1
        else:
            out.append(piece)
            pos += len(piece)
    return " ".join("".join(out).split("\n")), tuple(marks)


def _first_mark(full: str, plain: str, marks: tuple[tuple[int, int], ...]) -> int:
    """Where the first marked word of the snippet is in the paragraph (0 when not found)."""
    if not marks:
        return 0
    a, b = marks[0]
    before = plain[:a].lstrip("…")
    if before.strip():  # the snippet's text up to the match, any run of spaces for a line break
        pattern = r"\s+".join(re.escape(w) for w in (before + plain[a:b]).split())
        found = re.search(pattern + ("" if before[-1:].isspace() else r"\b"), full)
        if found is not None:
            return found.end() - len(plain[a:b])
    at = full.lower().find(plain[a:b].lower())
    return max(at, 0)


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence of `text` around `pos`; a blank line ends one too."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    for m in _BLANK_LINE.finditer(text, start, pos):
        start = m.end()
    found = _SENTENCE_END.search(text, pos)
    end = found.end() if found else len(text)
    blank = _BLANK_LINE.search(text, pos, end)
    end = blank.start() if blank else end
    while start < end and text[start].isspace():
        start += 1
    if start >= end:
        return 0, len(text)
    return start, end
