"""Paragraph-level rules that tell page furniture from story text.

Shared by the HTML, Markdown and plain-text readers. Extractors such as trafilatura find
the article's region well, but leave in what sits inside it: captions and photo credits,
share / subscribe / newsletter calls to action, "Related:" and "Read more" lists, byline-
and dateline-only lines, reporting credits, marketing blurbs between paragraphs. Each rule
here looks at the *shape* of a paragraph (length, person, mood, punctuation, a label at its
start) and never at a site's name, so it holds for pages we have not seen.

Story text is protected first: a paragraph that quotes someone or reports speech ("said",
"told", quotation marks) is never taken for a call to action, because quotes are where
"you" and imperatives legitimately occur in news.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Block",
    "drop_reasons",
    "line_reason",
    "promo_score",
    "repair_glued_byline",
    "words",
]


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of an article, as the rules see it.

    `text` is the visible text without markup; the flags carry what only the source
    structure knows (HTML: a paragraph that is one link, a heading inside a list).
    """

    text: str
    kind: str = "p"  # "p" | "heading" | "item" | "quote" | "other"
    level: int = 0  # heading level, 1-6; 0 for other kinds
    link_only: bool = False
    in_list: bool = False


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TERMINAL = re.compile(r"[.!?…:;\"”»)\]]\s*$")
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
_REPORTED = re.compile(
    r"\b(said|says|say|told|tells|added|according to|asked|explained|stated|wrote|noted)\b",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, with inner apostrophes), for counting and casing."""
    return _WORD.findall(text)


def _is_reported(text: str) -> bool:
    """Quotes and reported speech: where 'you' and imperatives belong to the story."""
    return bool(_QUOTE_MARKS.search(text) or _REPORTED.search(text))


def _has_terminal(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def _headline_case(text: str) -> bool:
    """Most longer words capitalised: a title, a teaser or a banner rather than a sentence."""
    long_words = [w for w in words(text) if len(w) >= 4 and w[0].isalpha()]
    if not long_words:
        return False
    caps = sum(1 for w in long_words if w[0].isupper())
    return caps / len(long_words) >= 0.6


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


# --- single-paragraph rules -------------------------------------------------------------

_CAPTION_START = re.compile(
    r"^\W*(image|media|photo|video)?\s*(photo|photograph|picture|image|video|"
    r"illustration|credit|caption|photo credit|gallery)s?\s*(by\b|:|\||—|–|-\s)",
    re.IGNORECASE,
)
_CREDIT_AGENCY = re.compile(
    r"\((photo|image|picture|credit)s?\b[^)]*\)\s*$|\b(getty images|shutterstock|istock(photo)?|"
    r"ap photo|afp photo|reuters/|/reuters|/afp\b|/ap\b|/getty|via getty|dpa/)",
    re.IGNORECASE,
)
# Calls to action that need no further evidence.
_CTA_STRONG = re.compile(
    r"\bclick(ing)? here\b|\btap here\b|\byour inbox\b|\bfollow us\b|\bshare (this|it) with\b"
    r"|(^|[.!?]\s+)\W*follow [\w.@ ]{1,40} on (twitter|facebook|instagram|linkedin|x|threads)\b"
    r"|\blike this (story|article)\b|\bshare (this|the) (story|article|post)\b"
    r"|\bwe['’]d (love|like) to hear\b|\btell us what you think\b|\bhave a (news )?tip\b"
    r"|\bsend us (your|a)\b|\bsupport (our|independent) journalism\b"
    r"|\bif you (buy|purchase|click) (something|a product|through)\b"
    r"|\b(earn|receive|get) an? (affiliate )?(commission|share of the sale)\b"
    r"|\bon the go\b.*\bclick|\bdownload (our|the) (free )?app\b",
    re.IGNORECASE,
)
# Words of a call to action that also occur in story text ("sign up for a free trial"):
# they count only when the page speaks of itself (our, us, newsletter, inbox, alerts).
_CTA_WEAK = re.compile(
    r"\b(subscribe|subscribing|sign up|signing up|register|join)\b",
    re.IGNORECASE,
)
_PUBLISHER = re.compile(
    r"\b(our|us|we|newsletters?|inbox|e-?mail updates|alerts|breaking news|today['’]s|"
    r"daily|weekly|digest|briefing)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(you|your|yours|you['’](re|ll|ve|d)|yourself)\b", re.IGNORECASE)
_RELATED = re.compile(
    r"^\W*(related( \w+)?|"
    r"read (more|also|next)|also read|see also|more (stories|news|coverage|on this|from|about)"
    r"|more|recommended( for you| stories)?|you (may|might) (also )?(like|enjoy)|"
    r"most (read|popular|viewed|shared)|popular (on|in) [\w .]+|trending( now)?|"
    r"further reading|keep reading|editor['’]?s picks?|top stories|latest news|"
    r"what to read next|watch|listen)\s*(:|…|\.\.\.|\||–|—|$)",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^\W*(additional |further )?(reporting|editing|writing|compiled|research|produced|"
    r"translated|edited|written|graphics|illustrations?) by\b",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^\W*(source|sources|via)\s*:", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\W*(?i:by|written by|posted by|author:?)\s+[A-Z][\w.'’-]*"
    r"(?:(?:\s*[,&|]\s*|\s+(?:and\s+)?)[A-Z][\w.'’-]*)*\W*$",
)
_DATE_LABEL = re.compile(
    r"^\W*(published|updated|posted|last updated|last modified|first published|date)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_TIME = re.compile(r"\b\d{1,2}:\d\d\b")
_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
    r"june|july|august|september|october|november|december)\b\.?",
    re.IGNORECASE,
)
_READ_TIME = re.compile(
    r"\b\d+\s*(-\s*)?(min|mins|minute|minutes)\s*(read|de leitura|lesezeit|de lecture)\b|"
    r"^\W*(reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|"
    r"lesezeit)\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^\W*(copyright|©|\(c\)|ⓒ)|\ball rights reserved\b", re.IGNORECASE)
_UI_LABEL = re.compile(
    r"^\W*(filed under|tags?|topics?|categories|category|posted in|share( this)?( article| story)?"
    r"|tweet|e-?mail|print|advertisement|advertising|sponsored( content)?|comments?|"
    r"leave a (comment|reply)|\d+ comments?|show comments|skip (to )?(content|ad)|"
    r"continue reading|back to top|loading)\s*([:|].*)?$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_CONTACT = re.compile(r"\b(reached at|contact|e-?mail|follow|tips?)\b", re.IGNORECASE)


def line_reason(text: str) -> str | None:
    """Why this paragraph, on its own, is not story text; None when it may be story."""
    stripped = text.strip()
    if not stripped:
        return "empty"
    toks = words(stripped)
    n = len(toks)
    if n == 0:
        return "separator"
    reported = _is_reported(stripped)
    terminal = _has_terminal(stripped)
    if (
        n <= 40
        and not reported
        and (_CAPTION_START.search(stripped) or (n <= 30 and _CREDIT_AGENCY.search(stripped)))
    ):
        return "caption"
    if n <= 12 and _READ_TIME.search(stripped):
        return "reading-time"
    if n <= 30 and _COPYRIGHT.search(stripped):
        return "copyright"
    if n <= 12 and _UI_LABEL.match(stripped):
        return "label"
    if _RELATED.match(stripped) and (n <= 25 or not terminal):
        return "related"
    if n <= 60 and _CREDIT_LINE.match(stripped):
        return "credit"
    if n <= 12 and _SOURCE_LINE.match(stripped):
        return "credit"
    if n <= 12 and not terminal and _BYLINE.match(stripped):
        return "byline"
    if _is_dateline(stripped, toks, terminal):
        return "dateline"
    if n <= 45 and _EMAIL.search(stripped) and _CONTACT.search(stripped) and not reported:
        return "contact"
    if n <= 45 and not reported and _is_call_to_action(stripped):
        return "call-to-action"
    return None


def _is_dateline(text: str, toks: list[str], terminal: bool) -> bool:
    """A line that only says when: 'Published 3:45 PM Nov 18, 2019', '2018-08-25 15:24'."""
    if len(toks) > 14 or (terminal and not text.rstrip().endswith(("]", ")"))):
        return False
    has_date = bool(_YEAR.search(text) or _MONTH.search(text))
    if not has_date:
        return False
    if _TIME.search(text) or _DATE_LABEL.match(text):
        return True
    rest = [t for t in toks if not t.isdigit() and not _MONTH.fullmatch(t)]
    return len(rest) <= 1


def _is_call_to_action(text: str) -> bool:
    if _CTA_STRONG.search(text):
        return True
    return bool(_CTA_WEAK.search(text) and _PUBLISHER.search(text))


# --- marketing blurbs -------------------------------------------------------------------

# Verbs that open a sales pitch or call to action when they start a sentence.
_IMPERATIVES = frozenset(
    """access act advertise boost book buy call check claim click combine connect contact
    discover donate download drive elevate empower engage enjoy explore find gain get grow
    join keep learn leverage listen make maximise maximize optimise optimize order partner
    power reach read register request save see send shop sign start stay subscribe support
    take tap tell transform try unlock upgrade visit watch""".split()
)
_NEGATED_IMPERATIVE = re.compile(r"^\W*(don['’]t|do not|never) (let|miss|wait|forget|get)\b", re.I)
_PITCH = re.compile(
    r"\b(insights?|expert|experts|analysis|analytics|real-time|data-driven|solutions?|"
    r"platforms?|professionals|audiences?|engaged|leading|marketing|b2b|brands?|performs?|"
    r"proactive|ahead of the curve|stay ahead|free trial|exclusive|premium|webinar|whitepaper|"
    r"intelligence|excellence|demo|roi|decision-makers|actionable|unrivalled|unrivaled)\b",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)([A-Z][a-z]+)")


def _starts_imperative(text: str) -> bool:
    first = words(text)[:1]
    return bool(
        (first and first[0].lower() in _IMPERATIVES and first[0][0].isupper())
        or _NEGATED_IMPERATIVE.match(text)
    )


def promo_score(text: str) -> int:
    """How much a paragraph reads like a pitch addressed to the reader (0 = not at all).

    Signals: opens with an imperative; another sentence opens with one; speaks to 'you';
    asks the reader a question; two or more words of sales vocabulary; a short
    headline-case line without a full stop. Quotes and reported speech score 0.
    """
    stripped = text.strip()
    toks = words(stripped)
    if not toks or len(toks) > 40 or _is_reported(stripped):
        return 0
    pitch = len({m.group(0).lower() for m in _PITCH.finditer(stripped)}) >= 2
    you = bool(_SECOND_PERSON.search(stripped))
    if not (pitch or you or _NEGATED_IMPERATIVE.match(stripped)):
        return 0  # an imperative alone may be a noun ("Power and Performance")
    score = 0
    if _starts_imperative(stripped):
        score += 2
    later = [m.group(1) for m in _SENTENCE_START.finditer(stripped)][1:]
    if any(w.lower() in _IMPERATIVES for w in later):
        score += 1
    if you:
        score += 1
        if "?" in stripped:
            score += 1
    if pitch:
        score += 1
    if len(toks) <= 10 and not _has_terminal(stripped) and _headline_case(stripped):
        score += 1
    return score


# --- glued credits ----------------------------------------------------------------------

_GLUED_BY = re.compile(r"^(\W*)By ([A-Z][A-Za-z]*[a-z])([A-Z][a-z]+|[A-Z]{2,}\b)(?=[\s:,])")
_CAMEL = re.compile(r"[a-z][A-Z]")


def repair_glued_byline(text: str) -> str:
    """Drop a 'By <Org>' credit that lost its line break: 'By AcmeCorpSmith said:' -> 'Smith said:'.

    The glue shows as a capital straight after a lower-case letter. To keep story
    sentences such as 'By YouTube standards, ...' we split only when the credit is
    CamelCase itself (two joins) or the next words report speech ('said', 'told').
    """
    match = _GLUED_BY.match(text)
    if not match:
        return text
    lead, org, name = match.groups()
    rest = text[match.end() :]
    joins = len(_CAMEL.findall(org + name))
    next_words = " ".join(words(rest)[:4])
    if len(org) < 3 or not (joins >= 2 or _REPORTED.search(next_words)):
        return text
    return lead + name + rest


# --- rules that need the neighbours -----------------------------------------------------

_LONG_PARAGRAPH = 20


def _substantive(block: Block) -> bool:
    """A paragraph that is clearly story: long enough and ends like a sentence."""
    return (
        block.kind in ("p", "quote", "item")
        and len(words(block.text)) >= _LONG_PARAGRAPH
        and _has_terminal(block.text)
    )


def _teaser(block: Block) -> bool:
    """A headline-like pointer to another page: short, no full stop, or a bare link."""
    n = len(words(block.text))
    if block.link_only and n <= 25 and not _has_terminal(block.text.rstrip("?!")):
        return True
    return n <= 15 and not _has_terminal(block.text) and block.kind != "heading"


def drop_reasons(blocks: Sequence[Block], title: str = "") -> list[str | None]:
    """For each block, why it is dropped (None = kept), using its neighbours too.

    Beyond the single-paragraph rules: the title (and a dek under it) repeated at the top;
    headings inside list items (teaser cards); the list after a 'Related' / 'You may also
    like' label; short link-only headlines interrupting the story or running in a list;
    pitches between story paragraphs (and a half-pitch beside one); headings with nothing
    under them.
    """
    n = len(blocks)
    reasons: list[str | None] = [line_reason(b.text) for b in blocks]

    # The title and the standfirst repeated above the first paragraph.
    norm_title = _norm(title)
    i = 0
    seen_title = False
    while i < n and blocks[i].kind == "heading":
        if norm_title and _norm(blocks[i].text) == norm_title or blocks[i].level == 1:
            reasons[i] = reasons[i] or "title"
            seen_title = True
        elif seen_title:
            reasons[i] = reasons[i] or "standfirst"
        i += 1

    for i, block in enumerate(blocks):
        if block.kind == "heading" and block.in_list:
            reasons[i] = reasons[i] or "teaser-card"

    # Lists after a "Related" label, until the story resumes.
    for i in range(n):
        if reasons[i] != "related":
            continue
        j = i + 1
        while j < n and (reasons[j] is not None or _teaser(blocks[j]) or blocks[j].link_only):
            if _substantive(blocks[j]):
                break
            reasons[j] = reasons[j] or "related"
            j += 1

    # Bare links: in a run of two or more, or a lone headline between story paragraphs.
    for i, block in enumerate(blocks):
        if reasons[i] is not None or not (block.link_only and _teaser(block)):
            continue
        prev_link = i > 0 and blocks[i - 1].link_only and _teaser(blocks[i - 1])
        next_link = i + 1 < n and blocks[i + 1].link_only and _teaser(blocks[i + 1])
        before = _neighbour(blocks, reasons, i, -1)
        after = _neighbour(blocks, reasons, i, +1)
        between = (
            before is not None
            and after is not None
            and _substantive(blocks[before])
            and _substantive(blocks[after])
        )
        if prev_link or next_link or between:
            reasons[i] = "link-list" if (prev_link or next_link) else "teaser"

    # Pitches inserted between story paragraphs; a closing appeal by the author stays.
    story = [i for i in range(n) if reasons[i] is None and _substantive(blocks[i])]
    for i, block in enumerate(blocks):
        if reasons[i] is None and story and story[0] < i < story[-1] and promo_score(block.text) >= 3:
            reasons[i] = "promotion"
    # Pitch lines travel together: a half-pitch beside a pitch, a banner above a call to action.
    first_pass = list(reasons)
    for i, block in enumerate(blocks):
        if reasons[i] is not None or block.kind == "heading":
            continue
        beside = {first_pass[j] for j in (i - 1, i + 1) if 0 <= j < n}
        text = block.text
        banner = (
            len(words(text)) <= 10
            and not _has_terminal(text)
            and _headline_case(text)
            and _starts_imperative(text)
            and not _is_reported(text)
        )
        if ("promotion" in beside and (promo_score(text) >= 2 or banner)) or (
            "call-to-action" in beside and banner
        ):
            reasons[i] = "promotion"

    # Headings that introduce nothing (a heading or the end follows).
    next_level: int | None = None  # level of the next kept heading; 0 = content; None = end
    for i in range(n - 1, -1, -1):
        if reasons[i] is not None:
            continue
        block = blocks[i]
        if block.kind == "heading":
            if next_level is None or (next_level > 0 and next_level <= block.level):
                reasons[i] = "empty-section"
                continue
            next_level = block.level
        else:
            next_level = 0
    return reasons


def _neighbour(blocks: Sequence[Block], reasons: Sequence[str | None], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(blocks):
        if reasons[j] is None:
            return j
        j += step
    return None


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in words(text))
