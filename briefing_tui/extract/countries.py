"""Find the countries a text mentions, by name, alias or demonym, as ISO 3166-1 alpha-2 codes.

Matching is case-sensitive and on word boundaries so "US" never matches "us",
"Niger" never matches inside "Nigeria" and "turkey" (the bird) is not Turkey.
The aliases are compiled into one trie-shaped regex: a plain alternation of
~1,500 names would try every name at every position and be far too slow on a
1 MB article.

A name that is also a person's, a US state's, a place-name part or an English word
(Chad, Jordan, Georgia, Jersey City, Turkey) counts only on the evidence of the text
around it: see `country_evidence`. The name forms themselves are in `country_aliases`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .country_aliases import EXTRA_ALIASES, alias_table, lookup
from .country_evidence import AMBIGUOUS, is_person_name, person_names, weigh_ambiguous

__all__ = [
    "AMBIGUOUS", "EXTRA_ALIASES", "CountryMention", "alias_table", "country_codes",
    "find_countries", "is_person_name", "lookup", "person_names",
]


# A match inside one of these phrases is not the country ("New Jersey" is not Jersey);
# people, places and things that share a name are read from the evidence (`country_evidence`).
_NOT_COUNTRY = re.compile(
    r"New (?:Jersey|Mexico|Guinea(?! Guinea))|Indian Ocean"
    r"|American Express|(?:Latin|South|Central|North) America(?:n|ns)?\b"
)

_BOUNDARY_AFTER = r"(?![\w$])"  # "US$" is a currency, not a mention


@dataclass(frozen=True)
class CountryMention:
    """One mention: the code, the words as written, and where they are."""

    code: str
    text: str
    start: int
    end: int


def _trie_pattern(words: list[str]) -> str:
    """A regex matching exactly `words`, longest first, factored as a character trie."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


@cache
def _matcher() -> re.Pattern[str]:
    pattern = _trie_pattern(sorted(alias_table()))
    # No lookbehind in front: a pattern that opens with a character set lets the regex
    # engine skip ahead to candidate letters; the left boundary is checked in Python.
    return re.compile("(" + pattern + ")" + _BOUNDARY_AFTER)


def find_countries(
    text: str, people: frozenset[str] = frozenset(), *, weigh: bool = True
) -> list[CountryMention]:
    """Every country mention in `text` (a sentence, or a few), in order; a regex engine
    backtracks inside the trie so a longer name ("Papua New Guinea") always wins over a
    shorter one ("Guinea").

    `people`: ambiguous names the whole article uses for a person (`person_names`): a bare
    "Jordan" after "Rep. Jim Jordan" is him unless the sentence gives strong evidence.
    `weigh=False` keeps every match, evidence unread (to measure what the evidence changes).
    """
    table = alias_table()
    candidates: list[CountryMention] = []
    blocked: list[tuple[int, int]] | None = None  # found on the first candidate only
    for m in _matcher().finditer(text):
        word = m.group(1)
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_$"):
            continue
        if blocked is None:
            blocked = [(b.start(), b.end()) for b in _NOT_COUNTRY.finditer(text)]
        if blocked and any(s <= start < e for s, e in blocked):
            continue
        candidates.append(CountryMention(table[word], word, m.start(), m.end()))
    if not weigh or not any(c.text in AMBIGUOUS for c in candidates):
        return candidates
    return weigh_ambiguous(text, candidates, people)


def country_codes(text: str) -> list[str]:
    """The distinct codes mentioned in `text`, in order of first mention."""
    return list(dict.fromkeys(m.code for m in find_countries(text)))
