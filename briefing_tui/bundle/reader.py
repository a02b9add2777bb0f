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
from .validator import validate

MAX_BUNDLE_BYTES = 20 * 1024 * 1024


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


def _read_bundle(folder: Path) -> Briefing:
    out = Collector(folder)
    texts = _read_texts(folder, out)
    if texts is None:
        raise BundleError(out.problems)
    briefing_text, facts_text, countries_text = texts
    meta, body, article = parse_briefing(briefing_text, out)
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


def _read_texts(folder: Path, out: Collector) -> tuple[str, str | None, str | None] | None:
    if not folder.is_dir():
        out.add("", 0, "not a bundle folder")
        return None
    main = folder / BRIEFING_FILE
    if not main.is_file():
        out.add(BRIEFING_FILE, 0, "missing: every bundle needs a briefing.md")
        return None
    names = (BRIEFING_FILE, FACTS_FILE, COUNTRIES_FILE)
    try:
        total = sum((folder / n).stat().st_size for n in names if (folder / n).is_file())
    except OSError as exc:
        out.add("", 0, f"cannot read: {exc.strerror or exc}")
        return None
    if total > MAX_BUNDLE_BYTES:
        out.add("", 0, f"bundle is {total / 1e6:.1f} MB, over the {MAX_BUNDLE_BYTES >> 20} MB cap")
        return None
    texts: list[str | None] = []
    for name in names:
        path = folder / name
        if not path.is_file():
            texts.append(None)
            continue
        try:
            data = path.read_bytes()
            texts.append(data.decode("utf-8").removeprefix("\ufeff"))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            out.add(name, line, f"not UTF-8 (byte 0x{data[exc.start]:02x})")
            return None
        except OSError as exc:
            out.add(name, 0, f"cannot read: {exc.strerror or exc}")
            return None
    if texts[1] is None:
        out.add(FACTS_FILE, 0, "missing: every bundle needs a facts.md (it may hold no facts)")
    if texts[2] is None:
        out.add(COUNTRIES_FILE, 0, "missing: every bundle needs a countries.md")
    return texts[0] or "", texts[1], texts[2]


__all__ = [
    "BRIEFING_FILE",
    "BundleError",
    "COUNTRIES_FILE",
    "FACTS_FILE",
    "FACT_FIELDS",
    "MAX_BUNDLE_BYTES",
    "read_bundle",
]
