"""Money and percent spans against Microsoft Recognizers-Text specs (shared/data).

Exact spans (End is inclusive in the spec), values in the major unit (50 cents = 0.5),
currency checked where the spec gives an ISO code. Floors sit a little under today's
figures so a regression fails here.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import requires_shared, shared_data

from briefing_tui.extract.numbers import find_money, find_percents

ROOT = Path(__file__).resolve().parents[1]


def _bench():  # bench/ is not a package: load the scorer it uses
    spec = importlib.util.spec_from_file_location("extraction_bench", ROOT / "bench" / "extraction_bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


@pytest.mark.parametrize(
    ("file", "finder", "skip", "floors"),
    [
        ("CurrencyModel.json", find_money, False, (0.95, 0.92, 0.99)),
        ("CurrencyModel.json", find_money, True, (0.98, 0.97, 0.99)),
        ("PercentModel.json", find_percents, False, (0.95, 0.95, 0.99)),
        ("PercentModel.json", find_percents, True, (0.95, 0.95, 0.99)),
    ],
)
def test_floors(file: str, finder, skip: bool, floors: tuple[float, float, float]) -> None:
    cases = json.loads(shared_data("recognizers", file).read_text(encoding="utf-8"))
    precision, recall, accuracy, used = BENCH.score(cases, finder, skip_unsupported=skip)
    assert used == (len(cases) if not skip else sum(
        1 for c in cases if "NotSupported" not in c and "NotSupportedByDesign" not in c))
    assert precision >= floors[0], precision
    assert recall >= floors[1], recall
    assert accuracy >= floors[2], accuracy


@requires_shared
def test_bench_measure_lists_every_figure() -> None:
    names = [name for name, _, _ in BENCH.measure()]
    assert any(n.startswith("country alias coverage") for n in names)
    assert any(n.startswith("currency recall") for n in names)
    assert any(n.startswith("percent precision") for n in names)
    assert names[-1].startswith("extraction speed")
