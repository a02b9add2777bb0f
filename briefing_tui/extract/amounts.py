"""Amounts as written and the number they stand for, and the mention every number finder returns.

Digits ("1,410", "12.5", Indian "1,00,000"), number words ("forty-five", "two hundred and
ten", "a dozen"), fractions ("half a", "three quarters") and scales ("bn", "million",
"crore") are regex pieces the money, percent and count finders compile into their
patterns; `parse_amount` turns a match into a `Decimal` so 1.41 x 10^12 is exactly
1410000000000, and `range_bounds` reads "40-50 billion" or "between 3 and 5". A digit
inside a URL is no amount (`url_spans`); a sentence without a digit or a number word
holds none (`maybe_number`, the cheap first look every finder takes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..model import Value

# --- numbers ------------------------------------------------------------------

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {
    "thousand": 10**3, "k": 10**3, "lakh": 10**5, "crore": 10**7,
    "million": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6, "mill": 10**6,
    "billion": 10**9, "b": 10**9, "bn": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12,
}
FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "three quarter": Decimal("0.75")}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, escaped, the longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_U, _T, _X = alternation(UNITS), alternation(TEENS), alternation(TENS)
UNDER_100 = rf"(?:(?:{_X})(?:[- ](?:{_U}))?|{_T}|{_U})"
WORD_NUMBER = (
    rf"(?:(?:{UNDER_100}|a)\s+hundred(?:\s+(?:and\s+)?{UNDER_100})?|{UNDER_100}|a\s+dozen)"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?)"
NUM_END = r"(?![\d,]\d|\.\d)"
FRACTION = r"(?:(?:a\s+)?(?:half|quarter)|three\s+quarters?)(?:\s+(?:a|of\s+a))?"
SCALE = (
    r"(?:[\s-]*(?:thousand|million|billion|trillion|lakh|crore)s?"
    r"|\s?(?:bn|bln|tn|trn|mn|mln)|(?:m|b|k))(?![\w])"
)
AMOUNT = (
    rf"(?P<num>{DIGITS}{NUM_END}|{WORD_NUMBER}\b|{FRACTION})(?P<scale>{SCALE})?"
)


def word_number(text: str) -> int | None:
    """'forty-five' -> 45, 'two hundred and ten' -> 210, 'a dozen' -> 12; None if not one."""
    words = re.split(r"[\s-]+", text.lower().strip())
    if words == ["a", "dozen"]:
        return 12
    total = current = 0
    for word in words:
        if word == "and":
            continue
        if word in UNITS or word in TEENS or word in TENS:
            current += UNITS.get(word) or TEENS.get(word) or TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "a":
            current = current or 1
        else:
            return None
    return total + current


def parse_amount(num: str, scale: str | None) -> Decimal | None:
    """The number a matched amount stands for, scale applied ("1.41", "tn" -> 1.41e12)."""
    num = " ".join(num.lower().split())
    value: Decimal | None
    if num[0].isdigit():
        try:
            value = Decimal(num.replace(",", ""))
        except InvalidOperation:
            return None
    elif "half" in num:
        value = FRACTIONS["half"]
    elif "quarter" in num:
        value = FRACTIONS["three quarter" if num.startswith("three") else "quarter"]
    else:
        n = word_number(num)
        value = Decimal(n) if n is not None else None
    if value is not None and scale:
        key = re.sub(r"[\s-]", "", scale).lower()
        if key not in SCALES and key.endswith("s"):
            key = key[:-1]
        value *= SCALES.get(key, 1)
    return value


# --- ranges ---------------------------------------------------------------------

# "$40-50 billion", "between €3m and €5m", "40 to 50 billion yuan": the separator and what a
# bound may be. "from $40bn to $50bn" is a change, not a range (see `range_bounds`).
RANGE_SEP = r"\s*(?:-|–|—)\s*|\s+(?:to|and)\s+"
RANGE_NUM = rf"(?:{DIGITS}{NUM_END}|{WORD_NUMBER}\b)"
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)


def range_bounds(
    text: str, start: int, sep: str, n1: str, s1: str | None, n2: str, s2: str | None
) -> tuple[Decimal, Decimal] | None:
    """(low, high) of "n1[s1] sep n2[s2]" starting at `start`, or None when it is no range.

    "and" makes a range only after "between"; "from A to B" is a change of value.
    A scale written only on the second number is shared ("40-50 billion").
    """
    before = text[max(0, start - 12) : start]
    word = sep.strip().lower()
    if word == "and" and not _BETWEEN.search(before):
        return None
    if word == "to" and _FROM.search(before):
        return None
    high = parse_amount(n2, s2)
    low = parse_amount(n1, s1 or s2)
    if low is not None and high is not None and not s1 and s2 and low >= high:
        low = parse_amount(n1, None)  # "$500 to $2 billion"? the scale was the second's only
    if low is None or high is None or low >= high:
        return None
    return low, high


# --- the cheap first look, URLs and the result ------------------------------------

# Cheap first look: without a digit or a number word a sentence holds no figure, and
# skipping it spares the big patterns (most sentences of an article have none).
_DIGIT = re.compile(r"\d")
LOWER_WORD = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(
    [*UNITS, *TEENS, *TENS, "hundred", "half", "quarter", "dozen", "dozens", "hundreds",
     "thousands", "millions"]
)


@lru_cache(maxsize=16)  # the three finders ask about the same sentence in turn
def maybe_number(text: str) -> bool:
    """True unless `text` surely holds no figure (no digit, no number word)."""
    if _DIGIT.search(text):
        return True
    return not _NUMBER_WORDS.isdisjoint(LOWER_WORD.findall(text.lower()))


_URL = re.compile(r"\S*://\S*|www\.\S+")


def url_spans(text: str) -> list[tuple[int, int]]:
    """URLs, whose %-escapes ("%20") and digits are not figures."""
    if "://" not in text and "www." not in text:
        return []
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


def in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


@dataclass(frozen=True)
class NumberMention:
    """One money/percent/count expression: its value and where it is in the text."""

    value: Value
    text: str
    start: int
    end: int
