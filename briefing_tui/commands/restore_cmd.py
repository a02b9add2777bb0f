"""`briefing restore [NAME]`: put a briefing deleted from the library back; with no NAME, list the trash."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "restore",
        help="restore a deleted briefing",
        description="Briefings deleted in the library go to a trash folder in the data dir. With no NAME, "
        "list it; with a NAME (the bundle's folder name, or the trash entry), put it back where it was.",
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="bundle folder name or trash entry")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..corpus.trash import TrashError, restore, trashed
    from ..sanitize import clean
    from . import CommandError

    try:
        if not args.name:
            items = trashed()
            if not items:
                print("the trash is empty")
            for t in items:
                print(f"{clean(t.bundle)}  deleted {clean(t.deleted)}  from {clean(str(t.origin))}  "
                      f"({clean(t.name)})")
            return 0
        where = restore(args.name)
    except TrashError as exc:
        raise CommandError(clean(str(exc)), 1) from None
    print(f"restored to {clean(str(where))}")
    return 0
