"""`briefing timeline [BUNDLE]`: dated facts in time order, of one briefing or of all."""

from __future__ import annotations

import argparse
import re
from datetime import date


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "timeline",
        help="dated facts in time order",
        description="Dates and periods of the facts on one axis, today marked, unresolved dates apart: "
        "of one briefing, or of every briefing when BUNDLE is left out.",
    )
    p.add_argument("bundle", nargs="?", metavar="BUNDLE", help="bundle id or path (default: all briefings)")
    p.add_argument("--country", metavar="XX", default="", help="only facts naming this country")
    p.add_argument("--from", dest="start", metavar="DATE", help="from this date (2025, 2025-03, 2025-Q1...)")
    p.add_argument("--to", dest="stop", metavar="DATE", help="up to this date")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..corpus.cli_support import index_errors, print_report, ready_index
    from ..corpus.timeline import parse_bound, render_text, timeline, timeline_of
    from ..sanitize import clean
    from . import CommandError, load_briefing

    country = args.country.strip().upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise CommandError(clean(f"--country {args.country}: not a country code (two letters, e.g. JP)"))
    try:
        start = parse_bound(args.start) if args.start else None
        stop = parse_bound(args.stop, end=True) if args.stop else None
    except ValueError as exc:
        raise CommandError(clean(f"--from/--to: {exc}")) from None
    if args.bundle:
        b = load_briefing(args.bundle)
        t = timeline_of(b, today=date.today(), country=country, start=start, stop=stop)
    else:
        ix = ready_index()
        with index_errors(ix):
            t = timeline(ix, today=date.today(), country=country, start=start, stop=stop)
    print_report(t, render_text, args.format)
    return 0
