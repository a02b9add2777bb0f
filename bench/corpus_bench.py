"""Across briefings at scale: 200 and 2,000 generated bundles, each figure against its target.

    python bench/corpus_bench.py [--sizes 200,2000] [--no-tui]

The bundles are written with the project's writer (`bundle.writer.write_bundle`) from text of
the shipped seed and the test fixtures, shuffled: 5 to 50 KB of article, 10 to 60 facts whose
source quotes are sentences of the article, random countries and dates (days, months,
quarters, weeks, seasons, periods), and notes spread over them (5,000 at 2,000 bundles,
pro rata below). A corpus is generated once into the temp dir and reused by later runs.

Figures (each printed as `name  value unit  target`):
- full index build (bundles/s) and the incremental update after one import (ms);
- `briefing list`, a fresh process with a warm index (s);
- library first paint, a fresh `briefing` in tmux, until the table shows (s), warm index;
- search, query to results (p95 ms, in-process, 20 queries, 3 times each) and the search
  screen's query to the end of the frame showing its results in a headless app (p95 ms);
- country dossier (ms);
- peak RSS of the library process (MB);
- once, whatever the size: cold start to first paint of `briefing open` on the shipped seed
  and of a bare Textual app showing one line, turn about in the same tmux, and their ratio.

The machine is shared: figures move with its load, which is why the cold start is a ratio
taken in the same run. Every pane runs with PYTHONDONTWRITEBYTECODE unset, as a user's shell
has it: with it set (the tmux server passes on its own environment), every start compiled
every module from source, and a bare Textual app took 0.8-0.9 s instead of 0.2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for _path in (str(BENCH), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from briefing_tui.bundle.reader import read_bundle  # noqa: E402
from briefing_tui.bundle.writer import write_bundle  # noqa: E402
from briefing_tui.model import Anchor, Briefing, Country, Fact, Target, Value  # noqa: E402

SEED = ROOT / "content" / "us-allies-critical-minerals"
FIXTURES = ROOT / "tests" / "data"
COUNTRIES = ("US", "CN", "JP", "KR", "AU", "GB", "FR", "DE", "IN", "BR", "ZA", "NG", "EG", "SA", "AE",
             "IL", "TR", "RU", "UA", "PL", "NL", "SG", "ID", "VN", "MX", "CA", "AR", "CL", "KE", "ET")
KINDS = ("figure", "date", "quote", "claim", "event")
NOTES_AT_2000 = 5_000
TARGETS = {
    "library first paint": (1.0, "s", "<"),
    "briefing list": (1.0, "s", "<"),
    "search p95 (query)": (100.0, "ms", "<"),
    "search p95 (on screen)": (100.0, "ms", "<"),
    "country dossier": (300.0, "ms", "<"),
    "full index build": (100.0, "bundles/s", ">="),
    "incremental update after one import": (200.0, "ms", "<"),
    "peak RSS, library": (300.0, "MB", "<"),
}
# Figures of the app alone, whatever the library's size: measured once, printed after the table.
COLD_TARGETS = {
    "cold start, briefing open seed": (None, "s", ""),
    "cold start, bare Textual app": (None, "s", ""),
    "cold start ratio (open / bare)": (1.5, "x", "<="),
}
QUERIES = ("china", "rare earth", '"critical minerals"', "supp*", "helberg", "harbour", "export controls",
           "minister", "agreement country:JP", "semiconductor", "lithium", "price support", "deal*",
           "allies", "bank", "port", "energy", "india", "lending", "white house")
_PLAIN_SENTENCE = re.compile(r"[^\\`*_\[\]<>#!|~{}&\n]{30,400}")


def _sentences() -> list[str]:
    """Plain sentences (no Markdown) from the seed and the test fixtures."""
    texts = [read_bundle(SEED).body]
    for p in sorted((FIXTURES / "pages").glob("*.html")):
        texts.append(re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8", errors="replace")))
    data = json.loads((FIXTURES / "country_sentences.json").read_text(encoding="utf-8"))
    texts += [s["sentence"] for s in data.get("sentences", []) if isinstance(s, dict) and "sentence" in s]
    out: list[str] = []
    for t in texts:
        for s in re.split(r"(?<=[.!?])\s+", " ".join(t.split())):
            if _PLAIN_SENTENCE.fullmatch(s) and s.endswith("."):
                out.append(s)
    return sorted(set(out))


def _date(rng: random.Random) -> str:
    y = rng.randint(1990, 2030)
    form = rng.randrange(7)
    if form == 0:
        return f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if form == 1:
        return f"{y}-{rng.randint(1, 12):02d}"
    if form == 2:
        return f"{y}-Q{rng.randint(1, 4)}"
    if form == 3:
        return f"{y}-W{rng.randint(1, 52):02d}"
    if form == 4:
        return f"{y}-{rng.choice(('SP', 'SU', 'FA', 'WI'))}"
    if form == 5:
        return f"{y // 10 * 10}s"
    return str(y)


def _value(rng: random.Random, kind: str) -> Value | None:
    if kind == "date" or (kind == "event" and rng.random() < 0.6):
        if rng.random() < 0.2:
            a, b = sorted((rng.randint(1990, 2025), rng.randint(1990, 2030)))
            return Value("period", start=str(a), end=str(max(b, a)))
        return Value.parse(_date(rng))
    if kind == "figure":
        return rng.choice((Value("money", amount=float(rng.randint(1, 900) * 10**6), unit="USD"),
                           Value("percent", amount=float(rng.randint(1, 99))),
                           Value("count", amount=float(rng.randint(2, 5000)), unit="projects")))
    return None


def make_briefing(i: int, rng: random.Random, pool: list[str]) -> Briefing:
    target = rng.randint(5_000, 50_000)
    paras: list[str] = []
    size = 0
    while size < target:
        para = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 6)))
        paras.append(para)
        size += len(para) + 2
    body = "\n\n".join(paras)
    used = [s for p in paras for s in re.split(r"(?<=\.)\s+", p)]
    codes = rng.sample(COUNTRIES, rng.randint(2, 8))
    facts = []
    for n in range(rng.randint(10, 60)):
        kind = rng.choice(KINDS)
        source = rng.choice(used)
        facts.append(Fact(id=f"f{n}", kind=kind, statement=source[:120], source=source,
                          value=_value(rng, kind),
                          countries=tuple(rng.sample(codes, min(len(codes), rng.randint(1, 3)))),
                          speaker="A spokesperson" if kind == "quote" else "", origin="extracted"))
    countries = tuple(Country(c, c, f"Named in {sum(c in f.countries for f in facts)} facts.") for c in codes)
    published = f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return Briefing(id=f"gen-{i:05d}", title=f"{rng.choice(pool)[:70]} ({i})", body=body,
                    source=rng.choice(("GlobalData", "Wire", "Daily", "Review")), published=published,
                    summary=rng.choice(pool), facts=tuple(facts), countries=countries)


def make_corpus(n: int, dest: Path, notes: int, seed: int = 13) -> Path:
    """`n` bundles under dest/bundles and `notes` notes under dest/data; reused when complete."""
    done = dest / "complete"
    if done.exists():
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    rng = random.Random(seed)
    pool = _sentences()
    bundles = dest / "bundles"
    made: list[Briefing] = []
    for i in range(n):
        b = make_briefing(i, rng, pool)
        write_bundle(b, bundles / b.id)
        made.append(b)
    _write_notes(made, dest / "data" / "notes", notes, rng)
    done.write_text("ok")
    return dest


def _write_notes(made: list[Briefing], folder: Path, count: int, rng: random.Random) -> None:
    """Notes in the store's own file format, one file per bundle, written in one go each."""
    from briefing_tui.model import Annotation
    from briefing_tui.store import annotation_to_record

    folder.mkdir(parents=True, exist_ok=True)
    per: dict[str, list[dict[str, object]]] = {}
    for k in range(count):
        b = rng.choice(made)
        r = rng.random()
        if r < 0.5:
            target = Target("fact", fact_id=rng.choice(b.facts).id)
        elif r < 0.75:
            target = Target("country", country=rng.choice(b.countries).code)
        else:
            start = rng.randrange(0, max(1, len(b.body) - 60))
            target = Target("passage", anchor=Anchor(b.body[start:start + 40], start=start))
        note = Annotation(id=f"{b.id}:{k:012x}", bundle_id=b.id, target=target,
                          text=f"Check this against {rng.choice(('the ministry', 'last week', 'the wire'))}.",
                          created="2026-01-01T00:00:00Z", updated="2026-01-01T00:00:00Z")
        per.setdefault(b.id, []).append(annotation_to_record(note))
    for bundle_id, records in per.items():
        table = {str(r["id"]): r for r in records}
        (folder / f"{bundle_id}.json").write_text(json.dumps({"notes": table}), encoding="utf-8")


# --- figures -----------------------------------------------------------------------


def _env(corpus: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["BRIEFING_DATA_DIR"] = str(corpus / "data")
    env["BRIEFING_CACHE_DIR"] = str(cache)
    env["BRIEFING_CONTENT_PATH"] = str(corpus / "bundles")
    return env


def measure(n: int, tui: bool) -> dict[str, float]:
    from briefing_tui.corpus.dossier import dossier
    from briefing_tui.corpus.index import Index

    base = Path(tempfile.gettempdir()) / f"briefing-corpus-bench-{n}"
    notes = NOTES_AT_2000 * n // 2000
    t = time.perf_counter()
    corpus = make_corpus(n, base, notes)
    print(f"  (corpus of {n} ready in {time.perf_counter() - t:.1f} s: {corpus})", file=sys.stderr)
    cache = Path(tempfile.mkdtemp(prefix="briefing-bench-cache-"))
    env = _env(corpus, cache)
    for key in ("BRIEFING_DATA_DIR", "BRIEFING_CACHE_DIR", "BRIEFING_CONTENT_PATH"):
        os.environ[key] = env[key]
    out: dict[str, float] = {}
    ix = Index()
    t = time.perf_counter()
    report = ix.rebuild()
    out["full index build"] = report.bundles_read / (time.perf_counter() - t)
    # One import: a new bundle appears, then the index catches up.
    rng = random.Random(99)
    extra = make_briefing(10**5 - 1, rng, _sentences())
    folder = corpus / "bundles" / extra.id
    shutil.rmtree(folder, ignore_errors=True)
    write_bundle(extra, folder)
    t = time.perf_counter()
    ix.refresh()
    out["incremental update after one import"] = (time.perf_counter() - t) * 1000
    shutil.rmtree(folder)
    ix.refresh()
    times = []
    for _ in range(3):
        for q in QUERIES:
            t = time.perf_counter()
            ix.search(q, limit=50)
            times.append((time.perf_counter() - t) * 1000)
    out["search p95 (query)"] = _p95(times)
    times = []
    for code in ("US", "JP", "NG"):
        t = time.perf_counter()
        dossier(ix, code)
        times.append((time.perf_counter() - t) * 1000)
    out["country dossier"] = max(times)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefing_tui", "list"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    out["briefing list"] = time.perf_counter() - t
    if tui:
        out.update(_tui_figures(env))
        out["search p95 (on screen)"] = asyncio.run(_search_on_screen())
    ix.close()
    shutil.rmtree(cache, ignore_errors=True)
    return out


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * 0.95))]


def _tui_figures(env: dict[str, str]) -> dict[str, float]:
    from tui_timing import Pane, Tmux, TmuxError, tmux_path

    if tmux_path() is None:
        print("  (tmux missing: no first-paint or RSS figure)", file=sys.stderr)
        return {}
    out: dict[str, float] = {}
    try:
        with Tmux() as tmux:
            pane = Pane(tmux, [sys.executable, "-m", "briefing_tui"], env, unset=("PYTHONDONTWRITEBYTECODE",))
            started = pane.start()
            seen, _ = pane.wait_for(lambda s: "Briefings · " in s and "gen-" in s)
            out["library first paint"] = seen - started
            pane.wait_idle()
            out["peak RSS, library"] = pane.peak_rss_mb()
            pane.kill()
    except TmuxError as exc:
        print(f"  (tmux: {exc})", file=sys.stderr)
    return out


BARE_APP = """
from textual.app import App
from textual.widgets import Static


class Bare(App[None]):
    def compose(self):
        yield Static("bare textual app ready")


Bare().run()
"""
COLD_RUNS = 5


def cold_start_ratio() -> dict[str, float]:
    """`briefing open` on the shipped seed against a bare Textual app showing one line, both
    spawned in the same 120x36 tmux, turn about, COLD_RUNS each after one warm-up of each (page
    cache and .pyc files warm, as on a second start): the medians and their ratio."""
    from inputs import FIRST_SCREEN_WORD
    from tui_timing import Pane, Tmux, TmuxError, tmux_path

    if tmux_path() is None:
        print("  (tmux missing: no cold start figure)", file=sys.stderr)
        return {}
    work = Path(tempfile.mkdtemp(prefix="briefing-cold-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("BRIEFING_CONTENT_PATH", None)  # the shipped seed, as a user's first start finds it
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    script = work / "bare.py"
    script.write_text(BARE_APP, encoding="utf-8")

    def once(tmux: Tmux, argv: list[str], word: str, run: int) -> float:
        run_env = {**env, "BRIEFING_DATA_DIR": str(work / f"data{run}"),
                   "BRIEFING_CACHE_DIR": str(work / f"cache{run}")}
        # The tmux server passes on the environment it was started in: unset the variable that
        # would keep the .pyc files from being written, or every start compiles from source.
        pane = Pane(tmux, argv, run_env, unset=("PYTHONDONTWRITEBYTECODE",))
        try:
            started = pane.start()
            seen, _ = pane.wait_for(lambda screen: word in screen)
            return seen - started
        finally:
            pane.kill()

    briefing = [sys.executable, "-m", "briefing_tui", "open", SEED.name]
    bare = [sys.executable, str(script)]
    ours: list[float] = []
    theirs: list[float] = []
    try:
        with Tmux() as tmux:
            for run in range(COLD_RUNS + 1):
                t_bare = once(tmux, bare, "bare textual app ready", run)
                t_ours = once(tmux, briefing, FIRST_SCREEN_WORD, run)
                if run:  # the first pair warms the caches
                    theirs.append(t_bare)
                    ours.append(t_ours)
    except TmuxError as exc:
        print(f"  (tmux: {exc})", file=sys.stderr)
        return {}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    a, b = sorted(ours)[len(ours) // 2], sorted(theirs)[len(theirs) // 2]
    return {"cold start, briefing open seed": a, "cold start, bare Textual app": b,
            "cold start ratio (open / bare)": a / b}


async def _search_on_screen() -> float:
    """p95 ms from asking the search screen for a query to the end of the frame that shows its
    results: the app's `_display` (called once a frame is composited; the headless driver
    skips only the terminal write) is wrapped, as bench/run.py's FrameClock does."""
    from briefing_tui.ui.app import BriefingApp
    from briefing_tui.ui.screens.corpus_search import SearchScreen

    app = BriefingApp()
    times: list[float] = []
    shown: list[tuple[float, str | None]] = []
    screen = SearchScreen()
    original = app._display

    def display(on: Any, renderable: Any) -> None:
        original(on, renderable)
        if renderable is not None:
            shown.append((time.perf_counter(), screen.shown_query))

    app._display = display  # type: ignore[method-assign,assignment]

    async def frame_showing(query: str) -> float:
        for _ in range(3000):
            done = [t for t, q in shown if q == query]
            if done:
                return done[0]
            await asyncio.sleep(0.001)
        raise RuntimeError(f"no frame showed the results of {query!r}")

    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(screen)
        await pilot.pause()
        while screen.shown_query is None:
            await pilot.pause(0.05)
        for q in QUERIES:
            await pilot.pause(0.05)  # from an idle app, as a person's next query would
            shown.clear()
            t = time.perf_counter()
            screen.run_query(q)
            times.append((await frame_showing(q) - t) * 1000)
    return _p95(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--no-tui", action="store_true", help="skip the tmux and Pilot figures")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {n: measure(n, not args.no_tui) for n in sizes}
    print(f"{'figure':<40}" + "".join(f"{n:>12,}" for n in sizes) + "   target")
    for name, (target, unit, op) in TARGETS.items():
        cells = []
        ok = True
        for n in sizes:
            v = results[n].get(name)
            cells.append(f"{v:>12.3g}" if v is not None else f"{'—':>12}")
            if v is not None:
                ok = ok and (v < target if op == "<" else v >= target)
        print(f"{name:<40}" + "".join(cells) + f"   {op} {target:g} {unit}  {'ok' if ok else 'MISSED'}")
    if not args.no_tui:
        cold = cold_start_ratio()
        for name, (limit, unit, op) in COLD_TARGETS.items():
            if name in cold:
                verdict = "" if limit is None else (f"   {op} {limit:g} {unit}  "
                                                    f"{'ok' if cold[name] <= limit else 'MISSED'}")
                print(f"{name:<40}{cold[name]:>12.3g} {unit}{verdict}")
    print(f"(bench process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    if len(sizes) > 1:
        small, big = results[sizes[0]], results[sizes[-1]]
        growth = [f"{k}: {big[k] / small[k]:.1f}x" for k in TARGETS if small.get(k) and k in big]
        print(f"growth {sizes[0]:,} -> {sizes[-1]:,}: " + ", ".join(growth))
    return 0


if __name__ == "__main__":
    sys.exit(main())
