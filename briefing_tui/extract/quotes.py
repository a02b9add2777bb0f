"""Direct quotes with their speakers.

A quotation is a stretch between quote marks of at least three words. It becomes a
quote when a reporting verb (said, told, replied, interjected, wrote, …) ties it to a
speaker: after it ("“…,” said Rep. Jane Roe", "“…,” Roe, a lawyer for the firm, said"),
before it ("Roe said: “…”", "Roe told reporters that the plan was “…”"), through a dash
("“…” — Jane Roe"), a transcript label ("ROE: …") or "according to Roe". A quotation
that follows an attributed one in the same paragraph, or that runs on into the next
paragraph (an opening mark not closed before the paragraph ends, the next paragraph
opening with a quote mark), keeps that speaker.

Speakers are resolved against the people the article names: "Roe" and "Rep. Roe" become
"Jane Roe"; "he", "she" and "the minister" become the nearest earlier person that fits
(gender from Mr./Mrs./Ms. and the like, role from the person's title). A title alone is
never a speaker. When the speaker cannot be resolved the quotation is dropped: a quote
fact must name its speaker (docs/bundle-format.md).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Person
from .people import (
    _DETERMINERS,
    NAME,
    NAME_TOKEN,
    NOT_NAMES,
    SPEAKER_NAME,
    SPEECH,
    TITLE_ABBR,
    TITLE_WORDS,
    find_organisations,
    find_people,
)
from .sentences import Sentence, split_blocks

PRONOUNS = {"He", "She", "They"}
_ANTECEDENT_SENTENCES = 4
_MALE = {"Mr", "Congressman", "Chairman", "Sir", "Lord", "King", "Prince", "Father", "Brother"}
_FEMALE = {"Mrs", "Ms", "Miss", "Congresswoman", "Chairwoman", "Lady", "Dame", "Queen",
           "Princess", "Sister"}
_ADVERB = r"(?:\s+(?:also|later|then|once|again|previously|earlier|recently|simply|\w+ly))?"
# A description as the speaker: "the commission", "The New York businessman", "a Homeland
# Security memo", "his former partner". Its last word is a lower-case noun, not a function word.
_NOT_HEAD = (
    r"(?:of|in|on|at|to|for|with|by|from|and|or|but|that|this|who|whom|which|as|is|was|are"
    r"|were|be|been|has|had|have|it|its|he|she|they|not|also|then|so|than|when|while|if)"
)
_ROLE = (
    r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur)\s+(?:[\w’'-]+\s+){0,3}?"
    rf"(?!{_NOT_HEAD}\b|[a-z]+ly\b(?<!family)(?<!ally)(?<!assembly))[a-z][\w-]+"
)
_PREP = (
    r"(?:\s+(?:in|on|at|to|during|after|before|from|with|about|via|through|while|when|last"
    r"|this|on|of|earlier|later|today|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday)\b[^:“”\"]{0,100}?)?"
)
_APPOS = r"(?:\s*\([^()]{1,40}\))?(?:(?:,\s*[^,“”\"]{1,200}?){1,2},)?"
_SUBJECT = rf"(?<!of )(?<!on )(?<!for )(?<!at )(?<!by )(?P<sp>{SPEAKER_NAME}|[Hh]e|[Ss]he|[Tt]hey|{_ROLE})"
# Words before a name in "…,” Clinton campaign spokesman Brian Fallon said".
_LEAD = (
    r"(?:(?!(?:to|of|with|by|for|about|from|at|in|on|and|or|but|close|near|than|who|as)\b)"
    r"[\w’'.-]+\s+){0,4}?"
)
# Attribution after the closing mark: "…,” said Rep. Roe" / "…,” Roe, a lawyer, added."
_AFTER = re.compile(
    rf"[\s,.!?]*(?:(?:{SPEECH}){_ADVERB}\s+(?P<sp1>{SPEAKER_NAME}|{_ROLE})"
    rf"|{_LEAD}{_SUBJECT}{_APPOS}{_ADVERB}\s+(?:{SPEECH}))\b"
    rf"|\s*[—–―-]+\s*(?P<sp2>{NAME})"
)
# Attribution right before the opening mark: "Roe said:", "Roe told reporters on Monday that".
_BEFORE = re.compile(
    rf"{_SUBJECT}{_APPOS}{_ADVERB}\s+(?:{SPEECH}){_PREP}\s*[:,]?\s*(?:that\s+)?$"
    rf"|(?P<sp3>{NAME}):\s*$"
)
# Attribution earlier in the sentence, for a quotation inside a paraphrase.
_PARTIAL = re.compile(
    rf"{_SUBJECT}{_APPOS}{_ADVERB}\s+(?:{SPEECH}|(?:called|described|dubbed)\b(?!,))\b"
)
# A reporting participle: the speaker is the subject of the sentence ("Roe mocked the plan,
# saying…", "Roe is calling the plan “…”", "He’s claiming that…").
_PARTICIPLE = re.compile(
    r"(?:,\s+|\s(?:is|was|are|were|has\s+been|have\s+been)\s+|[’']s\s+)(?:also\s+)?"
    r"(?:saying|adding|noting|arguing|claiming|calling|insisting|warning|writing|telling"
    r"|describing|promising|declaring)\b"
)
_OPENING_SUBJECT = re.compile(
    rf"(?:[^,“”\"]{{0,60}},\s+)?(?P<sp>{SPEAKER_NAME}|He|She|{_ROLE})"
    # …followed by its verb, not by more of a longer subject ("Libertarian presidential…").
    r"(?:[’']s\s|\s+(?:is|was|are|were|has|had|have|will|would|also|did|does|[a-z]+ed|[a-z]+s)\b)"
)
_ACCORDING = re.compile(rf"according\s+to\s+(?:the\s+)?(?P<sp>{SPEAKER_NAME})")
_LABEL = re.compile(r"[“\"]?\s*(?P<sp>[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+)?):\s")
_QUOTE_MARKS = re.compile(r"[“”\"]")
_WORD = re.compile(r"[\w’'-]+")
_ROLE_WORDS = """spokesman spokeswoman spokesperson lawyer attorney adviser advisor aide
    strategist pollster chair chairman chairwoman director president secretary senator governor
    mayor manager analyst professor economist official candidate nominee general chief founder
    executive leader commissioner sheriff officer writer reporter host anchor editor judge
    minister ambassador activist businessman businesswoman owner developer consultant scientist
    researcher doctor physician congressman congresswoman representative lawmaker coach pastor
    captain commander""".split()
# Literal words in both cases: the engine scans for literals fast, not for (?i:) or [Mm].
_ROLE_NOUNS = "|".join(sorted({v for w in _ROLE_WORDS for v in (w, w.capitalize())},
                              key=len, reverse=True))
_ROLE_GATE = re.compile(rf"\b(?:{_ROLE_NOUNS})\b|{TITLE_ABBR}")
_TITLED_NAME = re.compile(
    rf"(?P<t>(?:{TITLE_ABBR}|(?:{_ROLE_NOUNS})\b)(?:\s+{TITLE_ABBR})*)\s+(?P<n>{NAME})"
)
_ABBR_ROLES = {"sen": "senator", "rep": "representative congressman congresswoman lawmaker",
               "gov": "governor", "gen": "general", "dr": "doctor", "prof": "professor",
               "pres": "president"}
_HE = re.compile(r"\b(?:(?P<m>he|his|him|himself)|(?P<f>she|her|hers|herself))\b", re.I)
_TITLE_BEFORE = re.compile(rf"(?<![\w.])({TITLE_ABBR})\s+$")
_OPENING_PRONOUN = re.compile(r"(?:He|She)\b")
_TITLE_PREFIX = re.compile(rf"^(?:(?:{TITLE_ABBR}|[A-Z][a-z]+\.?)\s+)")


@dataclass(frozen=True)
class QuoteMention:
    """A quotation in a sentence: its words, the speaker as written, and its span."""

    quote: str
    speaker: str
    start: int
    end: int


@dataclass(frozen=True)
class BodyQuote:
    """A quote of the body: its words, the resolved speaker, and the sentence it opens in."""

    quote: str
    speaker: str
    sentence: int  # index in the sentence list
    start: int  # offset of the opening mark in that sentence


@dataclass(frozen=True)
class _Segment:
    start: int  # offset of the opening mark (in the text searched)
    end: int  # offset after the closing mark, or the end of the block
    words: str
    closed: bool


def _segments(block: str) -> list[_Segment]:
    """Stretches between quote marks in one block; an unclosed one runs to its end."""
    out: list[_Segment] = []
    pos = 0
    while True:
        m = _QUOTE_MARKS.search(block, pos)
        if m is None:
            break
        mark = m.group(0)
        if mark == "”":  # a stray closing mark
            pos = m.end()
            continue
        close = "”" if mark == "“" else '"'
        end = block.find(close, m.end())
        closed = end >= 0
        stop = end if closed else len(block)
        out.append(_Segment(m.start(), stop + 1 if closed else stop,
                            block[m.end() : stop].strip(" ,"), closed))
        pos = stop + 1
    return out


def _is_quotation(words: str) -> bool:
    tokens = _WORD.findall(words)
    if len(tokens) < 3:
        return False
    # A title ("Collapse: How Societies Choose to Fail") capitalises every word.
    return not (len(tokens) <= 8 and all(t[0].isupper() or t.isdigit() for t in tokens))


def _clean(written: str) -> str:
    """The speaker's name without titles, leading function words or a possessive; "" for
    a title alone ("Rep.", "Secretary")."""
    written = re.sub(r"[’']s$", "", " ".join(written.split()))
    titled = False
    while True:
        head, _, rest = written.partition(" ")
        if rest and (head.rstrip(".") in TITLE_WORDS or re.fullmatch(TITLE_ABBR, head)):
            written, titled = rest, True
        elif (rest and head in _DETERMINERS and head not in _DESCRIBING
              or head in _DESCRIBING - {"The", "A", "An"} and rest[:1].isupper()):
            written = rest
        else:
            break
    if written.capitalize() in PRONOUNS:
        return written
    if (written.rstrip(".") in TITLE_WORDS and not titled) or re.fullmatch(
        r"(?:[A-Z]\.\s*)+|[A-Z][a-z]?\.?", written
    ):
        return ""
    return written


def _latest(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The match of `pattern` in `text[lo:hi]` that starts last: in "In Washington, Marc
    Morial, the head of the league, said" the speaker is Morial, not Washington."""
    m = pattern.search(text, lo, hi)
    while m is not None:
        # The next try starts after the speaker found: not inside "O'Neill" or "She".
        ends = [m.end(g) for g in ("sp", "sp3") if g in pattern.groupindex and m[g]]
        pos = max(ends, default=m.start() + 1)
        later = pattern.search(text, pos, hi)
        if later is None:
            break
        m = later
    return m


def _attribute(
    block: str, seg: _Segment, lo: int, hi: int, sentence_end: int | None = None,
    sentence_lo: int | None = None,
) -> tuple[str, int]:
    """The speaker as written for one quotation of `block` and where it is written, or
    ("", -1); `lo`..`hi` bounds the search window (the sentence, or the stretch between
    neighbouring quotations); "according to" counts only up to `sentence_end`, the end of
    the sentence the quotation closes in; `sentence_lo` is where that sentence starts."""
    after = _AFTER.match(block, seg.end, hi) if seg.closed else None
    if after:
        for group in ("sp1", "sp", "sp2"):
            if after[group]:
                return after[group], after.start(group)
        return "", -1
    before = _latest(_BEFORE, block, max(lo, seg.start - 300), seg.start)
    partial = _latest(_PARTIAL, block, lo, seg.start)
    if before and not (partial and partial.start("sp") > before.start()):
        group = "sp" if before["sp"] else "sp3"
        return before[group] or "", before.start(group)
    if partial:  # also a nearer speaker than `before` found: "In a message posted Friday,
        return partial["sp"], partial.start("sp")  # Cruz said he had “…”" is Cruz's
    start = lo if sentence_lo is None else sentence_lo
    if _PARTICIPLE.search(block, lo, seg.start):  # "Roe mocked the plan, saying it “…”"
        subject = _OPENING_SUBJECT.match(block, start, seg.start)
        if subject:
            return subject["sp"], subject.start("sp")
    according = _ACCORDING.search(block, lo, min(hi, sentence_end or hi))
    return (according["sp"], according.start("sp")) if according else ("", -1)


def find_quotes(sentence: str) -> list[QuoteMention]:
    """Quotations of one sentence whose speaker a reporting verb names, as written."""
    out: list[QuoteMention] = []
    prev = ""
    segments = [s for s in _segments(sentence) if _is_quotation(s.words)]
    for i, seg in enumerate(segments):
        lo = segments[i - 1].end if i else 0
        hi = segments[i + 1].start if i + 1 < len(segments) else len(sentence)
        written = _clean(_attribute(sentence, seg, lo, hi)[0]) or prev
        if written:
            out.append(QuoteMention(seg.words, written, seg.start, seg.end))
        prev = written
    return out


_FIRST_NAME = re.compile(rf"\b{NAME_TOKEN}\s+$")


def _full_name(body: str, surname: str) -> str:
    """"Marta Olsen" for "Olsen" where the text writes a first name before it (the first
    few mentions are enough); else the surname. Literal search: no scan at every capital."""
    pos = 0
    for _ in range(5):
        pos = body.find(surname, pos)
        if pos < 0:
            break
        first = _FIRST_NAME.search(body, max(0, pos - 30), pos)
        if first and (pos + len(surname) == len(body) or not body[pos + len(surname)].isalnum()):
            full = body[first.start() : pos + len(surname)]
            if _clean(full) == full:
                return " ".join(full.split())
        pos += len(surname)
    return surname


_DESCRIBING = {"A", "An", "The", "His", "Her", "Their", "My", "Our"}
_TITLE_LOWER = {t.lower() for t in TITLE_WORDS} | set(_ROLE_WORDS)


def _description(written: str) -> str:
    """A descriptive speaker as the text gives it, its first letter capitalised ("The
    commission", "A Homeland Security memo"); "" for a title alone ("the president", "the
    former senator"): a title names nobody by itself."""
    words = written.split()
    if words[0].capitalize() in _DESCRIBING:
        words = words[1:]
    if not words or all(w.lower().rstrip(".") in _TITLE_LOWER for w in words):
        return ""
    return written[:1].upper() + written[1:]


class _Resolver:
    """Full names behind written speakers, pronouns by the nearest earlier fitting person."""

    def __init__(
        self, body: str, people: Sequence[Person], starts: Sequence[int], named: Iterable[str],
        blocks: Sequence[tuple[int, int]],
    ) -> None:
        self.starts = starts
        # By name, in order, and the name each lower-cased surname stands for (the first
        # person with it): dictionaries, so a long article's many titled people stay linear.
        self.people: dict[str, Person] = {p.name: p for p in people}
        self.by_surname: dict[str, str] = {}
        for p in self.people.values():
            self.by_surname.setdefault(p.name.split()[-1].lower(), p.name)
        # Also people the text names only with a title ("Mr. Obama") or as a speaker.
        extra = [
            (m["n"], m["t"]) for hit in _ROLE_GATE.finditer(body)
            if (m := _TITLED_NAME.match(body, hit.start())) is not None
        ]
        extra += [(_clean(n), "") for n in named]
        for name, title in extra:
            name = name.title() if name.isupper() else name
            if name and " " not in name:  # "Olsen": the full name the text gives, "Marta Olsen"
                name = _full_name(body, name)
            key = name.split()[-1].lower() if name else ""
            if not key or any(t in NOT_NAMES for t in name.split()):
                continue
            known_name = self.by_surname.get(key)
            if known_name is None:
                self.by_surname[key] = name
                self.people.setdefault(name, Person(name, title))
                continue
            known = self.people[known_name]
            if title and title.lower() not in known.title.lower():
                # "Mayor Bill de Blasio" later "the mayor": keep every role a person has.
                self.people[known_name] = Person(known.name, f"{known.title} {title}".strip())
        self.gender: dict[str, str] = {}
        for p in self.people.values():
            first = p.title.split()[0].rstrip(".") if p.title else ""
            if first in _MALE:
                self.gender[p.name] = "m"
            elif first in _FEMALE:
                self.gender[p.name] = "f"
        self.mentions: list[tuple[int, str]] = []
        self.titles: dict[str, list[str]] | None = None  # each person's role words, on demand
        self.chain_positions: list[int] = []  # sentences opening with a resolved pronoun
        self.chain_names: list[str] = []
        if self.by_surname:
            names = sorted({w for p in self.people for w in (p, p.split()[-1])},
                           key=len, reverse=True)
            # Names first (a literal alternation the engine scans for fast); a title is
            # looked for right before each hit.
            pattern = re.compile(r"(?P<n>" + "|".join(map(re.escape, names)) + r")\b")
            quoted = [
                (bstart + seg.start, bstart + seg.end)
                for bstart, bend in blocks
                for seg in _segments(body[bstart:bend])
            ]
            q_starts = [a for a, _ in quoted]
            for m in pattern.finditer(body):
                if m.start() and (body[m.start() - 1].isalnum() or body[m.start() - 1] == "_"):
                    continue  # inside a longer word: the left boundary, checked here
                q = bisect_right(q_starts, m.start()) - 1
                if q >= 0 and m.start() < quoted[q][1]:
                    continue  # a person named inside a quotation is not its speaker
                person = self.by_surname[m["n"].split()[-1].lower()]
                self.mentions.append((m.start(), person))
                titled = _TITLE_BEFORE.search(body, max(0, m.start() - 8), m.start())
                title = titled.group(1).rstrip(".") if titled else ""
                if title in _MALE or title in _FEMALE:
                    self.gender.setdefault(person, "m" if title in _MALE else "f")
        self.positions = [pos for pos, _ in self.mentions]
        self._guess_gender(body)
        # "He"/"She" opening a sentence names the person it stands for there too, so a
        # pronoun a few sentences on still finds them ("Roe arrived. He noted… He says, “…”").
        if self.mentions:
            for start in starts:
                opening = _OPENING_PRONOUN.match(body, start)
                if opening is None:
                    continue
                want = "m" if opening.group() == "He" else "f"
                name = self._antecedent(start, self._of_gender(want))
                if name:
                    self.chain_positions.append(start)
                    self.chain_names.append(name)

    def _guess_gender(self, body: str) -> None:
        """Gender from the pronouns that follow a person's mentions closely ("Roe said her
        plan…"): kept only where one kind clearly outnumbers the other."""
        votes: dict[str, list[int]] = {}
        for pos, name in self.mentions:
            if name in self.gender:
                continue
            m = _HE.search(body, pos, pos + 80)
            if m:
                tally = votes.setdefault(name, [0, 0])
                tally[0 if m["m"] else 1] += 1
        for name, (male, female) in votes.items():
            if male >= 2 * female + 1 and male >= 2:
                self.gender[name] = "m"
            elif female >= 2 * male + 1 and female >= 2:
                self.gender[name] = "f"

    def __call__(self, written: str, pos: int) -> str:
        written = _clean(written)
        if not written:
            return ""
        first = written.split()[0]
        if written.capitalize() in PRONOUNS:
            if first.lower() == "they":
                return ""
            want = "m" if first.lower() == "he" else "f"
            return self._antecedent(pos, lambda name: self.gender.get(name, want) == want)
        if first[:1].islower() or first in _DESCRIBING:  # "the minister", "the commission"
            role = written.split()[-1].lower()
            if self.titles is None:
                self.titles = {p.name: self._roles(p.title).split() for p in self.people.values()}
            titles = self.titles
            holder = self._antecedent(pos, lambda name: role in titles.get(name, ()))
            return holder or _description(written)
        if written.isupper() and len(written) > 3:
            written = written.title()
        last = written.split()[-1].lower()
        return self.by_surname.get(last, written)

    def _of_gender(self, want: str) -> Callable[[str], bool]:
        """Whether a person can be "he" (`want` "m") or "she" ("f"): unknown gender can."""
        return lambda name: self.gender.get(name, want) == want

    @staticmethod
    def _roles(title: str) -> str:
        words = title.lower().replace(".", " ").split()
        return " ".join([*words, *(_ABBR_ROLES.get(w, "") for w in words)])

    def _antecedent(self, pos: int, fits: Callable[[str], bool]) -> str:
        """The person a pronoun at `pos` stands for: walking back sentence by sentence
        (the pronoun's own first, up to the pronoun), the first fitting person named
        outside quotation marks in a sentence, the subject more often than not."""
        k = bisect_right(self.starts, pos) - 1
        hi = pos
        chain = self.chain_positions
        for _ in range(_ANTECEDENT_SENTENCES):
            lo = self.starts[k] if k >= 0 else 0
            i = bisect_right(self.positions, lo - 1)
            j = bisect_right(chain, lo - 1)
            if j < len(chain) and chain[j] < hi and fits(self.chain_names[j]):
                return self.chain_names[j]  # the sentence opens with a resolved pronoun
            while i < len(self.positions) and self.positions[i] < hi:
                name = self.mentions[i][1]
                if fits(name):
                    return name
                i += 1
            if k <= 0:
                break
            hi, k = lo, k - 1
        return ""


def find_body_quotes(
    body: str, sentences: Sequence[Sentence], people: Sequence[Person]
) -> list[BodyQuote]:
    """Every attributed quotation of the body, in order, with its resolved speaker."""
    if not _QUOTE_MARKS.search(body):
        return []
    starts = [s.start for s in sentences]
    # First pass: every quotation with its speaker as written.
    blocks: list[tuple[int, str, str, list[tuple[_Segment, str, int]]]] = []
    named: set[str] = set()
    spans = split_blocks(body)  # once: splitting blocks costs more than the quote search
    for bstart, bend in spans:
        block = body[bstart:bend]
        segments = [s for s in _segments(block) if _is_quotation(s.words)]
        labelled = _LABEL.match(block) if segments else None
        label = labelled["sp"] if labelled and len(labelled["sp"]) > 2 else ""
        found: list[tuple[_Segment, str, int]] = []
        for i, seg in enumerate(segments):
            k = bisect_right(starts, bstart + seg.start) - 1
            sentence_lo = max(0, starts[k] - bstart) if k >= 0 else 0
            lo = max(sentence_lo, segments[i - 1].end if i else 0)
            hi = segments[i + 1].start if i + 1 < len(segments) else len(block)
            after = bisect_right(starts, bstart + max(seg.start, seg.end - 1))
            sentence_end = starts[after] - bstart if after < len(starts) else len(block)
            written, where = _attribute(block, seg, lo, hi, sentence_end, sentence_lo)
            found.append((seg, written, bstart + where))
            if (written[:1].isupper() and written.capitalize() not in PRONOUNS
                    and written.split()[0] not in _DESCRIBING):  # "The statement" is no one
                named.add(written)
        if label:
            named.add(label)
        blocks.append((bstart, block, label, found))
    # Second pass: resolve speakers in order, carrying them over continued quotations.
    resolve = _Resolver(body, people, starts, named, spans)
    out: list[BodyQuote] = []
    carry = ""  # the speaker of a quotation left open at the end of the previous block
    label = ""  # the speaker of a transcript ("WALLACE: …") in progress
    for bstart, block, written_label, found in blocks:
        if block[:1] not in "“\"":
            carry = label = ""
        if not found:
            continue
        if written_label:
            label = resolve(written_label, bstart)
        prev = ""
        for i, (seg, written, where) in enumerate(found):
            at = bstart + seg.start
            k = bisect_right(starts, at) - 1
            # A pronoun stands for someone named before it, not before the quotation.
            speaker = resolve(written, where) if written else ""
            if not speaker:
                speaker = label or prev or (carry if i == 0 else "")
            if speaker and k >= 0:
                out.append(BodyQuote(" ".join(seg.words.split()), speaker, k, at - starts[k]))
            prev = speaker or prev
        last = found[-1][0]
        carry = prev if not last.closed else (prev if label else "")
    return out


def speakers_as_people(quotes: Iterable[BodyQuote], people: Sequence[Person]) -> list[Person]:
    """`people` and the quoted speakers that look like people (two or more name words)."""
    known = {p.name for p in people}
    out = list(people)
    for q in quotes:
        name = q.speaker
        if name in known or len(name.split()) < 2 or not re.fullmatch(NAME, name):
            continue
        if any(name in p.name or p.name in name for p in out):
            continue
        if find_organisations(name) or not re.fullmatch(rf"{NAME_TOKEN}(?:\s+\S+)+", name):
            continue
        known.add(name)
        out.append(Person(name, ""))
    return out


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


__all__ = [
    "BodyQuote", "QuoteMention", "find_body_quotes", "find_organisations", "find_people",
    "find_quotes", "resolve_speaker", "speakers_as_people",
]
