"""A country's dossier: every fact that names it, across all briefings, from the index.

Grouped by briefing, newest first; each group carries the country's role line from that
briefing, the facts (in the briefing's file order) with the user's notes on them, and the
user's notes on the country itself.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..countries import display_name
from .index import Index


@dataclass(frozen=True)
class NoteRef:
    id: str
    text: str
    label: str = ""
    updated: str = ""


@dataclass
class DossierFact:
    fact_id: str
    kind: str
    statement: str
    value: str  # the value as a reader says it, or ""
    countries: tuple[str, ...]
    notes: list[NoteRef] = field(default_factory=list)


@dataclass
class DossierBriefing:
    bundle_id: str
    title: str
    published: str
    path: Path
    role: str
    facts: list[DossierFact] = field(default_factory=list)
    notes: list[NoteRef] = field(default_factory=list)  # notes on the country in this briefing


@dataclass
class Dossier:
    code: str
    name: str
    briefings: list[DossierBriefing]

    @property
    def fact_count(self) -> int:
        return sum(len(b.facts) for b in self.briefings)

    @property
    def note_count(self) -> int:
        return sum(len(b.notes) + sum(len(f.notes) for f in b.facts) for b in self.briefings)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for b in data["briefings"]:
            b["path"] = str(b["path"])
            for f in b["facts"]:
                f["countries"] = list(f["countries"])
        return data


CHUNK = 500  # ids per IN (...) list: well under SQLite's limit on parameters


def dossier(ix: Index, code: str) -> Dossier:
    """The dossier of one country (an ISO 3166 alpha-2 code, any case)."""
    code = code.strip().upper()
    groups: dict[str, DossierBriefing] = {}

    def group(path: str, bundle_id: str, title: str, published: str) -> DossierBriefing:
        if path not in groups:
            groups[path] = DossierBriefing(bundle_id, title or bundle_id, published or "", Path(path), "")
        return groups[path]

    for path, bundle_id, title, published, role in ix.rows(
        "SELECT b.path, b.id, b.title, b.published, c.role FROM countries c "
        "JOIN bundles b ON b.path = c.path AND b.active AND b.ok WHERE c.code = ?", (code,)):
        group(path, bundle_id, title, published).role = role or ""
    by_fact: dict[tuple[str, str], DossierFact] = {}
    for path, bundle_id, title, published, fact_id, kind, statement, display, countries in ix.rows(
        "SELECT b.path, b.id, b.title, b.published, f.fact_id, f.kind, f.statement, f.display, f.countries "
        "FROM fact_countries fc JOIN facts f ON f.path = fc.path AND f.fact_id = fc.fact_id "
        "JOIN bundles b ON b.path = fc.path AND b.active AND b.ok WHERE fc.code = ? ORDER BY f.seq", (code,)):
        codes = tuple(c for c in countries.split(",") if c)
        fact = DossierFact(fact_id, kind, statement, display or "", codes)
        group(path, bundle_id, title, published).facts.append(fact)
        by_fact[(bundle_id, fact_id)] = fact
    by_bundle = {g.bundle_id: g for g in groups.values()}
    # Notes on the country, and the notes of the briefings found (kept if on one of their facts).
    notes = ix.rows("SELECT bundle_id, kind, fact_id, note_id, text, label, updated FROM notes "
                    "WHERE kind = 'country' AND country = ?", (code,))
    ids = sorted({bundle_id for bundle_id, _ in by_fact})
    for at in range(0, len(ids), CHUNK):
        chunk = ids[at:at + CHUNK]
        notes += ix.rows("SELECT bundle_id, kind, fact_id, note_id, text, label, updated FROM notes "
                         f"WHERE kind = 'fact' AND bundle_id IN ({','.join('?' * len(chunk))})", chunk)
    notes.sort(key=lambda n: n[6] or "")
    for bundle_id, kind, fact_id, note_id, text, label, updated in notes:
        ref = NoteRef(note_id, text or "", label or "", updated or "")
        if kind == "fact" and (bundle_id, fact_id) in by_fact:
            by_fact[(bundle_id, fact_id)].notes.append(ref)
        elif kind == "country" and bundle_id in by_bundle:
            by_bundle[bundle_id].notes.append(ref)
    briefings = sorted(groups.values(), key=lambda g: g.title)
    briefings.sort(key=lambda g: g.published, reverse=True)  # newest first; undated last
    return Dossier(code, display_name(code), briefings)


def render_text(d: Dossier) -> str:
    lines = [f"{d.name} ({d.code}): {d.fact_count} facts in {len(d.briefings)} briefings, "
             f"{d.note_count} notes"]
    for b in d.briefings:
        lines += ["", f"{b.published or 'undated'}  {b.title}  [{b.bundle_id}]"]
        if b.role:
            lines.append(f"  role: {b.role}")
        for n in b.notes:
            lines.append(f"  note: {n.text}")
        for f in b.facts:
            value = f" [{f.value}]" if f.value else ""
            lines.append(f"  - {f.statement}{value}  ({f.fact_id})")
            for n in f.notes:
                lines.append(f"      note: {n.text}")
    return "\n".join(lines)
