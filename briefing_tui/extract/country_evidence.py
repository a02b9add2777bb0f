"""Whether an ambiguous name means the country, on the evidence of the text around it.

A few names are also a given name or surname (Chad, Jordan, Israel), a US state
(Georgia), a place-name part (Jersey City) or an English word at the start of a
sentence or in a set phrase (Turkey, China, Panama, Guinea). `AMBIGUOUS` says what else
each can be; `weigh_ambiguous` keeps a mention only when the evidence supports the
country (see `_judge`), and `person_names` finds the names an article uses for a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..country_data import BORDERS, CAPITALS
from .country_aliases import alias_table

if TYPE_CHECKING:
    from .countries import CountryMention

# What else an ambiguous name can be, besides the country (flags of `_Sense`).
GIVEN = 1  # a given name: a capitalised surname-like word right after it means a person
SURNAME = 2  # a surname: a first name, an initial or a title right before it means a person
STATE = 4  # a US state: US context (a governor, another state, its cities) means the state
WORD = 8  # an English word in set phrases ("Panama hat"): those phrases and its context veto
NEEDS = 16  # counts only with positive evidence of the country
NATIVE = 32  # a native spelling that is an English word ("Island", Icelandic for Iceland):
# counts only when the sentence names the same country another way or its capital


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class _Sense:
    flags: int
    after: frozenset[str] = frozenset()  # next words of the other sense ("hat", "pig")
    before: frozenset[str] = frozenset()  # words right before it ("fine China", "go Dutch")
    context: frozenset[str] = frozenset()  # words anywhere in the sentence ("thanksgiving")
    local: frozenset[str] = frozenset()  # STATE: the state's own places ("Atlanta")


_TURKEY_FOOD = _words(
    "sandwich sandwiches breast breasts leg legs dinner dinners burger burgers bacon meat roast"
    " farm farms farmer farmers hunt hunting hunters vulture vultures feathers trot day Day Trot"
)
_FOOD_CONTEXT = _words(
    "thanksgiving christmas roast roasted roasting gravy stuffing feast poultry oven carve carved"
    " carving pardon pardoned pardons pardoning drumstick drumsticks cranberry cranberries giblets"
    " gobble fryer deep-fried thaw thawed thawing brine brined butterball"
)

# Names that are also something else, with how to tell. The flags are facts about the words
# (Chad is a common given name; Georgia is a US state; "Turkey" heads food phrases), the
# evidence is read from the text by `_judge`.
AMBIGUOUS: dict[str, _Sense] = {
    "Chad": _Sense(GIVEN | SURNAME | NEEDS),
    "Jordan": _Sense(GIVEN | SURNAME | NEEDS),
    "Georgia": _Sense(GIVEN | STATE | NEEDS, local=_words("Atlanta Savannah Augusta Macon Ga. Ga")),
    "Israel": _Sense(GIVEN | SURNAME),
    "India": _Sense(GIVEN),
    "Kenya": _Sense(GIVEN),
    "Cuba": _Sense(GIVEN),
    "Cuban": _Sense(SURNAME),
    "Holland": _Sense(SURNAME),
    "Welsh": _Sense(SURNAME),
    "French": _Sense(SURNAME | WORD, after=_words(
        "fries fry toast press door doors horn horns kiss kissing braid braids manicure dressing"
        " bread twist window windows polish")),
    "Dominique": _Sense(GIVEN | NATIVE),
    "Island": _Sense(NATIVE),
    "Jersey": _Sense(WORD | NEEDS, after=_words("cow cows cattle cream milk shirt shirts")),
    "Guernsey": _Sense(WORD, after=_words("cow cows cattle sweater sweaters jumper jumpers")),
    "Reunion": _Sense(WORD | NEEDS),
    "Turkey": _Sense(WORD, after=_TURKEY_FOOD, context=_FOOD_CONTEXT),
    "China": _Sense(WORD, after=_words(
        "shop shops cabinet cabinets plate plates dish dishes set sets doll dolls pattern patterns"
        " cup cups teacup teacups ware clay"), before=_words("fine bone good best"),
        context=_words("porcelain dinnerware tableware crockery saucers teacups")),
    "Panama": _Sense(WORD, after=_words("hat hats")),
    "Guinea": _Sense(WORD, after=_words("pig pigs fowl fowls hen hens worm worms grass")),
    "Swiss": _Sense(WORD, after=_words("cheese chard roll rolls")),
    "Danish": _Sense(WORD, after=_words("pastry pastries")),
    "Dutch": _Sense(WORD, after=_words("oven ovens courage auction uncle"),
                    before=_words("go going goes went")),
    "Turkish": _Sense(WORD, after=_words("delight delights bath baths towel towels")),
    "Indian": _Sense(WORD, after=_words("summer"), before=_words("American Native")),
}

# A place-name part right after the name: Jersey City, China Grove, Merritt Island, Jordan Valley.
_PLACE_AFTER = _words(
    "Island Islands Isle City Town Township Village Grove Street St. Avenue Ave. Road Rd."
    " Boulevard Blvd. Lane Drive Way County Parish Bay Beach Shore Harbor Harbour Point Park Lake"
    " River Creek Springs Spring Falls Heights Hills Hill Valley Canyon Mountain Mountains Square"
    " Station Airport Center Centre Mall Stadium Plaza"
)
_PLACE_BEFORE = _words("Lake Mount Mt. Fort Ft. Port Cape Camp")
# Titles of a person: "Rep. Jordan", "Mr. Israel".
_TITLES = _words(
    "Mr. Mr Mrs. Mrs Ms. Ms Miss Dr. Dr Rep. Sen. Gov. Lt. Sgt. Capt. Col. Prof. Coach Judge"
    " Justice Officer Detective Deputy Sheriff Sir Dame Lady Lord Rev. Reverend Pastor Rabbi"
)
# Capitalised words that are no first name before, nor surname after, a country name.
_NOT_NAME = _words(
    "The A An And Or But Nor In On At To From Of For With By Into As Than Both Neither Either Not"
    " No So Yet If When While Where Since Until After Before During Like Unlike Including Despite"
    " Although Though Because About Across Against Along Among Around Between Beyond Near Outside"
    " Inside Over Through Throughout Toward Towards Under Via Within Without Versus Vs. Vs This"
    " That These Those Its His Her Their Our Your My It He She They We I You Today Yesterday"
    " Tomorrow Now Then Also Even Only Just Still Already Meanwhile However Last Next Once Why How"
    " What Which Who Whether Is Was Are Were Has Had Have Will Would Could Should May Might Must"
    " Can Did Does Do Said Says Tells Told Neighboring Neighbouring Northern Southern Eastern"
    " Western Central North South East West Northeast Northwest Southeast Southwest Upper Lower"
    " Greater Mainland Modern Ancient Imperial Communist Soviet Colonial Independent Postwar Rural"
    " Urban Landlocked Visit Visiting Visited Welcome Welcoming Beat Beating Beats Neighbor"
    " Neighbour President Presidents Prime Premier Minister Ministry King Queen Crown Prince"
    " Princess Emir Sheikh Sultan Foreign Defence Defense Interior Finance Health Trade Army Navy"
    " Air Armed Military Government Parliament Embassy Central National Supreme Constitutional"
    " Court State Airways Airlines Railways Telecom Times Today Post Daily News Bank Inc. Ltd Group"
    " Open Cup Red Crescent Olympic Olympics Federation Republic Kingdom Union Council Party"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June"
    " July August September October November December Old New Middle Free Official Historic"
    # Heads of organisation names ("Kenya Airways", "Israel Police", "India Inc.").
    " Inc Inc. Ltd. Corp Corp. Company Agency Department Authority Bureau Commission Committee"
    " Institute University College School Museum Service Police Railway Electric Energy Oil Gas"
    " Petroleum Broadcasting Radio Television TV Stock Exchange Securities Fund Investment"
    " Development Board Mission Consulate Football Rugby Cricket Team Club League Association"
    " Foundation Society Forum Alliance Coalition Network Media Press Journal Herald Tribune"
    " Gazette Chronicle Magazine Holdings Industries International Global Federal United Ports"
)
# Words of a sentence about a country (weak evidence; strong is a capital or a neighbour).
_COUNTRY_CONTEXT = _words(
    "government governments president president's prime premier minister ministers ministry"
    " parliament parliamentary king queen monarch monarchy kingdom royal embassy embassies"
    " ambassador envoy diplomat diplomats diplomatic troops army military soldiers forces border"
    " borders bordering capital nation nation's nations country country's countries refugee"
    " refugees sanctions invasion invaded invade regime junta coup rebels militants insurgents"
    " insurgency ceasefire treaty citizens nationals foreign visa exports imports economy gdp"
    " peacekeepers peacekeeping airstrikes independence sovereignty territory its"
)
# Words placing something in a country ("troops in Jordan", "flights to Chad").
_LOCATIVE = _words(
    "in into across throughout inside within to from toward towards visit visits visited visiting"
    " neighbouring neighboring bordering invade invaded invading"
)
_DIRECTIONS = _words(
    "northern southern eastern western central north south east west northeast northwest"
    " southeast southwest northeastern northwestern southeastern southwestern"
)
# US context that makes Georgia the state.
_US_CONTEXT = _words(
    "governor governor's gov. senator senators sen. congressman congresswoman congressional"
    " legislature legislator legislators statewide county counties sheriff democrat democrats"
    " democratic republican republicans gop primary primaries runoff electoral voters ballot"
    " battleground mayor"
)
_US_STATES = re.compile(
    r"\b(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida"
    r"|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts"
    r"|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey"
    r"|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania"
    r"|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia"
    r"|West Virginia|Wisconsin|Wyoming)\b"
)
_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*")
_NAME_LIKE = re.compile(r"(?:[A-Z][a-z]*['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.")


def _prev_word(text: str, start: int) -> str:
    """The word right before `start`, only when nothing but spaces lies between ("" else)."""
    m = re.search(r"([\w.'’-]+) +$", text[max(0, start - 40):start])
    return m.group(1) if m else ""


def _next_word(text: str, end: int) -> tuple[str, bool]:
    """The word right after `end` (trailing punctuation off) and whether "'s" comes first."""
    m = re.match(r"(['’]s)? +([\w.'’-]+)", text[end:end + 40])
    if not m:
        return "", False
    word = m.group(2)
    if word.endswith(".") and not _NAME_LIKE.fullmatch(word) and word not in _PLACE_AFTER:
        word = word[:-1]
    return word, bool(m.group(1))


def _is_first_name(word: str) -> bool:
    return bool(_NAME_LIKE.fullmatch(word)) and word not in _NOT_NAME \
        and word not in _PLACE_BEFORE and word not in alias_table()


def _person_position(text: str, start: int, end: int, sense: _Sense) -> bool:
    """Is the name at text[start:end] part of a person's name ("Chad Wolf", "Robert Jordan")?"""
    if sense.flags & GIVEN:
        nxt, possessive = _next_word(text, end)
        if (nxt and not possessive and _NAME_LIKE.fullmatch(nxt) and nxt not in _NOT_NAME
                and nxt not in _PLACE_AFTER and nxt not in alias_table()):
            return True
    if sense.flags & (GIVEN | SURNAME):
        prev = _prev_word(text, start)
        if prev in _TITLES:
            return True
        if sense.flags & SURNAME and _is_first_name(prev):
            return True
    return False


def _hard_no(text: str, c: CountryMention, sense: _Sense) -> bool:
    """Evidence no context outweighs: a place-name part, a set phrase, a person's name."""
    nxt, possessive = _next_word(text, c.end)
    prev = _prev_word(text, c.start)
    if not possessive and nxt in _PLACE_AFTER or prev in _PLACE_BEFORE:
        return True
    if sense.flags & WORD and (not possessive and nxt in sense.after or prev in sense.before):
        return True

    return _person_position(text, c.start, c.end, sense)


def _tokens(text: str) -> frozenset[str]:
    out: set[str] = set()
    for t in _TOKEN.findall(text):
        t = re.sub(r"['’]s$", "", t.lower())
        out.add(t)
        out.add(t.rstrip("."))
    return frozenset(out)


def _judge(text: str, c: CountryMention, sense: _Sense, others: list[CountryMention],
           people: frozenset[str]) -> bool:
    """Does this ambiguous name mean the country? Hard evidence against it first, then strong
    evidence for it (its capital, a neighbour, its other names), US context for a state,
    another country named beside it, the other sense's context, a person the article named
    so, and last weak evidence (country words, "in", "to")."""
    if _hard_no(text, c, sense):
        return False
    same = any(o.code == c.code for o in others)
    capital = any(re.search(r"\b" + re.escape(cap) + r"\b", text) for cap in CAPITALS.get(c.code, ()))
    if sense.flags & NATIVE:
        return same or capital
    neighbours = set(BORDERS.get(c.code, ()))
    if same or capital or any(o.code in neighbours for o in others):
        return True
    words = _tokens(text)
    if sense.flags & STATE and (
        _US_CONTEXT & words or sense.local & words or _US_STATES.search(text)
    ):
        return False
    foreign = [o for o in others if o.code != c.code and not (sense.flags & STATE and o.code == "US")]
    if foreign and c.text not in people:
        return True
    if sense.context & words:
        return False
    if c.text in people:
        return False
    prev = _prev_word(text, c.start).lower()
    if prev in _LOCATIVE or _COUNTRY_CONTEXT & words:
        return True
    if prev in _DIRECTIONS and not sense.flags & STATE:  # "eastern Chad"; "north Georgia" is US
        return True
    return not sense.flags & NEEDS


def weigh_ambiguous(text: str, candidates: list[CountryMention],
           people: frozenset[str]) -> list[CountryMention]:
    """Keep the unambiguous mentions and the ambiguous ones the evidence supports."""
    settled = [
        c for c in candidates
        if c.text not in AMBIGUOUS
        or not AMBIGUOUS[c.text].flags & (NEEDS | NATIVE)
        and not _hard_no(text, c, AMBIGUOUS[c.text])
    ]
    kept = []
    for c in candidates:
        sense = AMBIGUOUS.get(c.text)
        if sense is None:
            kept.append(c)
            continue
        others = [o for o in settled if o.text != c.text]
        if _judge(text, c, sense, others, people):
            kept.append(c)
    return kept


def is_person_name(name: str) -> bool:
    """Can `name`, the capitalised words of a person's name as written, hold the country
    names it does? Only ambiguous ones in a person's position: "Jim Jordan", "Chad Wolf",
    "Rep. Jordan" yes; "Jordan Valley", "Kenya Airways", "Syria" no."""
    aliases = alias_table()
    for m in _TOKEN.finditer(name):
        word = m.group().rstrip(".")
        if word not in aliases:
            continue
        sense = AMBIGUOUS.get(word)
        if sense is None or not sense.flags & (GIVEN | SURNAME):
            return False
        if not _person_position(name, m.start(), m.start() + len(word), sense):
            return False
    return True


def person_names(body: str) -> frozenset[str]:
    """The ambiguous names an article uses for a person somewhere ("Rep. Jim Jordan"), so
    its bare later mentions ("Jordan said") are read as that person too."""
    forms = [f for f, s in AMBIGUOUS.items() if s.flags & (GIVEN | SURNAME) and f in body]
    if not forms:
        return frozenset()
    # No lookbehind in front (a pattern opening with letters lets the engine skip ahead);
    # the left boundary is checked here.
    pattern = re.compile("(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
                         + r")\b")
    return frozenset(
        m.group() for m in pattern.finditer(body)
        if not (m.start() and (body[m.start() - 1].isalnum() or body[m.start() - 1] == "_"))
        and _person_position(body, m.start(), m.end(), AMBIGUOUS[m.group()])
    )
