"""A local HTTP server on 127.0.0.1 for the import and feed tests: no test touches the network.

`serve` (the body of a module's `http_server` fixture) starts a threaded server on a free
port and stops it after the test. Routes are plain data the test may change while the server runs
(`server.routes[path] = Route(...)`); every request is logged with its headers.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    gzip: bool = False
    etag: str = ""  # answered with 304 when the request's If-None-Match matches
    chunked: bool = False  # no Content-Length: the body streams until the connection closes


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Seen] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[Seen]:
        return [s for s in self.log if s.path == path]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.log.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    route = Route(b"<h1>Not found</h1>", 404)
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                body = gzip.compress(route.body) if route.gzip else route.body
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    if route.gzip:
                        self.send_header("Content-Encoding", "gzip")
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    if not route.chunked:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    view = memoryview(body)
                    while view:
                        self.wfile.write(view[:1 << 20])
                        view = view[1 << 20:]
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a size cap, a timeout): expected

        return Handler


def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """The body of each test module's `http_server` fixture: start, yield, stop."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = LocalServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


PARAGRAPHS = (
    "Japan and Australia signed a defence pact worth $5bn on 3 March 2024 in Canberra, "
    "officials from both governments said on Monday.",
    "The agreement covers joint exercises, shared intelligence and the supply of parts for "
    "submarines, and it runs for at least ten years according to the text released.",
    "Trade between the two countries grew 12 per cent in 2023, and ministers expect the pact "
    "to bring further investment in shipyards on both coasts over the coming decade.",
    "Critics in both parliaments asked for more scrutiny of the spending, while the defence "
    "ministers promised a public report on progress every year from 2025 onwards.",
)


def article_html(title: str, paragraphs: tuple[str, ...] = PARAGRAPHS, *, extra: str = "",
                 date: str = "2024-03-04", site: str = "Example News", canonical: str = "") -> bytes:
    """A news page as sites serve them: metadata in the head, the story in <article>."""
    paras = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title>"
        f'<meta property="og:title" content="{escape(title)}">'
        f'<meta property="og:site_name" content="{escape(site)}">'
        f'<meta name="author" content="Ann Reporter">'
        f'<meta property="article:published_time" content="{date}T08:00:00Z">{link}'
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paras}{extra}</article>"
        "<footer>Copyright Example News</footer></body></html>"
    ).encode()
