"""`briefing show BUNDLE`: the parsed bundle, as text or JSON."""

from __future__ import annotations

import argparse
import json

from . import load_briefing


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "show", help="print a parsed bundle", description="Print a bundle's metadata, facts and countries."
    )
    p.add_argument("bundle", metavar="BUNDLE", help="bundle id, or a path to a bundle folder")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..serialize import briefing_dict

    b = load_briefing(args.bundle)
    data = briefing_dict(b)
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(data["title"])
    print(" · ".join(x for x in (data["source"], data["published"], data["url"]) if x))
    if data["summary"]:
        print(f"\n{data['summary']}")
    print(f"\nFacts ({len(data['facts'])})")
    for f in data["facts"]:
        value = f" [{f['value']['display']}]" if f["value"] else ""
        where = f" ({', '.join(f['countries'])})" if f["countries"] else ""
        print(f"  {f['id']:<36} {f['kind']:<7}{value} {f['statement']}{where}")
    print(f"\nCountries ({len(data['countries'])})")
    for c in data["countries"]:
        print(f"  {c['code']}  {c['name']:<22} {c['role']}")
    return 0
