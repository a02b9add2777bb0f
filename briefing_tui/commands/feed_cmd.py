"""`briefing feed add|list|rm|update|import-opml|export-opml`: subscribe to news feeds.

`feed update` imports each feed's new entries as briefings (into the user's bundles
folder, or --out DIR), one line per feed and one per failure, exit 1 if any failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CommandError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "feed",
        help="subscribe to news feeds (RSS, Atom) and import their new articles",
        description="Manage the feeds you follow. `feed update` fetches each one (conditionally: "
        "nothing is downloaded when the feed has not changed) and imports its new entries as "
        "briefings, fetching the full page when the feed carries only a summary.",
    )
    fs = p.add_subparsers(title="feed commands", metavar="ACTION")
    add = fs.add_parser("add", help="follow a feed", description="Fetch the feed once to check it, "
                        "then add it to the list (named after its title unless --name).")
    add.add_argument("url", metavar="URL", help="the feed's http(s) address")
    add.add_argument("--name", default="", help="a short name (lower-case letters, digits, - and _)")
    add.add_argument("--no-check", action="store_true", help="add without fetching the feed first")
    add.set_defaults(func=run_add)
    ls = fs.add_parser("list", help="the feeds followed, with their last update")
    ls.set_defaults(func=run_list)
    rm = fs.add_parser("rm", help="stop following a feed (its briefings stay)")
    rm.add_argument("name", metavar="NAME", help="the feed's name or URL")
    rm.set_defaults(func=run_rm)
    up = fs.add_parser("update", help="import the new entries of every feed, or of one")
    up.add_argument("name", metavar="NAME", nargs="?", default="", help="only this feed")
    up.add_argument("--out", default="", metavar="DIR",
                    help="where the new bundles go (default: the user's bundles folder)")
    up.add_argument("-q", "--quiet", action="store_true", help="print failures only")
    up.add_argument("--progress-lines", action="store_true", help=argparse.SUPPRESS)
    up.set_defaults(func=run_update)
    imp = fs.add_parser("import-opml", help="follow the feeds listed in an OPML file")
    imp.add_argument("file", metavar="FILE", help="an OPML file (every feed reader exports one)")
    imp.set_defaults(func=run_import_opml)
    exp = fs.add_parser("export-opml", help="write the feed list as OPML (to stdout, or -o FILE)")
    exp.add_argument("-o", "--output", default="", metavar="FILE", help="write to FILE instead")
    exp.set_defaults(func=run_export_opml)
    p.set_defaults(func=lambda _args: _usage(p))


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_help(sys.stderr)
    return 2


def _err(exc: Exception) -> CommandError:
    from ..sanitize import clean

    return CommandError(clean(str(exc)))


def run_add(args: argparse.Namespace) -> int:
    from ..feeds.state import Feed, FeedError, check_name, load_feeds, locked, save_feeds, unique_name
    from ..feeds.update import parse_feed
    from ..fetch import FEED_TYPES, FetchError, check_url, fetch
    from ..sanitize import clean
    from ..sources import now

    try:
        check_url(args.url)
        if args.name:
            check_name(args.name)
        title = ""
        if not args.no_check:
            title = parse_feed(fetch(args.url, accept=FEED_TYPES, what="a feed"), args.url).title
        with locked():
            feeds = load_feeds()
            if any(f.url == args.url for f in feeds):
                raise FeedError(f"{args.url}: already followed")
            taken = {f.name for f in feeds}
            if args.name and args.name in taken:
                raise FeedError(f"a feed named {args.name!r} exists; choose another --name")
            name = args.name or unique_name(title or _host(args.url), taken)
            feeds.append(Feed(name, args.url, title, now()))
            save_feeds(feeds)
    except (FeedError, FetchError) as exc:
        raise _err(exc) from exc
    print(f"following {name}: {clean(title or args.url)}")
    return 0


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or "feed"


def run_list(args: argparse.Namespace) -> int:
    from ..feeds.state import FeedError, load_feeds, load_state
    from ..sanitize import clean

    try:
        feeds = load_feeds()
    except FeedError as exc:
        raise _err(exc) from exc
    if not feeds:
        print("no feeds yet: briefing feed add URL, or briefing feed import-opml FILE")
        return 0
    for f in feeds:
        state = load_state(f.name)
        when = state.checked or "never updated"
        line = f"{f.name}\t{f.url}\t{when}"
        if f.title:
            line += f"\t{f.title}"
        if state.error:
            line += f"\tlast error: {state.error}"
        print(clean(line))
    return 0


def run_rm(args: argparse.Namespace) -> int:
    from ..feeds.state import FeedError, load_feeds, locked, remove_state, save_feeds

    try:
        with locked():
            feeds = load_feeds()
            keep = [f for f in feeds if args.name not in (f.name, f.url)]
            if len(keep) == len(feeds):
                raise FeedError(f"no feed named {args.name!r} (see briefing feed list)")
            save_feeds(keep)
            for f in feeds:
                if f not in keep:
                    remove_state(f.name)
    except FeedError as exc:
        raise _err(exc) from exc
    print(f"stopped following {args.name}; its briefings stay in the library")
    return 0


def run_update(args: argparse.Namespace) -> int:
    from ..feeds.state import FeedError, load_feeds, locked
    from ..feeds.update import update_feed
    from ..locations import bundles_dir
    from ..sanitize import clean

    parent = Path(args.out).expanduser() if args.out else bundles_dir()
    failures = 0
    try:
        with locked():
            feeds = load_feeds()
            if args.name:
                feeds = [f for f in feeds if args.name in (f.name, f.url)]
                if not feeds:
                    raise FeedError(f"no feed named {args.name!r} (see briefing feed list)")
            for i, feed in enumerate(feeds):
                if args.progress_lines:
                    print(f"feed {i} {len(feeds)} {clean(feed.name)}", flush=True)

                def entry(title: str) -> None:
                    if args.progress_lines:
                        print(f"entry {clean(' '.join(title.split()))[:80]}", flush=True)

                report = update_feed(feed, parent, progress=entry)
                for line in report.failures:
                    print(f"briefing: error: {clean(line)}", file=sys.stderr, flush=True)
                failures += len(report.failures)
                if not args.quiet:
                    print(clean(report.summary()), flush=True)
            if args.progress_lines:
                print(f"feed {len(feeds)} {len(feeds)} done", flush=True)
    except FeedError as exc:
        raise _err(exc) from exc
    if not feeds and not args.quiet:
        print("no feeds yet: briefing feed add URL, or briefing feed import-opml FILE")
    return 1 if failures else 0


def run_import_opml(args: argparse.Namespace) -> int:
    from ..feeds.opml import MAX_OPML_BYTES, parse_opml
    from ..feeds.state import Feed, FeedError, load_feeds, locked, save_feeds, unique_name
    from ..fetch import FetchError, check_url
    from ..sanitize import clean
    from ..sources import now

    try:
        with open(args.file, "rb") as fh:
            data = fh.read(MAX_OPML_BYTES + 1)
    except OSError as exc:
        raise CommandError(clean(f"{args.file}: cannot read ({exc.strerror or exc})")) from exc
    added = skipped = 0
    try:
        found = parse_opml(data, args.file)
        with locked():
            feeds = load_feeds()
            urls = {f.url for f in feeds}
            taken = {f.name for f in feeds}
            for title, url in found:
                try:
                    check_url(url)
                except FetchError as exc:
                    print(f"briefing: error: {args.file}: {clean(str(exc))}", file=sys.stderr)
                    skipped += 1
                    continue
                if url in urls:
                    skipped += 1
                    continue
                name = unique_name(title or _host(url), taken)
                taken.add(name)
                urls.add(url)
                feeds.append(Feed(name, url, title, now()))
                added += 1
            save_feeds(feeds)
    except FeedError as exc:
        raise _err(exc) from exc
    print(f"{added} feeds added, {skipped} skipped (already followed or not http(s))")
    return 0


def run_export_opml(args: argparse.Namespace) -> int:
    from ..atomic import describe_os_error, write_text_atomic
    from ..feeds.opml import render_opml
    from ..feeds.state import FeedError, load_feeds

    try:
        text = render_opml(load_feeds())
    except FeedError as exc:
        raise _err(exc) from exc
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        write_text_atomic(Path(args.output).expanduser(), text)
    except OSError as exc:
        raise CommandError(f"{args.output}: cannot write ({describe_os_error(exc)})", 1) from exc
    print(f"wrote {args.output}")
    return 0
