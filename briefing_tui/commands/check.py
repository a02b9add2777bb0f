"""`briefing check [PATH...]`: validate bundles, one `path:line: message` per problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="validate bundles",
        description="Validate bundles (default: every one found). Exit 1 and print one "
        "'path:line: message' line per problem when any is broken.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="bundle folders, or folders of bundles")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..bundle.discover import Entry, bundle_folders, discover, load
    from ..bundle.reader import BRIEFING_FILE
    from ..model import Problem
    from ..sanitize import clean

    entries: list[Entry] = []
    if not args.paths:
        entries = discover()
    for raw in args.paths:
        path = Path(raw)
        if (path / BRIEFING_FILE).is_file() or not path.is_dir():
            if not path.exists():
                entries.append(Entry(path, None, (Problem(str(path), 0, "no such file or folder"),)))
            else:
                entries.append(load(path))
        else:
            folders = bundle_folders([path])
            if not folders:
                entries.append(Entry(path, None, (Problem(str(path), 0, "no bundle in this folder"),)))
            entries += [load(f) for f in folders]
    broken = [e for e in entries if not e.ok]
    for e in broken:
        for problem in e.problems:
            print(clean(str(problem)))
    ok = len(entries) - len(broken)
    print(f"{ok} bundle(s) ok, {len(broken)} broken", file=sys.stderr)
    return 1 if broken else 0
