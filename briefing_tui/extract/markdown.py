"""Markdown -> Article: keep the author's structure, take out furniture and raw HTML.

A user's Markdown already says what is a heading, a list or a quote, so we keep those as
written. Only paragraphs (and bare link lists) go through the shared `boilerplate` rules.
YAML front matter, when present, gives the title, date, author, site and url and is
removed; otherwise a leading '# Title' becomes the title. Raw HTML blocks are dropped and
inline tags unwrapped, since bodies must never carry HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing_tui.extract.boilerplate import Block, drop_reasons, repair_glued_byline
from briefing_tui.extract.cleanup import finish_body, finish_field, iso_date
from briefing_tui.extract.result import Article, ArticleError
from briefing_tui.sanitize import strip

__all__ = ["read_markdown", "split_front_matter"]

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_BY = re.compile(r"^\W*(by|written by|posted by|author:?)\s+", re.IGNORECASE)
_MD = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class _Segment:
    """One top-level Markdown block and the source lines it spans."""

    kind: str  # "heading" | "p" | "list" | "quote" | "code" | "html" | "other"
    start: int
    end: int
    level: int = 0
    text: str = ""
    link_only: bool = False


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter as a dict (empty if absent or unreadable) and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError:
        data = {}
    return (data if isinstance(data, dict) else {}), text[match.end() :]


def read_markdown(text: str) -> Article:
    """Markdown article -> Article, structure kept, boilerplate paragraphs removed."""
    meta, source = split_front_matter(strip(text).replace("\r", "\n"))
    lines = source.split("\n")
    segments = _segments(source)
    title = finish_field(meta.get("title"))
    if segments and segments[0].kind == "heading" and segments[0].level == 1:
        title = title or segments[0].text
        segments = segments[1:]

    blocks = [_as_block(s) for s in segments]
    reasons = drop_reasons(blocks, title)
    parts: list[str] = []
    author = finish_field(meta.get("author") or meta.get("authors"))
    for seg, reason in zip(segments, reasons, strict=True):
        if seg.kind == "html":
            continue
        chunk = "\n".join(lines[seg.start : seg.end]).strip("\n")
        if seg.kind == "p":
            chunk = repair_glued_byline(chunk)
        if reason is not None and seg.kind in ("p", "list"):
            if reason == "byline" and not author:
                author = _BY.sub("", seg.text).strip(" .,;|")
            continue
        parts.append(chunk)
    body = finish_body("\n\n".join(parts))
    if not body:
        raise ArticleError("no article text found in the Markdown")
    return Article(
        body=body,
        title=title,
        published=iso_date(meta.get("published") or meta.get("date")),
        author=author,
        site=finish_field(meta.get("site") or meta.get("source") or meta.get("publisher")),
        url=finish_field(meta.get("url") or meta.get("link")),
        format="markdown",
    )


def _segments(source: str) -> list[_Segment]:
    """Top-level blocks of the document, from markdown-it's token stream and line maps."""
    tokens = _MD.parse(source)
    segments: list[_Segment] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.level != 0 or tok.map is None or tok.nesting == -1:
            i += 1
            continue
        start, end = tok.map
        close = _closing_index(tokens, i)
        inner = tokens[i : close + 1]
        kind = _kind(tok)
        text = " ".join(_plain(t) for t in inner if t.type == "inline").strip()
        segments.append(
            _Segment(
                kind=kind,
                start=start,
                end=end,
                level=int(tok.tag[1]) if kind == "heading" else 0,
                text=text,
                link_only=_link_only(inner),
            )
        )
        i = close + 1
    return segments


def _closing_index(tokens: list[Token], i: int) -> int:
    if tokens[i].nesting != 1:
        return i
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _kind(tok: Token) -> str:
    return {
        "heading_open": "heading",
        "paragraph_open": "p",
        "bullet_list_open": "list",
        "ordered_list_open": "list",
        "blockquote_open": "quote",
        "fence": "code",
        "code_block": "code",
        "html_block": "html",
    }.get(tok.type, "other")


def _plain(inline: Token) -> str:
    """Visible text of an inline token: text and code, without emphasis or link syntax."""
    children = inline.children or []
    return "".join(c.content for c in children if c.type in ("text", "code_inline"))


def _link_only(tokens: list[Token]) -> bool:
    """Every piece of visible text sits inside a link: a list of pointers elsewhere."""
    seen_text = False
    for tok in tokens:
        if tok.type != "inline":
            continue
        depth = 0
        for child in tok.children or []:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type in ("text", "code_inline") and child.content.strip():
                if depth == 0 and re.search(r"\w", child.content):
                    return False
                seen_text = seen_text or depth > 0
    return seen_text


def _as_block(seg: _Segment) -> Block:
    kind = {"heading": "heading", "p": "p", "list": "item", "quote": "quote"}.get(seg.kind, "other")
    return Block(text=seg.text, kind=kind, level=seg.level, link_only=seg.link_only)
