"""The index database: its tables (`DDL`, version `SCHEMA`), the check that this Python's
SQLite has FTS5, and a write transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

SCHEMA = 7
DDL = """
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
def transaction(con: sqlite3.Connection) -> Iterator[None]:
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
