"""Extraction quality and speed figures: country alias coverage, money and percent
precision/recall on Microsoft Recognizers-Text specs, and MB/s on a 1 MB article (the
seed repeated), on 1 MB of the 60 ground-truth pages' text, and on those pages once.

Run alone (`python bench/extraction_bench.py`) to print one line per figure;
`bench/run.py` imports `measure()`. Data comes from ../shared/data (test data,
never read by the app).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_tui.extract.countries import lookup  # noqa: E402
from briefing_tui.extract.facts import extract  # noqa: E402
from briefing_tui.extract.numbers import NumberMention, find_money, find_percents  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SEED = ROOT / "seeds" / "000_2bdf84615b68684f.txt"
PAGES = DATA / "article-extraction" / "ground-truth.json"
MINOR_UNITS = {"Cent": 100, "Pence": 100, "Penny": 100}


def entry_forms(entry: dict[str, Any]) -> set[str]:
    """A mledoze/countries entry's common name, alternative spellings of 3+ letters and English demonyms."""
    forms = {entry["name"]["common"]}
    forms |= {a for a in entry.get("altSpellings", []) if len(a) >= 3}
    return forms | {d for d in entry.get("demonyms", {}).get("eng", {}).values() if d}


def country_coverage(path: Path = DATA / "countries" / "countries.json") -> tuple[int, int, int]:
    """(forms mapped to their own country, forms mapped to a country sharing the form, total).

    Forms: every common name, alternative spelling of 3+ letters and English demonym.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    owners: dict[str, set[str]] = {}
    for entry in data:
        for form in entry_forms(entry):
            owners.setdefault(form, set()).add(entry["cca2"])
    own = shared = total = 0
    for entry in data:
        for form in entry_forms(entry):
            total += 1
            got = lookup(form)
            own += got == entry["cca2"]
            shared += got in owners[form]
    return own, shared, total


def score(
    cases: list[dict], finder: Callable[[str], list[NumberMention]], *, skip_unsupported: bool
) -> tuple[float, float, float, int]:
    """(precision, recall, value accuracy, cases used) of exact spans against the spec.

    Expected results without a value (a bare "dollar") are not amounts and are left out;
    cents and pence are compared in the major unit (50 cents = 0.5 USD).
    """
    tp = predicted = expected = right = used = 0
    for case in cases:
        if skip_unsupported and ("NotSupported" in case or "NotSupportedByDesign" in case):
            continue
        used += 1
        gold: dict[tuple[int, int], dict] = {}
        for r in case["Results"]:
            value = r["Resolution"].get("value")
            if value in (None, "null"):
                continue
            gold[(r["Start"], r["End"] + 1)] = r
        found = {(m.start, m.end): m for m in finder(case["Input"])}
        predicted += len(found)
        expected += len(gold)
        for span, r in gold.items():
            m = found.get(span)
            if m is None:
                continue
            tp += 1
            res = r["Resolution"]
            want = float(str(res["value"]).rstrip("%"))
            want /= MINOR_UNITS.get(res.get("unit", ""), 1)
            ok = abs((m.value.amount or 0) - want) <= 1e-9 * max(1.0, abs(want))
            if res.get("isoCurrency"):
                ok = ok and m.value.unit == res["isoCurrency"]
            right += ok
    precision = tp / predicted if predicted else 1.0
    recall = tp / expected if expected else 1.0
    return precision, recall, (right / tp if tp else 1.0), used


def seed_article(size: int = 1_000_000) -> str:
    """The seed article repeated up to `size` characters."""
    seed = SEED.read_text(encoding="utf-8")
    body = (seed + "\n\n") * (size // (len(seed) + 2) + 1)
    return body[:size]


def page_texts(path: Path = PAGES) -> list[str]:
    """The article text of each of the 60 ground-truth pages."""
    return [page["articleBody"] for page in json.loads(path.read_text(encoding="utf-8")).values()]


def pages_article(size: int = 1_000_000) -> str:
    """The 60 pages' texts, one after another, repeated up to `size` characters: real
    text of many writers rather than one article over and over."""
    texts = page_texts()
    body = "\n\n".join(texts)
    return ("\n\n".join([body] * (size // (len(body) + 2) + 1)))[:size]


def speed(body: str, runs: int = 3) -> float:
    """MB/s of the whole extraction (sentences, countries, numbers, dates, quotes, facts),
    best of `runs` so a busy machine or the one-off regex compilation does not count."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        extract(body, published="2025-11-26")
        best = min(best, time.perf_counter() - start)
    return len(body.encode("utf-8")) / 1e6 / best


def measure() -> list[tuple[str, float, str]]:
    """Every figure as (name, value, unit)."""
    figures: list[tuple[str, float, str]] = []
    own, shared, total = country_coverage()
    figures.append(("country alias coverage (own country)", 100 * own / total, "%"))
    figures.append(("country alias coverage (own or co-claimant)", 100 * shared / total, "%"))
    rec = DATA / "recognizers"
    for name, file, finder in (
        ("currency", "CurrencyModel.json", find_money),
        ("percent", "PercentModel.json", find_percents),
    ):
        cases = json.loads((rec / file).read_text(encoding="utf-8"))
        for skip, label in ((False, "all cases"), (True, "NotSupported excluded")):
            p, r, acc, used = score(cases, finder, skip_unsupported=skip)
            figures.append((f"{name} precision ({label}, {used} cases)", 100 * p, "%"))
            figures.append((f"{name} recall ({label}, {used} cases)", 100 * r, "%"))
            figures.append((f"{name} value accuracy ({label}, {used} cases)", 100 * acc, "%"))
    figures.append(("extraction speed, 1 MB article (seed repeated)", speed(seed_article()), "MB/s"))
    figures.append(("extraction speed, 1 MB of the 60 pages' text", speed(pages_article()), "MB/s"))
    figures.append(("extraction speed, the 60 pages' text once (no repeats)",
                    speed("\n\n".join(page_texts())), "MB/s"))
    return figures


if __name__ == "__main__":
    for fig_name, value, unit in measure():
        print(f"{fig_name}: {value:.1f} {unit}")
