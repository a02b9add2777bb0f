"""Country names and flags: the one country-name function, for the validator, the reader,
the extractor, the writer and the exports alike.

The names come from the generated table (`country_names.COMMON_NAMES`, one per ISO 3166-1
alpha-2 code, from mledoze/countries): pycountry, which the extractor uses for its alias
table, is not loaded to name a country (27 ms of every start).
"""

from __future__ import annotations

from functools import cache

from .country_names import COMMON_NAMES

# User-assigned codes (ISO 3166-1 leaves XA-XZ to users) in general use: the EU, the IMF,
# SWIFT and news agencies write XK for Kosovo, which ISO has not listed.
USER_ASSIGNED: dict[str, str] = {"XK": "Kosovo"}


@cache
def country_name(code: str) -> str | None:
    """The short English name readers know ("South Korea", "DR Congo", not "Korea, Republic
    of"), or None when the code is neither ISO 3166-1 nor a user-assigned code in general use
    (XK, Kosovo)."""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return None
    code = code.upper()
    if code in USER_ASSIGNED:
        return USER_ASSIGNED[code]
    return COMMON_NAMES.get(code)


def display_name(code: str, name: str = "") -> str:
    """What a country is called on screen and in files: the bundle's own name, else the name
    readers know, else the code."""
    return name or country_name(code) or code


def flag(code: str) -> str:
    """The flag emoji: two regional indicator symbols (terminals without them show letters)."""
    return "".join(chr(0x1F1E6 + ord(ch) - ord("A")) for ch in code.upper())
