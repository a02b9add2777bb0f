"""`briefing import SOURCE...`: make bundles from articles: files (text, Markdown, HTML,
`.html.gz`), folders of them, http(s) URLs, or stdin (`-`).

One source prints the new bundle's details (and a failure is one error line, exit 2, as
always). Several sources (or a folder) show a progress bar on a terminal, print one line
per failure and a summary at the end, and exit 1 if any failed."""

from __future__ import annotations

import argparse
import contextlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import CommandError

if TYPE_CHECKING:
    from rich.console import Console

    from ..extract.importer import ImportResult


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="make bundles from article files, folders or URLs",
        description="Read articles (plain text, Markdown or HTML, also .html.gz; the format is "
        "detected from the content) from files, folders or http(s) URLs, find their facts and "
        "countries, and write a bundle folder for each. Importing the same file or URL again "
        "updates its briefing in place and keeps its notes (unless --new); an unchanged one is "
        "skipped as already present.",
    )
    p.add_argument("file", metavar="SOURCE", nargs="+",
                   help="an article file, a folder of them, an http(s) URL, or - to read stdin")
    p.add_argument("--id", dest="bundle_id", default="",
                   help="bundle id (default: made from the title)")
    p.add_argument("--title", default="", help="headline (default: the article's own)")
    p.add_argument("--published", default="", metavar="DATE",
                   help="publication date, YYYY-MM-DD; dates like '12 December' resolve "
                   "against it")
    p.add_argument("--source", default="", help="who published it")
    p.add_argument("--url", default="", help="where it came from (http/https)")
    p.add_argument("--out", default="", metavar="DIR",
                   help="the folder to create the bundle folder in: the bundle goes to "
                   "DIR/<id>/ (default: the user's bundles folder)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing bundle with the same id")
    p.add_argument("--new", action="store_true",
                   help="make a new briefing even when this source was imported before")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no summary; failures are still printed")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..extract.importer import ImportFailure, expand_sources, import_source
    from ..locations import bundles_dir
    from ..sanitize import clean

    parent = Path(args.out).expanduser() if args.out else bundles_dir()
    names: list[str] = args.file if isinstance(args.file, list) else [args.file]
    sources, problems = expand_sources(names)
    if len(names) == 1 and not sources and problems:
        raise CommandError(clean(problems[0]))
    if len(names) > 1 or len(sources) != 1 or problems:
        if args.bundle_id or args.url:
            raise CommandError("--id and --url name one briefing: give them with one source only")
        return run_many(args, sources, problems, parent)
    try:
        outcome = import_source(
            sources[0],
            parent,
            new=args.new,
            force=args.force,
            bundle_id=args.bundle_id,
            title=args.title,
            published=args.published,
            source_name=args.source,
            url=args.url,
        )
    except ImportFailure as exc:
        raise CommandError(clean(str(exc))) from exc
    if outcome.result is None:
        print(outcome.bundle_id)
        print(f"  {clean(sources[0])}: already present and unchanged (--force to import it again, "
              "--new for a second copy)")
        return 0
    result = outcome.result
    if outcome.status == "updated":
        print(f"{result.briefing.id}")
        print("  updated in place: its notes are kept")
        _details(result)
        return 0
    print(result.briefing.id)
    _details(result)
    return 0


def _details(result: ImportResult) -> None:
    from ..sanitize import clean

    b = result.briefing
    kinds = Counter(f.kind for f in b.facts)
    by_kind = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) or "none"
    print(f"  written to {clean(str(result.folder))}")
    print(f"  title: {clean(b.title)}")
    print(f"  facts: {len(b.facts)} ({by_kind})")
    print(f"  countries: {', '.join(c.code for c in b.countries) or 'none'}")
    if b.people:
        print(f"  people: {clean(', '.join(p.name for p in b.people))}")
    if b.organisations:
        print(f"  organisations: {clean(', '.join(b.organisations))}")
    if result.unresolved_dates:
        shown = ", ".join(f"'{clean(' '.join(d.split()))}'" for d in result.unresolved_dates[:3])
        more = len(result.unresolved_dates) - 3
        print(f"  dates left out: {len(result.unresolved_dates)} ({shown}"
              f"{f' and {more} more' if more > 0 else ''}) need a published date to be "
              "placed; import again with --published YYYY-MM-DD")


def run_many(args: argparse.Namespace, sources: list[str], problems: list[str], parent: Path) -> int:
    """Import every source; one line per failure, a summary, exit 1 if any failed."""
    import sys

    from ..extract.importer import ImportFailure, import_source
    from ..sanitize import clean

    counts = Counter[str]()
    failures = list(problems)
    for line in problems:
        print(f"briefing: error: {clean(line)}", file=sys.stderr)
    show = not args.quiet and sys.stderr.isatty()
    with _progress(show, len(sources)) as advance:
        for source in sources:
            try:
                outcome = import_source(
                    source, parent, new=args.new, force=args.force, title=args.title,
                    published=args.published, source_name=args.source,
                )
            except ImportFailure as exc:
                failures.append(str(exc))
                _above(f"briefing: error: {clean(str(exc))}", show)
            else:
                counts[outcome.status] += 1
            advance(source)
    if not args.quiet:
        print(summary(counts, len(failures)))
    return 1 if failures else 0


def summary(counts: Counter[str], failed: int) -> str:
    """`12 imported, 1 skipped as already present, 2 failed` (zero counts left out but one)."""
    parts = [f"{counts['imported']} imported"]
    if counts["updated"]:
        parts.append(f"{counts['updated']} updated")
    if counts["skipped"]:
        parts.append(f"{counts['skipped']} skipped as already present")
    if failed:
        parts.append(f"{failed} failed")
    return ", ".join(parts)


_console: Console | None = None


def _above(line: str, show: bool) -> None:
    """A failure line: printed above the live progress bar on a terminal, else to stderr."""
    import sys

    if show and _console is not None:
        from rich.text import Text

        _console.print(Text(line), soft_wrap=True)
    else:
        print(line, file=sys.stderr)


@contextlib.contextmanager
def _progress(show: bool, total: int) -> Iterator[Callable[[str], None]]:
    """Rich's progress bar on stderr when `show`; a no-op otherwise."""
    global _console
    if not show:
        yield lambda _source: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ..sanitize import clean

    _console = Console(stderr=True)
    columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=_console, transient=True) as bar:
        task = bar.add_task("", total=total)

        def advance(source: str) -> None:
            bar.update(task, advance=1, description=clean(Path(source).name)[:40])

        yield advance
    _console = None
