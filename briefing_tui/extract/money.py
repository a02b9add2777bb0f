"""Amounts of money in a sentence, with their ISO 4217 currency.

"$200bn" -> 200000000000 USD, "1.41tn yuan" -> 1410000000000 CNY, "A$5" -> 5 AUD,
"50 pence" -> 0.5 GBP, "$40-50 billion" -> a range. A currency is written before the
amount (a symbol or a prefix such as "HK$"), after it (a word or an ISO code), or both;
"$" alone is US dollars.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Value
from .amounts import (
    AMOUNT,
    DIGITS,
    LOWER_WORD,
    NUM_END,
    RANGE_NUM,
    RANGE_SEP,
    SCALE,
    UNDER_100,
    NumberMention,
    alternation,
    in_spans,
    maybe_number,
    parse_amount,
    range_bounds,
    url_spans,
    word_number,
)

# Prefixes written before the amount. Single-letter ones are case-sensitive ("A$"),
# so "a $5 bill" stays US dollars.
PREFIX_CURRENCIES: dict[str, str] = {
    "$": "USD", "us$": "USD", "us $": "USD", "u.s.$": "USD", "u.s. $": "USD", "u.s $": "USD",
    "usd$": "USD", "a$": "AUD", "au$": "AUD", "aud$": "AUD", "c$": "CAD", "c $": "CAD",
    "ca$": "CAD", "cad$": "CAD", "hk$": "HKD", "hk $": "HKD", "s$": "SGD", "nz$": "NZD",
    "nzd$": "NZD", "r$": "BRL", "mex$": "MXN", "mxn$": "MXN", "nt$": "TWD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY",
    "₪": "ILS", "₦": "NGN", "₱": "PHP", "₫": "VND", "฿": "THB", "₡": "CRC", "₾": "GEL",
    "₭": "LAK", "ரூ": "LKR", "rs": "INR", "rs.": "INR", "rmb": "CNY",
}
# ISO codes common enough in news to trust next to a number ("ALL 5" is not Albanian lek).
CODES = (
    "USD EUR GBP JPY CNY CHF AUD CAD NZD HKD SGD INR KRW RUB BRL MXN ZAR TRY SEK NOK DKK "
    "PLN AED SAR ILS NGN TWD THB IDR MYR PHP VND EGP PKR KES ARS CLP COP"
).split()
# Words written after the amount.
SUFFIX_CURRENCIES: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "australian dollar": "AUD", "canadian dollar": "CAD", "hong kong dollar": "HKD",
    "singapore dollar": "SGD", "new zealand dollar": "NZD", "taiwan dollar": "TWD",
    "euro": "EUR", "pound": "GBP", "british pound": "GBP", "pound sterling": "GBP",
    "sterling": "GBP", "yen": "JPY", "japanese yen": "JPY", "yuan": "CNY",
    "chinese yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "rupee": "INR",
    "indian rupee": "INR", "swiss franc": "CHF", "franc": "CHF", "finnish markka": "FIM",
    "markka": "FIM", "peseta": "ESP", "dutch guilder": "NLG", "guilder": "NLG",
    "turkish lira": "TRY", "lira": "TRY", "rouble": "RUB", "ruble": "RUB", "reais": "BRL",
    "peso": "MXN", "mexican peso": "MXN", "rand": "ZAR", "naira": "NGN", "shekel": "ILS",
    "new shekel": "ILS", "dirham": "AED", "riyal": "SAR", "ringgit": "MYR", "baht": "THB",
    "rupiah": "IDR", "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK",
    "zloty": "PLN", "forint": "HUF", "won": "KRW", "元": "CNY",
    "cent": "USD/100", "pence": "GBP/100", "penny": "GBP/100", "pennies": "GBP/100",
}
_SUFFIX_WORDS = {k: v for k, v in SUFFIX_CURRENCIES.items() if k[0].isalpha() and k != "元"}

_CODE_RE = rf"(?:{'|'.join(CODES)})"
_PREFIX_RE = (
    r"(?:(?-i:A|AU|C|CA|S|NZ|R|NT)\$|c\s\$|(?:us|u\.s\.?|usd|aud|cad|nzd|mxn|mex|hk)\s?\$"
    rf"|[$€£¥₹₩₽₺₪₦₱₫฿₡₾₭]|(?:rs\.?|rmb)(?=\s?\d)|{_CODE_RE}(?=\s?\d)|m{_CODE_RE}(?=\s\d))"
)
_WORD_CUR = rf"(?:{alternation(_SUFFIX_WORDS)})(?:s|es)?\b(?:\s+sterling\b)?"
_SUFFIX_RE = rf"(?:{_WORD_CUR}|m?{_CODE_RE}\b|[$€£¥₹₩₽₺₪₦₱₫฿₡₾₭元]|ரூ)"
_MINOR = rf"(?P<minor>\d{{1,2}}|{UNDER_100})"
_NOT_MORE = r"(?!\s*(?:hundred|thousand|million|billion|times|%|percent|\w*-))"
_MONEY = re.compile(
    rf"(?<![\w$.,])(?:(?P<prefix>{_PREFIX_RE})\s?{AMOUNT}"
    rf"(?:\s+(?P<pcode>{_CODE_RE})\b)?"
    rf"(?:\s+and\s+(?P<pminor>{UNDER_100})\b{_NOT_MORE})?"
    rf"|{AMOUNT.replace('<num>', '<snum>').replace('<scale>', '<sscale>')}"
    rf"[\s-]?(?P<suffix>{_SUFFIX_RE})(?P<lscale>\s(?:million|billion|thousand)\b)?"
    rf"(?:\s+(?:and\s+)?{_MINOR}(?:\s+(?P<cents>cents?)\b|\b{_NOT_MORE}"
    rf"(?![\s-]*(?:{_SUFFIX_RE}))))?"
    r")",
    re.IGNORECASE,
)

# A range of money: "$40-50 billion", "$40bn to $50bn", "between €3m and €5m",
# "40 to 50 billion yuan". "from $40bn to $50bn" is a change, not a range (see `range_bounds`).
_MONEY_RANGE = re.compile(
    rf"(?<![\w$.,])(?:(?P<prefix>{_PREFIX_RE})\s?(?P<n1>{DIGITS}{NUM_END})(?P<s1>{SCALE})?"
    rf"(?P<sep>{RANGE_SEP})(?:{_PREFIX_RE})?\s?(?P<n2>{DIGITS}{NUM_END})(?P<s2>{SCALE})?"
    rf"(?:\s+(?P<pcode>{_CODE_RE})\b)?"
    rf"|(?P<sn1>{RANGE_NUM})(?P<ss1>{SCALE})?(?P<ssep>{RANGE_SEP})(?P<sn2>{RANGE_NUM})(?P<ss2>{SCALE})?"
    rf"[\s-]?(?P<suffix>{_WORD_CUR}|m?{_CODE_RE}\b|[$€£¥₹₩₽₺₪₦₱₫฿₡₾₭元]))",
    re.IGNORECASE,
)

_SYMBOL = re.compile(r"[$€£¥₹₩₽₺₪₦₱₫฿₡₾₭元]|ரூ")
_CURRENCY_TOKENS = frozenset(
    [w for k in SUFFIX_CURRENCIES for w in k.split() if w.isalpha()]
    + [c.lower() for c in CODES] + ["m" + c.lower() for c in CODES] + ["rs", "rmb", "mex"]
)


def maybe_money(text: str) -> bool:
    """True unless `text` surely holds no money (no currency symbol, word or code)."""
    if not maybe_number(text):
        return False
    if _SYMBOL.search(text):
        return True
    words = set(LOWER_WORD.findall(text.lower()))  # set operations, not a loop per word
    if not _CURRENCY_TOKENS.isdisjoint(words):
        return True
    return not _CURRENCY_TOKENS.isdisjoint({w.rstrip("s") for w in words if w.endswith("s")})


def _currency_of(prefix: str | None, suffix: str | None) -> tuple[str, int]:
    """ISO code and divisor (100 for cents, pence) of a matched currency marker."""
    for marker in (prefix, suffix):
        if not marker:
            continue
        key = " ".join(marker.lower().split())
        code = PREFIX_CURRENCIES.get(key) or PREFIX_CURRENCIES.get(key.replace(" ", ""))
        if code is None:
            base = re.sub(r"\s+sterling$", "", key)
            for cand in (base, base[:-2] if base.endswith("es") else base, base.rstrip("s")):
                if cand in SUFFIX_CURRENCIES:
                    code = SUFFIX_CURRENCIES[cand]
                    break
        if code is None and key.upper() in CODES:
            code = key.upper()
        if code is None and key.upper()[1:] in CODES and key[0] == "m":
            return key.upper()[1:], -1  # "MUSD": millions
        if code is None and key.endswith("$"):
            code = "USD"
        if code:
            if code.endswith("/100"):
                return code[:-4], 100
            return code, 1
    return "USD", 1


def find_money(text: str) -> list[NumberMention]:
    """Amounts of money with an ISO 4217 currency; "$" alone is taken as US dollars."""
    if not maybe_money(text):
        return []
    out: list[NumberMention] = []
    urls = url_spans(text)
    ranges: list[tuple[int, int]] = []
    for m in _MONEY_RANGE.finditer(text):
        if urls and in_spans(m.start(), urls):
            continue
        prefixed = m["n1"] is not None
        bounds = range_bounds(
            text, m.start(), m["sep"] if prefixed else m["ssep"], m["n1"] or m["sn1"],
            m["s1"] if prefixed else m["ss1"], m["n2"] or m["sn2"], m["s2"] if prefixed else m["ss2"],
        )
        if bounds is None:
            continue
        code, divisor = _currency_of(m["prefix"] or m["pcode"], m["pcode"] or m["suffix"])
        low, high = bounds
        if divisor == -1:
            low, high = low * 10**6, high * 10**6
        elif divisor == 100:
            low, high = low / 100, high / 100
        value = Value("money", amount=float(low), unit=code, high=float(high))
        out.append(NumberMention(value, m.group(0), m.start(), m.end()))
        ranges.append((m.start(), m.end()))
    for m in _MONEY.finditer(text):
        if urls and in_spans(m.start(), urls):
            continue
        if ranges and any(s < m.end() and m.start() < e for s, e in ranges):
            continue
        num = m["num"] or m["snum"]
        scale = m["scale"] or m["sscale"] or m["lscale"]
        amount = parse_amount(num, scale)
        if amount is None:
            continue
        code, divisor = _currency_of(m["prefix"] or m["pcode"], m["pcode"] or m["suffix"])
        if divisor == -1:
            amount *= 10**6
        elif divisor == 100:
            amount /= 100
        minor = m["minor"] or m["pminor"]
        if minor and divisor != 100:
            cents = int(minor) if minor.isdigit() else word_number(minor) or 0
            amount += Decimal(cents) / 100
        value = Value("money", amount=float(amount), unit=code)
        out.append(NumberMention(value, m.group(0), m.start(), m.end()))
    if ranges:
        out.sort(key=lambda n: n.start)
    return out
