"""Turn an article body into facts, countries, people and organisations.

One pass over the sentences: each finder runs once per sentence and every fact
keeps its sentence as the source, so the reader can light it. Ids come from the
content ("figure-200000000000-usd", "date-2025-12-12"), so re-running the
extractor on the same text gives the same ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Country, Fact, Person
from .countries import country_display_name, find_countries
from .dates import find_dates, parse_published
from .numbers import NumberMention, find_counts, find_money, find_percents
from .quotes import find_organisations, find_people, find_quotes, resolve_speaker
from .sentences import Sentence, split_sentences

EVENT_VERBS = re.compile(
    r"\b(?:announced|introduced|agreed|signed|launched|established|imposed|approved|unveiled"
    r"|banned|suspended|sanctioned|ratified|enacted)\b"
)
CLAIM_VERBS = re.compile(r"\b(?:reported|reports|stated|states|found|claimed|according to)\b")
# Currencies that name a country when written out ("1.41tn yuan" involves China).
_CURRENCY_COUNTRY_SKIP = {"EUR", "XAF", "XOF", "XCD", "XPF"}
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
    words = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("%", " percent")).strip("-")
    return words[:limit].rstrip("-") or "x"


def plain_source(sentence: str) -> str:
    """The sentence as a reader sees it: inline Markdown gone, spaces normalised.

    The validator matches sources against the rendered article, so `**US**` in the
    body must appear as `US` in the source.
    """
    if _MARKUP.search(sentence):
        from ..bundle.markdown import inline_text, make_parser

        tokens = make_parser().parse(sentence)
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
    return country if country_display_name(country) != country else None


class _Ids:
    """Hands out unique ids: the first `x`, then `x-2`, `x-3`."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        n = self.seen.get(base, 0) + 1
        self.seen[base] = n
        return base if n == 1 else f"{base}-{n}"


def _value_statement(mention_text: str, source: str) -> str:
    return trim(f"{' '.join(mention_text.split())} — {source}", STATEMENT_MAX)


def extract(body: str, published: str = "") -> Extraction:
    """Facts, countries (with roles), people and organisations of an article body."""
    pub = parse_published(published)
    people = find_people(body)
    organisations = find_organisations(body, people)
    surnames = {p.name.split()[-1]: p.name for p in people}
    person_re = (
        re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(surnames, key=len, reverse=True)))
                   + r")\b")
        if surnames else None
    )
    ids = _Ids()
    facts: list[Fact] = []
    roles: dict[str, str] = {}
    last_person = ""
    for sentence in split_sentences(body):
        source = plain_source(sentence.text)
        codes = list(dict.fromkeys(m.code for m in find_countries(sentence.text)))
        for code in codes:
            roles.setdefault(code, source)
        facts += _sentence_facts(sentence, source, codes, pub, people, last_person, ids, roles)
        if person_re is not None:
            hits = person_re.findall(sentence.text)
            if hits:
                last_person = surnames[hits[-1]]
    countries = tuple(
        Country(code, country_display_name(code), trim(role, ROLE_MAX))
        for code, role in roles.items()
    )
    return Extraction(tuple(facts), countries, tuple(people), tuple(organisations))


def _sentence_facts(
    sentence: Sentence,
    source: str,
    codes: list[str],
    pub: date | None,
    people: list[Person],
    last_person: str,
    ids: _Ids,
    roles: dict[str, str],
) -> list[Fact]:
    """The facts of one sentence, in the order their words appear in it."""
    text = sentence.text
    found: list[tuple[int, Fact]] = []
    base = tuple(codes)

    def figure(m: NumberMention, extra: tuple[str, ...] = ()) -> None:
        countries = tuple(dict.fromkeys(base + extra))
        fact = Fact(
            id=ids("figure-" + slug(m.value.to_text())),
            kind="figure", statement=_value_statement(m.text, source), source=source,
            value=m.value, countries=countries, origin="extracted",
        )
        found.append((m.start, fact))

    money = find_money(text)
    for m in money:
        country = _currency_country(m)
        extra = (country,) if country else ()
        if country:
            roles.setdefault(country, source)
        figure(m, extra)
    percents = find_percents(text)
    for m in percents:
        figure(m)
    dates = find_dates(text, pub)
    taken = [(m.start, m.end) for m in (*money, *percents, *dates)]
    for m in find_counts(text, taken):
        figure(m)
    for d in dates:
        kind_id = "date-" + slug(d.value.to_text())
        fact = Fact(
            id=ids(kind_id), kind="date", statement=_value_statement(d.text, source),
            source=source, value=d.value, countries=base, origin="extracted",
        )
        found.append((d.start, fact))
    quotes = find_quotes(text)
    for q in quotes:
        speaker = resolve_speaker(q.speaker, people, last_person)
        if not speaker:
            continue
        words = " ".join(q.quote.split()[:5])
        fact = Fact(
            id=ids("quote-" + slug(f"{speaker.split()[-1]} {words}")), kind="quote",
            statement=trim(f"{speaker}: “{q.quote}”", STATEMENT_MAX), source=source,
            countries=base, speaker=speaker, origin="extracted",
        )
        found.append((q.start, fact))
    if codes and not quotes:
        kind = "event" if EVENT_VERBS.search(text) else "claim" if CLAIM_VERBS.search(text) else ""
        if kind:
            words = " ".join(source.split()[:6])
            fact = Fact(
                id=ids(f"{kind}-" + slug(words)), kind=kind,
                statement=trim(source, STATEMENT_MAX), source=source, countries=base,
                origin="extracted",
            )
            found.append((-1, fact))
    found.sort(key=lambda pair: pair[0])
    return [fact for _, fact in found]


def value_texts(facts: tuple[Fact, ...] | list[Fact], kinds: tuple[str, ...]) -> set[str]:
    """The written values of facts whose value type is in `kinds` (for comparisons)."""
    return {f.value.to_text() for f in facts if f.value is not None and f.value.type in kinds}


__all__ = ["Extraction", "extract", "plain_source", "slug", "trim", "value_texts"]
