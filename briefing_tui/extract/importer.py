"""Raw article file -> Briefing -> a validated bundle folder on disk.

Every failure is an `ImportFailure` with one line naming the file, so the command
can print it without a traceback. The bundle is written and validated inside a
hidden staging folder and only then renamed into place: a crash or a bad bundle
never leaves a half-written folder where the library would find it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from .. import sources
from ..bundle.errors import BundleError
from ..bundle.layout import BUNDLE_ID
from ..bundle.reader import read_bundle
from ..bundle.writer import write_bundle
from ..fetch import FetchError, Response, fetch, is_url
from ..locations import content_path
from ..model import Briefing
from ..sanitize import strip
from .article import Article, ArticleError, detect_format, read_article
from .dates import parse_published, unresolved_dates
from .facts import Extraction, extract, trim
from .html import read_html
from .sentences import split_sentences

MAX_INPUT_BYTES = 20 * 1024 * 1024
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


# --- many sources: files, folders, .html.gz and URLs ---------------------------------------

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt", ".html.gz", ".htm.gz")


@dataclass(frozen=True)
class Outcome:
    """What one source came to: "imported" (a new briefing), "updated" (the same briefing
    rewritten in place: same id, so its notes stay and re-anchor) or "skipped" (already
    present, unchanged)."""

    source: str
    status: str
    result: ImportResult | None = None
    bundle_id: str = ""


def source_key(source: str) -> str:
    """The key a source is remembered by: the URL itself, or `file:` + the absolute path."""
    if is_url(source):
        return source
    if source == "-":
        return ""
    return "file:" + str(Path(source).expanduser().resolve())


def expand_sources(args: list[str]) -> tuple[list[str], list[str]]:
    """(sources, problems): URLs and files as given, folders opened to the articles in them
    (sorted; hidden files and other kinds of file left out), each source once."""
    out: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(item: str) -> None:
        key = source_key(item) or item
        if key not in seen:
            seen.add(key)
            out.append(item)

    for arg in args:
        if is_url(arg) or arg == "-":
            add(arg)
            continue
        path = Path(arg).expanduser()
        try:
            if path.is_dir():
                found = sorted(
                    p for p in path.rglob("*")
                    if p.name.lower().endswith(ARTICLE_SUFFIXES)
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and p.is_file()
                )
                if not found:
                    problems.append(
                        f"{arg}: is a folder with no articles in it ({', '.join(ARTICLE_SUFFIXES)})"
                    )
                for p in found:
                    add(str(p))
                continue
        except OSError as exc:
            problems.append(f"{arg}: cannot read the folder ({exc.strerror or exc})")
            continue
        add(arg)
    return out, problems


def load_gzip(name: str) -> str:
    """The text of a saved page compressed with gzip (`page.html.gz`), inflated with a cap."""
    try:
        with open(name, "rb") as fh:
            raw = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise ImportFailure(f"{name}: cannot read ({exc.strerror or exc})") from exc
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, MAX_INPUT_BYTES + 1)
    except zlib.error as exc:
        raise ImportFailure(f"{name}: not a gzip file, or a damaged one ({exc})") from exc
    if len(data) > MAX_INPUT_BYTES or inflater.unconsumed_tail:
        raise ImportFailure(
            f"{name}: over the {MAX_INPUT_BYTES >> 20} MB limit for an article once uncompressed"
        )
    if not inflater.eof:
        raise ImportFailure(f"{name}: not a gzip file, or a damaged one (it ends too soon)")
    if not data.strip():
        raise ImportFailure(f"{name}: the file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@dataclass(frozen=True)
class Loaded:
    """A source read but not yet extracted: its text and what the transport said about it."""

    text: str
    url: str = ""  # where the page finally came from (after redirects)
    is_html: bool | None = None  # the server said so; None to detect from the content


def load_source(source: str, fetcher: Callable[..., Response] = fetch) -> Loaded:
    if is_url(source):
        try:
            resp = fetcher(source)
        except FetchError as exc:
            raise ImportFailure(str(exc)) from exc
        html = resp.content_type in ("text/html", "application/xhtml+xml")
        return Loaded(resp.text(), resp.url, html)
    if source.lower().endswith(".gz"):
        return Loaded(load_gzip(source))
    return Loaded(load_input(source))


def read_loaded(label: str, loaded: Loaded, title: str = "") -> Article:
    """The article in a loaded source; "not an article" in one line when there is none."""
    try:
        if loaded.is_html or (loaded.is_html is None and detect_format(strip(loaded.text)) == "html"):
            article = read_html(strip(loaded.text), url=loaded.url)
        else:
            article = read_article(loaded.text)
    except ArticleError as exc:
        raise ImportFailure(f"{label}: not an article ({exc})") from exc
    if article.url and not re.match(r"https?://", article.url):
        article = replace(article, url="")
    if loaded.url and not article.url:
        article = replace(article, url=loaded.url)
    return article


def _taken(bundle_id: str, parent: Path) -> bool:
    roots = [Path(parent), *content_path()]
    return any((root / bundle_id).exists() for root in roots)


def free_id(base: str, parent: Path) -> str:
    """`base`, or `base-2`, `base-3`... : the first id no bundle folder uses yet."""
    if not _taken(base, parent):
        return base
    n = 2
    while True:
        stem = base[: ID_MAX - len(str(n)) - 1].rstrip("-")
        candidate = f"{stem}-{n}"
        if not _taken(candidate, parent):
            return candidate
        n += 1


def import_source(
    source: str,
    parent: Path,
    *,
    new: bool = False,
    force: bool = False,
    bundle_id: str = "",
    title: str = "",
    published: str = "",
    source_name: str = "",
    url: str = "",
    feed: str = "",
    key: str = "",
    loaded: Loaded | None = None,
    fetcher: Callable[..., Response] = fetch,
    stdin: BinaryIO | None = None,
) -> Outcome:
    """Import one file, `.html.gz`, URL or stdin ("-") into `parent`, remembering its source.

    The same source imported again updates its briefing in place (same id: notes kept),
    or is skipped when nothing changed; `new` makes a fresh briefing regardless. `loaded`
    is the source's content when the caller already has it (a feed entry), `key` what it
    is remembered by (default: the URL or the file's absolute path).
    """
    label = "stdin" if source == "-" else source
    key = key or source_key(source)
    parent = Path(parent)
    if loaded is None:
        loaded = Loaded(load_input("-", stdin)) if source == "-" else load_source(source, fetcher)
    digest = hashlib.sha256(loaded.text.encode("utf-8", "surrogatepass")).hexdigest()
    record = None if (new or not key) else sources.find(key, parent)
    existing = record is not None and (Path(record.folder) / "briefing.md").is_file()
    if record is not None and existing and record.digest == digest and not force:
        return Outcome(source, "skipped", None, record.id)
    article = read_loaded(label, loaded, title)
    chosen = bundle_id or (record.id if record is not None else "")
    briefing = build_briefing(
        article, bundle_id=chosen, title=title, published=published, source=source_name, url=url
    )
    replace_ok = force or existing
    if record is None and not bundle_id:
        briefing = replace(briefing, id=free_id(briefing.id, parent))
    elif record is not None and not existing and not bundle_id and _taken(briefing.id, parent):
        briefing = replace(briefing, id=free_id(briefing.id, parent))
    if key:
        # Recorded before the bundle is written: a kill in between leaves a record whose
        # folder is missing, which the next import fills (same id), never a second copy.
        stamp = sources.now()
        try:
            sources.put(sources.Record(
                id=briefing.id, source=key, folder=str((parent / briefing.id).resolve()),
                digest=digest, feed=feed or (record.feed if record else ""),
                added=stamp, updated=stamp,
            ))
        except sources.SourcesError as exc:
            raise ImportFailure(str(exc)) from exc
    folder = write_new_bundle(briefing, parent, force=replace_ok)
    result = ImportResult(folder, briefing, unresolved_in(briefing))
    return Outcome(source, "updated" if existing else "imported", result, briefing.id)
