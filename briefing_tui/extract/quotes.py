"""Direct quotes with their speakers, and the people and organisations an article names.

Kept conservative on purpose: a quote is only reported when a speech verb ties it
to a speaker ("Helberg said: “…”", "“…,” said Helberg", "“…,” Helberg said"),
and a person only when a title or a speech verb marks the capitalised words as
one. Surnames and pronouns are linked to the full name met earlier in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Person
from .countries import alias_table

SPEECH = (
    r"(?:said|says|told\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|added|stated|explained|noted|argued"
    r"|warned|insisted|wrote|declared|asserted|remarked|continued|recalled|tweeted|posted)"
)
_UP, _LO = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
NAME_TOKEN = rf"(?:[{_UP}][{_LO}]+(?:[’'-][{_UP}]?[{_LO}]+)*|Mc[{_UP}][{_LO}]+|[A-Z]\.)"
NAME = rf"(?:{NAME_TOKEN}(?:\s+(?:(?:de|van|von|bin|al|da|der|la|le|du)\s+)?{NAME_TOKEN}){{0,3}})"
PRONOUNS = {"He", "She", "They"}

_OPEN = "“\""
_QUOTE = re.compile(r"“(?P<c>[^”]{8,})”|\"(?P<s>[^\"]{8,})\"")
_BEFORE = re.compile(
    rf"(?P<sp>{NAME}|He|She|They)(?:,[^,“\"]{{1,150}},)?\s+{SPEECH}"
    r"(?:\s+(?:in|on|at|to|during|after|before|from)\s+[^:“\"]{0,80}?)?\s*[:,]?\s*$"
)
_AFTER = re.compile(
    rf"\s*,?\s*(?:{SPEECH}\s+(?:the\s+)?(?P<sp1>{NAME})|(?P<sp2>{NAME}|he|she|they)\s+{SPEECH})"
)

ROLE_WORDS = (
    r"(?i:(?:Under)?[Ss]ecretary|Minister|President|Director|Chief|CEO|Chair\w*|Spokes\w+"
    r"|[Aa]dvis[eo]r|Ambassador|Governor|Senator|Professor|[Aa]nalyst|[Ee]conomist|Head"
    r"|Officer|[Ff]ounder|Commissioner|Deputy|Leader|Premier|Chancellor|Mayor|Representative"
    r"|Envoy|Executive|Manager|Partner|Editor|Correspondent|Strategist|Fellow|Researcher"
    r"|Prime Minister|King|Queen|Prince|Chairman|Lawmaker|Congressman|Congresswoman|General)"
)
TITLE_BEFORE = (
    r"(?:(?:Vice|Deputy|Prime|Foreign|Finance|Defen[cs]e|Trade|Commerce|Treasury|Interior"
    r"|Home|Energy|Economy|Health)\s+)?"
    r"(?:President|Minister|Secretary(?:\s+of\s+(?:State|Defen[cs]e|Commerce|the\s+Treasury|Energy))?"
    r"|Chancellor|Premier|Senator|Governor|Ambassador|King|Queen|Prince|Chairman|Chairwoman"
    r"|CEO|Director|Sen\.|Rep\.|Gov\.|Gen\.)"
)
_TITLED = re.compile(
    rf"(?P<title>(?:(?:[A-Z][A-Za-z.]+[’']s|[A-Z]{{2,}}|[A-Z]\.[A-Z]\.|[A-Z][a-z]+)\s+)?{TITLE_BEFORE})"
    rf"\s+(?P<name>{NAME_TOKEN}\s+{NAME_TOKEN}(?:\s+{NAME_TOKEN})?)"
)
_APPOSITIVE = re.compile(
    rf"(?<![\w,])(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}),\s+(?:the\s+)?"
    rf"(?P<title>[^,.;“\"]{{0,60}}?\b(?:{ROLE_WORDS})\b[^,;“\"]{{0,60}}?),\s+{SPEECH}"
)
_SPEAKER = re.compile(
    rf"(?<![\w,])(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s+{SPEECH}\b"
    rf"|[”\"]\s*(?:said|says|added)\s+(?P<after>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})"
)

NEWS_ORGS = (
    "Reuters", "Bloomberg", "Associated Press", "AFP", "Agence France-Presse", "BBC", "CNN",
    "Financial Times", "Wall Street Journal", "New York Times", "Washington Post",
    "The Economist", "Xinhua", "Al Jazeera", "Nikkei", "Politico", "Axios", "CNBC", "Fox News",
    "Kyodo", "Yonhap", "Tass", "Interfax", "The Guardian", "White House", "Pentagon", "Kremlin",
    "GlobalData", "Dow Jones",
)
ORG_HEADS = (
    "Agency|Department|Ministry|University|Bank|Fund|Council|Commission|Organi[sz]ation"
    "|Association|Institute|Institution|Laboratory|Technologies|Technology|Group|Inc\\.?|Corp\\.?"
    "|Corporation|Ltd\\.?|Company|Authority|Bureau|Committee|Parliament|Congress|Senate"
    "|Foundation|Forum|Union|Party|Reserve|Exchange|Holdings|Systems|Partners|Motors|Airlines"
    "|Times|Post|Journal|News|Office"
)
_CAP = r"(?:[A-Z][\w’'.-]*|&)"
_ORG = re.compile(
    rf"(?P<org>{_CAP}(?:\s+(?:{_CAP}|of|for|and|on|the)){{0,6}}?\s+(?:{ORG_HEADS})\b"
    rf"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}})?)"
    rf"|(?P<head>(?:Department|Ministry|University|Bank|Office)\s+of\s+(?:the\s+)?"
    rf"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}})"
)
_ORG_DESCRIBED = re.compile(
    r"(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}),\s+an?\s+(?:[\w-]+\s+){0,3}"
    r"(?:laboratory|lab|company|firm|agency|group|think[ -]tank|bank|institute|organi[sz]ation"
    r"|consultancy|start-?up|charity|NGO|non-?profit|publisher|broadcaster|newspaper|university"
    r"|fund|insurer|lender|manufacturer|maker|developer|operator|retailer)\b"
)
# Both open with letters, not a lookbehind, so the engine can scan ahead fast; the left
# word boundary is checked in `_starts_word`.
_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+){1,2}\b")
_NEWS = re.compile("(?:" + "|".join(re.escape(o) for o in NEWS_ORGS) + r")(?![\w-])")
_DETERMINERS = {
    "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "By", "For", "But",
    "And", "As", "Its", "His", "Her", "Their", "Our", "Despite", "Under", "During", "After",
    "Before", "When", "While", "If", "Since", "Some", "Many", "Most", "Other", "Both",
}
NOT_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "God", "Government", "Administration", "Department", "House",
    "Street", "Road", "State", "States", "Minister", "President", "Secretary", "Officials",
}


# Literal alternations: the regex engine scans for their first letters quickly, so a
# paragraph without any of these words never meets the expensive patterns.
_SPEECH_GATE = re.compile(
    r"said|says|told|added|stated|explained|noted|argued|warned|insisted|wrote|declared"
    r"|asserted|remarked|continued|recalled|tweeted|posted"
)
_TITLE_GATE = re.compile(
    r"President|Minister|Secretary|Chancellor|Premier|Senator|Governor|Ambassador|King|Queen"
    r"|Prince|Chairman|Chairwoman|CEO|Director|Sen\.|Rep\.|Gov\.|Gen\."
)
_ORG_GATE = re.compile(ORG_HEADS.replace("\\.?", ""))
_LINE = re.compile(r"[^\n]+")
_DESCRIBED_HIT = re.compile(r",\s+an?\s")
_CAPITAL = re.compile(r"[A-Z]")


def _starts_word(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_-")


def _distinct_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the first occurrence of each distinct line of `text`, in order.

    The line finders below only keep the first position of what they find, so a
    repeated line (syndicated boilerplate, a pasted paragraph) can add nothing new.
    """
    first: dict[str, int] = {}
    for m in _LINE.finditer(text):
        first.setdefault(m.group(0), m.start())
    return [(offset, line) for line, offset in first.items()]


def _gated(lines: list[tuple[int, str]], gate: re.Pattern[str]) -> list[tuple[int, str]]:
    """The (offset, line) pairs in which `gate` finds something."""
    return [(offset, line) for offset, line in lines if gate.search(line)]


def _described(text: str) -> Iterable[re.Match[str]]:
    """`_ORG_DESCRIBED.finditer(text)`, trying only near ", a"/", an" instead of at every
    capital: a match's name holds no comma, so it starts after the comma before its own."""
    pos = 0
    for hit in _DESCRIBED_HIT.finditer(text):
        comma = hit.start()
        if comma < pos:
            continue
        lo = max(pos, text.rfind(",", 0, comma) + 1)
        for cap in _CAPITAL.finditer(text, lo, comma):
            m = _ORG_DESCRIBED.match(text, cap.start())
            if m:
                yield m
                pos = m.end()
                break


@dataclass(frozen=True)
class QuoteMention:
    """A quotation in a sentence: its words, the speaker as written, and its span."""

    quote: str
    speaker: str
    start: int
    end: int


def find_quotes(sentence: str) -> list[QuoteMention]:
    """Quotes whose speaker a speech verb names, before or after the quote marks."""
    out: list[QuoteMention] = []
    for m in _QUOTE.finditer(sentence):
        words = m["c"] or m["s"] or ""
        if len(words.split()) < 4:  # scare quotes ("two-horse race"), titles
            continue
        before = _BEFORE.search(sentence[max(0, m.start() - 240) : m.start()])
        speaker = before["sp"] if before else ""
        if not speaker:
            after = _AFTER.match(sentence, m.end())
            if after:
                speaker = after["sp1"] or after["sp2"] or ""
        speaker = re.sub(r"[’']s$", "", speaker.strip())
        if speaker and not re.fullmatch(r"(?:[A-Z]\.\s*)+", speaker):
            out.append(QuoteMention(words.strip(" ,"), speaker.strip(), m.start(), m.end()))
    return out


def _is_name(name: str) -> bool:
    tokens = name.split()
    if len(tokens) < 2 or tokens[0] in _DETERMINERS:
        return False
    aliases = alias_table()
    if any(t in NOT_NAMES or t in aliases for t in tokens):
        return False
    return re.search(rf"\b(?:{ORG_HEADS})\b", name) is None


def find_people(text: str) -> list[Person]:
    """People named with a title or as the subject of a speech verb, in order of first mention.

    A later, titled mention fills in the title of an earlier bare one.
    """
    found: dict[str, tuple[int, str]] = {}

    def add(name: str, title: str, pos: int) -> None:
        name = re.sub(r"[’']s$", "", " ".join(name.split()))
        title = " ".join(title.split())
        if not _is_name(name):
            return
        if name in found:
            first, old = found[name]
            found[name] = (min(first, pos), old or title)
        else:
            found[name] = (pos, title)

    lines = _distinct_lines(text)
    for offset, line in _gated(lines, _SPEECH_GATE):
        for m in _APPOSITIVE.finditer(line):
            add(m["name"], m["title"], offset + m.start())
        for m in _SPEAKER.finditer(line):
            add(m["name"] or m["after"], "", offset + m.start())
    for offset, line in _gated(lines, _TITLE_GATE):
        for m in _TITLED.finditer(line):
            add(m["name"], m["title"], offset + m.start("name"))
    ordered = sorted(found.items(), key=lambda kv: kv[1][0])
    return [Person(name, title) for name, (_, title) in ordered]


def _clean_org(org: str) -> str:
    org = re.sub(r"^(?:the|The)\s+", "", org.strip())
    org = re.sub(r"\s+(?:of|for|and|on|the)$", "", org)
    return org


def find_organisations(text: str, people: Iterable[Person] = ()) -> list[str]:
    """Organisations: known news outlets, names ending in an organisation word, and
    names an apposition describes as one ("AidData, a research laboratory")."""
    found: dict[str, int] = {}
    aliases = alias_table()
    person_tokens = {t for p in people for t in p.name.split()}

    def add(org: str, pos: int, min_tokens: int = 1) -> None:
        org = _clean_org(org)
        tokens = org.split()
        while tokens and tokens[0] in _DETERMINERS:
            tokens = tokens[1:]
        org = " ".join(tokens)
        if len(tokens) < min_tokens:
            return
        if not org or org in aliases or org in NOT_NAMES or org in person_tokens:
            return
        if len(org) < 3:
            return
        found.setdefault(org, pos)

    # Outlet names and CamelCase words never span lines: matching line by line is the same.
    lines = _distinct_lines(text)
    for offset, line in lines:
        for m in _NEWS.finditer(line):
            if _starts_word(line, m.start()):
                add(m.group(0), offset + m.start())
    for offset, line in _gated(lines, _ORG_GATE):
        for m in _ORG.finditer(line):
            add(m["org"] or m["head"], offset + m.start(), min_tokens=2)
    for m in _described(text):
        add(m["org"], m.start())
    for offset, line in lines:
        for m in _CAMEL.finditer(line):
            if _starts_word(line, m.start()):
                add(m.group(0), offset + m.start())
    names = sorted(found, key=found.__getitem__)
    # "International Energy Agency" makes "Energy Agency" redundant.
    return [n for n in names if not any(n != o and n in o for o in names)]


def resolve_speaker(written: str, people: Iterable[Person], last_person: str = "") -> str:
    """The full name behind a speaker as written: "Helberg" -> "Jacob Helberg", "He" -> the
    person last mentioned; otherwise the words as written."""
    written = " ".join(written.split())
    if written.capitalize() in PRONOUNS:
        return last_person
    for person in people:
        if person.name == written or person.name.split()[-1] == written.split()[-1]:
            return person.name
    return written
