"""People and organisations an article names.

A person is only reported when a title, a speech verb or a quotation marks the
capitalised words as one; an organisation when a known outlet is named, a name ends
in an organisation word ("… Agency", "… Inc."), an apposition describes it ("AidData,
a research laboratory") or it is the subject of a business verb ("Boeing delivered").
No guessing from CamelCase: products (AirPods, CarPlay) and glued names are not
organisations. Names stop at prepositions and at sentence ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Person
from .countries import alias_table, is_person_name

# Reporting verbs as a class: what a speaker does with words. "told" may take an object
# ("told reporters", "told The Associated Press").
VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|explained|explains|noted|notes|argued"
    "|argues|warned|warns|insisted|insists|wrote|writes|declared|declares|asserted|asserts"
    "|remarked|continued|continues|recalled|recalls|tweeted|tweets|posted|replied|replies"
    "|responded|responds|interjected|interjects|answered|answers|asked|asks|acknowledged"
    "|acknowledges|admitted|admits|announced|announces|claimed|claims|complained|complains"
    "|conceded|concedes|concluded|confirmed|contended|contends|countered|counters|cautioned"
    "|emphasized|emphasised|exclaimed|joked|jokes|lamented|laments|mused|observed|observes"
    "|predicted|predicts|promised|promises|quipped|quips|recounted|reiterated|retorted"
    "|shouted|stressed|stresses|suggested|suggests|testified|thundered|urged|urges|vowed"
    "|vows|yelled|boasted|bragged|charged|sang|sings|scolded|blasted|fumed|griped|pleaded"
    "|pledged|proclaimed|repeated|repeats|screamed|whispered|mocked|chided|cracked|explained"
    "|went\\s+on|pointed\\s+out|chimed\\s+in|shot\\s+back|fired\\s+back|wrote\\s+back"
)
_OBJECT = (
    r"(?:\s+(?:him|her|them|us|me|reporters|journalists|supporters|the\s+crowd|the\s+audience"
    r"|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}))?"
)
SPEECH = rf"(?:(?:told|tells|asked|asks|warned|assured|reminded|informed|urged)\b{_OBJECT}|(?:{VERBS})\b)"
_UP, _LO = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
NAME_TOKEN = (
    rf"(?:(?:Mc|Mac|O[’']|D[’']|De|Di|Du|La|Le)?[{_UP}][{_LO}]+(?:[’'-][{_UP}]?[{_LO}]+)*"
    rf"|[A-Z]\.(?:[A-Z]\.)*|[A-Z](?=\s+[{_UP}][{_LO}]))"
)
NAME = rf"(?:{NAME_TOKEN}(?:\s+(?:(?:de|van|von|bin|al|da|der|la|le|du)\s+)?{NAME_TOKEN}){{0,3}})"
# Titles written before a name; never a speaker on their own.
TITLE_ABBR = (
    r"(?:Mr|Mrs|Ms|Miss|Dr|Rep|Sen|Gov|Gen|Rev|Del|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Prof|Atty|Amb"
    r"|Supt|Det|Insp|Hon|Pres|Sr|Jr|St)\."
)
TITLE_WORDS = {
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Rep", "Sen", "Gov", "Gen", "Rev", "Del", "Lt", "Col",
    "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Prof", "Atty", "Amb", "Supt", "Det", "Insp", "Hon",
    "Pres", "President", "Senator", "Governor", "Representative", "Congressman",
    "Congresswoman", "Secretary", "Minister", "Chairman", "Chairwoman", "Judge", "Justice",
    "Mayor", "Speaker", "Pope", "King", "Queen", "Prince", "Princess", "Sheriff", "Chief",
    "Director", "Ambassador", "Commissioner", "Professor", "Vice", "Prime", "Deputy",
    "General", "Attorney", "Former", "Sir", "Lord", "Lady", "Dame", "Father", "Sister",
    "Brother", "Bishop", "Cardinal", "Rabbi", "Imam", "Coach", "Captain", "Officer", "Agent",
}
# Title words that never belong to a name (unlike King, Chief or Justice, also surnames).
_NEVER_IN_NAME = {
    "Mr", "Mrs", "Ms", "Dr", "Rep", "Sen", "Gov", "Gen", "Rev", "Del", "Lt", "Col", "Sgt",
    "Capt", "Cmdr", "Adm", "Prof", "Atty", "President", "Senator", "Governor", "Representative",
    "Congressman", "Congresswoman", "Secretary", "Minister", "Chairman", "Chairwoman", "Mayor",
    "Director", "Ambassador", "Commissioner", "Professor", "Vice", "Prime", "Deputy", "Former",
}
_TITLE_ANY = "|".join(sorted(TITLE_WORDS - {"Former"}, key=len, reverse=True))
SPEAKER_NAME = rf"(?:(?:{TITLE_ABBR}|(?:{_TITLE_ANY})\b)\s+)*{NAME}"

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
    rf"(?<![\w,])(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s+{SPEECH}"
    rf"|[”\"]\s*(?:said|says|added)\s+(?:{TITLE_ABBR}\s+)?"
    rf"(?P<after>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})"
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
    "|Times|Post|Journal|News|Office|Chronicle|Herald|Tribune|Gazette|Press|Magazine|Network"
    "|Watch|Coalition|Alliance|Center|Centre|Club|Society|League|Service|Trust|International"
    "|Airways|Airline|Bancorp|Pharmaceuticals|Industries|Enterprises|Media|Labs"
)
# Words that make capitalised words an organisation, never a person ("International Rivers",
# "San Francisco Chronicle").
_ORG_WORD = re.compile(
    rf"\b(?:{ORG_HEADS}|National|Global|Federal|United|Rivers|Campaign|Tech)\b"
)
_CAP = r"(?:[A-Z][\w’'.-]*|&)"
_ORG = re.compile(
    rf"(?P<org>{_CAP}(?:\s+(?:{_CAP}|for|and|on)){{0,6}}?\s+(?:{ORG_HEADS})\b(?!\s+[A-Z&])"
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
# Capitalised words doing what companies do: "Boeing delivered", "a Boeing spokesman",
# "shares of Airbus". Only kept when they name no person and no country.
_BUSINESS_VERBS = (
    r"ordered|orders|sold|sells|bought|buys|acquired|acquires|delivered|delivers|manufactures"
    r"|makes|produces|shipped|ships|employs|hired|hires|laid\s+off|operates|owns|invested"
    r"|invests|posted\s+(?:a\s+)?(?:net\s+)?(?:profit|loss|revenue)|reported\s+(?:a\s+)?"
    r"(?:net\s+)?(?:profit|loss|revenue|earnings|sales)|agreed\s+to\s+(?:buy|sell|acquire)"
    r"|flies|flew|builds|built"
)
_CO = r"[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,2}"
_BUSINESS = re.compile(
    rf"(?P<a>{_CO})\s+(?:{_BUSINESS_VERBS})\b"
    rf"|(?P<b>{_CO})(?:[’']s)?\s+(?:CEO|chief\s+executive|spokes(?:man|woman|person)|shares"
    rf"|stock|board|headquarters|factory|plant|shareholders|customers|employees)\b"
    rf"|(?:[Ss]hares|[Ss]tock)\s+(?:of|in)\s+(?P<c>{_CO})"
    # The maker of what is ordered: "an order of 30 Boeing jets", "to purchase 30 of Airbus's".
    rf"|(?:order|orders|purchase|purchases|purchasing|buy|buying)\s+(?:of\s+|for\s+)?"
    rf"(?:some\s+|up\s+to\s+)?\d[\d,]*\s+(?:of\s+|more\s+)?(?P<d>{_CO})"
)
_NEWS = re.compile("(?:" + "|".join(re.escape(o) for o in NEWS_ORGS) + r")(?![\w-])")
_DETERMINERS = {
    "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "By", "For", "But",
    "And", "As", "Its", "His", "Her", "Their", "Our", "Despite", "Under", "During", "After",
    "Before", "When", "While", "If", "Since", "Some", "Many", "Most", "Other", "Both",
    "From", "With", "To", "Of", "Via", "Per", "Like", "About", "Against", "Among", "Through",
    "Without", "Across", "Including", "Than", "Where", "Why", "How", "What", "Who", "Which",
    "Because", "So", "Yet", "Or", "Nor", "Also", "Now", "Then", "Still", "Even", "Only",
    "Just", "Meanwhile", "However", "Though", "Although", "Until", "Unless", "Whether",
    "Once", "Every", "Each", "Any", "No", "Not", "All", "Several", "Few", "Such", "My",
    "Your", "We", "I", "You", "He", "She", "They", "It", "Last", "Next", "Earlier", "Later",
    "Today", "Yesterday", "Tomorrow", "Here", "There", "Asked", "Read", "See", "Watch",
}
NOT_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "God", "Government", "Administration", "Department", "House",
    "Street", "Road", "State", "States", "Minister", "President", "Secretary", "Officials",
}


# Literal alternations: the regex engine scans for their first letters quickly, so a
# paragraph without any of these words never meets the expensive patterns.
_SPEECH_GATE = re.compile(VERBS)
_TITLE_GATE = re.compile(
    r"President|Minister|Secretary|Chancellor|Premier|Senator|Governor|Ambassador|King|Queen"
    r"|Prince|Chairman|Chairwoman|CEO|Director|Sen\.|Rep\.|Gov\.|Gen\."
)
_ORG_GATE = re.compile(ORG_HEADS.replace("\\.?", ""))
_LINE = re.compile(r"[^\n]+")
_BUSINESS_GATE = re.compile(
    r"ordered|orders|sold|sells|bought|buys|acquired|acquires|deliver|manufactures|makes"
    r"|produces|ship|employs|hire|laid|operates|owns|invest|posted|reported|agreed|flies|flew"
    r"|build|built|CEO|chief|spokes|hares|tock|board|headquarters|factory|plant|customers"
    r"|employees|order|purchas|buy"
)
_DESCRIBED_HIT = re.compile(r",\s+an?\s")
# Capitalised words right after "Commission on", "Bureau of": the end of a longer name.
_NAME_GOES_ON = re.compile(r"[A-Z][\w’'-]*\s+(?:of|on|for)\s+(?:the\s+)?$")
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


def _is_name(name: str) -> bool:
    tokens = name.split()
    if len(tokens) < 2 or tokens[0] in _DETERMINERS:
        return False
    aliases = alias_table()
    if any(t in NOT_NAMES or t.rstrip(".") in _NEVER_IN_NAME for t in tokens):
        return False
    if any(t in aliases for t in tokens) and not is_person_name(name):
        return False  # "Kenya Airways", but "Jim Jordan" and "Chad Wolf" are people
    return _ORG_WORD.search(name) is None


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
            if not _NAME_GOES_ON.search(line, max(0, m.start() - 40), m.start()):
                add(m["name"], m["title"], offset + m.start())
        for m in _SPEAKER.finditer(line):
            if m["name"] and _NAME_GOES_ON.search(line, max(0, m.start() - 40), m.start()):
                continue  # "the Commission on Presidential Debates announced"
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
    for offset, line in _gated(lines, _BUSINESS_GATE):
        for m in _BUSINESS.finditer(line):
            org = m["a"] or m["b"] or m["c"] or ""
            if m["d"]:  # the maker, without the model: "Airbus A350-900" -> "Airbus"
                org = re.sub(r"[’']s?$|(?:\s+\S*\d\S*)+$", "", m["d"])
            if _starts_word(line, m.start()) and not (set(org.split()) & person_tokens):
                add(org, offset + m.start())
    names = sorted(found, key=found.__getitem__)
    # "International Energy Agency" makes "Energy Agency" redundant.
    return [n for n in names if not any(n != o and n in o for o in names)]


