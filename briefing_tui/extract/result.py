"""What every article reader returns: a Markdown body and the metadata found beside it.

Kept apart from `article.py` (detection and dispatch) so the HTML, Markdown and text
readers can build an `Article` without importing the dispatcher that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Article", "ArticleError"]


class ArticleError(Exception):
    """The input holds no article we can read (empty, or nothing left after cleaning)."""


@dataclass(frozen=True)
class Article:
    """A cleaned article.

    `body` is Markdown: paragraphs separated by blank lines, headings as '## ...'; it never
    holds raw HTML or control characters. `published` is an ISO date (YYYY-MM-DD) or "".
    `format` is the input format as detected from the content: "html", "markdown" or "text".
    """

    body: str
    title: str = ""
    published: str = ""
    author: str = ""
    site: str = ""
    url: str = ""
    format: str = "text"
