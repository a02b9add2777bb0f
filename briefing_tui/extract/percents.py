"""Percentages in a sentence: '90%', '12 per cent', 'five percent', 'minus 3%'.

"3 percentage points" is a change of a percentage, not one, and is left out.
"""

from __future__ import annotations

import re

from ..model import Value
from .amounts import (
    DIGITS,
    NUM_END,
    WORD_NUMBER,
    NumberMention,
    in_spans,
    maybe_number,
    parse_amount,
    url_spans,
)

_PCT_WORD = r"(?:%|percent(?:age)?s?\b|per\s?cent\b|pct\b)"
_PERCENT = re.compile(
    rf"(?<![\w.,])(?P<sign>(?:minus|negative)\s+|(?<![\w])[-−+])?"
    rf"(?P<num>{DIGITS}{NUM_END}|{WORD_NUMBER}\b)\s?{_PCT_WORD}(?!\s+points?\b)"
    rf"|(?<!\w)(?:percent(?:age)?s?|per\s?cent)\s+of\s+(?P<num2>{DIGITS}{NUM_END}|{WORD_NUMBER}\b)",
    re.IGNORECASE,
)


def maybe_percent(text: str) -> bool:
    return ("%" in text or "per" in text.lower() or "pct" in text) and maybe_number(text)


def find_percents(text: str) -> list[NumberMention]:
    """Percentages: '90%', '12 per cent', 'five percent', 'minus 3%'."""
    if not maybe_percent(text):
        return []
    out: list[NumberMention] = []
    urls = url_spans(text)
    for m in _PERCENT.finditer(text):
        if urls and in_spans(m.start(), urls):
            continue
        amount = parse_amount(m["num"] or m["num2"], None)
        if amount is None:
            continue
        if m["sign"] and m["sign"].strip().lower() in ("minus", "negative", "-", "−"):
            amount = -amount
        out.append(NumberMention(Value("percent", amount=float(amount)), m.group(0),
                                 m.start(), m.end()))
    return out
