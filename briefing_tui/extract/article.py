"""Raw article (HTML, Markdown or plain text) -> Article: detect the format, then dispatch.

The format comes from the content, not the file name: users save pages as .txt and paste
Markdown into .html. Detection is deliberately conservative about HTML (a document
skeleton, or text that opens with a tag and holds several block tags), because Markdown
may legitimately contain an inline tag or two.
"""

from __future__ import annotations

import re

from briefing_tui.extract.html import read_html
from briefing_tui.extract.markdown import read_markdown
from briefing_tui.extract.result import Article, ArticleError
from briefing_tui.extract.text import read_text
from briefing_tui.sanitize import strip

__all__ = ["Article", "ArticleError", "detect_format", "read_article"]

_HTML_SKELETON = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HTML_BLOCK_TAG = re.compile(
    r"<(p|div|article|section|main|h[1-6]|ul|ol|li|table|blockquote|br|figure|span|a)[\s>/]",
    re.IGNORECASE,
)
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n.*?\n(---|\.\.\.)[ \t]*(\n|\Z)", re.DOTALL)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_LIST = re.compile(r"^[ \t]{0,3}([-*+]|\d{1,9}[.)])[ \t]+\S", re.MULTILINE)
_MD_INLINE = re.compile(
    r"\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|__[^_\n]+__|`[^`\n]+`|^```|^>[ \t]",
    re.MULTILINE,
)


def detect_format(text: str) -> str:
    """'html', 'markdown' or 'text', judged from the content."""
    head = text.lstrip("\ufeff \t\r\n")
    if _HTML_SKELETON.search(head[:5000]):
        return "html"
    tags = {m.group(1).lower() for m in _HTML_BLOCK_TAG.finditer(head)}
    if head.startswith("<") and len(tags) >= 2:
        return "html"
    if _FRONT_MATTER.match(head) or _MD_HEADING.search(head):
        return "markdown"
    signals = len(_MD_LIST.findall(head)) // 2 + len(_MD_INLINE.findall(head))
    if signals >= 2:
        return "markdown"
    return "text"


def read_article(text: str) -> Article:
    """Clean Markdown body and metadata from a raw article in any of the three formats."""
    if not isinstance(text, str):
        raise ArticleError("article text must be a string")
    text = strip(text)  # control characters would confuse detection and the rules
    if not text.strip():
        raise ArticleError("the article is empty")
    fmt = detect_format(text)
    if fmt == "html":
        return read_html(text)
    if fmt == "markdown":
        return read_markdown(text)
    return read_text(text)
