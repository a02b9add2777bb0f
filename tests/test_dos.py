"""Denial of service under the 20 MB bundle cap (issue 16, items 5-7).

Each hostile shape here is small or scaled down; the full-size shapes are in
`bench/dos_bench.py`. Timing tests compare two sizes of the same shape (10x the
input must not cost 10x more than 10x the time, with room to spare) rather than
absolute seconds, so a slow machine does not make them flake.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED_BUNDLE

from briefing_tui.bundle.discover import discover
from briefing_tui.bundle.errors import BundleError
from briefing_tui.bundle.reader import read_bundle

# --------------------------------------------------------------------------- item 5: YAML aliases

BILLION_LAUGHS = """\
---
id: laughs
title: Laughs
x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
u: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
v: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
w: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
s: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
t: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
people: [{name: *h, title: *h}]
---
The article.
"""


def _bundle(folder: Path, briefing: str, facts: str = "# Facts\n", countries: str = "# Countries\n") -> Path:
    folder.mkdir(parents=True)
    (folder / "briefing.md").write_text(briefing, "utf-8")
    (folder / "facts.md").write_text(facts, "utf-8")
    (folder / "countries.md").write_text(countries, "utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(BundleError) as err:
        read_bundle(folder)
    return [str(p) for p in err.value.problems]


def test_billion_laughs_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = _bundle(tmp_path / "laughs", BILLION_LAUGHS)
    assert len(BILLION_LAUGHS.encode()) < 700
    start = time.perf_counter()
    problems = _problems(folder)
    assert time.perf_counter() - start < 5  # was: minutes, then a MemoryError
    assert problems[0] == (
        f"{folder / 'briefing.md'}:4: front matter: "
        "anchors and aliases (&a) are not allowed; write the value out"
    )


def test_library_scan_reports_the_aliased_bundle_and_keeps_the_others(tmp_path: Path) -> None:
    _bundle(tmp_path / "root" / "laughs", BILLION_LAUGHS)
    good = tmp_path / "root" / "seed"
    good.parent.mkdir(parents=True, exist_ok=True)
    import shutil

    shutil.copytree(SEED_BUNDLE, good)
    entries = {e.path.name: e for e in discover([tmp_path / "root"])}
    assert entries["seed"].ok
    assert not entries["laughs"].ok
    assert "anchors and aliases" in entries["laughs"].problems[0].message


def test_a_lone_alias_is_refused_where_it_is_used(tmp_path: Path) -> None:
    text = "---\nid: x\ntitle: T\ntags: [a]\nsummary: *nothing\n---\nBody.\n"
    problems = _problems(_bundle(tmp_path / "x", text))
    where = tmp_path / "x" / "briefing.md"
    assert problems[0].startswith(f"{where}:5: front matter: anchors and aliases (*nothing)")


def _timed(fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best
