"""Plain text -> Article: split into paragraphs, drop promotion and furniture, keep the story.

Pasted or scraped text has no markup to say what is an advert. Paragraphs are separated by
blank lines, or are single lines when the text has no blank line at all (the usual shape of
scraped news). Each paragraph goes through the shared `boilerplate` rules; a credit glued
to the next sentence ("By AcmeCorpSmith said:") is cut off first. Story paragraphs are
kept word for word.
"""

from __future__ import annotations

import re

from briefing_tui.extract.boilerplate import Block, drop_reasons, repair_glued_byline, words
from briefing_tui.extract.cleanup import finish_body, finish_field
from briefing_tui.extract.result import Article, ArticleError
from briefing_tui.sanitize import strip

__all__ = ["clean_paragraphs", "read_text", "split_paragraphs"]

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BY = re.compile(r"^\W*(by|written by|posted by|author:?)\s+", re.IGNORECASE)
# A line that Markdown would read as structure: escape it, plain text has none.
_MD_MARK_START = re.compile(r"^([#>*+`~_-])")
_MD_ORDERED_START = re.compile(r"^(\d+)([.)])(\s)")


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, or one paragraph a line when there is no blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    if _BLANK_LINE.search(text):
        chunks = _BLANK_LINE.split(text)
        return [" ".join(c.split()) for c in chunks if c.strip()]
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def clean_paragraphs(paragraphs: list[str]) -> tuple[list[str], str]:
    """Story paragraphs kept (glued credits repaired) and the author of a dropped byline."""
    repaired = [repair_glued_byline(p) for p in paragraphs]
    blocks = [Block(text=p) for p in repaired]
    kept: list[str] = []
    author = ""
    for para, reason in zip(repaired, drop_reasons(blocks), strict=True):
        if reason is None:
            kept.append(para)
        elif reason == "byline" and not author:
            author = _BY.sub("", para).strip(" .,;|")
    return kept, author


def read_text(text: str) -> Article:
    """Plain text article -> Article with a Markdown body (paragraphs and blank lines)."""
    paragraphs, author = clean_paragraphs(split_paragraphs(strip(text)))
    title = ""
    if len(paragraphs) > 1 and _is_title(paragraphs[0]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    body = finish_body("\n\n".join(_escape_block_start(p) for p in paragraphs))
    if not body:
        raise ArticleError("no article text found in the plain text")
    return Article(body=body, title=finish_field(title), author=finish_field(author), format="text")


def _is_title(paragraph: str) -> bool:
    """A first line that reads as a headline: short, and not ending like a sentence."""
    return 0 < len(words(paragraph)) <= 15 and not re.search(r"[.!?:;,\"”)]\s*$", paragraph)


def _escape_block_start(paragraph: str) -> str:
    """Plain text has no Markdown structure: '# 1' or '- 5%' at a line start stay text."""
    paragraph = _MD_MARK_START.sub(r"\\\1", paragraph, count=1)
    return _MD_ORDERED_START.sub(r"\1\\\2\3", paragraph, count=1)
