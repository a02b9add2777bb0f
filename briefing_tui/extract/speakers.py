"""Who a speaker written in the text is: the full name, the person a pronoun or a role
stands for.

Speakers are resolved against the people the article names: "Roe" and "Rep. Roe" become
"Jane Roe"; "he", "she" and "the minister" become the nearest earlier person that fits
(gender from Mr./Mrs./Ms. and the like, or from the pronouns that follow a person's
mentions; role from the person's title). A title alone is never a speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

from ..model import Person
from .people import NAME, NAME_TOKEN, NOT_NAMES, TITLE_ABBR, TITLE_WORDS
from .quote_attribution import DESCRIBING, PRONOUNS, clean_speaker, quote_segments

_ANTECEDENT_SENTENCES = 4
_MALE = {"Mr", "Congressman", "Chairman", "Sir", "Lord", "King", "Prince", "Father", "Brother"}
_FEMALE = {"Mrs", "Ms", "Miss", "Congresswoman", "Chairwoman", "Lady", "Dame", "Queen",
           "Princess", "Sister"}
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
            if clean_speaker(full) == full:
                return " ".join(full.split())
        pos += len(surname)
    return surname


_TITLE_LOWER = {t.lower() for t in TITLE_WORDS} | set(_ROLE_WORDS)


def _description(written: str) -> str:
    """A descriptive speaker as the text gives it, its first letter capitalised ("The
    commission", "A Homeland Security memo"); "" for a title alone ("the president", "the
    former senator"): a title names nobody by itself."""
    words = written.split()
    if words[0].capitalize() in DESCRIBING:
        words = words[1:]
    if not words or all(w.lower().rstrip(".") in _TITLE_LOWER for w in words):
        return ""
    return written[:1].upper() + written[1:]


class SpeakerResolver:
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
        extra += [(clean_speaker(n), "") for n in named]
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
                for seg in quote_segments(body[bstart:bend])
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
        written = clean_speaker(written)
        if not written:
            return ""
        first = written.split()[0]
        if written.capitalize() in PRONOUNS:
            if first.lower() == "they":
                return ""
            want = "m" if first.lower() == "he" else "f"
            return self._antecedent(pos, lambda name: self.gender.get(name, want) == want)
        if first[:1].islower() or first in DESCRIBING:  # "the minister", "the commission"
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

