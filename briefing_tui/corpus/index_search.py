"""Search in the index, from the user's words to the hits shown: the query as a safe FTS5
expression (`parse_query`), a `Hit`, its snippet with the matches marked, and the sentence of
an article hit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# Snippet markers: private-use characters, stripped from indexed text so content cannot fake them.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Hit:
    """One search result: where it is (bundle, what, which) and a snippet with the match marked."""

    bundle_id: str
    bundle_title: str
    path: Path
    kind: str  # "title" | "article" | "fact" | "note"
    ref: str  # the fact id, the note id, or "" for the article and the title
    snippet: str  # plain text
    marks: tuple[tuple[int, int], ...]  # (start, end) of each match in `snippet`
    published: str = ""
    score: float = 0.0
    # For an article hit: the sentence holding the first match, as offsets in the body.
    start: int = 0
    end: int = 0

    def marked(self, left: str = "«", right: str = "»") -> str:
        out, last = [], 0
        for a, b in self.marks:
            out += [self.snippet[last:a], left, self.snippet[a:b], right]
            last = b
        return "".join(out) + self.snippet[last:]


@dataclass
class Query:
    match: str  # the FTS5 expression, "" when the query has no words
    country: str = ""
    words: list[str] = field(default_factory=list)


_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
TYPING_PREFIX_MIN = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def parse_query(text: str, *, prefix_last: bool = False) -> Query:
    """A user's query as a safe FTS5 expression: words (all must match), "phrases", `word*`
    prefixes, and `country:XX` as a filter. FTS5 syntax in the input is never passed through:
    every word is quoted, so `NEAR(`, `OR`, `-` or a stray quote cannot break the query.
    With `prefix_last` (search as you type) the word being typed is a prefix once it has
    TYPING_PREFIX_MIN characters (`s*` merges the postings of every word in s: 0.25 s)."""
    parts: list[str] = []
    words: list[str] = []
    country = ""
    tokens = list(_TOKEN.finditer(text))
    for i, m in enumerate(tokens):
        if m[1] is not None:  # a phrase
            ws = _WORD.findall(m[1])
            if ws:
                parts.append('"' + " ".join(ws) + '"')
                words += ws
            continue
        tok = m[2]
        if tok.lower().startswith("country:"):
            code = tok.split(":", 1)[1].strip().upper()
            if re.fullmatch(r"[A-Z]{2}", code):
                country = code
            continue
        typing = prefix_last and i == len(tokens) - 1 and not text.endswith(" ")
        for j, w in enumerate(ws := _WORD.findall(tok)):
            last = j == len(ws) - 1
            star = tok.endswith("*") or (typing and len(w) >= TYPING_PREFIX_MIN)
            parts.append(f'"{w}"' + ("*" if star and last else ""))
            words.append(w)
    return Query(" ".join(parts), country, words)


def unmark(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet without its markers, and where the marked runs are."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    pos, start = 0, -1
    for piece in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", snippet):
        if piece == MARK_OPEN:
            start = pos
        elif piece == MARK_CLOSE:
            if start >= 0:
                marks.append((start, pos))
            start = -1
        else:
            out.append(piece)
            pos += len(piece)
    return " ".join("".join(out).split("\n")), tuple(marks)


def first_mark(full: str, plain: str, marks: tuple[tuple[int, int], ...]) -> int:
    """Where the first marked word of the snippet is in the paragraph (0 when not found)."""
    if not marks:
        return 0
    a, b = marks[0]
    before = plain[:a].lstrip("…")
    if before.strip():  # the snippet's text up to the match, any run of spaces for a line break
        pattern = r"\s+".join(re.escape(w) for w in (before + plain[a:b]).split())
        found = re.search(pattern + ("" if before[-1:].isspace() else r"\b"), full)
        if found is not None:
            return found.end() - len(plain[a:b])
    at = full.lower().find(plain[a:b].lower())
    return max(at, 0)


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence of `text` around `pos`; a blank line ends one too."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    for m in _BLANK_LINE.finditer(text, start, pos):
        start = m.end()
    found = _SENTENCE_END.search(text, pos)
    end = found.end() if found else len(text)
    blank = _BLANK_LINE.search(text, pos, end)
    end = blank.start() if blank else end
    while start < end and text[start].isspace():
        start += 1
    if start >= end:
        return 0, len(text)
    return start, end
