"""Turn an article body into facts, countries, people and organisations.

One pass over the sentences: each finder runs once per sentence and every fact
keeps its sentence as the source, so the reader can light it. Ids come from the
content ("figure-200000000000-usd", "date-2025-12-12"), so re-running the
extractor on the same text gives the same ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from ..countries import country_name, display_name
from ..model import Country, Fact, Person, Value
from .countries import find_countries, person_names
from .dates import find_dates, parse_published
from .numbers import NumberMention, find_counts, find_money, find_percents
from .quotes import (
    BodyQuote,
    QuoteMention,
    find_body_quotes,
    find_organisations,
    find_people,
    find_quotes,
    speakers_as_people,
)
from .sentences import split_sentences

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

EVENT_VERBS = re.compile(
    r"\b(?:announced|introduced|agreed|signed|launched|established|imposed|approved|unveiled"
    r"|banned|suspended|sanctioned|ratified|enacted)\b"
)
CLAIM_VERBS = re.compile(r"\b(?:reported|reports|stated|states|found|claimed|according to)\b")
# Currencies that name a country when written out ("1.41tn yuan" involves China).
_CURRENCY_COUNTRY_SKIP = {"EUR", "XAF", "XOF", "XCD", "XPF"}
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_MARKUP = re.compile(r"[*_`\[\]<>\\!]")
ROLE_MAX = 300
STATEMENT_MAX = 160


@dataclass(frozen=True)
class Extraction:
    """Everything the extractor found in one body."""

    facts: tuple[Fact, ...]
    countries: tuple[Country, ...]
    people: tuple[Person, ...]
    organisations: tuple[str, ...]


def trim(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + "…"


def slug(text: str, limit: int = 48) -> str:
    """Lower-case words joined by hyphens, for ids."""
    words = _NON_SLUG.sub("-", text.lower().replace("%", " percent")).strip("-")
    return words[:limit].rstrip("-") or "x"


@cache
def _parser() -> MarkdownIt:
    """One parser for every sentence: building one costs more than parsing a sentence."""
    from ..article.source import make_parser

    return make_parser()


def plain_source(sentence: str) -> str:
    """The sentence as a reader sees it: inline Markdown gone, spaces normalised.

    The validator matches sources against the rendered article, so `**US**` in the
    body must appear as `US` in the source.
    """
    if _MARKUP.search(sentence):
        from ..article.blocks import inline_plain as inline_text

        tokens = _parser().parse(sentence)
        sentence = " ".join(inline_text(t) for t in tokens if t.type == "inline")
    return " ".join(sentence.split())


def _currency_country(money: NumberMention) -> str | None:
    code = money.value.unit
    if code in _CURRENCY_COUNTRY_SKIP:
        return None
    if code == "USD" and not re.search(r"US|U\.S|usd|us\s?\$|dollar", money.text, re.I):
        return None  # a bare "$" could be any dollar; it names no country
    if code == "USD" and re.fullmatch(r"[\d.,\s]+dollars?", money.text):
        return None
    country = code[:2]
    return country if country_name(country) is not None else None


class _Ids:
    """Hands out unique ids: the first `x`, then `x-2`, `x-3`, skipping any id already
    given out, so `date-2025-10` the eleventh time never repeats a `date-2025-10-11`."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}
        self.used: set[str] = set()

    def __call__(self, base: str) -> str:
        n = self.next.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.next[base] = n + 1
        self.used.add(candidate)
        return candidate


# Where a sentence splits into clauses: "; ", ": ", a dash between spaces, and a comma
# before a conjunction that starts a new clause (", while", ", and", ", but").
_CLAUSE_CUT = re.compile(
    r"[;:]\s+|\s+[–—-]\s+|,\s+(?=(?:and|but|while|whereas|although|though|yet|so|or)\s)"
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
CLAUSE_MIN_WORDS = 3


def unescape(text: str) -> str:
    """Markdown backslash escapes removed: `\\[Rukban\\]` reads `[Rukban]`."""
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def clause(source: str, start: int, end: int, limit: int = STATEMENT_MAX) -> str:
    """The clause of `source` around `source[start:end]`, with an ellipsis where cut.

    Clauses end at the cuts of `_CLAUSE_CUT`; one shorter than three words takes in its
    neighbours. A clause over `limit` is cut to the words around the span.
    """
    cuts = [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(source)]
    left = max((e for s, e in cuts if e <= start), default=0)
    right = min((s for s, e in cuts if s >= end), default=len(source))
    while len(source[left:right].split()) < CLAUSE_MIN_WORDS and (left > 0 or right < len(source)):
        if left > 0:
            left = max((e for s, e in cuts if e < left), default=0)
        else:
            right = min((s for s, e in cuts if s > right), default=len(source))
    if right - left > limit:  # a long clause: the words around the span
        room = limit - 2  # two ellipses
        lo = max(left, start - max(0, room - (end - start)) // 2)
        hi = min(right, lo + room)
        lo = max(left, hi - room)
        if lo > left:
            lo = source.find(" ", lo, start) + 1 or lo
        if hi < right:
            cut = source.rfind(" ", end, hi)
            hi = cut if cut > 0 else hi
        left, right = lo, hi
    text = source[left:right].strip(" ,;:–—-")
    return ("…" if left > 0 else "") + text + ("…" if right < len(source) else "")


# Inside a clause, where a phrase starts: a comma, a bracket, or a preposition.
_PHRASE_CUT = re.compile(
    r",\s+|\s*\(|\)\s*|\s+(?=(?:through|across|between|over|during|including|after|before"
    r"|since|from|with|in|at|by|for|on|to|under|amid|against|of)\s)"
)
_HEAD_TAIL = re.compile(
    r"(?:\s+|^)(?:more|less|fewer|nearly|almost|about|around|over|some|up|to|roughly|than"
    r"|approximately|at|least|just|only|a|an|the|of|by|for|in|on|with|from)\s*$",
    re.IGNORECASE,
)


def _locate(mentions: list[str], source: str) -> list[tuple[int, int] | None]:
    """Where each mention (in sentence order) sits in the plain source, or None."""
    spans: list[tuple[int, int] | None] = []
    after = 0
    for text in mentions:
        mention = " ".join(text.split())
        at = source.find(mention, after)
        if at < 0:
            at = source.find(mention)
        if at < 0:
            mention = plain_source(mention)
            at = source.find(mention)
        spans.append((at, at + len(mention)) if at >= 0 else None)
        if at >= 0:
            after = at + 1
    return spans


def _value_statements(mentions: list[str], source: str) -> list[str]:
    """The statement of each figure or date of one sentence: the clause that carries it;
    where several share a clause, the clause's head (its subject) and the phrase of this
    one ("The US has received … through nearly 2,500 projects and initiatives…")."""
    spans = _locate(mentions, source)
    out: list[str] = []
    for span in spans:
        if span is None:
            out.append(trim(source, STATEMENT_MAX))
            continue
        start, end = span
        whole = clause(source, start, end)
        others = [o for o in spans if o is not None and o != span and o[0] != start]
        cuts = [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(source)]
        left = max((e for s, e in cuts if e <= start), default=0)
        right = min((s for s, e in cuts if s >= end), default=len(source))
        others = [o for o in others if left <= o[0] and o[1] <= right]
        if not others:
            out.append(whole)
            continue
        prev_end = max((o[1] for o in others if o[1] <= start), default=-1)
        next_start = min((o[0] for o in others if o[0] >= end), default=-1)
        phrase = [(m.start() + left, m.end() + left)
                  for m in _PHRASE_CUT.finditer(source[left:right])]
        lo = left if prev_end < 0 else max(
            (e for s, e in phrase if s >= prev_end and e <= start), default=prev_end)
        hi = right if next_start < 0 else min(
            (s for s, e in phrase if s >= end and e <= next_start), default=next_start)
        first = min(o[0] for o in [*others, span])
        head = source[left:first]
        while (m := _HEAD_TAIL.search(head)) and m.start() < len(head):
            head = head[: m.start()]
        head = head.strip(" ,;:(")
        piece = re.sub(r"\s+(?:and|or|but)$", "", source[lo:hi].strip(" ,;:()"))
        if lo > left and head:
            text = ("…" if left > 0 else "") + f"{head} … {piece}"
        else:
            text = ("…" if lo > 0 else "") + piece
        if hi < len(source):
            text += "…"
        out.append(trim(text, STATEMENT_MAX))
    return out


@dataclass(frozen=True)
class _Template:
    """A fact of one sentence minus its id: the id base is numbered per article."""

    pos: int
    id_base: str
    kind: str
    statement: str
    value: Value | None
    countries: tuple[str, ...]


@dataclass(frozen=True)
class _Findings:
    """What one sentence holds, independent of the rest of the article.

    Computed once per distinct sentence text: articles repeat sentences (pull
    quotes, syndicated boilerplate), and only ids depend on what came before (quote
    speakers are resolved over the whole body by `find_body_quotes`).
    """

    source: str
    codes: tuple[str, ...]
    currency_codes: tuple[str, ...]  # countries named by currencies, in order
    templates: tuple[_Template, ...]  # figures and dates, in the order ids are drawn
    quotes: tuple[QuoteMention, ...]
    claim: _Template | None  # event or claim: countries named and no quote
    role_scores: tuple[tuple[str, float], ...] = ()  # how well it tells each country's role


def extract(body: str, published: str = "") -> Extraction:
    """Facts, countries (with roles), people and organisations of an article body."""
    pub = parse_published(published)
    sentences = split_sentences(body)
    people = find_people(body)
    body_quotes = find_body_quotes(body, sentences, people)
    people = speakers_as_people(body_quotes, people)
    quotes_at: dict[int, list[BodyQuote]] = {}
    for q in body_quotes:
        quotes_at.setdefault(q.sentence, []).append(q)
    organisations = find_organisations(body, people)
    ids = _Ids()
    placed: list[tuple[int, Fact]] = []
    roles: dict[str, tuple[float, str]] = {}  # code -> (score, source), in order of first mention
    seen: dict[str, _Findings] = {}
    named = person_names(body)  # "Jordan" after "Rep. Jim Jordan" is him, not the country
    for index, sentence in enumerate(sentences):
        found = seen.get(sentence.text)
        if found is None:
            found = seen[sentence.text] = _findings(sentence.text, pub, named)
        for code, score in found.role_scores:
            best = roles.get(code)
            if best is None or score > best[0]:  # ties: the earlier sentence
                roles[code] = (score, found.source)
        placed += ((sentence.start, f) for f in
                   _sentence_facts(found, quotes_at.get(index, []), ids))
    placed.sort(key=lambda pair: pair[0])  # article order, whatever the sentence splitter did
    facts = tuple(
        replace(f, statement=unescape(f.statement)) if "\\" in f.statement else f
        for _, f in placed
    )
    countries = tuple(
        Country(code, display_name(code), trim(unescape(role), ROLE_MAX))
        for code, (_, role) in roles.items()
    )
    return Extraction(facts, countries, tuple(people), tuple(organisations))


def _role_score(text: str, at: int, n_codes: int, telling: bool) -> float:
    """How well a sentence tells a country's role: the country leads it (its subject),
    few other countries share it, it carries a figure, date or event, and it is neither
    a fragment nor a run-on. A list of many countries says little about each."""
    words = len(text.split())
    score = -float(min(n_codes - 1, 4))
    if len(text[:at].split()) <= 5:
        score += 2
    if telling:
        score += 1
    if 8 <= words <= 45:
        score += 1
    return score


def _findings(text: str, pub: date | None, named: frozenset[str] = frozenset()) -> _Findings:
    """Run every finder on one sentence."""
    source = plain_source(text)
    first_at: dict[str, int] = {}
    for cm in find_countries(text, named):
        first_at.setdefault(cm.code, cm.start)
    codes = tuple(first_at)
    templates: list[_Template] = []
    currency_codes: list[str] = []

    said: set[str] = set()

    def figure(m: NumberMention, extra: tuple[str, ...] = ()) -> None:
        if m.value.to_text() in said:  # one claim, one fact: "$5bn ... the $5bn"
            return
        said.add(m.value.to_text())
        templates.append(_Template(
            m.start, "figure-" + slug(m.value.to_text()), "figure",
            m.text, m.value, tuple(dict.fromkeys(codes + extra)),
        ))

    money = find_money(text)
    for m in money:
        country = _currency_country(m)
        if country:
            currency_codes.append(country)
        figure(m, (country,) if country else ())
    percents = find_percents(text)
    for m in percents:
        figure(m)
    dates = find_dates(text, pub)
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in (*money, *percents)]
    taken += [(d.start, d.end) for d in dates]
    for m in find_counts(text, taken):
        figure(m)
    for d in dates:
        templates.append(_Template(
            d.start, "date-" + slug(d.value.to_text()), "date",
            d.text, d.value, codes,
        ))
    if templates:  # statements need every figure's place: the mention text stands in till now
        order = sorted(range(len(templates)), key=lambda i: templates[i].pos)
        statements = _value_statements([templates[i].statement for i in order], source)
        for i, statement in zip(order, statements, strict=True):
            templates[i] = replace(templates[i], statement=statement)
    quotes = tuple(find_quotes(text))
    claim = None
    if codes and not quotes:
        kind = "event" if EVENT_VERBS.search(text) else "claim" if CLAIM_VERBS.search(text) else ""
        if kind:
            words = " ".join(source.split()[:6])
            verb = (EVENT_VERBS if kind == "event" else CLAIM_VERBS).search(source)
            statement = clause(source, verb.start(), verb.end()) if verb else trim(
                source, STATEMENT_MAX)
            claim = _Template(-1, f"{kind}-" + slug(words), kind, statement, None, codes)
    telling = bool(templates) or claim is not None
    scores = [(c, _role_score(text, at, len(codes), telling)) for c, at in first_at.items()]
    scores += [(c, -4.0) for c in dict.fromkeys(currency_codes) if c not in first_at]
    return _Findings(source, codes, tuple(currency_codes), tuple(templates), quotes, claim,
                     tuple(scores))


def _sentence_facts(
    found: _Findings, quotes: list[BodyQuote], ids: _Ids
) -> list[Fact]:
    """The facts of one sentence, in the order their words appear in it."""
    source = found.source
    facts: list[tuple[int, Fact]] = [
        (t.pos, Fact(id=ids(t.id_base), kind=t.kind, statement=t.statement, source=source,
                     value=t.value, countries=t.countries, origin="extracted"))
        for t in found.templates
    ]
    for q in quotes:  # speakers resolved over the whole body (find_body_quotes)
        speaker = q.speaker
        words = " ".join(q.quote.split()[:5])
        fact = Fact(
            id=ids("quote-" + slug(f"{speaker.split()[-1]} {words}")), kind="quote",
            statement=trim(f"{speaker}: “{q.quote}”", STATEMENT_MAX), source=source,
            countries=found.codes, speaker=speaker, origin="extracted",
        )
        facts.append((q.start, fact))
    if found.claim is not None:
        t = found.claim
        facts.append((t.pos, Fact(id=ids(t.id_base), kind=t.kind, statement=t.statement,
                                  source=source, countries=t.countries, origin="extracted")))
    if len(facts) > 1:
        facts.sort(key=lambda pair: pair[0])
    return [fact for _, fact in facts]


def value_texts(facts: tuple[Fact, ...] | list[Fact], kinds: tuple[str, ...]) -> set[str]:
    """The written values of facts whose value type is in `kinds` (for comparisons)."""
    return {f.value.to_text() for f in facts if f.value is not None and f.value.type in kinds}


__all__ = ["Extraction", "extract", "plain_source", "slug", "trim", "value_texts"]
