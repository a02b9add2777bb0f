"""Quotations in a text and the speaker each is attributed to, as written.

A quotation is a stretch between quote marks of at least three words (`quote_segments`,
`is_quotation`); an opening mark not closed before the block ends runs to its end. Its
speaker is tied to it by a reporting verb (said, told, replied, interjected, wrote, …)
after it ("“…,” said Rep. Jane Roe", "“…,” Roe, a lawyer for the firm, said"), before it
("Roe said: “…”", "Roe told reporters that the plan was “…”"), through a dash ("“…” — Jane
Roe"), a reporting participle ("Roe mocked the plan, saying…") or "according to Roe"
(`attribute`). `clean_speaker` strips titles and determiners from what is written; who
that is in the article is the job of `speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .people import (
    _DETERMINERS,
    NAME,
    SPEAKER_NAME,
    SPEECH,
    TITLE_ABBR,
    TITLE_WORDS,
)

PRONOUNS = {"He", "She", "They"}
# Words that open a description as the speaker ("The commission", "A Homeland Security memo").
DESCRIBING = {"A", "An", "The", "His", "Her", "Their", "My", "Our"}
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
# A transcript's speaker label opening a block: "WALLACE: …".
TRANSCRIPT_LABEL = re.compile(r"[“\"]?\s*(?P<sp>[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+)?):\s")
QUOTE_MARKS = re.compile(r"[“”\"]")
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True)
class Segment:
    """A stretch between quote marks in one block."""

    start: int  # offset of the opening mark (in the text searched)
    end: int  # offset after the closing mark, or the end of the block
    words: str
    closed: bool


def quote_segments(block: str) -> list[Segment]:
    """Stretches between quote marks in one block; an unclosed one runs to its end."""
    out: list[Segment] = []
    pos = 0
    while True:
        m = QUOTE_MARKS.search(block, pos)
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
        out.append(Segment(m.start(), stop + 1 if closed else stop,
                            block[m.end() : stop].strip(" ,"), closed))
        pos = stop + 1
    return out


def is_quotation(words: str) -> bool:
    tokens = _WORD.findall(words)
    if len(tokens) < 3:
        return False
    # A title ("Collapse: How Societies Choose to Fail") capitalises every word.
    return not (len(tokens) <= 8 and all(t[0].isupper() or t.isdigit() for t in tokens))


def clean_speaker(written: str) -> str:
    """The speaker's name without titles, leading function words or a possessive; "" for
    a title alone ("Rep.", "Secretary")."""
    written = re.sub(r"[’']s$", "", " ".join(written.split()))
    titled = False
    while True:
        head, _, rest = written.partition(" ")
        if rest and (head.rstrip(".") in TITLE_WORDS or re.fullmatch(TITLE_ABBR, head)):
            written, titled = rest, True
        elif (rest and head in _DETERMINERS and head not in DESCRIBING
              or head in DESCRIBING - {"The", "A", "An"} and rest[:1].isupper()):
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


def attribute(
    block: str, seg: Segment, lo: int, hi: int, sentence_end: int | None = None,
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
