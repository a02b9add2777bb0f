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

`quote_attribution` finds the quotations and the speaker as written, `speakers` resolves
who that is; this module runs them over one sentence (`find_quotes`) or a whole body
(`find_body_quotes`), carrying a speaker over continued quotations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Person
from .people import NAME, NAME_TOKEN, find_organisations, find_people
from .quote_attribution import (
    DESCRIBING,
    PRONOUNS,
    QUOTE_MARKS,
    TRANSCRIPT_LABEL,
    Segment,
    attribute,
    clean_speaker,
    is_quotation,
    quote_segments,
)
from .sentences import Sentence, split_blocks
from .speakers import SpeakerResolver, resolve_speaker


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


def find_quotes(sentence: str) -> list[QuoteMention]:
    """Quotations of one sentence whose speaker a reporting verb names, as written."""
    out: list[QuoteMention] = []
    prev = ""
    segments = [s for s in quote_segments(sentence) if is_quotation(s.words)]
    for i, seg in enumerate(segments):
        lo = segments[i - 1].end if i else 0
        hi = segments[i + 1].start if i + 1 < len(segments) else len(sentence)
        written = clean_speaker(attribute(sentence, seg, lo, hi)[0]) or prev
        if written:
            out.append(QuoteMention(seg.words, written, seg.start, seg.end))
        prev = written
    return out


def find_body_quotes(
    body: str, sentences: Sequence[Sentence], people: Sequence[Person]
) -> list[BodyQuote]:
    """Every attributed quotation of the body, in order, with its resolved speaker."""
    if not QUOTE_MARKS.search(body):
        return []
    starts = [s.start for s in sentences]
    # First pass: every quotation with its speaker as written.
    blocks: list[tuple[int, str, str, list[tuple[Segment, str, int]]]] = []
    named: set[str] = set()
    spans = split_blocks(body)  # once: splitting blocks costs more than the quote search
    for bstart, bend in spans:
        block = body[bstart:bend]
        segments = [s for s in quote_segments(block) if is_quotation(s.words)]
        labelled = TRANSCRIPT_LABEL.match(block) if segments else None
        label = labelled["sp"] if labelled and len(labelled["sp"]) > 2 else ""
        found: list[tuple[Segment, str, int]] = []
        for i, seg in enumerate(segments):
            k = bisect_right(starts, bstart + seg.start) - 1
            sentence_lo = max(0, starts[k] - bstart) if k >= 0 else 0
            lo = max(sentence_lo, segments[i - 1].end if i else 0)
            hi = segments[i + 1].start if i + 1 < len(segments) else len(block)
            after = bisect_right(starts, bstart + max(seg.start, seg.end - 1))
            sentence_end = starts[after] - bstart if after < len(starts) else len(block)
            written, where = attribute(block, seg, lo, hi, sentence_end, sentence_lo)
            found.append((seg, written, bstart + where))
            if (written[:1].isupper() and written.capitalize() not in PRONOUNS
                    and written.split()[0] not in DESCRIBING):  # "The statement" is no one
                named.add(written)
        if label:
            named.add(label)
        blocks.append((bstart, block, label, found))
    # Second pass: resolve speakers in order, carrying them over continued quotations.
    resolve = SpeakerResolver(body, people, starts, named, spans)
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


__all__ = [
    "BodyQuote", "QuoteMention", "find_body_quotes", "find_organisations", "find_people",
    "find_quotes", "resolve_speaker", "speakers_as_people",
]
