"""`briefing notes BUNDLE` lists notes; `briefing note add|edit|rm|import` writes them.

Registers two top-level commands from one module because they share the notes service,
the bundle lookup and the target syntax (`FACT_ID`, `country:XX`, `passage:TEXT`).
`briefing notes import FILE` is `briefing note import FILE` said the other way round.
Every rule about notes lives in `briefing_tui.notes`; this module only parses and prints.
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
    from ..notes import NotesService

T = TypeVar("T")

EXIT_STORE = 1  # the notes file could not be read or written


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "notes",
        help="list the notes on a bundle",
        description="List your notes on a bundle, oldest first.",
    )
    p.add_argument("bundle", metavar="BUNDLE", help="bundle id, or a path to a bundle folder")
    p.add_argument(
        "file", metavar="FILE", nargs="?", help="with BUNDLE `import`: a W3C Web Annotation file to import"
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--bundle", dest="into", metavar="BUNDLE", help="import: the bundle the notes are on")
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
    edit = actions.add_parser(
        "edit", help="change a note", description="Change the text, tags or label of a note by its id."
    )
    edit.add_argument("id", metavar="ID", help="the note id")
    edit.add_argument("text", metavar="TEXT", nargs="?", help="the new text (kept when left out)")
    edit.add_argument("--tag", action="append", default=None, metavar="T", help="a tag (replaces the tags)")
    edit.add_argument(
        "--label", default=None, choices=("", "important", "question", "disputed", "verified"), help="a label"
    )
    edit.set_defaults(func=run)
    imp = actions.add_parser(
        "import",
        help="import W3C Web Annotations",
        description="Add the notes in a W3C Web Annotation (JSON-LD) file: ours, or another tool's "
        "that selects text with a TextQuoteSelector. Each is anchored by its quote; notes already "
        "here (by annotation id) are skipped; notes whose text is gone are kept as orphans.",
    )
    imp.add_argument("file", metavar="FILE", help="the .jsonld / .json file")
    imp.add_argument(
        "--bundle", dest="into", metavar="BUNDLE", help="the bundle the notes are on (else from each target)"
    )
    imp.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "action", None)
    if action == "add":
        return _add(args)
    if action == "rm":
        return _rm(args)
    if action == "edit":
        return _edit(args)
    if action == "import" or (action is None and args.bundle == "import" and args.file):
        return _import(args)
    if getattr(args, "file", None):
        raise CommandError("`briefing notes` takes one BUNDLE (or `import FILE`)", EXIT_USAGE)
    return _list(args)


def _list(args: argparse.Namespace) -> int:
    from ..export import strip_all
    from ..sanitize import clean
    from ..store import annotation_to_record

    briefing = load_briefing(args.bundle)
    service = open_service()
    notes = service_call(service, lambda: service.list(briefing.id))
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
    service = open_service()
    note = service_call(
        service, lambda: service.add(briefing, target, args.text, tags=args.tag, label=args.label)
    )
    print(note.id)
    return 0


def _edit(args: argparse.Namespace) -> int:
    service = open_service()
    service_call(service, lambda: service.edit(args.id, text=args.text, tags=args.tag, label=args.label))
    return 0


def _rm(args: argparse.Namespace) -> int:
    service = open_service()
    service_call(service, lambda: service.delete(args.id))
    return 0


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..bundle.discover import discover
    from ..safe_json import BadJSONFile
    from ..sanitize import clean

    into = load_briefing(args.into) if args.into else None
    briefings = [e.briefing for e in discover() if e.briefing is not None]
    service = open_service()
    try:
        report = service_call(service, lambda: service.import_file(Path(args.file), briefings, into))
    except BadJSONFile as exc:
        raise CommandError(clean(str(exc)), EXIT_USAGE) from None
    except OSError as exc:
        from ..atomic import describe_os_error

        raise CommandError(clean(f"{args.file}: {describe_os_error(exc)}"), EXIT_USAGE) from None
    for line in report.orphans:
        print(clean(f"briefing: orphaned: {line}"), file=sys.stderr)
    for line in report.skipped:
        print(clean(f"briefing: not imported: {line}"), file=sys.stderr)
    added = len(report.added)
    parts = [f"imported {added} note{'' if added == 1 else 's'}"]
    if report.duplicates:
        parts.append(f"{report.duplicates} already here")
    if report.orphans:
        parts.append(f"{len(report.orphans)} not anchored (kept as orphans)")
    if report.skipped:
        parts.append(f"{len(report.skipped)} skipped")
    print(", ".join(parts))
    return 1 if report.skipped and not added and not report.duplicates else 0


# --- shared with `briefing export` -----------------------------------------------


def open_service() -> NotesService:
    from ..notes import NotesService

    return NotesService()


def service_call(service: NotesService, call: Callable[[], T]) -> T:
    """Run a notes call; report moved-aside/recreated files on stderr; StoreError -> exit 1,
    a request that is not valid (NoteError) -> exit 2."""
    from ..notes import NoteError
    from ..store import StoreError

    try:
        return call()
    except StoreError as exc:
        raise CommandError(str(exc), EXIT_STORE) from None
    except NoteError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None
    finally:
        for message in service.take_messages():
            _warn(message)


def _warn(message: str) -> None:
    from ..sanitize import clean

    print(f"briefing: warning: {clean(message)}", file=sys.stderr)


def parse_target(briefing: Briefing, text: str) -> Target:
    """`FACT_ID`, `country:XX` or `passage:TEXT` -> a Target that exists in the briefing."""
    from ..notes import NoteError
    from ..notes import parse_target as parse

    try:
        return parse(briefing, text)
    except NoteError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None
