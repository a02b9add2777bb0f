"""The feed list (`feeds.json`) and each feed's fetch state (`feeds/<name>.json`).

Both are written atomically (`atomic.write_text_atomic`): a kill leaves the old file or
the new one. The list changes and the updates take one cross-process lock, so two
`briefing feed update` runs never import the same entry twice at once.

A feed's state keeps its conditional-GET validators (ETag, Last-Modified) and the
entries already imported (by entry id, with their updated stamp, and by link). The
validators are saved only once every entry of a fetch is done: a run killed half-way
fetches the whole feed again next time and imports what it had not reached.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from ..atomic import describe_os_error, write_text_atomic
from ..locations import data_dir
from ..safe_json import BadJSONFile, load_json

NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")
MAX_SEEN = 5000  # entries remembered per feed; a feed rarely lists more than a few hundred
LOCK_TIMEOUT = 2.0


class FeedError(Exception):
    """A feed command that cannot go ahead; one line."""


@dataclass(frozen=True)
class Feed:
    name: str
    url: str
    title: str = ""
    added: str = ""


@dataclass
class FeedState:
    etag: str = ""
    last_modified: str = ""
    checked: str = ""
    error: str = ""
    seen: dict[str, str] = field(default_factory=dict)  # entry id -> its updated stamp
    links: list[str] = field(default_factory=list)


def feeds_path() -> Path:
    return data_dir() / "feeds.json"


def state_dir() -> Path:
    return data_dir() / "feeds"


def state_path(name: str) -> Path:
    return state_dir() / f"{check_name(name)}.json"


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise FeedError(f"feed name {name!r}: use lower-case letters, digits, '-' and '_' (at most 60)")
    return name


def slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
    return words or "feed"


def _check_list(data: Any) -> str | None:
    if not isinstance(data, dict) or not isinstance(data.get("feeds", []), list):
        return "not a feed list"
    return None


def load_feeds() -> list[Feed]:
    """The feeds subscribed to. A missing file is none; an unreadable one is an error
    (it holds the user's subscriptions: never silently started afresh)."""
    try:
        data = load_json(feeds_path(), _check_list)
    except FileNotFoundError:
        return []
    except BadJSONFile as exc:
        raise FeedError(str(exc)) from exc
    except OSError as exc:
        raise FeedError(f"cannot read {feeds_path()}: {describe_os_error(exc)}") from exc
    feeds = []
    for i, raw in enumerate(data.get("feeds", [])):
        if not isinstance(raw, dict) or not all(isinstance(raw.get(k, ""), str) for k in ("name", "url")):
            raise FeedError(f"{feeds_path()}: feed #{i + 1} is not a {{name, url}} record")
        name, url = raw.get("name", ""), raw.get("url", "")
        if not NAME.fullmatch(name) or not url:
            raise FeedError(f"{feeds_path()}: feed #{i + 1} has a bad name or no url")
        title = raw.get("title", "")
        added = raw.get("added", "")
        feeds.append(Feed(name, url, title if isinstance(title, str) else "",
                          added if isinstance(added, str) else ""))
    return feeds


def save_feeds(feeds: list[Feed]) -> None:
    text = json.dumps({"feeds": [asdict(f) for f in feeds]}, indent=1, ensure_ascii=False)
    try:
        write_text_atomic(feeds_path(), text + "\n", mode=0o600)
    except OSError as exc:
        raise FeedError(f"cannot save {feeds_path()}: {describe_os_error(exc)}") from exc


def _check_state(data: Any) -> str | None:
    if not isinstance(data, dict):
        return "not a feed state file"
    return None


def load_state(name: str) -> FeedState:
    """A feed's fetch state; an unreadable one reads as fresh (the next update re-checks
    every entry, and dedupes through the imports file)."""
    try:
        data = load_json(state_path(name), _check_state)
    except (OSError, BadJSONFile):
        return FeedState()
    seen = data.get("seen", {})
    links = data.get("links", [])
    return FeedState(
        etag=_str(data.get("etag")),
        last_modified=_str(data.get("last_modified")),
        checked=_str(data.get("checked")),
        error=_str(data.get("error")),
        seen={k: v for k, v in seen.items() if isinstance(k, str) and isinstance(v, str)}
        if isinstance(seen, dict) else {},
        links=[u for u in links if isinstance(u, str)] if isinstance(links, list) else [],
    )


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def save_state(name: str, state: FeedState) -> None:
    if len(state.seen) > MAX_SEEN:
        state.seen = dict(list(state.seen.items())[-MAX_SEEN:])
    state.links = state.links[-MAX_SEEN:]
    try:
        write_text_atomic(state_path(name), json.dumps(asdict(state), ensure_ascii=False), mode=0o600)
    except OSError as exc:
        raise FeedError(f"cannot save {state_path(name)}: {describe_os_error(exc)}") from exc


def remove_state(name: str) -> None:
    with contextlib.suppress(OSError):
        state_path(name).unlink()


@contextlib.contextmanager
def locked(timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """The feeds lock: one process changes the list or updates the feeds at a time."""
    path = data_dir() / "feeds.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path), timeout=timeout)
        lock.acquire()
    except Timeout as exc:
        raise FeedError("another briefing process is updating the feeds; try again when it is done") from exc
    except OSError as exc:
        raise FeedError(f"cannot lock {path}: {describe_os_error(exc)}") from exc
    try:
        yield
    finally:
        lock.release()


def unique_name(base: str, taken: set[str]) -> str:
    base = slug(base)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
