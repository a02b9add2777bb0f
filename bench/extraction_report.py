"""Every extraction figure of issue 10 against its target, in one command:
`python bench/extraction_report.py [--quick]`.

Quotes and speakers on PolNeAR (bench/quotes_bench.py), dates on TempEval-3
(bench/dates_bench.py), figures, imports of real pages and extraction speed
(bench/figures_bench.py), countries on our own trap sentences (bench/countries_bench.py),
and article bodies on the 60 benchmark pages (bench/article_extraction.py). Each
module measures; this one only gathers and prints. The public data comes from
../shared/data (see its README for the scoring conventions); without it, only the
figures on the project's own data are printed, and the rest say so.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"

Row = tuple[str, float, str, str, bool | None]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _body_rows() -> list[Row]:
    """Article bodies: keep F1 >= .975 and precision >= .985 while the rest improves."""
    bench = _load("article_extraction")
    targets = {"mean F1": (0.975, ">= .975"), "mean precision": (0.985, ">= .985")}
    rows: list[Row] = []
    for name, value, unit in bench.measure():
        for key, (floor, text) in targets.items():
            if name == f"article extraction ours: {key}":
                rows.append((f"body {key} (60 article pages)", value, unit, text, value >= floor))
    return rows


def _rows_of(name: str) -> Callable[[], list[Row]]:
    def rows() -> list[Row]:
        return [tuple(r) for r in _load(name).measure()]  # type: ignore[misc]

    return rows


SECTIONS: list[tuple[str, Callable[[], list[Row]], bool]] = [
    # (title, measure, needs ../shared/data)
    ("quotes and speakers (PolNeAR)", _rows_of("quotes_bench"), True),
    ("dates (TempEval-3)", _rows_of("dates_bench"), True),
    ("countries (own trap sentences)", _rows_of("countries_bench"), False),
    ("figures, imports, speed", _rows_of("figures_bench"), True),
    ("article bodies", _body_rows, True),
]


def _shown(value: float, unit: str) -> str:
    if unit in ("%", "MB/s", "s"):
        return f"{value:.1f} {unit}"
    if 0 < abs(value) < 1:
        return f"{value:.3f} {unit}".rstrip()
    return f"{value:g} {unit}".rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the sections whose title contains this word")
    args = parser.parse_args(argv)
    missed = 0
    for title, measure, needs_data in SECTIONS:
        if args.only and args.only.lower() not in title.lower():
            continue
        print(f"== {title}")
        if needs_data and not DATA.is_dir():
            print(f"   skipped: {DATA} is absent (public data beside the repo; a fresh clone has none)")
            continue
        start = time.perf_counter()
        for name, value, unit, target, passed in measure():
            verdict = "" if passed is None else ("  ok" if passed else "  MISSED")
            missed += passed is False
            print(f"   {name}: {_shown(value, unit)}  (target {target}){verdict}")
        print(f"   ({time.perf_counter() - start:.0f} s)")
    print(f"== {missed} figure(s) missed their target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
