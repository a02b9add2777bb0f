"""ISO 3166 country names and flags, for the bundle validator and the reader."""

from __future__ import annotations

from functools import cache

import pycountry

# User-assigned codes (ISO 3166-1 leaves XA-XZ to users) in general use: the EU, the IMF,
# SWIFT and news agencies write XK for Kosovo, which ISO has not listed.
USER_ASSIGNED: dict[str, str] = {"XK": "Kosovo"}


@cache
def country_name(code: str) -> str | None:
    """The common English name of an alpha-2 code, or None when the code is neither ISO 3166-1
    nor a user-assigned code in general use (XK, Kosovo)."""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return None
    if code.upper() in USER_ASSIGNED:
        return USER_ASSIGNED[code.upper()]
    entry = pycountry.countries.get(alpha_2=code.upper())
    if entry is None:
        return None
    return getattr(entry, "common_name", None) or entry.name


def flag(code: str) -> str:
    """The flag emoji: two regional indicator symbols (terminals without them show letters)."""
    return "".join(chr(0x1F1E6 + ord(ch) - ord("A")) for ch in code.upper())
