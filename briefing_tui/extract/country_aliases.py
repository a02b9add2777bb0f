"""Every name form of a country the extractor recognises -> ISO 3166-1 alpha-2.

The forms come from pycountry (names, common and official names, "Republic of Korea" for
"Korea, Republic of"), the generated table in `country_data` (alternative spellings and
demonyms) and the hand-written forms news text uses below; demonyms also in the plural
("Israelis"). Forms shorter than three letters are dropped, except "US" and "UK".
"""

from __future__ import annotations

from functools import cache

import pycountry

from ..country_data import ALIASES

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


def lookup(form: str) -> str | None:
    """The code of one name form exactly as written, or None (used to measure coverage)."""
    return alias_table().get(form)
