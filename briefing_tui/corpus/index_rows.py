"""What the index holds of a bundle and of its notes: the files' signatures, the article's
full-text rows, a fact's dates, and the rows written (and deleted) for a bundle and its notes."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..bundle.errors import BundleError
from ..bundle.reader import BRIEFING_FILE, COUNTRIES_FILE, FACTS_FILE, read_bundle
from ..model import Annotation, Briefing, Fact, Problem, Value, date_bounds
from .index_search import MARK_CLOSE, MARK_OPEN

_MARKS = re.compile(f"[{MARK_OPEN}{MARK_CLOSE}]")

# Article rows: runs of whole paragraphs up to ARTICLE_ROW_CHARS (fewer rows for a common word to
# rank: a tenth of the paragraph rows), a paragraph longer than PARAGRAPH_CHARS cut near it.
PARAGRAPH_CHARS = 3_000
ARTICLE_ROW_CHARS = 2_000
_PARAGRAPH = re.compile(r"\S(?:[^\n]|\n(?![ \t]*\n))*")


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


def parse_all(folders: list[Path]) -> Iterator[tuple[Path, tuple[Briefing | None, tuple[Problem, ...]]]]:
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


def delete_bundle(con: sqlite3.Connection, path: str) -> None:
    con.execute("DELETE FROM search WHERE rowid IN (SELECT rowid FROM docs WHERE owner=?)", (path,))
    con.execute("DELETE FROM docs WHERE owner=?", (path,))
    for table in ("facts", "fact_countries", "countries", "bundles"):
        con.execute(f"DELETE FROM {table} WHERE path=?", (path,))


def _codes(codes: Iterable[str]) -> str:
    return " " + " ".join(codes) + " "


class Docs:
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


def insert_bundle(con: sqlite3.Connection, docs: Docs, folder: Path, sig: str, b: Briefing | None,
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
        # The statement and its value; the source quote is the article's own text (an article
        # hit): in the row too, every snippet repeated the statement's words.
        value = _fact_value(f)
        docs.add(path, b.id, "fact", f.id, 0, _codes(f.countries), f.speaker,
                 f"{f.statement} · {value}" if value else f.statement)
    con.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", fact_rows)
    con.executemany("INSERT INTO fact_countries VALUES (?,?,?)", fc_rows)
    con.executemany("INSERT INTO countries VALUES (?,?,?,?)",
                    [(path, c.code, c.name, c.role) for c in b.countries])


def stored_problems(text: str | None) -> tuple[Problem, ...]:
    try:
        return tuple(Problem(str(p), int(line), str(m)) for p, line, m in json.loads(text or "[]"))
    except (ValueError, TypeError):
        return (Problem("", 0, "unreadable problem list in the index"),)


def _fact_value(f: Fact) -> str:
    return f.value.display() if f.value else ""


def mark_active(con: sqlite3.Connection, order: list[str]) -> None:
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


def delete_notes(con: sqlite3.Connection, bundle_id: str) -> None:
    owner = f"notes:{bundle_id}"
    con.execute("DELETE FROM search WHERE rowid IN (SELECT rowid FROM docs WHERE owner=?)", (owner,))
    con.execute("DELETE FROM docs WHERE owner=?", (owner,))
    con.execute("DELETE FROM notes WHERE bundle_id=?", (bundle_id,))


def insert_notes(con: sqlite3.Connection, docs: Docs, bundle_id: str, notes: list[Annotation]) -> None:
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
