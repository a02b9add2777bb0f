"""`briefing country XX`: the country's dossier across every briefing."""

from __future__ import annotations

import argparse
import re


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "country",
        help="a country's dossier across briefings",
        description="Every fact that names the country, grouped by briefing (newest first), with the "
        "country's role in each briefing and your notes on those facts and on the country.",
    )
    p.add_argument("code", metavar="XX", help="ISO 3166 alpha-2 country code, e.g. JP")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..corpus.cli_support import index_errors, print_report, ready_index
    from ..corpus.dossier import dossier, render_text
    from ..sanitize import clean
    from . import CommandError

    code = args.code.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise CommandError(clean(f"{args.code}: not a country code (two letters, ISO 3166, e.g. JP)"))
    ix = ready_index()
    with index_errors(ix):
        d = dossier(ix, code)
    print_report(d, render_text, args.format)
    return 0
