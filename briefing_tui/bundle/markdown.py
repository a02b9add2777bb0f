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
