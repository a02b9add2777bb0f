"""`briefing export BUNDLE`: the notes on a bundle as Markdown or JSON, to stdout or a file."""

from __future__ import annotations

import argparse
import sys

from . import CommandError, load_briefing
from .notes import EXIT_STORE, open_store, store_call


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export the notes on a bundle",
        description="Write your notes on a bundle as Markdown (default) or JSON.",
    )
    p.add_argument("bundle", metavar="BUNDLE", help="bundle id, or a path to a bundle folder")
    p.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="output format (default: markdown)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..export import ExportError, render, write_export
    from ..store import utc_now

    briefing = load_briefing(args.bundle)
    store = open_store()
    notes = store_call(store, lambda: store.list(briefing.id))
    text = render(args.format, briefing, notes, utc_now())
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        write_export(text, Path(args.output), force=args.force)
    except ExportError as exc:
        raise CommandError(str(exc), EXIT_STORE) from None
    from ..sanitize import clean

    count = f"{len(notes)} note{'s' if len(notes) != 1 else ''}"
    print(f"wrote {count} to {clean(args.output)}", file=sys.stderr)
    return 0
