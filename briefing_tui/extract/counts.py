"""Counts of things in a sentence: '2,500 projects', 'eight allied countries', 'dozens of firms'.

The unit is the plural noun counted (adjectives dropped), or a unit of measure ("300,000
barrels", "1.2 billion cubic metres"), so "eight allied countries" and "8 countries"
compare equal. A number that names something ("Route 66", "Apollo 11") or is a year
counts nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Value
from .amounts import (
    DIGITS,
    NUM_END,
    RANGE_NUM,
    RANGE_SEP,
    SCALE,
    WORD_NUMBER,
    NumberMention,
    maybe_number,
    parse_amount,
    range_bounds,
    url_spans,
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
    rf"(?<![\w$€£¥.,-])(?:(?P<lo>{RANGE_NUM})(?P<loscale>{SCALE})?(?P<sep>{RANGE_SEP}))?"
    rf"(?P<num>{DIGITS}{NUM_END}|{WORD_NUMBER}\b)(?P<scale>{SCALE})?"
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


# "dozens of firms": a count known only roughly, taken at its floor.
_VAGUE = re.compile(
    r"\b(?P<vague>dozens|hundreds|thousands|millions)\s+of\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]+s)\b"
)
VAGUE_FLOOR = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000}


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

    taken = [*taken, *url_spans(text)]

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
