"""Figures, fact shape and import robustness (issue 10): one line per figure against its target.

- imports that fail on the 60 real news pages of ../shared/data/article-extraction (target 0);
- a 1 MB and a 5 MB article made of those pages' text import and validate (target yes);
- money and percent precision/recall on Microsoft Recognizers-Text specs (no regression from
  the figures before this work);
- extraction speed on 1 MB of the pages' text (target >= 1 MB/s).

Run alone (`python bench/figures_bench.py`); `measure()` returns
(name, value, unit, target text, passed). Without ../shared/data it says so and exits 0.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import extraction_bench  # noqa: E402

from briefing_tui.extract.importer import ImportFailure, import_file  # noqa: E402
from briefing_tui.extract.numbers import find_money, find_percents  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
PAGES = DATA / "article-extraction" / "html"
RECOGNIZERS = DATA / "recognizers"
# Figures before this work (commit b09feb4): a floor, so better extraction never reads as a fail.
BEFORE = {
    ("currency", False): (97.8, 94.2), ("currency", True): (100.0, 99.1),
    ("percent", False): (100.0, 100.0), ("percent", True): (100.0, 100.0),
}
Figure = tuple[str, float, str, str, bool]


def page_failures(pages: Path = PAGES) -> tuple[int, int, list[str]]:
    """(failed, total, messages) importing every html.gz page in `pages`."""
    files = sorted(pages.glob("*.html.gz"))
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, page in enumerate(files):
            path = Path(tmp) / f"page-{i}.html"
            path.write_bytes(gzip.decompress(page.read_bytes()))
            try:
                import_file(str(path), Path(tmp) / "out", bundle_id=f"page-{i}",
                            published="2025-11-26")
            except ImportFailure as exc:
                failed.append(f"{page.name}: {exc}")
    return len(failed), len(files), failed


def long_import_validates(body: str) -> tuple[bool, str]:
    """(imported and validated, the failure if not) for one long article."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.md"
        path.write_text("# A long article of real news\n\n" + body, encoding="utf-8")
        try:
            import_file(str(path), Path(tmp) / "out", bundle_id="long", published="2025-11-26")
        except ImportFailure as exc:
            return False, str(exc)
    return True, ""


def measure() -> list[Figure]:
    if not DATA.is_dir():
        return []
    figures: list[Figure] = []
    failed, total, _ = page_failures()
    figures.append((f"imports that fail on the {total} real pages", failed, "", "0", failed == 0))
    for size in (1_000_000, 5_000_000):
        ok, _ = long_import_validates(extraction_bench.pages_article(size))
        figures.append((f"{size // 1_000_000} MB real-news article imports and validates",
                        float(ok), "(1 = yes)", "yes", ok))
    for name, file, finder in (("currency", "CurrencyModel.json", find_money),
                               ("percent", "PercentModel.json", find_percents)):
        cases = json.loads((RECOGNIZERS / file).read_text(encoding="utf-8"))
        for skip, label in ((False, "all cases"), (True, "NotSupported excluded")):
            p, r, _, used = extraction_bench.score(cases, finder, skip_unsupported=skip)
            floor_p, floor_r = BEFORE[(name, skip)]
            figures.append((f"{name} precision ({label}, {used} cases)", 100 * p, "%",
                            f">= {floor_p}", 100 * p >= floor_p - 0.05))
            figures.append((f"{name} recall ({label}, {used} cases)", 100 * r, "%",
                            f">= {floor_r}", 100 * r >= floor_r - 0.05))
    speed = extraction_bench.speed(extraction_bench.pages_article())
    figures.append(("extraction speed, 1 MB of the 60 pages' text", speed, "MB/s", ">= 1",
                    speed >= 1))
    return figures


if __name__ == "__main__":
    if not DATA.is_dir():
        print(f"no figures: {DATA} is absent (public test data beside the repo; a fresh "
              "clone has none)")
        sys.exit(0)
    for name, value, unit, target, passed in measure():
        shown = f"{value:.1f}" if unit in ("%", "MB/s") else f"{value:g}"
        print(f"{name}: {shown} {unit}".rstrip() + f"  (target {target}) "
              + ("ok" if passed else "MISSED"))
