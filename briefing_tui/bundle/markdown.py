"""The one Markdown parser configuration shared by the bundle reader and the article view.

Typographer and raw HTML stay off (content is untrusted and must read back
verbatim); `maxNesting` bounds recursion on hostile input.
"""

from __future__ import annotations

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
