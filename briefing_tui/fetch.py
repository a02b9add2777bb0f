"""Fetch a page or a feed over http(s): the only way `briefing` reaches the network.

Standard library only (urllib). What it guards against:

- schemes: only http and https are fetched, and a redirect to any other scheme
  (`file:`, `ftp:`, `data:`) is refused, so a page cannot make us read a local file;
- time: `timeout` bounds each socket operation *and* the whole transfer, so a server
  dribbling one byte a second cannot hold an import for ever;
- size: a declared Content-Length over the cap is refused before reading, and the
  body (after gzip/deflate decoding) is read only up to the cap;
- content type: the caller says which types it takes (pages or feeds).

Every failure is a `FetchError` whose message is one line: the URL, then what went
wrong in words (unreachable, timed out, not found, not an article, too large).
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import urljoin, urlsplit

from . import __version__
from .sanitize import strip

USER_AGENT = f"briefing/{__version__} (terminal news reader; +https://example.invalid/briefing)"
TIMEOUT = 20.0  # seconds, per socket operation and for the whole transfer
MAX_BYTES = 20 * 1024 * 1024  # the same cap as an article file
CHUNK = 64 * 1024
SCHEMES = ("http", "https")

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+xml", "application/x-rss+xml", "text/plain", "text/html",
)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class FetchError(Exception):
    """A fetch that failed; the message is one line naming the URL and the reason."""

    def __init__(self, url: str, reason: str, kind: str = "error") -> None:
        super().__init__(f"{strip(url)}: {reason}")
        self.url = url
        self.reason = reason
        self.kind = kind  # unreachable | timeout | http | type | size | scheme | error


@dataclass(frozen=True)
class Response:
    """A fetched document. `not_modified` is a 304 answer to a conditional GET (no body)."""

    url: str  # the final URL, after redirects
    body: bytes = b""
    content_type: str = ""
    charset: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    headers: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """The body decoded: the declared charset, else the page's own, else UTF-8 (lenient)."""
        for name in (self.charset, _sniff_charset(self.body), "utf-8"):
            if not name:
                continue
            try:
                return self.body.decode(name).lstrip("\ufeff")
            except (LookupError, UnicodeDecodeError):
                continue
        return self.body.decode("utf-8", errors="replace").lstrip("\ufeff")


def _sniff_charset(body: bytes) -> str:
    head = body[:4096]
    m = _XML_ENCODING.search(head) or _CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else ""


def is_url(text: str) -> bool:
    """True for an http(s) URL (what `briefing import` fetches rather than opens)."""
    return bool(re.match(r"(?i)https?://", text))


def check_url(url: str) -> str:
    """The URL if it is an http(s) URL with a host, else a FetchError."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(url, f"not a valid URL ({exc})", "scheme") from exc
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(url, "only http and https links can be fetched", "scheme")
    if not parts.hostname:
        raise FetchError(url, "the URL has no host", "scheme")
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise FetchError(url, "the URL holds spaces or control characters", "scheme")
    return url


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow redirects between http(s) URLs only; anything else is refused."""

    max_redirections = 10

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: http.client.HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:
        scheme = urlsplit(newurl).scheme.lower()
        if scheme not in SCHEMES:
            raise FetchError(
                req.full_url, f"redirect to {strip(newurl)} refused (only http and https are followed)",
                "scheme",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: http.client.HTTPMessage,
    ) -> object:
        # urllib checks the scheme before `redirect_request` and reports a refusal as an
        # HTTP error; check here first so the message says what happened.
        location = headers.get("location") or headers.get("uri") or ""
        target = urljoin(req.full_url, location)
        if location and urlsplit(target).scheme.lower() not in SCHEMES:
            raise FetchError(
                req.full_url, f"redirect to {strip(target)} refused (only http and https are followed)",
                "scheme",
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    # No FileHandler, FTPHandler or DataHandler: build_opener adds them by default, so the
    # opener is put together by hand with the http(s) handlers only.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _http_reason(code: int) -> tuple[str, str]:
    if code == 404 or code == 410:
        return f"not found (HTTP {code})", "http"
    if code in (401, 403):
        return f"access refused (HTTP {code})", "http"
    if code == 429:
        return "the server asks us to slow down (HTTP 429); try again later", "http"
    if code >= 500:
        return f"the server failed (HTTP {code}); try again later", "http"
    return f"HTTP error {code}", "http"


def fetch(
    url: str,
    *,
    accept: tuple[str, ...] = PAGE_TYPES,
    timeout: float | None = None,
    max_bytes: int | None = None,
    etag: str = "",
    last_modified: str = "",
    what: str = "an article",
) -> Response:
    """GET `url` and return its body; raise FetchError (one line) on any failure.

    `etag` / `last_modified` make the request conditional: a 304 comes back as a Response
    with `not_modified` set. `accept` lists the content types taken (`what` names them in
    the error).
    """
    check_url(url)
    timeout = TIMEOUT if timeout is None else timeout  # read late: tests and callers tune them
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": ", ".join(accept) + ", */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as resp:
            final = resp.geturl()
            head = {k.lower(): v for k, v in resp.headers.items()}
            ctype = resp.headers.get_content_type().lower()
            if accept and ctype not in accept and head.get("content-type"):
                raise FetchError(url, f"not {what} (the server sent {strip(ctype)})", "type")
            declared = head.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, _too_large(int(declared), max_bytes), "size")
            raw = _read(resp, url, deadline, max_bytes)
            body = _decode(raw, head.get("content-encoding", "").lower(), url, max_bytes)
            return Response(
                url=final,
                body=body,
                content_type=ctype,
                charset=resp.headers.get_content_charset() or "",
                etag=head.get("etag", ""),
                last_modified=head.get("last-modified", ""),
                headers=head,
            )
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(url=url, not_modified=True, etag=etag, last_modified=last_modified)
        reason, kind = _http_reason(exc.code)
        raise FetchError(url, reason, kind) from None
    except urllib.error.URLError as exc:
        raise _network_error(url, exc.reason, timeout) from None
    except TimeoutError as exc:
        raise _network_error(url, exc, timeout) from None
    except (http.client.HTTPException, ConnectionError, ssl.SSLError) as exc:
        raise FetchError(url, f"the connection failed ({_short(exc)})", "unreachable") from None
    except OSError as exc:
        raise _network_error(url, exc, timeout) from None
    except ValueError as exc:  # urllib's own checks of a malformed URL or header
        raise FetchError(url, f"not a valid URL ({_short(exc)})", "scheme") from None


def _network_error(url: str, reason: object, timeout: float) -> FetchError:
    if isinstance(reason, FetchError):
        return reason
    if isinstance(reason, TimeoutError | socket.timeout):
        return FetchError(url, f"timed out after {timeout:g} s", "timeout")
    if isinstance(reason, socket.gaierror):
        return FetchError(url, "unreachable (the host name does not resolve)", "unreachable")
    if isinstance(reason, ssl.SSLError):
        return FetchError(url, f"unreachable (TLS failed: {_short(reason)})", "unreachable")
    if isinstance(reason, ConnectionRefusedError):
        return FetchError(url, "unreachable (connection refused)", "unreachable")
    if isinstance(reason, OSError):
        return FetchError(url, f"unreachable ({_short(reason)})", "unreachable")
    return FetchError(url, f"unreachable ({_short(reason)})", "unreachable")


def _short(exc: object) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _too_large(size: int, cap: int) -> str:
    return f"too large ({size / 1024 / 1024:.1f} MB; the limit is {cap >> 20} MB)"


def _read(resp: IO[bytes], url: str, deadline: float, max_bytes: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = resp.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"too large (over the {max_bytes >> 20} MB limit)", "size")
        parts.append(chunk)
    return b"".join(parts)


def _decode(raw: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    """Undo gzip/deflate, never inflating past `max_bytes` (a small bomb stays small)."""
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(url, f"the server used an encoding we cannot read ({strip(encoding)})", "type")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(raw, max_bytes + 1)
    except zlib.error:
        if encoding != "deflate":
            raise FetchError(url, "the compressed page is damaged", "type") from None
        try:  # some servers send raw deflate without the zlib header
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            out = inflater.decompress(raw, max_bytes + 1)
        except zlib.error:
            raise FetchError(url, "the compressed page is damaged", "type") from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise FetchError(url, f"too large (over the {max_bytes >> 20} MB limit once uncompressed)", "size")
    if not inflater.eof and encoding != "deflate":
        raise FetchError(url, "the compressed page is damaged (it ends too soon)", "type")
    return out
