"""Money, percentages and counts in a sentence, normalised to `model.Value`.

"$200bn" -> 200000000000 USD, "1.41tn yuan" -> 1410000000000 CNY, "12 per cent" -> 12%,
"eight allied countries" -> 8 countries. Amounts go through `Decimal` so 1.41 x 10^12
is exactly 1410000000000, not 1410000000000.0002. All patterns are compiled once;
each finder is one regex pass over the text.
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


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_U, _T, _X = _alt(UNITS), _alt(TEENS), _alt(TENS)
UNDER_100 = rf"(?:(?:{_X})(?:[- ](?:{_U}))?|{_T}|{_U})"
WORD_NUMBER = (
    rf"(?:(?:{UNDER_100}|a)\s+hundred(?:\s+(?:and\s+)?{UNDER_100})?|{UNDER_100}|a\s+dozen)"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?)"
_NUM_END = r"(?![\d,]\d|\.\d)"
FRACTION = r"(?:(?:a\s+)?(?:half|quarter)|three\s+quarters?)(?:\s+(?:a|of\s+a))?"
SCALE = (
    r"(?:[\s-]*(?:thousand|million|billion|trillion|lakh|crore)s?"
    r"|\s?(?:bn|bln|tn|trn|mn|mln)|(?:m|b|k))(?![\w])"
)
AMOUNT = (
    rf"(?P<num>{DIGITS}{_NUM_END}|{WORD_NUMBER}\b|{FRACTION})(?P<scale>{SCALE})?"
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


# --- currencies -----------------------------------------------------------------

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
_WORD_CUR = rf"(?:{_alt(_SUFFIX_WORDS)})(?:s|es)?\b(?:\s+sterling\b)?"
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
# "40 to 50 billion yuan". "from $40bn to $50bn" is a change, not a range (see _is_change).
_RANGE_SEP = r"\s*(?:-|–|—)\s*|\s+(?:to|and)\s+"
_RNUM = rf"(?:{DIGITS}{_NUM_END}|{WORD_NUMBER}\b)"
_MONEY_RANGE = re.compile(
    rf"(?<![\w$.,])(?:(?P<prefix>{_PREFIX_RE})\s?(?P<n1>{DIGITS}{_NUM_END})(?P<s1>{SCALE})?"
    rf"(?P<sep>{_RANGE_SEP})(?:{_PREFIX_RE})?\s?(?P<n2>{DIGITS}{_NUM_END})(?P<s2>{SCALE})?"
    rf"(?:\s+(?P<pcode>{_CODE_RE})\b)?"
    rf"|(?P<sn1>{_RNUM})(?P<ss1>{SCALE})?(?P<ssep>{_RANGE_SEP})(?P<sn2>{_RNUM})(?P<ss2>{SCALE})?"
    rf"[\s-]?(?P<suffix>{_WORD_CUR}|m?{_CODE_RE}\b|[$€£¥₹₩₽₺₪₦₱₫฿₡₾₭元]))",
    re.IGNORECASE,
)
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


# --- percentages and counts ---------------------------------------------------------

_PCT_WORD = r"(?:%|percent(?:age)?s?\b|per\s?cent\b|pct\b)"
_PERCENT = re.compile(
    rf"(?<![\w.,])(?P<sign>(?:minus|negative)\s+|(?<![\w])[-−+])?"
    rf"(?P<num>{DIGITS}{_NUM_END}|{WORD_NUMBER}\b)\s?{_PCT_WORD}(?!\s+points?\b)"
    rf"|(?<!\w)(?:percent(?:age)?s?|per\s?cent)\s+of\s+(?P<num2>{DIGITS}{_NUM_END}|{WORD_NUMBER}\b)",
    re.IGNORECASE,
)

NOT_COUNTED = frozenset(
    """years months weeks days hours minutes seconds times percent cents dollars euros
    pounds points is was has this its his as us thus yes less does plus bps per
    decades centuries""".split()
)
# Units of measure: "1.2 billion cubic metres", "300,000 barrels", "5 million tonnes". The
# unit is kept as written (singular or plural); a modifier ("cubic", "square", "metric")
# belongs to it.
MEASURES = frozenset(
    """tonne tonnes ton tons barrel barrels metre metres meter meters kilometre kilometres
    kilometer kilometers km mile miles foot feet litre litres liter liters gallon gallons
    hectare hectares acre acres kilogram kilograms kg gram grams ounce ounces megawatt
    megawatts gigawatt gigawatts kilowatt kilowatts watt watts megawatt-hours gigawatt-hours
    terawatt-hours kwh mwh gwh twh""".split()
)
_MEASURE_MODIFIERS = frozenset("cubic square metric".split())
# Plurals without an s, and nouns that count people or things as they stand.
IRREGULAR_PLURALS = frozenset(
    """people children men women personnel staff police crew aircraft spacecraft cattle
    sheep livestock fish deer infantry clergy offspring geese mice teeth""".split()
)
_FILLER = frozenset("and or of the to in on at by for from with that than a an".split())
_COUNT = re.compile(
    rf"(?<![\w$€£¥.,-])(?:(?P<lo>{_RNUM})(?P<loscale>{SCALE})?(?P<sep>{_RANGE_SEP}))?"
    rf"(?P<num>{DIGITS}{_NUM_END}|{WORD_NUMBER}\b)(?P<scale>{SCALE})?"
    r"(?P<words>(?:\s+[a-z][a-z-]*){1,3})",
)
# A number right after one of these is a name or a label ("Route 66", "area 55",
# "Section 230"), not a count of what follows it.
LABEL_NOUNS = frozenset(
    """area route section article chapter page paragraph clause item zone sector block gate
    terminal platform flight room floor level phase stage grade number no nos district ward
    unit building highway road exit lane line track channel episode season version model
    type class category tier division camp bus train runway pier berth bay cell box lot plot
    tower hall wing bed seat row column table figure appendix annex part volume issue
    resolution regulation directive amendment protocol day week round match game mile
    kilometre km point exhibit case count code squad battalion brigade regiment hangar
    pavilion precinct province region quadrant square street avenue""".split()
)
# Capitalised words that still let a count follow (sentence starts, mostly).
_OPENERS = frozenset(
    """a about above across after against all almost along also although among an and
    another any approximately around as at because before below between both but by
    despite during each estimated even every exactly fewer for from further given he her
    his however if in including into it its just last least less like many more most much
    nearly next no not of on once only or other our over perhaps plus roughly several she
    since so some such than that the their then there these they this those though through
    to under until up upon we when whereas whether which while with within without yet
    extra additional total another first combined altogether some over just only
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_WORD_BEFORE_NUMBER = re.compile(r"([A-Za-z][\w’'.-]*)\s+$")


def is_label(text: str, start: int) -> bool:
    """True when the number at `start` names something ("Apollo 11", "Route 66", "area 55"):
    it follows a label noun, or a capitalised word that is not a sentence opener."""
    m = _WORD_BEFORE_NUMBER.search(text[max(0, start - 40) : start])
    if m is None:
        return False
    word = m[1].rstrip(".")
    lower = word.lower()
    if lower in LABEL_NOUNS:
        return True
    if not word[0].isupper() or lower in _OPENERS or word.endswith(("'s", "’s", "s'")):
        return False
    return True
_VAGUE = re.compile(
    r"\b(?P<vague>dozens|hundreds|thousands|millions)\s+of\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]+s)\b"
)
VAGUE_FLOOR = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000}


# Cheap first look: without a digit or a number word a sentence holds no figure, and
# skipping it spares the big patterns (most sentences of an article have none).
_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(
    [*UNITS, *TEENS, *TENS, "hundred", "half", "quarter", "dozen", "dozens", "hundreds",
     "thousands", "millions"]
)


_SYMBOL = re.compile(r"[$€£¥₹₩₽₺₪₦₱₫฿₡₾₭元]|ரூ")
_CURRENCY_TOKENS = frozenset(
    [w for k in SUFFIX_CURRENCIES for w in k.split() if w.isalpha()]
    + [c.lower() for c in CODES] + ["m" + c.lower() for c in CODES] + ["rs", "rmb", "mex"]
)


@lru_cache(maxsize=16)  # the three finders ask about the same sentence in turn
def maybe_number(text: str) -> bool:
    """True unless `text` surely holds no figure (no digit, no number word)."""
    if _DIGIT.search(text):
        return True
    return not _NUMBER_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower()))


def maybe_money(text: str) -> bool:
    """True unless `text` surely holds no money (no currency symbol, word or code)."""
    if not maybe_number(text):
        return False
    if _SYMBOL.search(text):
        return True
    words = set(_LOWER_WORD.findall(text.lower()))  # set operations, not a loop per word
    if not _CURRENCY_TOKENS.isdisjoint(words):
        return True
    return not _CURRENCY_TOKENS.isdisjoint({w.rstrip("s") for w in words if w.endswith("s")})


def maybe_percent(text: str) -> bool:
    return ("%" in text or "per" in text.lower() or "pct" in text) and maybe_number(text)

_URL = re.compile(r"\S*://\S*|www\.\S+")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """URLs, whose %-escapes ("%20") and digits are not figures."""
    if "://" not in text and "www." not in text:
        return []
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


def _in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


@dataclass(frozen=True)
class NumberMention:
    """One money/percent/count expression: its value and where it is in the text."""

    value: Value
    text: str
    start: int
    end: int


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
    urls = _url_spans(text)
    ranges: list[tuple[int, int]] = []
    for m in _MONEY_RANGE.finditer(text):
        if urls and _in_spans(m.start(), urls):
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
        if urls and _in_spans(m.start(), urls):
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


def find_percents(text: str) -> list[NumberMention]:
    """Percentages: '90%', '12 per cent', 'five percent', 'minus 3%'."""
    if not maybe_percent(text):
        return []
    out: list[NumberMention] = []
    urls = _url_spans(text)
    for m in _PERCENT.finditer(text):
        if urls and _in_spans(m.start(), urls):
            continue
        amount = parse_amount(m["num"] or m["num2"], None)
        if amount is None:
            continue
        if m["sign"] and m["sign"].strip().lower() in ("minus", "negative", "-", "−"):
            amount = -amount
        out.append(NumberMention(Value("percent", amount=float(amount)), m.group(0),
                                 m.start(), m.end()))
    return out


_WORD = re.compile(r"[a-z][a-z-]*")


def _counted(words: str, offset: int) -> tuple[str, int | None]:
    """What a number counts among the (up to three) words after it, and where that ends:
    the first plural noun or unit of measure, adjectives before it dropped."""
    found = list(_WORD.finditer(words))
    for i, w in enumerate(found):
        word = w.group(0)
        if word in MEASURES:
            return word, offset + w.end()
        if word in _MEASURE_MODIFIERS and i + 1 < len(found) and found[i + 1][0] in MEASURES:
            return f"{word} {found[i + 1][0]}", offset + found[i + 1].end()
        if word in _FILLER or word in NOT_COUNTED:
            break
        if word in IRREGULAR_PLURALS:
            return word, offset + w.end()
        if word.endswith("s") and not word.endswith(("ss", "us", "is")) and "-" not in word:
            return word, offset + w.end()
    return "", None


def find_counts(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[NumberMention]:
    """Numbers of things: '2,500 projects', 'eight allied countries', 'dozens of firms'.

    The unit is the plural noun counted (adjectives dropped) so "eight allied
    countries" and "8 countries" compare equal; spans in `taken` (money,
    percentages, dates) are skipped.
    """
    if not maybe_number(text):
        return []
    out: list[NumberMention] = []

    taken = [*taken, *_url_spans(text)]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for m in _COUNT.finditer(text):
        num = m["num"]
        start = m.start()
        if re.fullmatch(r"1[89]\d\d|20\d\d", num):  # a year, not a count
            continue
        noun, noun_end = _counted(m["words"], m.start("words"))
        if not noun or noun_end is None:
            continue
        low = None
        if m["lo"] is not None:
            bounds = None
            if not re.fullmatch(r"1[89]\d\d|20\d\d", m["lo"]):
                bounds = range_bounds(text, start, m["sep"], m["lo"], m["loscale"], num, m["scale"])
            if bounds is None:  # "from 242 to 330": only the second is a count here
                start = m.start("num")
            else:
                low = bounds[0]
        if is_label(text, start) or not free(start, noun_end):
            continue
        amount = parse_amount(num, m["scale"])
        if amount is None:
            continue
        value = Value("count", amount=float(low if low is not None else amount), unit=noun,
                      high=float(amount) if low is not None else None)
        out.append(NumberMention(value, text[start:noun_end], start, noun_end))
    for m in _VAGUE.finditer(text):
        if m["noun"] in NOT_COUNTED or not free(m.start(), m.end()):
            continue
        value = Value("count", amount=VAGUE_FLOOR[m["vague"]], unit=f"{m['noun']} ({m['vague']})")
        out.append(NumberMention(value, m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda n: n.start)
