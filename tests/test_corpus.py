"""The library index, search, dossier, timeline and trash: the domain and the CLI."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from corpus_helpers import HARBOUR, make_library

from briefing_tui.cli import main
from briefing_tui.corpus.dossier import dossier
from briefing_tui.corpus.index import Index, parse_query
from briefing_tui.corpus.timeline import parse_bound, timeline, timeline_of
from briefing_tui.corpus.trash import TrashError, move_to_trash, restore, trashed
from briefing_tui.locations import shipped_content_dir
from briefing_tui.model import Target
from briefing_tui.store import AnnotationStore


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_library(tmp_path, monkeypatch)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- query parsing ------------------------------------------------------------------


def test_query_words_phrases_prefixes_and_country() -> None:
    q = parse_query('harbour "second door" sup* country:jp')
    assert q.match == '"harbour" "second door" "sup"*'
    assert q.country == "JP"


def test_the_word_being_typed_is_a_prefix_from_three_letters() -> None:
    assert parse_query("harbour de", prefix_last=True).match == '"harbour" "de"'
    assert parse_query("harbour dea", prefix_last=True).match == '"harbour" "dea"*'
    assert parse_query("harbour dea ", prefix_last=True).match == '"harbour" "dea"'
    assert parse_query("harbour d*", prefix_last=True).match == '"harbour" "d"*'  # asked for


def test_article_rows_are_whole_paragraphs_with_their_offsets() -> None:
    from briefing_tui.corpus.index_rows import ARTICLE_ROW_CHARS, article_rows

    paras = [f"Paragraph {i} " + "word " * (40 + i * 7) for i in range(60)]
    body = "\n\n".join(p.strip() for p in paras)
    rows = list(article_rows(body))
    assert 1 < len(rows) < len(paras)
    for at, text in rows:
        assert body[at:at + len(text)] == text
        assert text.startswith("Paragraph") and text.endswith("word")
        assert len(text) <= ARTICLE_ROW_CHARS or "\n\n" not in text
    assert "".join(t.replace("\n\n", "") for _, t in rows) == body.replace("\n\n", "")


def test_fts_syntax_in_a_query_is_only_words() -> None:
    assert parse_query('NEAR( OR - "unclosed').match == '"NEAR" "OR" "unclosed"'
    assert parse_query("-- ** ::").match == ""


# --- search ------------------------------------------------------------------------------


def test_search_finds_article_fact_title_and_note(library: Path) -> None:
    target = Target("fact", fact_id="harbour-until")
    note = AnnotationStore().add("harbour-deal", target, "Check the cyclone season")
    ix = Index()
    ix.refresh()
    kinds = {(h.bundle_id, h.kind, h.ref) for h in ix.search("harbour")}
    assert ("harbour-deal", "title", "") in kinds
    assert ("harbour-deal", "article", "") in kinds
    assert ("harbour-deal", "fact", "harbour-signed") in kinds
    (hit,) = ix.search("cyclone season")
    assert (hit.kind, hit.ref) == ("note", note.id)
    assert hit.marked().count("«") == 2


def test_article_hit_points_at_its_sentence(library: Path) -> None:
    ix = Index()
    ix.refresh()
    (hit,) = [h for h in ix.search("container") if h.kind == "article"]
    assert HARBOUR.body[hit.start:hit.end] == "The deal covers container traffic until 2030."
    assert "«container»" in hit.marked()
    (hit,) = [h for h in ix.search("perth") if h.kind == "article"]  # third paragraph of the row
    assert HARBOUR.body[hit.start:hit.end] == (
        "The ministers met in Perth, where a cyclone had delayed the signing.")


def test_a_fact_hit_reads_statement_and_value_once(library: Path) -> None:
    ix = Index()
    ix.refresh()
    (hit,) = [h for h in ix.search("paused") if h.kind == "fact"]
    assert hit.marked() == "Chile «paused» lithium talks with Japan. · Jul 2025"


def test_a_blank_line_ends_a_sentence_too() -> None:
    from briefing_tui.corpus.index_search import sentence_at

    text = "A heading without a stop\n\nThe deal is done. Next one."
    start, end = sentence_at(text, text.index("deal"))
    assert text[start:end] == "The deal is done."
    start, end = sentence_at(text, text.index("heading"))
    assert text[start:end] == "A heading without a stop"


def test_hits_of_deleted_briefings_never_crowd_out_the_shown_ones(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ranked in the full-text table first: when the best rows belong to a briefing that is
    gone (its notes stay), the search still fills its limit from the briefings shown."""
    import briefing_tui.corpus.index as index_module

    store = AnnotationStore()
    for i in range(8):
        store.add("grain-corridor", Target("country", country="UA"), f"walrus walrus walrus {i}")
    store.add("harbour-deal", Target("country", country="AU"), "a walrus in the harbour notes")
    store.add("lithium-talks", Target("country", country="CL"), "one walrus seen near the mines today")
    ix = Index()
    ix.refresh()
    shutil.rmtree(library / "grain-corridor")
    ix.refresh()
    for slack in (0, 3, 25):
        monkeypatch.setattr(index_module, "RANK_SLACK", slack)
        hits = ix.search("walrus", limit=2)
        assert sorted(h.bundle_id for h in hits) == ["harbour-deal", "lithium-talks"]
        assert all("«walrus»" in h.marked() for h in hits)


def test_phrase_prefix_and_country_filter(library: Path) -> None:
    ix = Index()
    ix.refresh()
    ours = {"harbour-deal", "lithium-talks", "grain-corridor"}  # the seed is on the content path too

    def found(query: str) -> set[str]:
        return {h.bundle_id for h in ix.search(query)} & ours

    assert found('"second quarter"') == {"harbour-deal"}
    assert found('"quarter second"') == set()
    assert found("lith*") == {"lithium-talks"}
    assert found("lith") == set()
    assert found("japan") == {"harbour-deal", "lithium-talks"}
    assert {h.bundle_id for h in ix.search("japan country:CL")} == {"lithium-talks"}


def test_edited_bundle_is_reindexed_and_removed_bundle_vanishes(library: Path) -> None:
    ix = Index()
    ix.refresh()
    assert ix.search("corridor")
    body = library / "harbour-deal" / "briefing.md"
    body.write_text(body.read_text(encoding="utf-8").replace("Perth", "Fremantle"), encoding="utf-8")
    os.utime(body, ns=(1, 1))  # a different mtime, whatever the clock's resolution
    shutil.rmtree(library / "grain-corridor")
    report = ix.refresh()
    assert (report.bundles_read, report.bundles_removed) == (1, 1)
    assert ix.search("corridor") == []
    assert [h.kind for h in ix.search("fremantle")] == ["article"]
    assert ix.search("perth") == []
    assert ix.refresh().bundles_read == 0  # nothing changed: nothing read


def test_deleted_and_corrupt_database_are_rebuilt_with_a_message(library: Path) -> None:
    ix = Index()
    ix.refresh()
    ix.close()
    ix.path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(str(ix.path) + suffix).unlink(missing_ok=True)
    again = Index()
    again.refresh()
    assert again.search("harbour")
    assert any("damaged" in m for m in again.take_messages())
    again.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(again.path) + suffix).unlink(missing_ok=True)
    third = Index()
    assert third.search("harbour") == []  # a fresh index knows nothing until refreshed...
    third.refresh()
    assert third.search("harbour")  # ...and is complete after


def test_damaged_under_a_running_index_is_rebuilt_on_the_next_query(library: Path) -> None:
    ix = Index()
    ix.refresh()
    with ix.connection() as con:
        con.execute("DROP TABLE docs")
    assert ix.search("harbour")
    assert any("damaged" in m for m in ix.take_messages())


def test_a_note_on_a_fact_follows_the_fact_countries_when_the_bundle_changes(library: Path) -> None:
    """The country filter on notes uses the fact's countries as they are now, not as they were
    when the note was indexed (the notes file itself does not change)."""
    from dataclasses import replace

    from briefing_tui.bundle.writer import write_bundle

    AnnotationStore().add("harbour-deal", Target("fact", fact_id="first-ships"), "Ask the port authority")
    ix = Index()
    ix.refresh()
    assert [h.kind for h in ix.search("authority country:JP")] == ["note"]
    facts = tuple(replace(f, countries=("AU",)) if f.id == "first-ships" else f for f in HARBOUR.facts)
    shutil.rmtree(library / "harbour-deal")
    write_bundle(replace(HARBOUR, facts=facts), library / "harbour-deal")
    os.utime(library / "harbour-deal" / "facts.md", ns=(2, 2))
    ix.refresh()
    assert ix.search("authority country:JP") == []
    assert [h.kind for h in ix.search("authority country:AU")] == ["note"]


def test_library_rows_and_counts(library: Path) -> None:
    store = AnnotationStore()
    store.add("lithium-talks", Target("country", country="CL"), "one")
    store.add("lithium-talks", Target("fact", fact_id="talks-paused"), "two")
    bad = library / "zz-broken"
    bad.mkdir()
    (bad / "briefing.md").write_text("no front matter", encoding="utf-8")
    ix = Index()
    ix.refresh()
    rows = {r.id: r for r in ix.bundles()}
    assert rows["lithium-talks"].notes == 2 and rows["lithium-talks"].facts == 2
    assert not rows["zz-broken"].ok and rows["zz-broken"].problems
    assert ix.counts() == (len([r for r in rows.values() if r.ok]), 2)


# --- dossier and timeline -------------------------------------------------------------------


def test_dossier_groups_facts_by_briefing_newest_first_with_roles_and_notes(library: Path) -> None:
    store = AnnotationStore()
    store.add("harbour-deal", Target("fact", fact_id="first-ships"), "Which ships?")
    store.add("lithium-talks", Target("country", country="JP"), "Japan buys")
    store.add("lithium-talks", Target("country", country="CL"), "not about Japan")
    ix = Index()
    ix.refresh()
    d = dossier(ix, "jp")
    ids = [b.bundle_id for b in d.briefings]
    assert ids[:2] == ["harbour-deal", "lithium-talks"]  # 2026 before 2025
    harbour = d.briefings[0]
    assert harbour.role == "Co-signatory; its ships use the harbour."
    assert [f.fact_id for f in harbour.facts] == ["harbour-signed", "harbour-until", "first-ships"]
    assert [n.text for n in harbour.facts[2].notes] == ["Which ships?"]
    assert [n.text for n in d.briefings[1].notes] == ["Japan buys"]


def test_timeline_of_one_briefing_orders_dates_and_lists_unresolved() -> None:
    t = timeline_of(HARBOUR, today=date(2026, 5, 1))
    assert [e.fact_id for e in t.entries] == ["harbour-until", "harbour-signed", "first-ships"]
    assert [e.fact_id for e in t.unresolved] == ["cyclone-delay"]
    assert t.today_index() == 3


def test_timeline_across_briefings_with_country_and_window(library: Path) -> None:
    ix = Index()
    ix.refresh()
    t = timeline(ix, today=date(2026, 1, 1), country="JP", start=parse_bound("2025-07"),
                 stop=parse_bound("2026-03", end=True))
    assert [e.fact_id for e in t.entries] == ["talks-paused", "harbour-until", "harbour-signed"]
    assert [e.fact_id for e in timeline(ix, country="JP", stop=parse_bound("2025", end=True)).entries] == [
        "talks-paused"]
    every = timeline(ix, today=date(2026, 1, 1))
    assert every.entries[0].fact_id == "corridor-open"
    assert every.entries[0].first == date(2024, 11, 18)


# --- trash --------------------------------------------------------------------------------


def test_delete_to_trash_and_restore(library: Path) -> None:
    item = move_to_trash(library / "grain-corridor")
    assert not (library / "grain-corridor").exists()
    assert [t.bundle for t in trashed()] == ["grain-corridor"]
    assert restore("grain-corridor") == (library / "grain-corridor").resolve()
    assert (library / "grain-corridor" / "briefing.md").is_file()
    assert trashed() == []
    assert item.bundle == "grain-corridor"


def test_shipped_briefings_cannot_be_deleted() -> None:
    seed = next(p for p in shipped_content_dir().iterdir() if (p / "briefing.md").is_file())
    with pytest.raises(TrashError, match="ships with briefing"):
        move_to_trash(seed)
    assert (seed / "briefing.md").is_file()


# --- CLI ----------------------------------------------------------------------------------

HIT_KEYS = {"bundle": str, "title": str, "kind": str, "ref": str, "snippet": str, "marks": list,
            "published": str, "score": float}


def check_schema(value: object, schema: dict[str, type]) -> None:
    assert isinstance(value, dict)
    for key, kind in schema.items():
        assert isinstance(value[key], kind), (key, value)


def test_cli_search_json_schema(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "harbour", "--format", "json", "--limit", "3")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "harbour" and len(data["hits"]) == 3
    for hit in data["hits"]:
        check_schema(hit, HIT_KEYS)
        assert hit["kind"] in ("title", "article", "fact", "note")
        for a, b in hit["marks"]:
            assert hit["snippet"][a:b].lower() == "harbour"


def test_cli_search_text_and_no_hits(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "search", "lithium")[1].startswith("lithium-talks")
    code, out, _ = run(capsys, "search", "zzzunknown")
    assert (code, out.strip()) == (0, "no hits for zzzunknown")
    assert run(capsys, "search", "x", "--limit", "0")[0] == 2


def test_cli_country_json_schema(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "country", "CL", "--format", "json")
    assert code == 0
    data = json.loads(out)
    check_schema(data, {"code": str, "name": str, "briefings": list})
    (b,) = data["briefings"]
    check_schema(b, {"bundle_id": str, "title": str, "published": str, "role": str, "facts": list,
                     "notes": list})
    assert [f["fact_id"] for f in b["facts"]] == ["talks-paused", "return-autumn"]
    assert run(capsys, "country", "Chile")[0] == 2


def test_cli_timeline_json_and_errors(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "timeline", "--country", "UA", "--format", "json")
    assert code == 0
    data = json.loads(out)
    check_schema(data, {"today": str, "entries": list, "unresolved": list})
    assert [e["fact"] for e in data["entries"]] == ["corridor-open"]
    code, out, _ = run(capsys, "timeline", str(library / "harbour-deal"), "--from", "2026-Q2")
    assert code == 0 and "First ships" in out and "Unresolved dates (1)" in out
    code, _, err = run(capsys, "timeline", "--from", "2025-13")
    assert code == 2 and "--from/--to" in err


def test_cli_index_rebuild_and_restore(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "index", "--rebuild")
    assert code == 0 and "rebuilt" in out and "3 removed" not in out
    move_to_trash(library / "lithium-talks")
    assert "lithium-talks" in run(capsys, "restore")[1]
    code, out, _ = run(capsys, "restore", "lithium-talks")
    assert code == 0 and "restored" in out
    code, _, err = run(capsys, "restore", "lithium-talks")
    assert code == 1 and "not in the trash" in err


def test_cli_reports_an_index_it_cannot_open(library: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    code, _, err = run(capsys, "search", "harbour")
    assert code == 1 and "cache folder" in err


def test_sqlite_has_fts5() -> None:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(a)")


def test_a_content_folder_named_twice_is_listed_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the shipped folder also in BRIEFING_CONTENT_PATH came twice from the folder scan,
    and the index dropped its bundles: `briefing list` said "no bundles found"."""
    shipped = str(shipped_content_dir())
    monkeypatch.setenv("BRIEFING_CONTENT_PATH", os.pathsep.join([shipped, shipped + os.sep]))
    code, out, _ = run(capsys, "list", "--format", "json")
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == ["us-allies-critical-minerals"]
    assert Index().search("minerals")
