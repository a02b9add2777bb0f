"""Find the countries a text mentions, by name, alias or demonym, as ISO 3166-1 alpha-2 codes.

Matching is case-sensitive and on word boundaries so "US" never matches "us",
"Niger" never matches inside "Nigeria" and "turkey" (the bird) is not Turkey.
The aliases are compiled into one trie-shaped regex: a plain alternation of
~1,500 names would try every name at every position and be far too slow on a
1 MB article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pycountry

from .country_aliases import ALIASES, COMMON_NAMES

# Hand-written forms news text uses that neither pycountry nor the generated table has.
EXTRA_ALIASES: dict[str, str] = {
    "US": "US", "U.S.": "US", "U.S": "US", "U.S.A.": "US", "USA": "US", "America": "US",
    "United States": "US", "Americans": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "British": "GB",
    "Briton": "GB", "Britons": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
    "Northern Ireland": "GB", "Scottish": "GB", "Welsh": "GB",
    "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE", "Emirati": "AE", "Emiratis": "AE",
    "Korea": "KR", "Korean": "KR", "Koreans": "KR", "South Korean": "KR",
    "South Koreans": "KR", "ROK": "KR", "North Korean": "KP", "DPRK": "KP",
    "Netherlands": "NL", "the Netherlands": "NL", "Holland": "NL", "Dutch": "NL",
    "PRC": "CN", "Mainland China": "CN", "Chinese": "CN",
    "Russia": "RU", "Russian": "RU", "Russians": "RU",
    "Iran": "IR", "Iranian": "IR", "Iranians": "IR", "Syria": "SY", "Syrian": "SY",
    "Taiwan": "TW", "Taiwanese": "TW", "Vietnam": "VN", "Viet Nam": "VN", "Vietnamese": "VN",
    "Laos": "LA", "Czechia": "CZ", "Czech Republic": "CZ", "Czech": "CZ",
    "Ivory Coast": "CI", "Côte d’Ivoire": "CI", "Cote d'Ivoire": "CI",
    "Burma": "MM", "Swaziland": "SZ", "Macedonia": "MK", "Turkey": "TR", "Türkiye": "TR",
    "Turkish": "TR", "Cape Verde": "CV", "East Timor": "TL", "Vatican": "VA",
    "Palestine": "PS", "Palestinian": "PS", "Palestinians": "PS", "Bolivia": "BO",
    "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "Brunei": "BN",
    "Micronesia": "FM", "Israelis": "IL", "Saudi": "SA", "Saudis": "SA", "KSA": "SA",
    "Kiwis": "NZ", "Aussie": "AU", "Aussies": "AU", "Filipinos": "PH", "Filipino": "PH",
    "DR Congo": "CD", "DRC": "CD",
}

# A match inside one of these phrases is not the country ("New Jersey" is not Jersey).
_NOT_COUNTRY = re.compile(
    r"New (?:Jersey|Mexico|Guinea(?! Guinea))|Indian Ocean|Guinea pigs?|Turkey Point"
    r"|American Express|Jordan (?:Peterson|Henderson)|Chad Smith|Georgia Tech"
    r"|(?:Latin|South|Central|North) America(?:n|ns)?\b"
)

_BOUNDARY_AFTER = r"(?![\w$])"  # "US$" is a currency, not a mention


@dataclass(frozen=True)
class CountryMention:
    """One mention: the code, the words as written, and where they are."""

    code: str
    text: str
    start: int
    end: int


@cache
def alias_table() -> dict[str, str]:
    """Every name form we recognise -> alpha-2, built once: pycountry, generated, hand-written."""
    table: dict[str, str] = {}
    for entry in pycountry.countries:
        code = entry.alpha_2
        for attr in ("name", "common_name", "official_name"):
            name = getattr(entry, attr, None)
            if not name:
                continue
            table.setdefault(name, code)
            if ", " in name:  # "Korea, Republic of" -> "Republic of Korea"
                head, tail = name.split(", ", 1)
                if tail.endswith(" of") or tail.endswith(" of the"):
                    table.setdefault(f"{tail} {head}", code)
    table.update(ALIASES)
    table.update(EXTRA_ALIASES)
    # Plurals of demonyms ("Israelis", "Australians") read as the people of the country.
    for form, code in list(table.items()):
        if form.endswith(("an", "i")) and " " not in form and form[0].isupper():
            table.setdefault(form + "s", code)
    for form in [f for f in table if len(f) < 3 and f not in ("US", "UK")]:
        del table[form]
    return table


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


def find_countries(text: str) -> list[CountryMention]:
    """Every country mention in `text`, in order; a regex engine backtracks inside the trie
    so a longer name ("Papua New Guinea") always wins over a shorter one ("Guinea")."""
    table = alias_table()
    found: list[CountryMention] = []
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
        found.append(CountryMention(table[word], word, m.start(), m.end()))
    return found


def country_codes(text: str) -> list[str]:
    """The distinct codes mentioned in `text`, in order of first mention."""
    return list(dict.fromkeys(m.code for m in find_countries(text)))


def country_display_name(code: str) -> str:
    """The short English name readers know ("South Korea", not "Korea, Republic of")."""
    if code in COMMON_NAMES:
        return COMMON_NAMES[code]
    entry = pycountry.countries.get(alpha_2=code)
    if entry is None:
        return code
    return getattr(entry, "common_name", None) or entry.name


def lookup(form: str) -> str | None:
    """The code of one name form exactly as written, or None (used to measure coverage)."""
    return alias_table().get(form)
