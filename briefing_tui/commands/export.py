"""`briefing export [BUNDLE]`: notes as memo-ready Markdown, JSON, W3C Web Annotations or a
Readwise CSV, to stdout or a file; filtered by label, tag or country; one briefing, or all
of them (`--all`, or `--country XX` without a BUNDLE) in one document grouped by briefing."""

from __future__ import annotations

import argparse
import sys

from . import EXIT_USAGE, CommandError, load_briefing
from .notes import EXIT_STORE, open_service, service_call

FORMAT_CHOICES = ("markdown", "json", "w3c", "csv")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export your notes",
        description="Write your notes as memo-ready Markdown (default), JSON, W3C Web Annotations "
        "(JSON-LD) or a Readwise CSV. Give a BUNDLE, or --all (or --country XX alone) for the notes "
        "on every briefing in one document.",
    )
    p.add_argument("bundle", metavar="BUNDLE", nargs="?", help="bundle id, or a path to a bundle folder")
    p.add_argument("--all", action="store_true", help="the notes on every briefing, grouped by briefing")
    p.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        default="markdown",
        help="output format (default: markdown)",
    )
    p.add_argument(
        "--label",
        default="",
        choices=("important", "question", "disputed", "verified"),
        help="only notes with this label",
    )
    p.add_argument("--tag", default="", metavar="TAG", help="only notes with this tag")
    p.add_argument(
        "--country", default="", metavar="XX", help="only notes that involve this country (ISO code)"
    )
    p.add_argument(
        "--group", default="fact", choices=("fact", "country", "label"), help="Markdown: group the notes by"
    )
    p.add_argument("--with-ids", action="store_true", help="Markdown: show note and fact ids and times")
    p.add_argument("--author", default="", metavar="NAME", help="W3C: the creator's name")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..export import ExportError, write_export
    from ..exports.common import ExportOptions
    from ..sanitize import clean

    try:
        options = ExportOptions(
            label=args.label,
            tag=args.tag,
            country=args.country,
            group=args.group,
            with_ids=args.with_ids,
            author=args.author,
        )
    except ValueError as exc:
        raise CommandError(clean(str(exc)), EXIT_USAGE) from None
    many = args.all or (not args.bundle and bool(args.country))
    if args.bundle and args.all:
        raise CommandError("give a BUNDLE or --all, not both", EXIT_USAGE)
    if many:
        from ..bundle.discover import discover

        briefings = [e.briefing for e in discover() if e.briefing is not None]
    elif args.bundle:
        briefings = [load_briefing(args.bundle)]
    else:
        raise CommandError("give a BUNDLE, --all, or --country XX", EXIT_USAGE)
    service = open_service()
    text, count = service_call(
        service, lambda: service.export(args.format, briefings, options=options, many=many)
    )
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        write_export(text, Path(args.output), force=args.force)
    except ExportError as exc:
        raise CommandError(str(exc), EXIT_STORE) from None
    noted = f"{count} note{'s' if count != 1 else ''}"
    print(f"wrote {noted} to {clean(args.output)}", file=sys.stderr)
    return 0
