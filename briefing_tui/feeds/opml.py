"""OPML 1.0/2.0, the feed list every feed reader exchanges: read the feeds out of one,
write ours as one."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from .state import Feed, FeedError

MAX_OPML_BYTES = 5 * 1024 * 1024


def parse_opml(data: bytes, label: str) -> list[tuple[str, str]]:
    """(title, xmlUrl) for every feed outline, nested folders included, in document order."""
    if len(data) > MAX_OPML_BYTES:
        raise FeedError(f"{label}: over the {MAX_OPML_BYTES >> 20} MB limit for an OPML file")
    if b"<!ENTITY" in data:
        raise FeedError(f"{label}: entity declarations are not allowed in an OPML file")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        raise FeedError(f"{label}:{line}: not well-formed XML (column {col + 1})") from exc
    if root.tag.lower() != "opml":
        raise FeedError(f"{label}: not an OPML file (the root element is <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise FeedError(f"{label}: not an OPML file (no <body>)")
    found: list[tuple[str, str]] = []
    for outline in body.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        title = (outline.get("title") or outline.get("text") or "").strip()
        found.append((" ".join(title.split()), url))
    return found


def render_opml(feeds: list[Feed], now: datetime | None = None) -> str:
    """OPML 2.0 with one outline per feed."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "briefing feeds"
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(UTC))
    body = ET.SubElement(root, "body")
    for f in feeds:
        title = f.title or f.name
        ET.SubElement(body, "outline", type="rss", text=title, title=title, xmlUrl=f.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
