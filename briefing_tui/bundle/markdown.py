"""The one Markdown parser configuration shared by the bundle reader and the article view.

Typographer and raw HTML stay off (content is untrusted and must read back
verbatim); `maxNesting` bounds recursion on hostile input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..quote_index import first_offsets
from ..quote_index import normalise_space as normalise_space

MAX_NESTING = 20
# Source characters parsed at a time where only the text is wanted, not the tokens.
CHUNK = 64_000


def make_parser(*, front_matter: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": False, "html": False, "maxNesting": MAX_NESTING}).enable(
        ["table", "strikethrough"]
    )
    if front_matter:
        md.use(front_matter_plugin)
    return md


# Containers whose content markdown-it skips (with the rest of the enclosing block, or
# of the file for a list) once they open at the nesting limit.
_CONTAINERS = ("blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open")


def nesting_overflow(tokens: list[Token]) -> int | None:
    """The 1-based line where nesting hit `MAX_NESTING` and the parser dropped text, if any."""
    for tok in tokens:
        if tok.nesting == 1 and tok.level >= MAX_NESTING - 1 and tok.type in _CONTAINERS:
            return (tok.map[0] + 1) if tok.map else 1
    return None


# Opening a container at depth d takes at least d characters of markers and indentation
# (a tab counts for up to two list levels): lines with a shorter prefix cannot reach the limit.
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-0-9.)]{{{(MAX_NESTING - 1) // 2},}}", re.MULTILINE)


def may_nest_deeply(markdown: str) -> bool:
    """A cheap test that lets the bundle reader skip a full parse of a long body."""
    return _DEEP_PREFIX.search(markdown) is not None


class ReadableText:
    """The article as a reader sees it, for finding source quotes.

    A quote is looked for in the raw body first (whitespace-normalised), which is
    enough for nearly every quote and costs no parse; only quotes that span
    Markdown markup make the body be parsed, once, chunk by chunk. All quotes are
    looked for together, in one pass over the text (see `quote_index`).
    """

    def __init__(self, body: str, parsed: str | None = None) -> None:
        self._body = body
        self._raw = normalise_space(body)
        self._parsed = normalise_space(parsed) if parsed is not None else None
        # Offsets in the normalised raw body of the quotes located so far (see `first_offsets`).
        self.raw_offsets: dict[str, int | None] = {}

    def locate(self, quotes: Iterable[str]) -> dict[str, bool | None]:
        """Whether each quote occurs: True, False, or None when it could not be looked for
        within the limits of `quote_index` (an article that repeats its words endlessly)."""
        needles = {q: normalise_space(q) for q in quotes}
        raw = first_offsets(self._raw, needles.values())
        self.raw_offsets.update(raw)
        missing = [n for n, at in raw.items() if at == -1]
        parsed: dict[str, int | None] = {}
        if missing:
            if self._parsed is None:
                self._parsed = normalise_space(readable_text(self._body))
            parsed = first_offsets(self._parsed, missing)
        out: dict[str, bool | None] = {}
        for quote, needle in needles.items():
            at = raw[needle]
            if at == -1:
                at = parsed[needle]
            out[quote] = None if at is None else at >= 0
        return out

    def __contains__(self, quote: object) -> bool:
        return isinstance(quote, str) and self.locate([quote])[quote] is True


def readable_text(markdown: str) -> str:
    """`plain_text` of the whole source, parsed chunk by chunk so the tokens of only one
    chunk are alive at a time."""
    parser = make_parser()
    return "\n".join(plain_text(parser.parse(chunk)) for chunk in split_source(markdown, size=CHUNK))


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:", re.MULTILINE)


# The most source one chunk may hold, and so one block of the article view: a block is
# wrapped whole when it comes into view.
MAX_CHUNK = 128_000
# ... and the most lines with no blank line between: a table's rows cost more to lay out
# than a paragraph's words.
MAX_CHUNK_LINES = 2_000
_TABLE_DELIMITER = re.compile(r" {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def split_source(source: str, first: int = 4_000, size: int = 64_000) -> Iterator[str]:
    """Cut the source at top-level paragraph boundaries so chunks parse independently.

    The first chunk is small so the first screen is parsed quickly. A cut is made
    only at a blank line outside a fence, followed by a line that cannot continue
    a list, quote, table or indented code. A document with reference-style link
    definitions is not cut there: a reference may be used before it is defined.

    No chunk grows past `MAX_CHUNK` (or twice `size`), nor holds more than
    `MAX_CHUNK_LINES` lines in a row, whatever the source: a run of
    lines with no place to cut (a 200,000-row table, a 16 MB paragraph, a huge
    fence) is cut at a line end, or at a space in a line that long by itself. A table
    cut so goes on under its header row again, a fence is opened again, so each
    piece still reads as what it was; a paragraph is cut into paragraphs.
    """
    hard = max(2 * max(size, first), MAX_CHUNK)
    if len(source) <= first:
        yield source
        return
    no_soft = "]:" in source and _REFERENCE_DEF.search(source) is not None
    target = first
    start = 0
    pos = 0
    fence: str | None = None
    fence_line = ""
    prev_blank = True
    run: list[str] = []  # the first two lines of the current run of non-blank lines
    carry = ""  # text put back in front of the next chunk (table header, fence opener)
    lines = 0  # lines in the chunk since its last blank line
    n = len(source)
    while pos < n:
        nl = source.find("\n", pos)
        end = n if nl == -1 else nl + 1
        line = source[pos:end]
        stripped = line.strip()
        if fence is not None:
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                if not line[m.end() :].strip():
                    fence = None
        else:
            if (
                not no_soft
                and prev_blank
                and pos - start >= target
                and stripped
                and not line[0].isspace()
                and not _continues_container(stripped)
            ):
                yield carry + source[start:pos]
                start, carry, lines = pos, "", 0
                target = size
            m = _FENCE.match(line)
            if m:
                fence, fence_line = m.group(1), line
        if stripped and prev_blank:
            run = []
        if stripped and len(run) < 2:
            run.append(line)
        prev_blank = not stripped
        lines = 0 if prev_blank else lines + 1
        if end - start > hard or lines > MAX_CHUNK_LINES:
            if pos - start > 0:
                # Cut before this line.
                yield carry + source[start:pos]
                start, carry, lines = pos, _reopen(fence, fence_line, run), 1
                target = size
            while end - start > hard:
                # One line longer than a chunk: cut it at a space.
                cut = source.rfind(" ", start + 1, start + hard)
                if cut <= start:
                    cut = start + hard
                yield carry + source[start:cut] + "\n"
                start, carry = cut + (source[cut] == " "), ""
        pos = end
    yield carry + source[start:]


def _reopen(fence: str | None, fence_line: str, run: list[str]) -> str:
    """What a chunk cut inside a fence or a table must start with to go on as one."""
    if fence is not None:
        return fence_line if fence_line.endswith("\n") else fence_line + "\n"
    if len(run) == 2 and "|" in run[0] and _TABLE_DELIMITER.match(run[1].rstrip("\r\n")):
        return "\n" + "".join(line if line.endswith("\n") else line + "\n" for line in run)
    return "\n"


def split_sections(source: str, size: int = CHUNK) -> Iterator[tuple[int, str]]:
    """(lines before it, chunk) of `source`, cut just before `##` headings (outside fences)
    once a chunk holds `size` characters: facts.md and countries.md parse a chunk at a
    time, so 50,000 facts never have all their tokens alive at once."""
    start = 0
    start_line = 0
    line_no = 0
    pos = 0
    fence: str | None = None
    n = len(source)
    while pos < n:
        nl = source.find("\n", pos)
        end = n if nl == -1 else nl + 1
        line = source[pos:end]
        if fence is not None:
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                if not line[m.end() :].strip():
                    fence = None
        else:
            if pos - start >= size and line.startswith("##") and line[2:3] in ("", " ", "\t", "\r", "\n"):
                yield start_line, source[start:pos]
                start, start_line = pos, line_no
            m = _FENCE.match(line)
            if m:
                fence = m.group(1)
        line_no += 1
        pos = end
    yield start_line, source[start:]


def _continues_container(stripped: str) -> bool:
    """True if the line could belong to a list, quote or table opened before it."""
    c = stripped[0]
    if c in "-*+>|":
        return True
    if c.isdigit():
        return re.match(r"\d{1,9}[.)](\s|$)", stripped) is not None
    return False


def inline_text(token: Token) -> str:
    """The plain text a reader sees for an inline token: markers gone, breaks as spaces."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(inline_text(child) if child.children else child.content)
    return "".join(out)


def plain_text(tokens: list[Token]) -> str:
    """All readable text of a token stream, one block per line."""
    parts: list[str] = []
    for tok in tokens:
        if tok.type == "inline":
            parts.append(inline_text(tok))
        elif tok.type in ("fence", "code_block", "html_block"):
            parts.append(tok.content)
    return "\n".join(parts)
