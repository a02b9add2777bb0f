"""Raw article file -> Briefing -> a validated bundle folder on disk.

Every failure is an `ImportFailure` with one line naming the file, so the command
can print it without a traceback. The bundle is written and validated inside a
hidden staging folder and only then renamed into place: a crash or a bad bundle
never leaves a half-written folder where the library would find it.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..bundle.errors import BundleError
from ..bundle.reader import read_bundle
from ..bundle.writer import write_bundle
from ..model import Briefing
from .article import Article, ArticleError, read_article
from .dates import parse_published, unresolved_dates
from .facts import Extraction, extract, trim
from .sentences import split_sentences

MAX_INPUT_BYTES = 20 * 1024 * 1024
BUNDLE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
ID_MAX = 60


class ImportFailure(Exception):
    """An import that cannot go ahead; the message is one line a user can act on."""


@dataclass(frozen=True)
class ImportResult:
    folder: Path
    briefing: Briefing
    # Dates left out because the article has no published date to resolve them against.
    unresolved_dates: tuple[str, ...] = ()


def unresolved_in(briefing: Briefing) -> tuple[str, ...]:
    """The dated expressions ("on Friday", "in August") a published date would resolve."""
    if briefing.published:
        return ()
    return tuple(d for s in split_sentences(briefing.body) for d in unresolved_dates(s.text))


def load_input(name: str, stdin: BinaryIO | None = None) -> str:
    """The text of FILE (or stdin for "-"), refusing what is no article to read."""
    label = "stdin" if name == "-" else name
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_INPUT_BYTES + 1)
    else:
        path = Path(name)
        if not path.exists():
            raise ImportFailure(f"{label}: no such file")
        if path.is_dir():
            raise ImportFailure(f"{label}: is a folder, not a file")
        # A FIFO, device or socket is refused before any read: reading a FIFO with no
        # writer would wait forever. Opened non-blocking and checked with fstat, so the
        # file cannot be swapped between the check and the read.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            with os.fdopen(os.open(path, flags), "rb") as fh:
                st = os.fstat(fh.fileno())
                if not stat.S_ISREG(st.st_mode):
                    raise ImportFailure(
                        f"{label}: not a regular file (a pipe, device or socket); "
                        "save the article to a file, or pipe it in with -"
                    )
                if st.st_size > MAX_INPUT_BYTES:
                    raise ImportFailure(
                        f"{label}: {st.st_size / 1024 / 1024:.1f} MB is over the "
                        f"{MAX_INPUT_BYTES >> 20} MB limit for an article"
                    )
                data = fh.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise ImportFailure(f"{label}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_INPUT_BYTES:
        raise ImportFailure(f"{label}: over the {MAX_INPUT_BYTES >> 20} MB limit for an article")
    if not data.strip():
        raise ImportFailure(f"{label}: the file is empty")
    if b"\x00" in data[:65536] or data[:2] == b"\x1f\x8b":
        raise ImportFailure(f"{label}: looks like a binary file, not an article (text, Markdown or HTML)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailure(
            f"{label}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc


def make_id(title: str) -> str:
    """A bundle id from a title: lower-case words joined by hyphens, at most 60 characters."""
    words = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    words = words[:ID_MAX].rsplit("-", 1)[0] if len(words) > ID_MAX else words
    return words.strip("-") or "article"


def _first_sentence(body: str) -> str:
    sentences = split_sentences(body)
    return sentences[0].text if sentences else ""


def build_briefing(
    article: Article,
    *,
    bundle_id: str = "",
    title: str = "",
    published: str = "",
    source: str = "",
    url: str = "",
    extraction: Extraction | None = None,
) -> Briefing:
    """The Briefing for an article: options given win over what the article says."""
    title = " ".join((title or article.title or trim(_first_sentence(article.body), 90)).split())
    if not title:
        raise ImportFailure("the article has no title and no text to make one from")
    bundle_id = bundle_id or make_id(title)
    if not BUNDLE_ID.fullmatch(bundle_id):
        raise ImportFailure(f"--id {bundle_id!r}: use lower-case letters, digits, '-' and '_'")
    published = published or article.published
    pub = parse_published(published) if published else None
    if published and pub is None:
        raise ImportFailure(f"--published {published!r}: not an ISO date (YYYY-MM-DD)")
    url = url or article.url
    if url and not re.match(r"https?://", url):
        raise ImportFailure(f"--url {url!r}: only http(s) links are kept")
    # Without a publication date, "12 December", "on Friday" or "last year" cannot be placed:
    # they are left out (see `unresolved_dates`), never read against the day of import.
    found = extraction or extract(article.body, pub.isoformat() if pub else "")
    return Briefing(
        id=bundle_id,
        title=title,
        body=article.body,
        source=source or article.site,
        published=pub.isoformat() if pub else "",
        url=url,
        summary=trim(_first_sentence(article.body), 240),
        people=found.people,
        organisations=found.organisations,
        facts=found.facts,
        countries=found.countries,
    )


def write_new_bundle(briefing: Briefing, parent: Path, *, force: bool = False) -> Path:
    """Write `briefing` as `parent/<id>/`, validated, replacing an old one only if `force`."""
    parent = Path(parent)
    target = parent / briefing.id
    if target.exists() and not force:
        raise ImportFailure(f"{target}: a bundle with id '{briefing.id}' exists (use --force to replace it)")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=parent))
    except OSError as exc:
        raise ImportFailure(f"{parent}: cannot write there ({exc.strerror or exc})") from exc
    try:
        staged = staging / briefing.id
        write_bundle(briefing, staged)
        try:
            read_bundle(staged)
        except BundleError as exc:
            first = exc.problems[0] if exc.problems else "unknown problem"
            raise ImportFailure(f"the generated bundle does not validate: {first}") from exc
        if target.exists():
            old = staging / (briefing.id + ".old")
            os.replace(target, old)
        os.replace(staged, target)
    except OSError as exc:
        raise ImportFailure(f"{target}: cannot write the bundle ({exc.strerror or exc})") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def import_file(
    name: str,
    parent: Path,
    *,
    bundle_id: str = "",
    title: str = "",
    published: str = "",
    source: str = "",
    url: str = "",
    force: bool = False,
    stdin: BinaryIO | None = None,
) -> ImportResult:
    """The whole of `briefing import`: read, clean, extract, write."""
    text = load_input(name, stdin)
    try:
        article = read_article(text)
    except ArticleError as exc:
        raise ImportFailure(f"{'stdin' if name == '-' else name}: {exc}") from exc
    briefing = build_briefing(
        article, bundle_id=bundle_id, title=title, published=published, source=source, url=url
    )
    folder = write_new_bundle(briefing, parent, force=force)
    return ImportResult(folder, briefing, unresolved_in(briefing))
