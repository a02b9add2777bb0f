"""The one Markdown parser configuration shared by the bundle reader and the article view.

Typographer and raw HTML stay off (content is untrusted and must read back
verbatim); `maxNesting` bounds recursion on hostile input.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

MAX_NESTING = 20


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
    enough for nearly every quote and costs no parse; only a quote that spans
    Markdown markup makes the body be parsed, once.
    """

    def __init__(self, body: str, tokens: list[Token] | None = None) -> None:
        self._body = body
        self._raw = normalise_space(body)
        self._parsed = normalise_space(plain_text(tokens)) if tokens is not None else None

    def __contains__(self, quote: object) -> bool:
        if not isinstance(quote, str):
            return False
        needle = normalise_space(quote)
        if needle in self._raw:
            return True
        if self._parsed is None:
            self._parsed = normalise_space(plain_text(make_parser().parse(self._body)))
        return needle in self._parsed


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


def normalise_space(text: str) -> str:
    return " ".join(text.split())
