"""What every export format says about a note: its sentence, its fact, its citation.

A note is shown with the whole sentence it is about, as the reader sees it (Markdown
markers gone): the sentence around a fact's source quote, or around a noted passage.
A source quote is often a fragment (`The US has received more than $200bn`); a memo
wants the sentence (`... through nearly 2,500 projects, AidData said.`).

Sentences are found with a small general rule: a sentence ends at `.`, `!` or `?`
(closing quotes and brackets included) followed by space and a capital, digit or
opening quote, unless the word before the stop is a single letter (`U.S.`) or a common
abbreviation (`Mr.`, `Dr.`, `Jan.`); a paragraph always ends one. A "sentence" longer
than `MAX_SENTENCE` characters (a list, a table row) is not worth quoting whole: the
quote itself is shown instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..anchoring import locate
from ..article.blocks import reader_text
from ..article.matcher import find_quote
from ..model import LABELS, Anchor, Annotation, Briefing, Fact, Value
from ..sanitize import strip

GROUPS = ("fact", "country", "label")
MAX_SENTENCE = 600
# Words after which a full stop does not end a sentence (case-insensitive).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sen rep gov gen col lt sgt capt jr sr inc ltd co corp no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ".split()
)
_STOP = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de])""")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)$")


class ExportOptions:
    """Filters and layout shared by every format. Raises ValueError on a bad value."""

    def __init__(
        self,
        *,
        label: str = "",
        tag: str = "",
        country: str = "",
        group: str = "fact",
        with_ids: bool = False,
        author: str = "",
    ) -> None:
        if label and label not in LABELS:
            raise ValueError(f"unknown label {label!r}; use one of: {', '.join(LABELS[1:])}")
        if group not in GROUPS:
            raise ValueError(f"unknown grouping {group!r}; use one of: {', '.join(GROUPS)}")
        if country and not re.fullmatch(r"[A-Za-z]{2}", country):
            raise ValueError(f"not a country code: {country!r} (use ISO 3166 alpha-2, like JP)")
        self.label = label
        self.tag = tag.strip().lstrip("#")
        self.country = country.upper()
        self.group = group
        self.with_ids = with_ids
        self.author = author

    @property
    def filtered(self) -> bool:
        return bool(self.label or self.tag or self.country)

    def describe_filters(self) -> str:
        """`label question, tag money, country JP`, or "" when nothing is filtered."""
        parts = [f"label {self.label}"] if self.label else []
        parts += [f"tag {self.tag}"] if self.tag else []
        parts += [f"country {self.country}"] if self.country else []
        return ", ".join(parts)


DEFAULT = ExportOptions()


# --- sentences -----------------------------------------------------------------------


@lru_cache(maxsize=8)
def _reader_text(body: str) -> str:
    return reader_text(body)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) that hold `text[start:end]`, by the rule above."""
    para_start = 0
    for m in _PARAGRAPH.finditer(text, 0, start):
        para_start = m.end()
    para = _PARAGRAPH.search(text, end)
    para_end = para.start() if para else len(text)
    s = para_start
    for m in _STOP.finditer(text, para_start, para_end):  # the lookahead must see past `start`
        if m.end() > start:
            break
        if not _abbreviation(text, m.start()):
            s = m.end()
    e = para_end
    for m in _STOP.finditer(text, max(para_start, end - 1), para_end):
        if not _abbreviation(text, m.start()):
            e = m.end()
            break
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


def _abbreviation(text: str, stop: int) -> bool:
    if text[stop] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, stop - 12), stop)
    if m is None:
        return False
    word = m[1]
    return len(word) == 1 or word.lower() in ABBREVIATIONS


def _one_line(text: str) -> str:
    return " ".join(strip(text).split())


def fact_sentence(briefing: Briefing, fact: Fact) -> str:
    """The sentence a fact's source quote stands in, as the reader sees it (else the quote)."""
    return _sentence_of_quote(briefing.body, fact.source)


@lru_cache(maxsize=4096)  # many notes on one fact look its sentence up once
def _sentence_of_quote(body: str, quote: str) -> str:
    text = _reader_text(body)
    found = find_quote(text, quote)
    if found is None:
        return _one_line(quote)
    s, e = sentence_around(text, *found)
    if e - s > MAX_SENTENCE:
        return _one_line(quote)
    return _one_line(text[s:e])


@lru_cache(maxsize=4096)  # notes on the same passage: located once
def locate_passage(body: str, anchor: Anchor) -> tuple[int, int] | None:
    return locate(body, anchor)


def passage_sentence(briefing: Briefing, span: tuple[int, int] | None, exact: str) -> str:
    """The sentence around a passage of the body (offsets in the Markdown), as the reader sees it."""
    if span is None:
        return _one_line(exact)
    return _passage_sentence(briefing.body, span, exact)


@lru_cache(maxsize=4096)
def _passage_sentence(body: str, span: tuple[int, int], exact: str) -> str:
    s, e = sentence_around(body, *span)
    if e - s > MAX_SENTENCE:
        s, e = span
    return _one_line(reader_text(body[s:e])) or _one_line(exact)


# --- citation ------------------------------------------------------------------------


def display_date(iso: str) -> str:
    try:
        return Value.parse(iso).display() if iso else ""
    except ValueError:
        return iso


def citation(briefing: Briefing) -> str:
    """`— GlobalData, 26 Nov 2025, <https://...>`: the line to paste under a quote."""
    parts = [_one_line(briefing.source) or _one_line(briefing.title), display_date(briefing.published)]
    if briefing.url:
        parts.append(f"<{_one_line(briefing.url)}>")
    return "— " + ", ".join(p for p in parts if p)


def source_iri(briefing: Briefing) -> str:
    """The briefing's URL, else a stable URN for the bundle (`urn:briefing:bundle:<id>`)."""
    return briefing.url or f"urn:briefing:bundle:{briefing.id}"


# --- one note in context ---------------------------------------------------------------


@dataclass
class Item:
    """A note with what it is about, worked out once for every format."""

    note: Annotation
    kind: str  # fact | country | passage
    key: str  # fact id, country code, or passage start
    sentence: str = ""  # the sentence it is about ("" for a country note)
    statement: str = ""  # the fact's statement, or the country's role
    heading: str = ""  # the fact's statement, "CN · China", or ""
    found: bool = True  # the fact is in the bundle / the passage is in the body
    countries: tuple[str, ...] = ()
    span: tuple[int, int] | None = None  # a passage's place in the body today
    order: tuple[int, int, int] = (0, 0, 0)


def items(briefing: Briefing, notes: Iterable[Annotation], options: ExportOptions = DEFAULT) -> list[Item]:
    """The notes on `briefing` that pass the filters, in the order of the document:
    facts in article order, then countries, then passages in body order; each group's
    notes oldest first."""
    fact_rank = {f.id: i for i, f in enumerate(briefing.facts_in_article_order())}
    country_rank = {c.code: i for i, c in enumerate(briefing.countries)}
    out: list[Item] = []
    mine = sorted((n for n in notes if n.bundle_id == briefing.id), key=lambda n: (n.created, n.id))
    # A passage's countries (those of the facts it overlaps) cost a search per fact: only when asked.
    need_countries = bool(options.country) or options.group == "country"
    for note in mine:
        item = _item(briefing, note, fact_rank, country_rank, need_countries)
        if _passes(item, options):
            out.append(item)
    out.sort(key=lambda i: i.order)
    return out


def _item(
    briefing: Briefing,
    note: Annotation,
    fact_rank: dict[str, int],
    country_rank: dict[str, int],
    need_countries: bool,
) -> Item:
    t = note.target
    if t.kind == "fact":
        fact = briefing.fact(t.fact_id)
        if fact is None:
            return Item(note, "fact", t.fact_id, found=False, order=(0, len(fact_rank), 0))
        return Item(
            note,
            "fact",
            fact.id,
            sentence=fact_sentence(briefing, fact),
            statement=_one_line(fact.statement),
            heading=_one_line(fact.statement) or fact.id,
            countries=fact.countries,
            order=(0, fact_rank.get(fact.id, len(fact_rank)), 0),
        )
    if t.kind == "country":
        country = briefing.country(t.country)
        name = _one_line(country.name) if country else ""
        return Item(
            note,
            "country",
            t.country,
            statement=_one_line(country.role) if country else "",
            heading=f"{t.country} · {name}" if name else t.country,
            found=country is not None,
            countries=(t.country,),
            order=(1, country_rank.get(t.country, len(country_rank)), 0),
        )
    anchor = t.anchor
    exact = anchor.exact if anchor else ""
    span = locate_passage(briefing.body, anchor) if anchor else None
    countries: tuple[str, ...] = ()
    if span is not None and need_countries:
        near = {c for f in briefing.facts if _overlaps(briefing, f, span) for c in f.countries}
        countries = tuple(sorted(near))
    return Item(
        note,
        "passage",
        str(span[0]) if span else f"gone:{exact}",
        sentence=passage_sentence(briefing, span, exact),
        found=span is not None,
        countries=countries,
        span=span,
        order=(2, 0 if span else 1, span[0] if span else 0),
    )


def _overlaps(briefing: Briefing, fact: Fact, span: tuple[int, int]) -> bool:
    """Whether a fact's quote covers part of the passage (both as body text)."""
    found = find_quote(briefing.body, fact.source)
    return found is not None and found[0] < span[1] and span[0] < found[1]


def _passes(item: Item, options: ExportOptions) -> bool:
    note = item.note
    if options.label and note.label != options.label:
        return False
    if options.tag and options.tag.casefold() not in {t.casefold() for t in note.tags}:
        return False
    return not (options.country and options.country not in item.countries)


def select(
    briefing: Briefing, notes: Iterable[Annotation], options: ExportOptions = DEFAULT
) -> list[Annotation]:
    """The notes that pass the filters, in document order."""
    return [i.note for i in items(briefing, notes, options)]


def label_title(label: str) -> str:
    return label.capitalize() if label else "No label"


def groups(briefing: Briefing, found: Sequence[Item], how: str) -> list[tuple[str, list[Item]]]:
    """Items under keys: `fact:ID` / `country:XX` / `passage:N` (by fact), a country code
    ("" for none) in the briefing's order, or a label title."""
    out: dict[str, list[Item]] = {}
    if how == "label":
        for label in (*LABELS[1:], ""):
            mine = [i for i in found if i.note.label == label]
            if mine:
                out[label_title(label)] = mine
        return list(out.items())
    for i in found:
        if how == "country":
            for code in i.countries or ("",):
                out.setdefault(code, []).append(i)
        else:
            out.setdefault(f"{i.kind}:{i.key}", []).append(i)
    if how == "country":
        rank = {c.code: n for n, c in enumerate(briefing.countries)}
        return sorted(out.items(), key=lambda kv: (not kv[0], rank.get(kv[0], len(rank)), kv[0]))
    return list(out.items())


# --- for the clipboard -------------------------------------------------------------------


def fact_citation(briefing: Briefing, fact: Fact) -> str:
    """A fact ready to paste: its statement, the sentence it comes from, the citation line."""
    parts = (_one_line(fact.statement), _quoted(fact_sentence(briefing, fact)), citation(briefing))
    return "\n\n".join(p for p in parts if p)


def note_citation(briefing: Briefing, note: Annotation) -> str:
    """A note ready to paste: the note, what it is about (sentence or country), the citation line."""
    found = items(briefing, [note])
    parts = [strip(note.text).strip()]
    if found:
        item = found[0]
        if item.kind == "fact" and item.statement:
            parts.append(item.statement)
        if item.sentence:
            parts.append(_quoted(item.sentence))
        elif item.kind == "country":
            parts.append(f"{item.heading}: {item.statement}" if item.statement else item.heading)
    parts.append(citation(briefing))
    return "\n\n".join(p for p in parts if p)


def _quoted(text: str) -> str:
    return f"> {text}" if text else ""
