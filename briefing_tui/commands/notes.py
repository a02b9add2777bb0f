"""`briefing notes BUNDLE` lists notes; `briefing note add|rm` writes them from a script.

Registers two top-level commands from one module because they share the store,
the bundle lookup and the target syntax (`FACT_ID`, `country:XX`, `passage:TEXT`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from . import EXIT_USAGE, CommandError, load_briefing

if TYPE_CHECKING:  # the domain loads inside the command, to keep `--help` fast
    from ..model import Briefing, Target
    from ..store import AnnotationStore

T = TypeVar("T")

EXIT_STORE = 1  # the notes file could not be read or written


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "notes",
        help="list the notes on a bundle",
        description="List your notes on a bundle, oldest first.",
    )
    p.add_argument("bundle", metavar="BUNDLE", help="bundle id, or a path to a bundle folder")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=run)

    note = sub.add_parser(
        "note", help="add or remove a note", description="Add or remove a note from the shell."
    )
    actions = note.add_subparsers(title="actions", metavar="ACTION", dest="action", required=True)
    add = actions.add_parser(
        "add",
        help="add a note; prints its id",
        description="Add a note to a fact, a country or a passage of a bundle; prints the note id.",
    )
    add.add_argument("bundle", metavar="BUNDLE", help="bundle id, or a path to a bundle folder")
    add.add_argument(
        "target",
        metavar="TARGET",
        help="a fact id, country:XX (ISO code), or passage:TEXT (text that occurs in the article)",
    )
    add.add_argument("text", metavar="TEXT", help="the note, in Markdown")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat for more)")
    add.add_argument(
        "--label",
        default="",
        choices=("important", "question", "disputed", "verified"),
        help="a label for the note",
    )
    add.set_defaults(func=run)
    rm = actions.add_parser(
        "rm", help="remove a note", description="Remove a note by its id (as printed by `add`)."
    )
    rm.add_argument("id", metavar="ID", help="the note id")
    rm.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "action", None)
    if action == "add":
        return _add(args)
    if action == "rm":
        return _rm(args)
    return _list(args)


def _list(args: argparse.Namespace) -> int:
    from ..export import strip_all
    from ..sanitize import clean
    from ..store import annotation_to_record

    briefing = load_briefing(args.bundle)
    store = open_store()
    notes = store_call(store, lambda: store.list(briefing.id))
    if args.format == "json":
        records = strip_all([annotation_to_record(n) for n in notes])
        print(json.dumps(records, indent=2, ensure_ascii=False))
        return 0
    if not notes:
        print(f"No notes on {clean(briefing.id)}.")
        return 0
    for n in notes:
        extras = ([f"[{n.label}]"] if n.label else []) + [f"#{t}" for t in n.tags]
        head = "  ".join([n.id, n.target.describe(), *extras, n.updated])
        print(clean(head))
        for line in n.text.splitlines() or [""]:
            print(clean(f"    {line}"))
    return 0


def _add(args: argparse.Namespace) -> int:
    briefing = load_briefing(args.bundle)
    target = parse_target(briefing, args.target)
    store = open_store()
    try:
        note = store_call(
            store,
            lambda: store.add(briefing.id, target, args.text, tags=args.tag, label=args.label),
        )
    except ValueError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None
    print(note.id)
    return 0


def _rm(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        store_call(store, lambda: store.remove(args.id))
    except (KeyError, ValueError):
        raise CommandError(f"no note with id {args.id!r}", EXIT_USAGE) from None
    return 0


# --- shared with `briefing export` -----------------------------------------------


def open_store() -> AnnotationStore:
    from ..store import AnnotationStore

    return AnnotationStore()


def store_call(store: AnnotationStore, call: Callable[[], T]) -> T:
    """Run a store call; report moved-aside/recreated files on stderr; StoreError -> exit 1."""
    from ..store import StoreError

    try:
        return call()
    except StoreError as exc:
        raise CommandError(str(exc), EXIT_STORE) from None
    finally:
        report_store_events(store)


def report_store_events(store: AnnotationStore) -> None:
    from ..sanitize import clean

    for message in store.take_messages():
        print(f"briefing: warning: {clean(message)}", file=sys.stderr)


def parse_target(briefing: Briefing, text: str) -> Target:
    """`FACT_ID`, `country:XX` or `passage:TEXT` -> a Target that exists in the briefing."""
    from ..anchoring import make_anchor
    from ..model import Target
    from ..sanitize import clean

    kind, sep, rest = text.partition(":")
    if sep and kind == "country":
        code = rest.strip().upper()
        if briefing.country(code) is None:
            known = ", ".join(c.code for c in briefing.countries) or "none"
            raise CommandError(
                clean(f"country {code!r} is not in {briefing.id} (its countries: {known})"),
                EXIT_USAGE,
            )
        return Target("country", country=code)
    if sep and kind == "passage":
        start = briefing.body.find(rest) if rest else -1
        if start < 0:
            raise CommandError(
                clean(f"passage {rest[:60]!r} does not occur in the article of {briefing.id}"),
                EXIT_USAGE,
            )
        return Target("passage", anchor=make_anchor(briefing.body, start, start + len(rest)))
    if briefing.fact(text) is None:
        raise CommandError(
            clean(
                f"no fact {text!r} in {briefing.id}; a target is a fact id, country:XX "
                "or passage:TEXT (`briefing show` lists the facts)"
            ),
            EXIT_USAGE,
        )
    return Target("fact", fact_id=text)
