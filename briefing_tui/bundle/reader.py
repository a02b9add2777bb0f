"""Read a bundle folder into a `Briefing`, collecting every problem with its file and line.

This module reads the three files and puts the parts together: briefing.md's front matter
and body (`briefing_md`), facts.md (`facts_md`), countries.md (`countries_md`), then the
checks across them (`validator`). Structure comes from markdown-it tokens (their `map` gives
line numbers), never from regexes over the Markdown, so headings inside code blocks or quotes
cannot be mistaken for facts.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model import Briefing
from .briefing_md import assemble, parse_briefing
from .countries_md import parse_countries
from .errors import BundleError
from .facts_md import parse_facts
from .layout import BRIEFING_FILE, COUNTRIES_FILE, FACT_FIELDS, FACTS_FILE
from .problems import Collector
from .validator import check_front_matter, validate

MAX_BUNDLE_BYTES = 20 * 1024 * 1024
# Over this size the reader opens on briefing.md alone and checks the rest in a worker:
# reading and checking 50,000 facts takes about 2 s, the article shows in a fraction of that.
CHECK_IN_READER_BYTES = 2 * 1024 * 1024
_FILES = (BRIEFING_FILE, FACTS_FILE, COUNTRIES_FILE)


def read_bundle(folder: Path) -> Briefing:
    """Parse and validate a bundle; raise `BundleError` naming every problem."""
    with _no_cycle_collection():
        return _read_bundle(Path(folder))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Reading builds a few objects per line and no reference cycles: the cycle collector
    would only walk them again and again (50,000 facts: 1.0 s to read, 0.5 s without it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_for_reader(folder: Path) -> tuple[Briefing, bool]:
    """What the reader opens at once, and whether it must still check the rest.

    A bundle up to `CHECK_IN_READER_BYTES` is read and checked whole: `(briefing, False)`.
    A larger one gives its article alone, `(read_article(folder), True)`: the reader shows
    it and runs `read_bundle` off the UI thread for the facts and countries. Raises
    `BundleError` for what is found wrong before the reader opens.
    """
    folder = Path(folder)
    try:
        small = _size(folder) <= CHECK_IN_READER_BYTES
    except OSError:  # read_bundle says what cannot be read
        small = True
    if small:
        return read_bundle(folder), False
    return read_article(folder), True


def read_article(folder: Path) -> Briefing:
    """briefing.md alone, its front matter checked: a `Briefing` with the article and its
    metadata and no facts or countries. `read_bundle` reads and checks the rest."""
    with _no_cycle_collection():
        folder = Path(folder)
        out = Collector(folder)
        texts = _read_texts(folder, out, read=(BRIEFING_FILE,))
        if texts is None or out.problems:
            raise BundleError(out.problems)
        meta, body, _ = parse_briefing(texts.get(BRIEFING_FILE, ""), out)
        key_lines: dict[str, int] = meta.pop("_lines", {})
        briefing = assemble(meta, key_lines, body, [], [], out)
        check_front_matter(briefing, key_lines, out.add)
        if out.problems:
            raise BundleError(out.problems)
        return briefing


def _size(folder: Path) -> int:
    """The bytes of the bundle's three files."""
    return sum((folder / n).stat().st_size for n in _FILES if (folder / n).is_file())


def _read_bundle(folder: Path) -> Briefing:
    out = Collector(folder)
    texts = _read_texts(folder, out)
    if texts is None:
        raise BundleError(out.problems)
    facts_text, countries_text = texts.get(FACTS_FILE), texts.get(COUNTRIES_FILE)
    meta, body, article = parse_briefing(texts.get(BRIEFING_FILE, ""), out)
    facts = parse_facts(facts_text, out) if facts_text is not None else []
    countries = parse_countries(countries_text, out) if countries_text is not None else []
    key_lines: dict[str, int] = meta.pop("_lines", {})
    briefing = assemble(meta, key_lines, body, facts, countries, out)
    validate(briefing, key_lines, article, out.add)
    if out.problems:
        raise BundleError(out.problems)
    # The validator located every quote: the reader's fact order comes free.
    briefing.prime_article_order(article.raw_offsets)
    return briefing


def _read_texts(folder: Path, out: Collector, read: tuple[str, ...] = _FILES) -> dict[str, str] | None:
    """The files of `read` that exist, decoded, or None when the bundle cannot be read on
    (problems in `out`). The size cap and a missing facts.md or countries.md are checked
    whichever files are read: `read_article` reads briefing.md alone."""
    if not folder.is_dir():
        out.add("", 0, "not a bundle folder")
        return None
    main = folder / BRIEFING_FILE
    if not main.is_file():
        out.add(BRIEFING_FILE, 0, "missing: every bundle needs a briefing.md")
        return None
    try:
        total = _size(folder)
    except OSError as exc:
        out.add("", 0, f"cannot read: {exc.strerror or exc}")
        return None
    if total > MAX_BUNDLE_BYTES:
        out.add("", 0, f"bundle is {total / 1e6:.1f} MB, over the {MAX_BUNDLE_BYTES >> 20} MB cap")
        return None
    texts: dict[str, str] = {}
    for name in read:
        path = folder / name
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
            texts[name] = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            out.add(name, line, f"not UTF-8 (byte 0x{data[exc.start]:02x})")
            return None
        except OSError as exc:
            out.add(name, 0, f"cannot read: {exc.strerror or exc}")
            return None
    if not (folder / FACTS_FILE).is_file():
        out.add(FACTS_FILE, 0, "missing: every bundle needs a facts.md (it may hold no facts)")
    if not (folder / COUNTRIES_FILE).is_file():
        out.add(COUNTRIES_FILE, 0, "missing: every bundle needs a countries.md")
    return texts


__all__ = [
    "BRIEFING_FILE",
    "BundleError",
    "COUNTRIES_FILE",
    "FACTS_FILE",
    "FACT_FIELDS",
    "CHECK_IN_READER_BYTES",
    "MAX_BUNDLE_BYTES",
    "read_article",
    "read_bundle",
    "read_for_reader",
]
