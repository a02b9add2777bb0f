"""Feeds: add, list, rm, update (RSS 2.0, RSS 1.0, Atom), conditional GET, dedupe, OPML, and a
kill during `feed update`. Everything against a local server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from http_fixture import PARAGRAPHS, LocalServer, Route, article_html, serve

from briefing_tui import sources
from briefing_tui.bundle.discover import bundle_folders
from briefing_tui.bundle.reader import read_bundle
from briefing_tui.cli import main
from briefing_tui.feeds.opml import parse_opml, render_opml
from briefing_tui.feeds.state import Feed, FeedError, load_feeds, load_state
from briefing_tui.locations import bundles_dir, data_dir

ROOT = Path(__file__).resolve().parents[1]
RSS = "application/rss+xml"
LONG = " ".join(PARAGRAPHS * 3)  # over the full-text threshold


@pytest.fixture
def http_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    yield from serve(monkeypatch)


def _item(server: LocalServer, n: int, *, guid: str = "", full: bool = False, date: str = "Mon, 04 Mar 2024",
          title: str = "") -> str:
    link = server.url(f"/story/{n}.html")
    title = title or f"Story {n} on the defence pact"
    body = f"<content:encoded><![CDATA[<p>{escape(LONG)}</p>]]></content:encoded>" if full else ""
    return (f"<item><title>{escape(title)}</title><link>{link}</link>"
            f"<guid isPermaLink='false'>{guid or f'id-{n}'}</guid><pubDate>{date} 08:00:00 GMT</pubDate>"
            f"<description>A short summary of story {n}.</description>{body}</item>")


def rss(server: LocalServer, items: list[str], title: str = "Example News") -> bytes:
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
            f"<title>{title}</title><link>{server.url('/')}</link><description>News</description>"
            + "".join(items) + "</channel></rss>").encode()


def atom(server: LocalServer, entries: list[tuple[str, int, str]]) -> bytes:
    """entries: (id, story number, updated stamp)."""
    parts = []
    for eid, n, updated in entries:
        parts.append(
            f"<entry><id>{eid}</id><title>Atom story {n} about the pact</title>"
            f"<link href='{server.url(f'/story/{n}.html')}'/><updated>{updated}</updated>"
            f"<summary>Summary {n}.</summary></entry>")
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>Atom Wire</title><id>urn:feed</id><updated>2024-03-04T08:00:00Z</updated>"
            + "".join(parts) + "</feed>").encode()


def rdf(server: LocalServer, ns: list[int]) -> bytes:
    items = "".join(
        f"<item rdf:about='{server.url(f'/story/{n}.html')}'><title>RDF story {n} about the pact</title>"
        f"<link>{server.url(f'/story/{n}.html')}</link><description>Summary {n}.</description>"
        "<dc:date>2024-03-04</dc:date></item>" for n in ns)
    return ("<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
            "xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
            f"<channel rdf:about='{server.url('/rdf')}'><title>RDF Daily</title>"
            f"<link>{server.url('/')}</link><description>d</description></channel>{items}</rdf:RDF>").encode()


def _stories(server: LocalServer, ns: range | list[int], delay: float = 0.0) -> None:
    for n in ns:
        server.routes[f"/story/{n}.html"] = Route(
            article_html(f"Page title {n} about the pact", (f"Story {n} begins here.", *PARAGRAPHS)),
            delay=delay)


def _titles() -> list[str]:
    return sorted(read_bundle(f).title for f in bundle_folders([bundles_dir()]))


def _add(server: LocalServer, path: str, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feed", "add", server.url(path), "--name", name]) == 0
    capsys.readouterr()


# --- RSS 2.0: summary-only and full-text entries, duplicates, conditional GET -------------------

def test_rss_update_imports_each_entry_once_and_sends_conditional_get(
        http_server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    _stories(http_server, range(1, 4))
    items = [_item(http_server, 1), _item(http_server, 2, full=True), _item(http_server, 3),
             _item(http_server, 3, guid="id-3")]  # a duplicate entry
    http_server.routes["/rss.xml"] = Route(rss(http_server, items), content_type=RSS, etag='"v1"')
    _add(http_server, "/rss.xml", "example", capsys)

    assert main(["feed", "update"]) == 0
    assert capsys.readouterr().out.strip() == "example: 3 new, 0 updated"
    assert _titles() == ["Story 1 on the defence pact", "Story 2 on the defence pact",
                         "Story 3 on the defence pact"]
    # Summary-only entries had their page fetched; the full-text one did not.
    assert http_server.hits("/story/1.html") and http_server.hits("/story/3.html")
    assert http_server.hits("/story/2.html") == []
    by_title = {read_bundle(f).title: read_bundle(f) for f in bundle_folders([bundles_dir()])}
    one = by_title["Story 1 on the defence pact"]
    assert "Story 1 begins here." in one.body and one.source == "Example News"
    assert one.published == "2024-03-04" and one.url == http_server.url("/story/1.html")
    records = sources.load()
    assert {r.feed for r in records.values()} == {"example"} and all(r.unread for r in records.values())

    # Second update: the server answers 304 to the ETag; nothing is fetched or imported.
    assert main(["feed", "update", "example"]) == 0
    assert "not modified" in capsys.readouterr().out
    assert http_server.hits("/rss.xml")[-1].headers.get("if-none-match") == '"v1"'
    assert len(bundle_folders([bundles_dir()])) == 3


def test_new_and_updated_entries_without_validators(http_server: LocalServer,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _stories(http_server, range(1, 4))
    http_server.routes["/atom.xml"] = Route(
        atom(http_server, [("urn:1", 1, "2024-03-04T08:00:00Z"), ("urn:2", 2, "2024-03-04T08:00:00Z")]),
        content_type="application/atom+xml")
    _add(http_server, "/atom.xml", "wire", capsys)
    assert main(["feed", "update"]) == 0
    assert capsys.readouterr().out.strip() == "wire: 2 new, 0 updated"

    # Entry 1 updated (new stamp, changed page), entry 3 new, entry 2 listed twice unchanged.
    http_server.routes["/story/1.html"] = Route(article_html(
        "Page title 1 about the pact", ("Correction: the pact is worth $6bn, not $5bn, officials "
                                        "said on Tuesday in a statement.", *PARAGRAPHS)))
    http_server.routes["/atom.xml"] = Route(atom(http_server, [
        ("urn:1", 1, "2024-03-05T08:00:00Z"), ("urn:2", 2, "2024-03-04T08:00:00Z"),
        ("urn:2", 2, "2024-03-04T08:00:00Z"), ("urn:3", 3, "2024-03-05T09:00:00Z")]),
        content_type="application/atom+xml")
    assert main(["feed", "update"]) == 0
    assert capsys.readouterr().out.strip() == "wire: 1 new, 1 updated"
    assert _titles() == ["Atom story 1 about the pact", "Atom story 2 about the pact",
                         "Atom story 3 about the pact"]
    one = [read_bundle(f) for f in bundle_folders([bundles_dir()]) if "story 1" in read_bundle(f).title]
    assert "Correction" in one[0].body


def test_rss_1_0(http_server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    _stories(http_server, [7, 8])
    http_server.routes["/rdf"] = Route(rdf(http_server, [7, 8]), content_type="application/rdf+xml")
    _add(http_server, "/rdf", "rdf", capsys)
    assert main(["feed", "update"]) == 0
    assert _titles() == ["RDF story 7 about the pact", "RDF story 8 about the pact"]


def test_a_link_already_imported_by_hand_is_not_imported_twice(
        http_server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    _stories(http_server, [1])
    assert main(["import", http_server.url("/story/1.html")]) == 0
    http_server.routes["/rss.xml"] = Route(rss(http_server, [_item(http_server, 1)]), content_type=RSS)
    _add(http_server, "/rss.xml", "example", capsys)
    assert main(["feed", "update"]) == 0
    assert capsys.readouterr().out.strip() == "example: 0 new, 0 updated, 1 already present"
    assert len(bundle_folders([bundles_dir()])) == 1


# --- failures: one line each, nothing half-written ---------------------------------------------

@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(b"<rss><channel><title>x</title><item><title>broken", content_type=RSS), "not a feed"),
        (Route(b"<html><body><p>hello</p></body></html>"), "not a feed"),
        (Route(b"", 404), "not found"),
        (Route(b"", 500), "HTTP 500"),
        (Route(b"\x89PNG", content_type="image/png"), "not a feed"),
    ],
)
def test_a_bad_feed_is_one_line_and_exit_1(http_server: LocalServer, route: Route, message: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    http_server.routes["/ok.xml"] = Route(rss(http_server, []), content_type=RSS)
    _add(http_server, "/ok.xml", "bad", capsys)
    http_server.routes["/ok.xml"] = route
    assert main(["feed", "update"]) == 1
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefing: error: bad: ") and message in lines[0]
    assert "1 failed" in out
    assert load_state("bad").error and not bundles_dir().exists()


def test_a_failed_entry_is_retried_on_the_next_update(http_server: LocalServer,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _stories(http_server, [1])
    http_server.routes["/rss.xml"] = Route(rss(http_server, [_item(http_server, 1), _item(http_server, 2)]),
                                           content_type=RSS, etag='"v1"')
    _add(http_server, "/rss.xml", "example", capsys)
    assert main(["feed", "update"]) == 1  # story 2's page is a 404
    out, err = capsys.readouterr()
    assert "/story/2.html: not found" in err and "1 new" in out
    assert load_state("example").etag == ""  # not saved: the next fetch must not be a 304
    _stories(http_server, [2])
    assert main(["feed", "update"]) == 0
    assert capsys.readouterr().out.strip() == "example: 1 new, 0 updated"
    assert len(bundle_folders([bundles_dir()])) == 2


def test_feed_add_refuses_what_is_no_feed(http_server: LocalServer,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    http_server.routes["/page"] = Route(article_html("A page, not a feed"))
    assert main(["feed", "add", http_server.url("/page")]) == 2
    assert "not a feed" in capsys.readouterr().err
    assert not (data_dir() / "feeds.json").exists()
    assert main(["feed", "add", "file:///etc/passwd"]) == 2
    assert "only http and https" in capsys.readouterr().err


# --- list, rm, OPML ------------------------------------------------------------------------------

def test_add_list_rm(http_server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    http_server.routes["/rss.xml"] = Route(rss(http_server, [], title="Morning Wire"), content_type=RSS)
    assert main(["feed", "add", http_server.url("/rss.xml")]) == 0
    assert capsys.readouterr().out.strip().startswith("following morning-wire")
    assert main(["feed", "add", http_server.url("/rss.xml")]) == 2
    assert "already followed" in capsys.readouterr().err
    assert main(["feed", "list"]) == 0
    out = capsys.readouterr().out
    assert "morning-wire" in out and "never updated" in out
    assert main(["feed", "rm", "morning-wire"]) == 0
    assert load_feeds() == []
    assert main(["feed", "rm", "morning-wire"]) == 2


def test_opml_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        "<?xml version='1.0'?><opml version='1.0'><head><title>x</title></head><body>"
        "<outline text='News'><outline text='World Wire' type='rss' xmlUrl='https://a.example/rss'/>"
        "<outline title='Tech' xmlUrl='https://b.example/atom.xml'/></outline>"
        "<outline text='Local' xmlUrl='file:///etc/passwd'/>"
        "<outline text='no feed here'/></body></opml>", encoding="utf-8")
    assert main(["feed", "import-opml", str(opml)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "2 feeds added, 1 skipped (already followed or not http(s))"
    assert "file:///etc/passwd" in err
    assert [(f.name, f.url) for f in load_feeds()] == [
        ("world-wire", "https://a.example/rss"), ("tech", "https://b.example/atom.xml")]
    assert main(["feed", "import-opml", str(opml)]) == 0  # nothing added twice
    assert len(load_feeds()) == 2
    capsys.readouterr()
    assert main(["feed", "export-opml"]) == 0
    exported = capsys.readouterr().out
    assert parse_opml(exported.encode(), "out") == [("World Wire", "https://a.example/rss"),
                                                    ("Tech", "https://b.example/atom.xml")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<opml><body><outline", "not well-formed"),
        (b"<rss/>", "not an OPML file"),
        (b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><opml><body/></opml>", "entity"),
    ],
)
def test_bad_opml_is_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        parse_opml(data, "subs.opml")


def test_render_opml_escapes_titles() -> None:
    text = render_opml([Feed("a", "https://x.example/?a=1&b=2", "Q&A <news>")])
    assert parse_opml(text.encode(), "x") == [("Q&A <news>", "https://x.example/?a=1&b=2")]


def test_a_damaged_feed_list_is_reported_not_replaced(capsys: pytest.CaptureFixture[str]) -> None:
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "feeds.json").write_text("{not json", encoding="utf-8")
    assert main(["feed", "list"]) == 2
    err = capsys.readouterr().err
    assert "feeds.json" in err and len(err.strip().splitlines()) == 1
    assert (data_dir() / "feeds.json").read_text(encoding="utf-8") == "{not json"


# --- nothing outside the data dir; a kill during `feed update` ----------------------------------

def _tree(root: Path, skip: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if skip not in (p, *p.parents)}


def test_nothing_is_written_outside_the_data_dir(http_server: LocalServer, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _stories(http_server, range(1, 3))
    http_server.routes["/rss.xml"] = Route(rss(http_server, [_item(http_server, 1), _item(http_server, 2)]),
                                           content_type=RSS)
    before = _tree(tmp_path, data_dir())
    cwd = os.getcwd()
    _add(http_server, "/rss.xml", "example", capsys)
    assert main(["feed", "update"]) == 0
    assert main(["import", http_server.url("/story/1.html"), http_server.url("/story/2.html")]) == 0
    assert _tree(tmp_path, data_dir()) == before and os.getcwd() == cwd
    assert len(bundle_folders([bundles_dir()])) == 2


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_a_kill_during_feed_update_leaves_everything_valid(http_server: LocalServer,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    n = 6
    _stories(http_server, range(1, 3))
    _stories(http_server, range(3, n + 1), delay=30)  # the run is killed while it waits here
    items = [_item(http_server, i) for i in range(1, n + 1)]
    http_server.routes["/rss.xml"] = Route(rss(http_server, items), content_type=RSS, etag='"v1"')
    _add(http_server, "/rss.xml", "example", capsys)

    proc = subprocess.Popen([sys.executable, "-m", "briefing_tui", "feed", "update"], env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not http_server.hits("/story/3.html") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert http_server.hits("/story/3.html"), "the update never reached the slow entry"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    # After the kill: the feed list, the state and every bundle read back valid.
    assert [f.name for f in load_feeds()] == ["example"]
    raw = json.loads((data_dir() / "feeds" / "example.json").read_text(encoding="utf-8"))
    assert raw["etag"] == ""  # validators are saved only when the whole feed is done
    done = bundle_folders([bundles_dir()])
    assert len(done) == 2 and all(read_bundle(f) for f in done)
    assert not [p for p in bundles_dir().iterdir() if p.name.startswith(".")]  # no staging left

    # The next update finishes the job: every entry once.
    _stories(http_server, range(3, n + 1))
    assert main(["feed", "update"]) == 0
    assert capsys.readouterr().out.strip() == f"example: {n - 2} new, 0 updated"
    assert _titles() == sorted(f"Story {i} on the defence pact" for i in range(1, n + 1))
