"""`briefing import FILE|-`: make a bundle from an article (text, Markdown or HTML)."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from . import CommandError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="make a bundle from an article file",
        description="Read an article (plain text, Markdown or HTML; the format is detected "
        "from the content), find its facts and countries, and write a new bundle folder. "
        "Prints the new bundle's id, then a summary.",
    )
    p.add_argument("file", metavar="FILE", help="the article file, or - to read stdin")
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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..extract.importer import ImportFailure, import_file
    from ..locations import bundles_dir
    from ..sanitize import clean

    parent = Path(args.out).expanduser() if args.out else bundles_dir()
    try:
        result = import_file(
            args.file,
            parent,
            bundle_id=args.bundle_id,
            title=args.title,
            published=args.published,
            source=args.source,
            url=args.url,
            force=args.force,
        )
    except ImportFailure as exc:
        raise CommandError(clean(str(exc))) from exc
    b = result.briefing
    kinds = Counter(f.kind for f in b.facts)
    by_kind = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) or "none"
    print(b.id)
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
    return 0
