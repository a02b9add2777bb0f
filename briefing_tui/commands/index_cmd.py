"""`briefing index`: bring the search index up to date, or `--rebuild` it from nothing."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "index",
        help="update or rebuild the search index",
        description="The search index is a cache of every bundle and note in the user's cache dir. "
        "It updates itself; --rebuild drops it and reads everything again.",
    )
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it from scratch")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..corpus.cli_support import index_errors, ready_index, say
    from ..sanitize import clean

    ix = ready_index(refresh=False)
    with index_errors(ix):
        report = ix.rebuild() if args.rebuild else ix.refresh()
        briefings, notes = ix.counts()
    say(ix)
    verb = "rebuilt" if args.rebuild else "updated"
    print(f"index {verb} in {report.seconds:.2f} s: {report.bundles_read} bundles read, "
          f"{report.bundles_removed} removed, {report.notes_files_read} notes files read; "
          f"{briefings} briefings and {notes} notes indexed ({clean(str(ix.path))})")
    return 0
