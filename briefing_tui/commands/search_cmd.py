"""`briefing search QUERY`: full text over every briefing's title, article, facts and notes."""

from __future__ import annotations

import argparse
import json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="search every briefing and note",
        description="Search the titles, articles, facts and notes of every briefing, ranked. Words must all "
        'match; "a phrase" in quotes; word* for a prefix; country:JP keeps hits about that country.',
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="words, \"phrases\", prefix*, country:XX")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--limit", type=int, default=20, help="at most this many hits (default: 20)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..corpus.cli_support import index_errors, ready_index, say
    from ..sanitize import clean
    from . import CommandError

    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    query = " ".join(args.query)
    ix = ready_index()
    try:
        with index_errors(ix):
            hits = ix.search(query, limit=args.limit)
    except ValueError as exc:
        raise CommandError(clean(str(exc))) from None
    say(ix)
    if args.format == "json":
        rows = [{"bundle": clean(h.bundle_id), "title": clean(h.bundle_title), "kind": h.kind,
                 "ref": clean(h.ref), "snippet": clean(h.snippet), "marks": [list(m) for m in h.marks],
                 "published": clean(h.published), "score": round(h.score, 4),
                 **({"start": h.start, "end": h.end} if h.kind == "article" else {})} for h in hits]
        print(json.dumps({"query": clean(query), "hits": rows}, indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print(f"no hits for {clean(query)}")
        return 0
    for h in hits:
        what = h.kind + (f" {h.ref}" if h.ref else "")
        print(f"{clean(h.bundle_id)}  {clean(what)}")
        print(f"    {clean(h.marked())}")
    return 0
