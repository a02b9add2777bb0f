"""Every screen and the command palette, in a real terminal, on the hostile bundle and notes.

Issue 16: a fact's value, markup with a leading space (`[ @click=...]`, which Textual's
`escape()` leaves live), the bundle's folder name and the notes file all reached the
terminal raw. This test puts a copy of tests/data/hostile in the data dir under a folder
name full of escape bytes, writes a hostile notes file beside it (make_bundle.write_notes),
starts the library (`python -m briefing_tui`) on a 120x36 pty and walks: library, reader,
n n p, info, all notes, help, the country filter, the notes pane, the palette ("Go",
"Filter"), the note editor, search, a click on the `[ @click=app.screenshot(...)]` text
in the palette, and q. Each step waits for a word its screen draws.

Then: the app ran to the end and exited 0, printed no traceback, and wrote none of the
payloads' byte patterns (pty_helpers.FORBIDDEN), no OSC with payload text in it, and no
screenshot where the bundle asked for one.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_data import HOSTILE, make_bundle
from pty_helpers import (
    CTRL_P,
    DOWN,
    ENTER,
    ESCAPE,
    FORBIDDEN,
    OSC8_FILE,
    TAB,
    PtyApp,
    clean_env,
    forbidden_in,
    oscs_with_payload_text,
)

from briefing_tui.bundle.reader import read_bundle

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

STEP_TIMEOUT = 8.0  # seconds for one screen to draw; the whole walk takes ~15 s


def _install(data_dir: Path) -> Path:
    """The hostile bundle under a hostile folder name in the data dir, plus its notes file."""
    folder = data_dir / "bundles" / make_bundle.HOSTILE_FOLDER
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    make_bundle.write_notes(data_dir)
    return folder


class Walk:
    """Keys in, a wait for the screen each key leads to, and a record of where it got."""

    def __init__(self, app: PtyApp) -> None:
        self.app = app
        self.steps: list[str] = []
        self.problems: list[str] = []  # what a step did not show; the walk goes on
        self.marks: list[tuple[int, str]] = [(0, "library")]  # (output offset, step) as each began

    def where(self, offset: int) -> str:
        """The step during which the byte at `offset` was written."""
        return [name for start, name in self.marks if start <= offset][-1]

    def leaks(self) -> list[str]:
        """Each payload pattern found, with the step that first wrote it."""
        data = bytes(self.app.out)
        out = []
        for name in forbidden_in(data):
            pattern = FORBIDDEN.get(name)
            at = data.find(pattern) if pattern else OSC8_FILE.search(data).start()  # type: ignore[union-attr]
            out.append(f"{name} (first during {self.where(at)!r})")
        return out

    def _fail(self, step: str, why: str) -> None:
        pytest.fail(
            f"step {step!r} (after {self.steps}): {why}; app exit code {self.app.proc.poll()}; "
            f"payload bytes so far: {forbidden_in(bytes(self.app.out))}\n"
            f"screen:\n{self.app.screen.text()}"
        )

    def check_running(self, step: str) -> None:
        if not self.app.running:
            self._fail(step, "the app exited early")

    def step(
        self,
        name: str,
        keys: bytes | str,
        *,
        shows: str | None = None,
        until: Callable[[], bool] | None = None,
        settle: float = 0.15,
        soft: bool = False,
    ) -> None:
        """Send `keys`; wait until the screen shows `shows` (or `until()` holds).

        A soft step that does not get there is recorded in `problems` and the walk goes on,
        so one test run reports every leak; any other step stops the walk."""
        self.check_running(name)
        self.marks.append((len(self.app.out), name))
        if isinstance(keys, str):
            self.app.type(keys)
        else:
            self.app.send(keys)
        if shows is not None and not self.app.wait_for_screen(shows, STEP_TIMEOUT):
            self._fail(name, f"the screen never showed {shows!r}")
        if until is not None and not self._until(until):
            if not soft:
                self._fail(name, "the screen never reached the expected state")
            self.problems.append(f"{name}: the screen never reached the expected state")
        self.app.drain(settle)
        self.check_running(name)
        self.steps.append(name)

    def _until(self, condition: Callable[[], bool]) -> bool:
        end = time.monotonic() + STEP_TIMEOUT
        while not condition():
            if time.monotonic() > end or not self.app.drain(0.05):
                return condition()
        return True

    def gone(self, text: str) -> Callable[[], bool]:
        return lambda: self.app.screen.find(text) is None

    def screen_has(self, *texts: str) -> bool:
        return all(self.app.screen.find(t) is not None for t in texts)


def _facts_title(app: PtyApp, total: int, i: int) -> Callable[[], bool]:
    return lambda: app.screen.find(f"Facts {i}/{total}") is not None


def test_walk_every_screen_and_the_palette_with_hostile_bundle_and_notes(
    tmp_path: Path, data_dir: Path
) -> None:
    _install(data_dir)
    total = len(read_bundle(HOSTILE).facts)
    cwd = tmp_path / "cwd"
    shots = cwd / make_bundle.SHOT_DIR  # the bundle's `[ @click=app.screenshot(...)]` target
    shots.mkdir(parents=True)

    app = PtyApp([], clean_env(data_dir), cwd)
    walk = Walk(app)
    palette_go: list[str] = []
    palette_filter: list[str] = []
    try:
        # Library: the detail line of the hostile bundle names its folder.
        if not app.wait_for(b"Briefings", 30):
            walk._fail("library", "the library never drew")
        assert b"\x1b[?1006h" in app.out, "Textual did not turn on SGR mouse reporting"
        walk.step("library: move to the hostile bundle", b"j", shows="Your bundles ·")
        walk.step("reader", ENTER, shows="Statement one", until=_facts_title(app, total, 1))
        walk.step("n", b"n", until=_facts_title(app, total, 2))
        walk.step("n", b"n", until=_facts_title(app, total, 3))
        walk.step("p", b"p", until=_facts_title(app, total, 2))
        walk.step("info", b"i", shows="Escape closes this panel")
        walk.step("info: escape", ESCAPE, until=walk.gone("Escape closes this panel"))
        walk.step("all notes", b"N", shows="All notes ·")
        walk.step("all notes: escape", ESCAPE, until=walk.gone("All notes ·"))
        walk.step("help", b"?", shows="Escape closes this help")
        walk.step("help: escape", ESCAPE, until=walk.gone("Escape closes this help"))
        # `c` puts the cursor on the first country, so Enter works at once.
        walk.step("countries", b"c", shows="Notes · United")
        walk.step("countries: filter", ENTER, shows="facts involve")
        walk.step("countries: escape clears the filter", ESCAPE, until=_facts_title(app, total, 1))
        walk.step("tab to the article", TAB)
        walk.step("tab to the notes pane", TAB)
        walk.step("notes pane: down", DOWN)

        walk.step("palette", CTRL_P, shows="Search for commands")
        # Search results, not the discovery list (which holds every entry): "Go" matches
        # no entry for France.
        walk.step(
            "palette: type Go",
            "Go",
            until=lambda: walk.screen_has("Go to fact") and not walk.screen_has("Filter by country: France"),
            soft=True,
        )
        palette_go = [line for line in app.screen.lines() if "Go to fact" in line]
        walk.step("palette: down", DOWN)
        walk.step("palette: escape", ESCAPE, until=walk.gone("Search for commands"))

        walk.step("palette again", CTRL_P, shows="Search for commands")
        walk.step(
            "palette: type Filter",
            "Filter",
            until=lambda: walk.screen_has("Filter by country: Germany") and not walk.screen_has("Go to fact"),
            soft=True,
        )
        palette_filter = [line for line in app.screen.lines() if "Filter by country" in line]
        walk.step("palette: escape", ESCAPE, until=walk.gone("Search for commands"))

        walk.step("note editor", b"a", shows="ctrl+s save")
        walk.step("note editor: escape", ESCAPE, until=walk.gone("ctrl+s save"))
        walk.step("search", b"/", shows="Search the article")
        # The search box's title counts the hits: "... in the article ...".
        walk.step("search: type a word", "paragraph", shows="in the article")
        walk.step("search: escape", ESCAPE, until=walk.gone("in the article"))

        # Click the text that `[ @click=app.screenshot(...)]` would make live in the palette.
        walk.step("palette for the click", CTRL_P, shows="Search for commands")
        walk.step("palette: type Go", "Go", until=lambda: walk.screen_has("Go to fact: Gopher"))
        gopher = app.screen.find("Go to fact: Gopher")
        assert gopher is not None
        shot = app.screen.find("SHOT", after=gopher)
        assert shot is not None, app.screen.text()
        walk.marks.append((len(app.out), "palette: click on SHOT"))
        app.click(shot[0] + 1, shot[1])
        app.drain(1.0)
        walk.check_running("palette: click on SHOT")
        # Escape closes the palette if it is still up, else leaves the reader; q quits either way.
        app.send(ESCAPE, 0.5)
        walk.check_running("escape after the click")
        app.send(b"q")
        code = app.wait_exit(20)
    finally:
        app.close()

    data = bytes(app.out)
    failures = list(walk.problems)
    if code != 0:
        failures.append(f"q: exit code {code}; last output {app.tail()!r}")
    if b"Traceback" in data:
        failures.append(f"a traceback: {data[data.find(b'Traceback') :][:1500]!r}")
    if found := walk.leaks():
        failures.append("payload bytes reached the terminal: " + "; ".join(found))
    if bad_osc := oscs_with_payload_text(data):
        shown = [f"{osc[:60]!r} (during {walk.where(data.find(osc))!r})" for osc in dict.fromkeys(bad_osc)]
        failures.append("OSC sequences carry payload text: " + "; ".join(shown))
    if list(shots.iterdir()) or list(cwd.rglob(make_bundle.SHOT_FILE)):
        failures.append("a click in the palette saved a screenshot where the bundle chose")
    # The palette listed the facts and the countries (a MarkupError would have emptied it).
    if not any("Go to fact: Statement one" in line for line in palette_go):
        failures.append(f"the palette listed no 'Go to fact' entries for 'Go': {palette_go}")
    if not any("Filter by country: Germany" in line for line in palette_filter):
        failures.append(f"the palette lost 'Filter by country' entries for 'Filter': {palette_filter}")
    # The payload text did reach the screen, neutralised, where escape bytes would be.
    if "\ufffd]52;c;".encode() not in data:
        failures.append("the payload text never showed as text")
    assert not failures, "\n".join(failures)


def test_hostile_data_carries_the_issue_16_payloads(data_dir: Path) -> None:
    """Guards the test data: without these the walk above would pass vacuously."""
    facts = (HOSTILE / "facts.md").read_text("utf-8")
    countries = (HOSTILE / "countries.md").read_text("utf-8")
    for tag in (make_bundle.QUIT_TAG, make_bundle.SHOT_TAG, make_bundle.FILE_LINK_TAG):
        assert tag in facts and tag in countries, tag
    assert make_bundle.BAD_MARKUP in countries
    assert make_bundle.OSC0_TITLE in facts and make_bundle.DCS in facts
    assert {"\x1b", "\u009b", "\u202e"} <= set(make_bundle.HOSTILE_FOLDER)
    # The notes file as written: payloads in every field the reader shows.
    path = make_bundle.write_notes(data_dir)
    assert path == data_dir / "notes" / "hostile.json"
    records = list(json.loads(path.read_text("utf-8"))["notes"].values())
    assert all("\x1b]52" in r["label"] and "\x1b]52" in r["text"] for r in records)
    assert all(any("\x1b]52" in t for t in r["tags"]) for r in records)
    targets = [r["target"] for r in records]
    assert {"kind": "fact", "fact_id": make_bundle.GHOST_FACT} in targets
    assert {"kind": "country", "country": make_bundle.BOGUS_COUNTRY} in targets
    fact_ids = {f.id for f in read_bundle(HOSTILE).facts}
    assert set(make_bundle.NOTED_FACTS) <= fact_ids  # every other fact note has a real target
