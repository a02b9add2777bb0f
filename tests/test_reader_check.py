"""A large bundle opens on its article at once; its facts are read and checked in a worker
(issue 16: 50,000 facts took 2.4 s to the first screen, all of it reading and checking them
before the app started). A bundle whose facts fail the check is still refused, with the
same one-line error naming the file and line, and nothing else is lost.

The size at which the reader checks in a worker is lowered here so the seed counts as large.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED_BUNDLE
from reader_helpers import reader, wait_for_article
from textual.pilot import Pilot
from textual.widgets import Input

from briefing_tui.bundle import reader as bundle_reader
from briefing_tui.bundle.errors import BundleError
from briefing_tui.bundle.reader import read_article, read_bundle, read_for_reader
from briefing_tui.cli import main
from briefing_tui.model import Briefing
from briefing_tui.reading_state import Position, load_position, save_position
from briefing_tui.ui import app as app_module
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens import reader_check
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.fact_list import FactList

SEED_FACTS = len(read_bundle(SEED_BUNDLE).facts)


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bundle counts as large: the reader checks its facts in a worker."""
    monkeypatch.setattr(bundle_reader, "CHECK_IN_READER_BYTES", 0)


def _break_a_quote(folder: Path) -> int:
    """Make the first fact quote a sentence the article does not hold; the line of its heading."""
    facts = folder / "facts.md"
    lines = facts.read_text("utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("> "))
    lines[at] = "> A sentence that is nowhere in the article."
    facts.write_text("\n".join(lines), "utf-8")
    return max(i for i in range(at) if lines[i].startswith("## ")) + 1


def _held_check(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The worker's read waits until the returned event is set."""
    release = threading.Event()

    def slow(folder: Path) -> Briefing:
        release.wait(10)
        return read_bundle(folder)

    monkeypatch.setattr(reader_check, "read_bundle", slow)
    return release


def _opened_large(folder: Path) -> BriefingApp:
    """The app as `briefing open` starts it on a large bundle: its article, the facts to check."""
    briefing, pending = read_for_reader(folder)
    assert pending
    return BriefingApp(open_bundle=briefing, checking=folder)


async def _until(pilot: Pilot, done: Callable[[], bool]) -> None:
    for _ in range(300):
        if done():
            return
        await pilot.pause(0.02)
    raise AssertionError("it never happened")


# --- the domain ------------------------------------------------------------------------


def test_a_small_bundle_is_read_and_checked_whole() -> None:
    briefing, pending = read_for_reader(SEED_BUNDLE)
    assert not pending and len(briefing.facts) == SEED_FACTS


def test_a_large_bundle_gives_its_article_alone(large: None) -> None:
    briefing, pending = read_for_reader(SEED_BUNDLE)
    full = read_bundle(SEED_BUNDLE)
    assert pending
    assert briefing.facts == () and briefing.countries == ()
    assert (briefing.id, briefing.title, briefing.body) == (full.id, full.title, full.body)


def test_the_article_alone_is_refused_for_its_own_problems(seed_copy: Path) -> None:
    main_file = seed_copy / "briefing.md"
    main_file.write_text(main_file.read_text("utf-8").replace("id: ", "id: Not An Id ", 1), "utf-8")
    with pytest.raises(BundleError) as caught:
        read_article(seed_copy)
    assert "briefing.md:" in caught.value.summary() and "must match" in caught.value.summary()


def test_the_article_alone_leaves_the_facts_to_the_full_read(seed_copy: Path) -> None:
    line = _break_a_quote(seed_copy)
    assert read_article(seed_copy).body
    with pytest.raises(BundleError) as caught:
        read_bundle(seed_copy)
    assert f"facts.md:{line}:" in caught.value.summary()


# --- the reader -------------------------------------------------------------------------


async def test_the_article_shows_while_the_facts_are_checked(
    large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = _held_check(monkeypatch)
    app = _opened_large(SEED_BUNDLE)
    async with app.run_test(size=(120, 36)) as pilot:
        article = await wait_for_article(pilot)
        screen = reader(pilot)
        facts = screen.query_one(FactList)
        assert article.block_count and screen.facts == []
        assert "checking" in str(facts.border_title)
        await pilot.press("n")  # no facts yet: nothing to move to, nothing breaks
        assert screen.fact_id == ""
        release.set()
        await _until(pilot, lambda: bool(screen.fact_id))
        assert len(screen.facts) == SEED_FACTS and facts.has_focus
        assert "checking" not in str(facts.border_title) and f"1/{SEED_FACTS}" in str(facts.border_title)
        assert screen.query_one("#countries").option_count  # type: ignore[attr-defined]
        await pilot.press("n")
        assert screen.fact_id == screen.facts[1].id


async def test_a_search_typed_while_checking_keeps_its_box_and_marks_the_facts(
    large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = _held_check(monkeypatch)
    app = _opened_large(SEED_BUNDLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await pilot.press("slash", *"minerals")
        search = screen.query_one("#search", Input)
        await _until(pilot, lambda: screen.search_query == "minerals")
        release.set()
        await _until(pilot, lambda: bool(screen.facts))
        await pilot.pause()
        assert search.has_focus and search.value == "minerals"
        assert screen.search_hits and screen.search_hits <= {f.id for f in screen.facts}


async def test_facts_that_fail_the_check_close_the_reader_and_exit_with_the_reason(
    large: None, seed_copy: Path
) -> None:
    line = _break_a_quote(seed_copy)
    app = _opened_large(seed_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await _until(pilot, lambda: app.refused is not None)
    assert app.return_code == 2
    assert app.refused is not None and f"facts.md:{line}:" in app.refused.summary()


def test_briefing_open_prints_the_reason_and_exits_2(
    large: None, seed_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _break_a_quote(seed_copy)
    run = BriefingApp.run

    def headless(self: BriefingApp) -> None:
        run(self, headless=True, size=(120, 36))

    monkeypatch.setattr(app_module.BriefingApp, "run", headless)
    assert main(["open", str(seed_copy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefing: error: ") and f"facts.md:{line}: " in err
    assert err.count("\n") == 1


async def test_from_the_library_a_refused_bundle_closes_its_reader_and_says_why(
    large: None, seed_copy: Path
) -> None:
    line = _break_a_quote(seed_copy)
    briefing, _ = read_for_reader(seed_copy)
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        app.open_briefing(briefing, seed_copy)
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await _until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.pause()
        assert app.is_running and app.refused is None
        shown = [str(n.message) for n in app._notifications]
        assert any(f"facts.md:{line}:" in m for m in shown)


async def test_leaving_before_the_facts_arrive_keeps_the_remembered_fact(
    large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = _held_check(monkeypatch)
    full = read_bundle(SEED_BUNDLE)
    remembered = full.facts[2].id
    save_position(full.id, Position(remembered, 0))
    app = _opened_large(SEED_BUNDLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        release.set()
    assert load_position(full.id).fact_id == remembered


async def test_a_jump_from_search_or_the_dossier_lands_on_the_fact_once_it_is_checked(
    large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_tui.ui.screens.corpus_nav import open_at

    release = _held_check(monkeypatch)
    target = read_bundle(SEED_BUNDLE).facts[4].id
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        open_at(app.screen, SEED_BUNDLE, fact_id=target)
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        screen = reader(pilot)
        assert screen.checking is not None and screen.facts == []  # the article, unchecked
        release.set()
        await _until(pilot, lambda: screen.fact_id == target)
        assert screen.query_one(FactList).highlighted_fact_id == target


async def test_a_jump_to_a_country_waits_for_the_checked_countries(large: None) -> None:
    from briefing_tui.ui.screens.corpus_nav import open_at

    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        open_at(app.screen, SEED_BUNDLE, country="JP")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        screen = reader(pilot)
        await _until(pilot, lambda: screen.country == "JP")
        assert screen.visible_facts and all("JP" in f.countries for f in screen.visible_facts)


async def test_the_facts_are_folded_for_search_in_the_worker_not_on_a_key(
    large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """50,000 facts take about 30 ms to fold: the first search's key no longer pays for it."""
    from briefing_tui.ui.screens.reader_search import FactMatcher

    threads: list[str] = []
    fold = FactMatcher.fold

    def recording(self: FactMatcher) -> list[tuple[str, str]]:
        threads.append(threading.current_thread().name)
        return fold(self)

    monkeypatch.setattr(FactMatcher, "fold", recording)
    app = _opened_large(SEED_BUNDLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_article(pilot)
        screen = reader(pilot)
        await _until(pilot, lambda: bool(screen.facts))
        assert threads and threads[0] != threading.main_thread().name
        await pilot.press("slash", *"minerals")
        await _until(pilot, lambda: screen.search_query == "minerals")
        assert screen.search_hits
