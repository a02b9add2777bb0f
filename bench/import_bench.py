"""Articles in: `briefing import` throughput and `feed update` time, against a local server.

    python bench/import_bench.py [--pages N]

1. Import throughput: N pages (default 100) served over http on 127.0.0.1, imported with
   `import_source(URL)` one after another, as `briefing import URL...` does. Reports pages/s
   and the share of the time spent in extraction (reading the article out of the HTML and
   finding its facts), the rest being fetch, write, validation and the sources record.
   The pages are the 60 real news pages of ../shared/data/article-extraction (cycled) when
   present, else synthetic pages.
2. Feed update with nothing new: 20 feeds of 50 entries each, every entry already imported
   (its id in the feed state). Timed in-process for all 20 feeds, (a) when the server
   answers the conditional GET with 304 and (b) when it ignores the validators and sends
   the whole feed (parsed, every entry found already seen); and (c) the whole
   `briefing feed update` command as a child process (start-up included) in case (a).
   Target: < 2 s.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED_PAGES = ROOT.parent / "shared" / "data" / "article-extraction" / "html"
FEED_TARGET_S = 2.0
FEEDS, ENTRIES = 20, 50


class Server:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.honour_etag = True
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                body, ctype = server.pages.get(self.path, (b"", ""))
                if not ctype:
                    self.send_error(404)
                    return
                etag = f'"{len(body)}"'
                if server.honour_etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


def _pages(n: int) -> tuple[list[bytes], str]:
    if SHARED_PAGES.is_dir():
        real = [gzip.decompress(p.read_bytes()) for p in sorted(SHARED_PAGES.glob("*.html.gz"))]
        if real:
            return [real[i % len(real)] for i in range(n)], f"{len(real)} real news pages, cycled"
    para = ("Japan and Australia signed a defence pact worth $5bn on 3 March 2024 in Canberra, "
            "officials said on Monday, and trade between them grew 12 per cent in 2023. ")
    pages = [(f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
              + "".join(f"<p>{para}</p>" for _ in range(12)) + "</article></body></html>").encode()
             for i in range(n)]
    return pages, "synthetic pages (no ../shared/data)"


def bench_import(server: Server, n: int) -> None:
    from briefing_tui.extract import importer

    pages, what = _pages(n)
    for i, page in enumerate(pages):
        server.pages[f"/p/{i}.html"] = (page, "text/html; charset=utf-8")
    spent = [0.0]

    def timed(fn):  # type: ignore[no-untyped-def]
        def inner(*a, **k):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[0] += time.perf_counter() - t
        return inner

    importer.read_loaded = timed(importer.read_loaded)  # type: ignore[method-assign]
    importer.build_briefing = timed(importer.build_briefing)  # type: ignore[method-assign]
    parent = Path(os.environ["BRIEFING_DATA_DIR"]) / "bundles"
    failed = 0
    t0 = time.perf_counter()
    for i in range(n):
        try:
            importer.import_source(server.url(f"/p/{i}.html"), parent, new=True)
        except importer.ImportFailure:
            failed += 1
    total = time.perf_counter() - t0
    print(f"import {n} local pages ({what}): {total:.2f} s, {n / total:.1f} pages/s, "
          f"extraction {100 * spent[0] / total:.0f}% of the time, {failed} failed "
          "(no target; the extraction share is what a faster fetch could not win back)")


def _feed(server: Server, f: int) -> bytes:
    items = "".join(
        f"<item><title>Feed {f} story {e}</title><link>{server.url(f'/s/{f}/{e}.html')}</link>"
        f"<guid>f{f}-e{e}</guid><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate>"
        f"<description>Summary of story {e} of feed {f}, a few words long.</description></item>"
        for e in range(ENTRIES))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {f}</title>"
            f"<link>{server.url('/')}</link><description>d</description>{items}</channel></rss>").encode()


def bench_feeds(server: Server) -> None:
    from briefing_tui.feeds.state import Feed, FeedState, save_feeds, save_state
    from briefing_tui.feeds.update import update_feed

    parent = Path(os.environ["BRIEFING_DATA_DIR"]) / "bundles"
    feeds = []
    for f in range(FEEDS):
        server.pages[f"/feed/{f}.xml"] = (_feed(server, f), "application/rss+xml")
        feeds.append(Feed(f"feed-{f}", server.url(f"/feed/{f}.xml"), f"Feed {f}"))
        # Every entry already imported: the state a previous update leaves behind.
        save_state(feeds[-1].name, FeedState(
            seen={f"f{f}-e{e}": "Mon, 04 Mar 2024 08:00:00 GMT" for e in range(ENTRIES)},
            links=[server.url(f"/s/{f}/{e}.html") for e in range(ENTRIES)]))
    save_feeds(feeds)

    def run_all(label: str) -> None:
        t0 = time.perf_counter()
        reports = [update_feed(feed, parent) for feed in feeds]
        took = time.perf_counter() - t0
        new = sum(r.imported + r.updated for r in reports)
        not_modified = sum(r.not_modified for r in reports)
        status = "OK" if took < FEED_TARGET_S and new == 0 else "OVER TARGET"
        print(f"feed update, {FEEDS} feeds x {ENTRIES} entries, nothing new, {label}: {took:.3f} s "
              f"(target < {FEED_TARGET_S:g} s) {status}; {not_modified} answered 304, {new} imported")

    server.honour_etag = False
    run_all("full feeds parsed (server ignores validators)")  # also stores each ETag
    server.honour_etag = True
    run_all("conditional GET (304)")
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "briefing_tui", "feed", "update", "--quiet",
                          "--out", str(parent)], capture_output=True, text=True, env=dict(os.environ))
    took = time.perf_counter() - t0
    status = "OK" if took < FEED_TARGET_S and run.returncode == 0 else "OVER TARGET"
    print(f"`briefing feed update` as a command (start-up included), 304s: {took:.3f} s "
          f"(target < {FEED_TARGET_S:g} s) {status}, exit {run.returncode}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        os.environ.pop(name, None)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_DATA_DIR"] = tmp
        os.environ["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")
        server = Server()
        bench_feeds(server)
        bench_import(server, args.pages)


if __name__ == "__main__":
    main()
