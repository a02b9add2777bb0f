"""Fetch a feed and import its new entries as briefings.

RSS 2.0, RSS 1.0 and Atom are read by `feedparser` from the bytes `fetch` got (feedparser
never touches the network here). An entry is new when neither its id nor its link has
been imported from this feed; an entry whose id comes back with a new updated stamp is
imported again, which updates its briefing in place. When the feed carries only a
summary, the entry's page is fetched and read like `briefing import URL`.

Order of writes, for a kill at any point: the imports record, then the bundle (renamed
into place whole), then the entry in the feed state; the conditional-GET validators
last, once every entry is done. So the next update refetches the feed and finishes.
"""

from __future__ import annotations

import calendar
import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax import SAXParseException

import feedparser

from ..extract.importer import ImportFailure, Loaded, Outcome, import_source
from ..fetch import FEED_TYPES, FetchError, Response, fetch
from ..sources import now
from .state import Feed, FeedError, FeedState, load_state, save_state

FULL_TEXT_WORDS = 150  # an entry with fewer words than this carries a summary, not the article
MAX_FEED_BYTES = 10 * 1024 * 1024
_TAG = re.compile(r"<[^>]+>")

Progress = Callable[[str], None]


@dataclass
class FeedReport:
    name: str
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    not_modified: bool = False
    failures: list[str] = field(default_factory=list)
    title: str = ""

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        if self.not_modified:
            return f"{self.name}: not modified since the last update"
        parts = [f"{self.imported} new", f"{self.updated} updated"]
        if self.skipped:
            parts.append(f"{self.skipped} already present")
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        return f"{self.name}: " + ", ".join(parts)


@dataclass(frozen=True)
class FeedInfo:
    title: str
    entries: list[Any]


def parse_feed(resp: Response, label: str) -> FeedInfo:
    """The feed's title and entries; FeedError when the bytes are no feed we can read."""
    parsed = feedparser.parse(
        io.BytesIO(resp.body),
        response_headers={"content-location": resp.url, "content-type": resp.content_type or "text/xml"},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version") and not parsed.entries:
        why = " ".join(str(problem).split())[:160] if problem else "no RSS or Atom in it"
        raise FeedError(f"{label}: not a feed we can read ({why})")
    if isinstance(problem, SAXParseException) and not any(e.get("link") for e in parsed.entries):
        # Broken XML is read leniently (feeds in the wild often are) as long as it still lists
        # articles to fetch; a feed cut short before its first complete entry is refused.
        raise FeedError(
            f"{label}: not a feed we can read (malformed XML: {problem.getMessage()} "
            f"at line {problem.getLineNumber()})"
        )
    title = " ".join(str(parsed.feed.get("title", "")).split())
    return FeedInfo(title, list(parsed.entries))


def _get(entry: Any, key: str) -> Any:
    # dict.get: feedparser's own `get` maps a missing `updated` to `published` with a warning.
    return dict.get(entry, key)


def entry_id(entry: Any) -> str:
    return str(_get(entry, "id") or _get(entry, "link") or _get(entry, "title") or "")


def entry_stamp(entry: Any) -> str:
    return str(_get(entry, "updated") or _get(entry, "published") or "")


def entry_date(entry: Any) -> str:
    parsed = _get(entry, "published_parsed") or _get(entry, "updated_parsed")
    if not parsed:
        return ""
    try:
        return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(parsed)))
    except (OverflowError, ValueError, TypeError):
        return ""


def _words(html: str) -> int:
    return len(_TAG.sub(" ", html).split())


def entry_html(entry: Any) -> str:
    """The fullest HTML the entry carries: its content, else its summary."""
    texts = [str(c.get("value", "")) for c in entry.get("content", []) or []]
    texts.append(str(entry.get("summary", "")))
    return max(texts, key=_words, default="")


def entry_page(entry: Any, title: str, link: str) -> Loaded | None:
    """The entry's own text as a page, when it is the whole article; None for a summary."""
    html = entry_html(entry)
    if _words(html) < FULL_TEXT_WORDS:
        return None
    from html import escape

    page = (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body><article>"
        f"<h1>{escape(title)}</h1>{html}</article></body></html>"
    )
    return Loaded(page, link, True)


def update_feed(
    feed: Feed,
    parent: Path,
    *,
    fetcher: Callable[..., Response] = fetch,
    progress: Progress | None = None,
) -> FeedReport:
    """Fetch `feed` (conditionally) and import its new and updated entries into `parent`."""
    report = FeedReport(feed.name)
    state = load_state(feed.name)
    try:
        resp = fetcher(feed.url, accept=FEED_TYPES, etag=state.etag, last_modified=state.last_modified,
                       max_bytes=MAX_FEED_BYTES, what="a feed")
    except FetchError as exc:
        return _failed(feed, state, report, f"{feed.name}: {exc}")
    if resp.not_modified:
        report.not_modified = True
        state.checked, state.error = now(), ""
        save_state(feed.name, state)
        return report
    try:
        info = parse_feed(resp, f"{feed.name}: {feed.url}")
    except FeedError as exc:
        return _failed(feed, state, report, str(exc))
    report.title = info.title
    source_name = info.title or feed.title or feed.name
    links = set(state.links)
    this_pass: set[str] = set()
    failed = False
    for entry in info.entries:
        eid, link = entry_id(entry), str(entry.get("link") or "")
        stamp = entry_stamp(entry)
        if not eid or eid in this_pass or (link and link in this_pass):
            continue  # a duplicate within the feed
        this_pass.update(x for x in (eid, link) if x)
        known = eid in state.seen
        if known and state.seen[eid] == stamp:
            continue
        if not known and link and link in links:
            continue  # the same article under another id
        title = " ".join(str(entry.get("title") or "").split())
        if progress is not None:
            progress(title or link or eid)
        try:
            outcome = _import_entry(entry, feed, parent, title, link, eid, source_name, fetcher)
        except ImportFailure as exc:
            report.failures.append(f"{feed.name}: {exc}")
            failed = True
            continue
        if outcome.status == "imported":
            report.imported += 1
        elif outcome.status == "updated":
            report.updated += 1
        else:
            report.skipped += 1
        state.seen[eid] = stamp
        if link and link not in links:
            links.add(link)
            state.links.append(link)
        save_state(feed.name, state)
    state.checked = now()
    state.error = report.failures[0] if report.failures else ""
    if not failed:  # a failed entry is tried again next time: the feed must not answer 304
        state.etag, state.last_modified = resp.etag, resp.last_modified
    save_state(feed.name, state)
    return report


def _import_entry(
    entry: Any, feed: Feed, parent: Path, title: str, link: str, eid: str, source_name: str,
    fetcher: Callable[..., Response],
) -> Outcome:
    loaded = entry_page(entry, title, link)
    key = link if link.startswith(("http://", "https://")) else f"feed:{feed.url}#{eid}"
    if loaded is None:
        if not link.startswith(("http://", "https://")):
            raise ImportFailure(f"{title or eid}: the feed has only a summary and no link to the article")
        try:
            resp = fetcher(link)
        except FetchError as exc:
            raise ImportFailure(str(exc)) from exc
        loaded = Loaded(resp.text(), resp.url, resp.content_type in ("text/html", "application/xhtml+xml"))
    return import_source(
        link or eid, parent, title=title, published=entry_date(entry), source_name=source_name,
        url=link if link.startswith(("http://", "https://")) else "", feed=feed.name, key=key,
        loaded=loaded,
    )


def _failed(feed: Feed, state: FeedState, report: FeedReport, message: str) -> FeedReport:
    report.failures.append(message)
    state.checked, state.error = now(), message
    save_state(feed.name, state)
    return report
