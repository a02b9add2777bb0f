"""The app on hostile bundles under the 20 MB cap (issue 16): `python bench/dos_bench.py [--json]`.

For each shape of `inputs.write_dos_shape` (quotes at the end of a 19 MB article, 50,000 facts,
a 200,000-row table, a 16 MB paragraph) a fresh Python process opens the bundle in the app
(`App.run_test`, 120x36, as `run.py`'s in-process figures) and reports:

- first screen: from just before the process is spawned to the end of the first frame that
  shows the article's text (interpreter start, imports, reading the bundle as `briefing open`
  does: the whole of a small one, the article alone of one over `CHECK_IN_READER_BYTES`, whose
  facts the reader checks in a worker; the app's start, the article's first blocks); the part
  inside the app is printed beside it, and when the facts were in the list below it;
- keys, each timed from the key event to the end of the frame that shows its effect
  (`run.FrameClock`), pressed as soon as the first screen is up, while the article may still
  be laying out: `n` (5 presses, the worst), `End` in the facts pane (the last fact), `/`, each
  keystroke of a search (to the frame that shows it in the search bar), the search's results
  (from the last keystroke, less the pause in typing a huge briefing waits for: the time a key
  pressed then would wait), `Escape` after the search, and `q` (to the app's exit, teardown
  included);
- peak RSS: the process's VmHWM once the app has exited.

Targets: first screen < 2 s, every key < 200 ms, peak RSS < 500 MB. `run.py --dos` runs
this as one more section.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for _path in (str(BENCH), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from inputs import DOS_SHAPES, write_dos_shape  # noqa: E402
from run import SIZE, Figure, FrameClock, child_env, child_json  # noqa: E402

FIRST_SCREEN_S = 2.0
KEY_MS = 200.0
RSS_MB = 500.0
SEARCH_WORD = "minerals"
N_PRESSES = 5
# Generous: a frozen key is reported with its time, not as a crash.
KEY_TIMEOUT = 60.0
CHILD_TIMEOUT = 600.0


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _child(bundle_id: str) -> dict[str, object]:
    """Run in the child process: open the bundle in the app, time the keys."""
    from briefing_tui.commands import load_for_reader
    from briefing_tui.ui.app import BriefingApp
    from briefing_tui.ui.screens.reader import ReaderScreen
    from briefing_tui.ui.screens.reader_search import SEARCH_PAUSE_CHARS, SEARCH_PAUSE_FACTS
    from briefing_tui.ui.widgets.article_view import ArticleView
    from briefing_tui.ui.widgets.fact_list import FactList

    result: dict[str, object] = {}
    app_start = time.time()
    briefing, checking = load_for_reader(bundle_id)  # what `briefing open` does
    app = BriefingApp(open_bundle=briefing, checking=checking)
    result["read_s"] = time.time() - app_start
    clock = FrameClock(app)
    first: list[float] = []

    def on_frame(now: float) -> None:
        screen = app.screen
        if not first and isinstance(screen, ReaderScreen) and screen.query_one(ArticleView).block_count:
            first.append(time.time())

    clock.on_frame = on_frame
    keys: dict[str, float] = {}

    async def key(name: str, key: str, char: str | None, test, timeout: float = KEY_TIMEOUT) -> None:  # noqa: ANN001
        from textual import events

        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        clock._waiter = (test, future)
        event = events.Key(key, char)
        event.set_sender(app)
        start = time.perf_counter()
        app._driver.send_message(event)  # type: ignore[union-attr]
        try:
            end = await asyncio.wait_for(future, timeout)
            keys[name] = max(keys.get(name, 0.0), (end - start) * 1000)
        except TimeoutError:
            keys[name] = timeout * 1000
        finally:
            clock._waiter = None
        await asyncio.sleep(0.02)

    async with app.run_test(size=SIZE) as pilot:
        for _ in range(int(KEY_TIMEOUT * 100)):
            if first:
                break
            await pilot.pause(0.01)
        result["first_screen_at"] = first[0] if first else float("nan")
        result["first_screen_in_app_s"] = (first[0] - app_start) if first else float("nan")
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        article = screen.query_one(ArticleView)
        facts = screen.query_one(FactList)
        # The fact list fills once the first screen is up.
        for _ in range(int(KEY_TIMEOUT * 100)):
            if screen.fact_id and facts.has_focus:
                break
            await pilot.pause(0.01)
        result["facts_in_s"] = time.time() - app_start
        result["facts"] = len(screen.facts)
        result["layout_done_at_first_key"] = bool(article.loaded)
        last = screen.visible_facts[-1].id
        for _ in range(N_PRESSES):
            if screen.fact_id == last:
                break
            before = screen.fact_id
            await key("n", "n", "n", lambda b=before: screen.fact_id != b)
        if screen.fact_id == last:
            screen.fact_id = screen.visible_facts[0].id
            await pilot.pause(0.05)
        await key("End", "end", None, lambda: screen.fact_id == last)
        search = screen.query_one("#search")
        await key("/", "slash", "/", lambda: bool(search.display and search.has_focus))
        typed = ""
        for ch in SEARCH_WORD:
            typed += ch
            await key("search keystroke", ch, ch, lambda t=typed: search.value == t)
        # In a huge briefing the search runs once typing pauses (SEARCH_PAUSE_S): time the
        # results, less that pause. A key pressed while the search runs waits this long.
        from briefing_tui.ui.screens.reader_search import SEARCH_PAUSE_S

        huge = len(screen.facts) > SEARCH_PAUSE_FACTS or len(screen.briefing.body) > SEARCH_PAUSE_CHARS
        pause = SEARCH_PAUSE_S * 1000 if huge else 0.0
        start = time.perf_counter()
        try:
            end = await clock.frame_where(lambda: screen.search_query == SEARCH_WORD, timeout=KEY_TIMEOUT)
            keys["search: results after the typing pause"] = (end - start) * 1000 - pause
        except TimeoutError:
            keys["search: results after the typing pause"] = KEY_TIMEOUT * 1000
        result["search_pause_ms"] = pause
        await asyncio.sleep(0.02)
        result["search_hits"] = len(screen.search_hits)
        await key(
            "Escape after a search", "escape", None, lambda: not search.display and not screen.search_query
        )
        result["layout_done_at_last_key"] = bool(article.loaded)
        quit_start = time.perf_counter()
        await pilot.press("q")
    keys["q"] = (time.perf_counter() - quit_start) * 1000
    result["keys_ms"] = keys
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _warm_up(tmp: Path) -> None:
    """One child that only imports the app, so every figure starts with the bytecode cached."""
    env = child_env(tmp)
    code = "import briefing_tui.ui.app, briefing_tui.bundle.discover, textual.widgets"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True)


def _run_shape(shape: str, tmp: Path) -> dict[str, object]:
    content = tmp / f"content-{shape}"
    bundle_id = write_dos_shape(shape, content / f"dos-{shape}")
    data = Path(tempfile.mkdtemp(prefix="data-", dir=tmp))
    env = child_env(tmp, {"BRIEFING_DATA_DIR": str(data), "BRIEFING_CONTENT_PATH": str(content)})
    spawned = time.time()
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", bundle_id]
    result: dict[str, object] = child_json(argv, env, f"{shape}: the app", timeout=CHILD_TIMEOUT)
    at = result["first_screen_at"]
    result["first_screen_s"] = float(at) - spawned if isinstance(at, (int, float)) else float("nan")
    return result


def figures_for(shape: str, r: dict[str, object]) -> list[Figure]:
    first = float(r["first_screen_s"])  # type: ignore[arg-type]
    in_app = float(r["first_screen_in_app_s"])  # type: ignore[arg-type]
    read = float(r["read_s"])  # type: ignore[arg-type]
    out = [
        Figure(
            f"{shape} ({r['facts']} facts): first screen from spawn (read before the app {read:.2f} s, "
            f"app {in_app - read:.2f} s)",
            first * 1000,
            "ms",
            f"< {FIRST_SCREEN_S * 1000:.0f} ms",
            first < FIRST_SCREEN_S,
        )
    ]
    keys: dict[str, float] = r["keys_ms"]  # type: ignore[assignment]
    for name, ms in keys.items():
        label = f"{shape}: {name}" + (" (worst)" if name in ("n", "search keystroke") else "")
        out.append(Figure(label, ms, "ms", f"< {KEY_MS:.0f} ms", ms < KEY_MS))
    rss = float(r["peak_rss_mb"])  # type: ignore[arg-type]
    out.append(Figure(f"{shape}: peak RSS", rss, "MB", f"< {RSS_MB:.0f} MB", rss < RSS_MB))
    return out


def measure(shapes: tuple[str, ...] = DOS_SHAPES, say=print) -> list[Figure]:  # noqa: ANN001
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="briefing-dos-") as tmp_name:
        _warm_up(Path(tmp_name))
        for shape in shapes:
            result = _run_shape(shape, Path(tmp_name))
            new = figures_for(shape, result)
            notes = (
                f"  ({shape}: the facts were in the list {result['facts_in_s']:.2f} s after the process "
                f"began reading; layout finished before the first key: {result['layout_done_at_first_key']}, "
                f"by the last: {result['layout_done_at_last_key']}; {result['search_hits']} facts match "
                f"{SEARCH_WORD!r}; the search waited {result['search_pause_ms']:.0f} ms for typing to pause)"
            )
            for f in new:
                say(f.line())
            say(notes)
            figures += new
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print a JSON list of figures instead")
    parser.add_argument("--shape", action="append", choices=DOS_SHAPES, help="only this shape (repeatable)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(asyncio.run(_child(args.child))))
        return 0
    say = (lambda s: print(s, file=sys.stderr)) if args.json else print
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    say(f"# hostile bundles, {os.cpu_count()} cores; load average {load}")
    figures = measure(tuple(args.shape or DOS_SHAPES), say)
    say("targets:")
    for f in figures:
        if f.passed is not None:
            say(f"  {'PASS' if f.passed else 'FAIL'}  {f.line()}")
    if args.json:
        print(json.dumps([{**f.__dict__} for f in figures], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
