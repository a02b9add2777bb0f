"""`briefing import URL` and many sources at once, all against a local server (no network)."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from http_fixture import PARAGRAPHS, LocalServer, Route, article_html, serve

from briefing_tui import fetch, sources
from briefing_tui.bundle.discover import bundle_folders
from briefing_tui.bundle.reader import read_bundle
from briefing_tui.cli import main
from briefing_tui.extract.importer import ImportFailure, import_source
from briefing_tui.fetch import FetchError
from briefing_tui.locations import bundles_dir, data_dir
from briefing_tui.model import Anchor, Target
from briefing_tui.store import AnnotationStore


@pytest.fixture
def http_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    yield from serve(monkeypatch)


def _serve_article(server: LocalServer, path: str = "/news/pact.html", title: str = "Japan and "
                   "Australia sign a defence pact", **kw: object) -> str:
    server.routes[path] = Route(article_html(title, **kw))  # type: ignore[arg-type]
    return server.url(path)


# --- the fetcher ------------------------------------------------------------------------------

def test_fetch_sends_a_user_agent_and_decodes_gzip(http_server: LocalServer) -> None:
    http_server.routes["/gz.html"] = Route(article_html("Zipped page"), gzip=True)
    resp = fetch.fetch(http_server.url("/gz.html"))
    assert b"Zipped page" in resp.body and resp.content_type == "text/html"
    seen = http_server.hits("/gz.html")[0].headers
    assert seen["user-agent"].startswith("briefing/") and "gzip" in seen["accept-encoding"]


def test_redirect_chain_is_followed(http_server: LocalServer) -> None:
    url = _serve_article(http_server)
    http_server.routes["/r1"] = Route(status=302, headers={"Location": "/r2"})
    http_server.routes["/r2"] = Route(status=301, headers={"Location": url})
    resp = fetch.fetch(http_server.url("/r1"))
    assert resp.url == url and b"defence pact" in resp.body


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/html,hi"])
def test_redirect_to_another_scheme_is_refused(http_server: LocalServer, target: str) -> None:
    http_server.routes["/evil"] = Route(status=302, headers={"Location": target})
    with pytest.raises(FetchError) as err:
        fetch.fetch(http_server.url("/evil"))
    assert "refused" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(b"gone", 404), "not found (HTTP 404)"),
        (Route(b"oops", 500), "the server failed (HTTP 500); try again later"),
        (Route(b"\x89PNG", content_type="image/png"), "not an article (the server sent image/png)"),
    ],
)
def test_http_failures_are_one_clear_line(http_server: LocalServer, route: Route, message: str) -> None:
    http_server.routes["/x"] = route
    with pytest.raises(FetchError) as err:
        fetch.fetch(http_server.url("/x"))
    assert str(err.value) == f"{http_server.url('/x')}: {message}"


def test_slow_server_times_out(http_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT", 0.3)
    http_server.routes["/slow"] = Route(article_html("Slow"), delay=1.5)
    with pytest.raises(FetchError, match=r"timed out after 0.3 s"):
        fetch.fetch(http_server.url("/slow"))


@pytest.mark.parametrize("chunked", [False, True])
def test_a_30_mb_page_is_too_large(http_server: LocalServer, chunked: bool) -> None:
    http_server.routes["/big"] = Route(b"<p>" + b"x" * (30 << 20) + b"</p>", chunked=chunked)
    with pytest.raises(FetchError, match="too large"):
        fetch.fetch(http_server.url("/big"))


def test_a_gzip_bomb_stays_under_the_cap(http_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "MAX_BYTES", 1 << 20)
    http_server.routes["/bomb"] = Route(b"a" * (8 << 20), gzip=True)  # 8 KB on the wire
    with pytest.raises(FetchError, match="too large .*once uncompressed"):
        fetch.fetch(http_server.url("/bomb"))


def test_unreachable_host_is_one_line() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match=r"unreachable \(connection refused\)"):
        fetch.fetch(f"http://127.0.0.1:{port}/a")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "http://", "ftp://x/y"])
def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchError):
        fetch.fetch(url)


def test_conditional_get_gives_not_modified(http_server: LocalServer) -> None:
    http_server.routes["/f"] = Route(b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    first = fetch.fetch(http_server.url("/f"), accept=fetch.FEED_TYPES)
    assert first.etag == '"v1"'
    second = fetch.fetch(http_server.url("/f"), accept=fetch.FEED_TYPES, etag=first.etag)
    assert second.not_modified and second.body == b""


# --- import by URL ----------------------------------------------------------------------------

def test_import_url_fills_front_matter_from_the_page(http_server: LocalServer,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    url = _serve_article(http_server, canonical="https://example.com/news/pact")
    assert main(["import", url]) == 0
    bundle_id = capsys.readouterr().out.splitlines()[0]
    b = read_bundle(bundles_dir() / bundle_id)
    assert b.title == "Japan and Australia sign a defence pact"
    assert b.published == "2024-03-04" and b.source == "Example News"
    assert b.url == "https://example.com/news/pact"
    assert {c.code for c in b.countries} >= {"JP", "AU"}
    assert "Home" not in b.body and "Copyright" not in b.body


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(b"gone", 404), "not found"),
        (Route(b"\x89PNG", content_type="image/png"), "not an article"),
        (Route(b"<html><body><nav>Home</nav></body></html>"), "not an article"),
        (Route(b"", status=302, headers={"Location": "file:///etc/passwd"}), "refused"),
    ],
)
def test_import_url_failure_is_one_line_and_writes_nothing(
    http_server: LocalServer, route: Route, message: str, capsys: pytest.CaptureFixture[str],
) -> None:
    http_server.routes["/bad"] = route
    assert main(["import", http_server.url("/bad")]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith(f"briefing: error: {http_server.url('/bad')}: ") and message in err
    assert "\n" not in err and captured.out == ""
    assert not bundles_dir().exists() or bundle_folders([bundles_dir()]) == []


def test_reimport_of_a_url_updates_in_place_and_keeps_notes(http_server: LocalServer) -> None:
    url = _serve_article(http_server)
    first = import_source(url, bundles_dir())
    assert first.status == "imported"
    bundle_id = first.bundle_id
    b = read_bundle(bundles_dir() / bundle_id)
    start = b.body.index("shared intelligence")
    store = AnnotationStore()
    exact = "shared intelligence"
    anchor = Anchor(exact=exact, prefix=b.body[start - 20:start], suffix=b.body[start + 19:start + 40],
                    start=start)
    note = store.add(bundle_id, Target(kind="passage", anchor=anchor), "check this")

    # Same page again: skipped as already present.
    assert import_source(url, bundles_dir()).status == "skipped"
    # The page changed (a paragraph added above the noted passage): updated in place.
    http_server.routes["/news/pact.html"] = Route(article_html(
        "Japan and Australia sign a defence pact",
        ("Update: the pact was ratified by both parliaments on Friday, officials said in a "
         "statement released in Tokyo and Canberra.",) + PARAGRAPHS))
    again = import_source(url, bundles_dir())
    assert again.status == "updated" and again.bundle_id == bundle_id
    assert [p.name for p in bundle_folders([bundles_dir()])] == [bundle_id]
    b2 = read_bundle(bundles_dir() / bundle_id)
    assert "ratified" in b2.body
    kept = store.list(bundle_id)
    assert [n.id for n in kept] == [note.id]
    from briefing_tui.anchoring import locate

    assert kept[0].target.anchor is not None
    found = locate(b2.body, kept[0].target.anchor)
    assert found is not None and b2.body[found[0]:found[1]] == exact  # the note re-anchors

    # --new makes a second briefing from the same URL.
    second = import_source(url, bundles_dir(), new=True)
    assert second.status == "imported" and second.bundle_id == f"{bundle_id}-2"


# --- many at once -----------------------------------------------------------------------------

def _folder_of_pages(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "saved"
    folder.mkdir()
    for i in range(n):
        page = article_html(f"Story number {i} about the pact")
        if i % 2:
            (folder / f"page{i}.html.gz").write_bytes(gzip.compress(page))
        else:
            (folder / f"page{i}.html").write_bytes(page)
    (folder / ".hidden.html").write_bytes(b"<p>not me</p>")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    return folder


def test_many_sources_summary_and_exit_code(http_server: LocalServer, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder_of_pages(tmp_path, 4)
    url = _serve_article(http_server)
    http_server.routes["/missing"] = Route(b"", 404)
    missing_file = tmp_path / "nope.html"
    code = main(["import", str(folder), url, http_server.url("/missing"), str(missing_file)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.strip().splitlines()[-1] == "5 imported, 2 failed"
    errors = err.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith("briefing: error: ") for e in errors)
    assert any("/missing: not found" in e for e in errors) and any("nope.html: no such file" in e
                                                                    for e in errors)
    assert len(bundle_folders([bundles_dir()])) == 5

    # Again, unchanged: everything already present, nothing failed.
    assert main(["import", str(folder), url]) == 0
    assert capsys.readouterr().out.strip() == "0 imported, 5 skipped as already present"
    assert len(bundle_folders([bundles_dir()])) == 5


def test_quiet_prints_failures_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder_of_pages(tmp_path, 2)
    assert main(["import", "--quiet", str(folder), str(tmp_path / "gone.html")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1


def test_piped_output_has_no_progress_bar(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = _folder_of_pages(tmp_path, 2)
    run = subprocess.run([sys.executable, "-m", "briefing_tui", "import", str(folder)],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "2 imported\n" and run.stderr == ""


def test_same_title_from_two_sources_gets_two_ids(tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    a.write_bytes(article_html("Same headline"))
    b.write_bytes(article_html("Same headline", date="2024-03-05"))
    ids = [import_source(str(p), bundles_dir()).bundle_id for p in (a, b)]
    assert ids == ["same-headline", "same-headline-2"]


def test_imports_are_recorded_unread_in_the_data_dir(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes(article_html("Recorded story"))
    outcome = import_source(str(page), bundles_dir())
    rec = sources.load()[outcome.bundle_id]
    assert rec.unread and rec.source == "file:" + str(page.resolve())
    assert sources.path().parent == data_dir()
    assert sources.mark_read(outcome.bundle_id) and not sources.load()[outcome.bundle_id].unread
    # Updating the briefing in place keeps it read.
    page.write_bytes(article_html("Recorded story", date="2024-03-09"))
    assert import_source(str(page), bundles_dir()).status == "updated"
    assert not sources.load()[outcome.bundle_id].unread


def test_a_damaged_gzip_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "page.html.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(ImportFailure, match="page.html.gz: not a gzip file"):
        import_source(str(bad), bundles_dir())
    assert not os.path.exists(bundles_dir())
