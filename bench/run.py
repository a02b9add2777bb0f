"""Every performance figure of `briefing`, with its target: `python bench/run.py [--quick] [--json]`.

It makes its own inputs (the seed briefing repeated to 10 KB, 100 KB, 1 MB and
5 MB, see `inputs.py`) and measures:

- cold start to first paint of the reader, from outside the process, in tmux
  (`tui_timing.py`), with the first `n` answered after it and the peak RSS;
- `n` key to repaint, median and p95, and `/` search, in-process on the 1 MB
  briefing, timed from the key event to the end of the frame that shows it;
- 5 MB: the first screen shows and keys are answered while the rest lays out;
- `briefing --help`, and whether the reader loads any extraction code;
- the annotation store and extraction figures of `store_bench`,
  `extraction_bench` and `article_extraction`;
- with `--dos`, the app on hostile bundles under the 20 MB cap (`dos_bench.py`).

See docs/performance.md for what each figure means and how it is measured.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for _path in (str(BENCH), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from inputs import FIRST_SCREEN_WORD, Input, make_inputs  # noqa: E402
from tui_timing import Pane, Tmux, TmuxError, tmux_path  # noqa: E402

SIZE = (120, 36)
# Pause between two timed keys, so each starts from an idle app, as a person's would.
KEY_GAP = 0.02
KEY_TIMEOUT = 10.0
# Keys are "not frozen" while a big article lays out if each is answered within this.
UNFROZEN_MS = 100.0
IDLE_TIMEOUT = 30.0
OTHER_MODULES = ("store_bench", "extraction_bench", "article_extraction")
SEARCH_QUERY = "rare earths"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str | None = None
    passed: bool | None = None

    def line(self) -> str:
        if self.unit == "x":
            shown = f"{self.value:.2f}x"
        elif self.unit == "yes/no":
            shown = "yes" if self.value else "no"
        else:
            v = self.value
            if abs(v) >= 100 or v == int(v):
                number = f"{v:.0f}"
            else:
                number = f"{v:.1f}" if abs(v) >= 10 else f"{v:.3g}"
            shown = f"{number} {self.unit}".rstrip()
        return f"{self.name}: {shown}" + (f" (target: {self.target})" if self.target else "")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def briefing_exe() -> list[str]:
    """The `briefing` console script beside this Python, else `python -m briefing_tui`."""
    script = Path(sys.executable).with_name("briefing")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefing_tui"]


# --------------------------------------------------------------------------- CLI start-up


def help_time(runs: int, tmp: Path) -> list[Figure]:
    """`briefing --help`: how fast the CLI answers when no app is needed (after one warm-up)."""
    env = child_env(tmp)
    subprocess.run([*briefing_exe(), "--help"], check=True, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*briefing_exe(), "--help"], check=True, capture_output=True, env=env)
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    return [Figure("briefing --help", median, "ms", "< 300 ms", median < 300)]


_IMPORT_PROBE = """
import asyncio, json, sys
from briefing_tui.bundle.discover import find_bundle
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.reader import ReaderScreen

async def main():
    app = BriefingApp(open_bundle=find_bundle(sys.argv[1]))
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, ReaderScreen):
                break
            await pilot.pause(0.01)
        await pilot.pause(0.3)
    heavy = ("briefing_tui.extract", "trafilatura", "lxml", "htmldate", "courlan", "justext")
    print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))

asyncio.run(main())
"""


def reader_imports(env: dict[str, str]) -> list[Figure]:
    """Extraction code the reader loads (it should load none: it is never used there)."""
    probe = [sys.executable, "-c", _IMPORT_PROBE, "us-allies-critical-minerals"]
    loaded = child_json(probe, env, "import probe")
    if loaded:
        print(f"  (extraction modules the reader loaded: {', '.join(loaded[:8])})")
    return [Figure("extraction modules loaded by the reader", len(loaded), "modules", "0", not loaded)]


# --------------------------------------------------------------------------- tmux: cold start


def _env(content: Path | None, data: Path) -> dict[str, str]:
    return {"BRIEFING_DATA_DIR": str(data), "BRIEFING_CONTENT_PATH": str(content or "")}


# Child processes cache bytecode as a user's Python would (some sandboxes set
# PYTHONDONTWRITEBYTECODE), in a folder of their own so the tree stays clean.
NO_CACHE = ("PYTHONDONTWRITEBYTECODE",)


def _pycache(tmp: Path) -> dict[str, str]:
    return {"PYTHONPYCACHEPREFIX": str(tmp / "pycache")}


def child_json(argv: list[str], env: dict[str, str], what: str, timeout: float | None = None) -> Any:
    """Run a Python child in the repo and return the JSON of its last line of output; a child
    that fails raises RuntimeError with `what` and the end of its stderr."""
    proc = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed: {proc.stderr.strip()[-800:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def child_env(tmp: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in NO_CACHE}
    return {**env, **_pycache(tmp), **(extra or {})}


def cold_starts(tmux: Tmux, inputs: list[Input], tmp: Path, runs: int) -> list[Figure]:
    """Spawn `briefing open` in a 120x36 tmux pane per run and size.

    Per run: first paint (the article's first words on screen), then the first
    `n` (the facts title says 2/...), then a few more keys and `G`, wait for the
    process to go idle (the whole article laid out) and read its VmHWM.
    """
    figures: list[Figure] = []
    paints: dict[str, float] = {}
    # Warm the page cache and the .pyc files once; the figures start after.
    _one_cold_start(tmux, inputs[0], tmp)
    for item in inputs:
        results = [_one_cold_start(tmux, item, tmp) for _ in range(runs)]
        paint = statistics.median(r[0] for r in results)
        key = statistics.median(r[1] for r in results)
        rss = max(r[2] for r in results)
        paints[item.label] = paint
        size = f"{item.label} ({item.body_bytes / 1000:,.0f} KB, {item.facts} facts)"
        figures.append(
            Figure(
                f"cold start to first paint, {size}",
                paint,
                "ms",
                "1 MB within 1.5x of seed" if item.label in ("seed", "1MB") else None,
            )
        )
        figures.append(Figure(f"first n answered after first paint, {item.label}", key, "ms"))
        target = "< 250 MB" if item.label == "1MB" else None
        figures.append(Figure(f"peak RSS, {item.label}", rss, "MB", target, rss < 250 if target else None))
    if "seed" in paints and "1MB" in paints:
        ratio = paints["1MB"] / paints["seed"]
        figures.append(Figure("cold start to first paint, 1 MB / seed", ratio, "x", "<= 1.5x", ratio <= 1.5))
    return figures


def _one_cold_start(tmux: Tmux, item: Input, tmp: Path) -> tuple[float, float, float]:
    """(first paint ms, first `n` ms, peak RSS MB) of one fresh process.

    Keys after the first are sent one at a time, each once the previous one
    shows: `fast_keys` is the figure for keys typed faster than that.
    """
    pane = _spawn(tmux, item, tmp)
    try:
        started = pane.start()
        seen, _ = pane.wait_for(lambda screen: FIRST_SCREEN_WORD in screen)
        paint = (seen - started) * 1000
        sent = pane.send("n")
        answered, _ = pane.wait_for(lambda screen: f"Facts 2/{item.facts}" in screen)
        key = (answered - sent) * 1000
        for k in range(3, 6):
            pane.send("n")
            pane.wait_for(lambda screen, k=k: f"Facts {k}/{item.facts}" in screen)
        pane.send("G")
        pane.wait_for(lambda screen: f"Facts {item.facts}/{item.facts}" in screen)
        if pane.wait_idle(timeout=IDLE_TIMEOUT) >= IDLE_TIMEOUT:
            raise TmuxError(f"{item.label}: still busy {IDLE_TIMEOUT:.0f} s after the keys stopped")
        return paint, key, pane.peak_rss_mb()
    finally:
        pane.kill()


def _spawn(tmux: Tmux, item: Input, tmp: Path) -> Pane:
    data = Path(tempfile.mkdtemp(prefix="data-", dir=tmp))  # no remembered position
    env = {**_env(item.content_dir, data), **_pycache(tmp)}
    pane = Pane(tmux, [*briefing_exe(), "open", item.bundle_id], env, unset=NO_CACHE)
    return pane


def fast_keys(tmux: Tmux, item: Input, tmp: Path, count: int = 8) -> list[Figure]:
    """`count` presses of `n` sent as separate writes a few ms apart, as a held key would.

    Each must move the selection on by one, and the app must go idle after:
    losing keys, or spinning once they stop, is a freeze of its own.
    """
    pane = _spawn(tmux, item, tmp)
    try:
        pane.start()
        pane.wait_for(lambda screen: FIRST_SCREEN_WORD in screen)
        pane.wait_idle(timeout=IDLE_TIMEOUT)
        for _ in range(count):
            pane.send("n")
        time.sleep(1.5)
        screen = pane.capture()
        match = re.search(rf"Facts (\d+)/{item.facts}", screen)
        moved = int(match[1]) - 1 if match else -1
        before = pane.cpu_seconds()
        time.sleep(1.0)
        busy = (pane.cpu_seconds() - before) * 100
    finally:
        pane.kill()
    label = f"{count} n presses a few ms apart, {item.label}"
    return [
        Figure(f"{label}: facts moved", moved, "facts", f"{count}", moved == count),
        Figure(f"{label}: CPU in the second after", busy, "%", "< 10 %", busy < 10),
    ]


# --------------------------------------------------------------------------- in-process keys


class FrameClock:
    """Times a key from the moment it is posted to the end of the frame that shows its effect.

    It wraps the app's `_display`, which the screen calls once a frame has been
    composited (every changed line rendered by its widget); only the write to the
    terminal, which the headless driver skips, is left out. Frames come at most
    60 times a second, so a figure includes the wait for the next frame slot.
    """

    def __init__(self, app: object) -> None:
        self.app = app
        self._waiter: tuple[Callable[[], bool], asyncio.Future[float]] | None = None
        self.on_frame: Callable[[float], None] | None = None
        original = app._display  # type: ignore[attr-defined]

        def display(screen: object, renderable: object) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            now = time.perf_counter()
            if self.on_frame is not None:
                self.on_frame(now)
            if self._waiter is not None:
                test, future = self._waiter
                if not future.done() and test():
                    future.set_result(now)
                    self._waiter = None

        app._display = display  # type: ignore[attr-defined]

    async def frame_where(self, test: Callable[[], bool], timeout: float = KEY_TIMEOUT) -> float:
        """perf_counter at the end of the first frame drawn once `test()` holds."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiter = (test, future)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self._waiter = None

    async def key(self, key: str, char: str | None, test: Callable[[], bool]) -> float:
        """Post a key as Pilot does; milliseconds until a frame drawn after `test()` holds."""
        from textual import events

        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiter = (test, future)
        event = events.Key(key, char)
        event.set_sender(self.app)  # type: ignore[arg-type]
        start = time.perf_counter()
        self.app._driver.send_message(event)  # type: ignore[attr-defined]
        try:
            end = await asyncio.wait_for(future, KEY_TIMEOUT)
        except TimeoutError:
            raise RuntimeError(f"key {key!r}: no frame showed its effect in {KEY_TIMEOUT} s") from None
        finally:
            self._waiter = None
        return (end - start) * 1000


@contextmanager
def app_env(item: Input, tmp: Path) -> Iterator[None]:
    """Point the in-process app at this input and at a fresh data dir."""
    saved = {k: os.environ.get(k) for k in ("BRIEFING_DATA_DIR", "BRIEFING_CONTENT_PATH")}
    os.environ.update(_env(item.content_dir, Path(tempfile.mkdtemp(prefix="data-", dir=tmp))))
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _bundle(item: Input):  # noqa: ANN202 - a Briefing; imported lazily with the app
    from briefing_tui.bundle.discover import find_bundle

    return find_bundle(item.bundle_id)


async def _reader(app, pilot):  # noqa: ANN001, ANN202 - (ReaderScreen, ArticleView)
    from briefing_tui.ui.screens.reader import ReaderScreen
    from briefing_tui.ui.widgets.article_view import ArticleView

    for _ in range(1000):
        if isinstance(app.screen, ReaderScreen):
            return app.screen, app.screen.query_one(ArticleView)
        await pilot.pause(0.01)
    raise RuntimeError("the reader never opened")


async def _settle(app, pilot, article) -> None:  # noqa: ANN001
    """Until the article is laid out and measured and no worker runs (library, layout)."""
    for _ in range(6000):
        if article.loaded and not getattr(article, "_inexact", 0):
            break
        await pilot.pause(0.01)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _keys_and_search(item: Input, presses: int, search: bool = True) -> list[Figure]:
    from textual.widgets import Input as TextInput

    from briefing_tui.ui.app import BriefingApp

    app = BriefingApp(open_bundle=_bundle(item))
    clock = FrameClock(app)
    figures: list[Figure] = []
    async with app.run_test(size=SIZE) as pilot:
        screen, article = await _reader(app, pilot)
        await _settle(app, pilot, article)
        last = screen.visible_facts[-1].id
        times: list[float] = []
        for _ in range(presses):
            if screen.fact_id == last:
                screen.fact_id = screen.visible_facts[0].id
                await pilot.pause()
            before = screen.fact_id
            times.append(await clock.key("n", "n", lambda b=before: screen.fact_id != b))
            await asyncio.sleep(KEY_GAP)
        median, high = statistics.median(times), p95(times)
        label = f"{item.label}, {presses} presses"
        figures.append(Figure(f"n key to repaint, {label}, median", median, "ms"))
        target = "< 50 ms" if item.label == "1MB" else None
        passed = high < 50 if target else None
        figures.append(Figure(f"n key to repaint, {label}, p95", high, "ms", target, passed))
        figures.append(Figure(f"n key to repaint, {label}, max", max(times), "ms"))
        if not search:
            return figures

        search = screen.query_one("#search", TextInput)
        opened = await clock.key("slash", "/", lambda: bool(search.display and search.has_focus))
        figures.append(Figure(f"/ opens the search bar, {item.label}", opened, "ms"))
        typed = ""
        per_key: list[float] = []
        for ch in SEARCH_QUERY:
            typed += ch
            want = typed

            def shown(want: str = want) -> bool:
                return search.value == want and screen.search_query == want.strip()

            per_key.append(await clock.key("space" if ch == " " else ch, ch, shown))
            await asyncio.sleep(KEY_GAP)
        matches = article.match_count
        figures.append(
            Figure(
                f"/ search {item.label}: typing {SEARCH_QUERY!r}, keystroke to repaint with matches, median",
                statistics.median(per_key),
                "ms",
            )
        )
        worst_at = per_key.index(max(per_key)) + 1
        figures.append(
            Figure(
                f"/ search {item.label}: keystroke to repaint, worst (letter {worst_at})", max(per_key), "ms"
            )
        )
        # The whole query at once (a paste): one search over the whole text.
        search.value = ""
        await pilot.pause()
        start = time.perf_counter()
        search.value = SEARCH_QUERY
        end = await clock.frame_where(
            lambda: screen.search_query == SEARCH_QUERY and article.match_count == matches
        )
        figures.append(
            Figure(
                f"/ search {item.label}: whole query pasted to repaint ({matches} matches)",
                (end - start) * 1000,
                "ms",
            )
        )
    return figures


async def _open_while_loading(item: Input) -> list[Figure]:
    """Keys pressed while a big article is still laying out, from the first screen on."""
    from briefing_tui.ui.app import BriefingApp
    from briefing_tui.ui.screens.reader import ReaderScreen
    from briefing_tui.ui.widgets.article_view import ArticleView

    app = BriefingApp(open_bundle=_bundle(item))
    clock = FrameClock(app)
    first: list[tuple[float, bool]] = []

    def on_frame(now: float) -> None:
        screen = app.screen
        if not first and isinstance(screen, ReaderScreen):
            article = screen.query_one(ArticleView)
            if article.block_count:
                first.append((now, bool(article.loaded)))

    clock.on_frame = on_frame
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        screen, article = await _reader(app, pilot)
        await clock.frame_where(lambda: bool(first), timeout=60)
        times: list[float] = []
        while not article.loaded:
            before = screen.fact_id
            times.append(await clock.key("n", "n", lambda b=before: screen.fact_id != b))
            await asyncio.sleep(KEY_GAP)
        loaded = time.perf_counter()
        await _settle(app, pilot, article)
    shown_at, was_loaded = first[0]
    worst = max(times) if times else 0.0
    usable = not was_loaded and bool(times) and worst < UNFROZEN_MS
    return [
        Figure(f"{item.label} in-process: first screen of the article", (shown_at - start) * 1000, "ms"),
        Figure(f"{item.label} in-process: whole article laid out", (loaded - start) * 1000, "ms"),
        Figure(f"{item.label}: first screen shown before layout finished", float(not was_loaded), "yes/no"),
        Figure(
            f"{item.label}: n pressed while laying out, {len(times)} presses, median",
            statistics.median(times) if times else 0.0,
            "ms",
        ),
        Figure(
            f"{item.label}: n pressed while laying out, worst",
            worst,
            "ms",
            f"first screen before layout, every key < {UNFROZEN_MS:.0f} ms",
            usable,
        ),
    ]


# --------------------------------------------------------------------------- other modules


def other_modules() -> tuple[list[Figure], list[str]]:
    figures: list[Figure] = []
    missing: list[str] = []
    for name in OTHER_MODULES:
        try:
            module = importlib.import_module(name)
            results = module.measure()
        except Exception as exc:  # another issue's module: report it, keep our figures
            missing.append(f"{name} (not available: {type(exc).__name__}: {str(exc)[:160]})")
            continue
        figures += [Figure(str(n), float(v), str(u)) for n, v, u in results]
    return figures, missing


# --------------------------------------------------------------------------- main


def _loadavg() -> str:
    """Other work on the machine skews every figure here: say how busy it was."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print a JSON list of figures instead")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a fast check (~1 min)")
    parser.add_argument(
        "--dos",
        action="store_true",
        help="also open the hostile bundles of dos_bench.py (19 MB of quotes, 50,000 facts, ...; ~2 min)",
    )
    args = parser.parse_args(argv)
    say: Callable[[str], None] = (lambda s: print(s, file=sys.stderr)) if args.json else print
    runs, presses, helps = (1, 50, 3) if args.quick else (3, 200, 5)
    figures: list[Figure] = []
    notes: list[str] = []

    clock = [time.perf_counter()]

    def add(new: list[Figure]) -> None:
        figures.extend(new)
        for f in new:
            say(f.line())
        now = time.perf_counter()
        print(f"  (took {now - clock[0]:.1f} s)", file=sys.stderr)
        clock[0] = now

    from textual import __version__ as textual_version

    say(
        f"# briefing benchmarks: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Textual {textual_version}{', quick' if args.quick else ''}; load average {_loadavg()}"
    )
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp_name:
        tmp = Path(tmp_name)
        inputs = make_inputs(tmp)
        by_label = {i.label: i for i in inputs}
        add(help_time(helps, tmp))
        add(reader_imports(child_env(tmp, _env(None, tmp / "probe-data"))))
        if tmux_path() is None:
            notes.append(
                "tmux not found: the real-terminal figures (cold start, first key, peak RSS, "
                "fast keys) are skipped; install tmux to measure them"
            )
            say(f"({notes[-1]})")
        else:
            with Tmux(*SIZE) as tmux:
                add(cold_starts(tmux, inputs, tmp, runs))
                add(fast_keys(tmux, by_label["1MB"], tmp))
        with app_env(by_label["seed"], tmp):
            add(asyncio.run(_keys_and_search(by_label["seed"], presses // 2, search=False)))
        with app_env(by_label["1MB"], tmp):
            add(asyncio.run(_keys_and_search(by_label["1MB"], presses)))
        with app_env(by_label["5MB"], tmp):
            add(asyncio.run(_open_while_loading(by_label["5MB"])))
    others, missing = other_modules()
    add(others)
    if args.dos:
        import dos_bench

        add(dos_bench.measure(say=say))
    for m in missing:
        say(f"({m})")
    notes += missing

    say(f"\n# load average at the end: {_loadavg()}")
    say("targets:")
    for f in figures:
        if f.passed is not None:
            say(f"  {'PASS' if f.passed else 'FAIL'}  {f.line()}")
    for note in notes:
        say(f"  SKIP  {note}")
    if args.json:
        out = []
        for f in figures:
            d = {k: v for k, v in asdict(f).items() if v is not None}
            d["pass"] = d.pop("passed", None)
            if d["pass"] is None:
                del d["pass"]
            out.append(d)
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
