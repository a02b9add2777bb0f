"""`briefing list`: every bundle found, broken ones included with their first problem."""

from __future__ import annotations

import argparse
import json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "list",
        help="list the bundles found",
        description="List every bundle on the content path: id, title, date, fact and country counts.",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..bundle.discover import discover_cached
    from ..sanitize import clean

    # From the search index (a cache): only bundles changed since the last run are parsed.
    entries = discover_cached()
    if args.format == "json":
        rows = []
        for e in entries:
            row: dict[str, object] = {"id": clean(e.id), "path": clean(str(e.path)), "ok": e.ok}
            if e.briefing:
                b = e.briefing
                row |= {
                    "title": clean(b.title),
                    "published": clean(b.published),
                    "source": clean(b.source),
                    "facts": e.n_facts,
                    "countries": e.n_countries,
                }
            else:
                row["problems"] = [clean(str(p)) for p in e.problems]
            rows.append(row)
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print("no bundles found")
        return 0
    width = max(len(e.id) for e in entries)
    for e in entries:
        if e.briefing:
            b = e.briefing
            print(
                f"{clean(e.id):<{width}}  {b.published or '—':<10}  {e.n_facts:>3} facts  "
                f"{e.n_countries:>3} countries  {clean(b.title)}"
            )
        else:
            print(f"{clean(e.id):<{width}}  BROKEN  {clean(str(e.problems[0]))}")
    return 0
