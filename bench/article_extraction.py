"""How well `briefing import` gets the story out of a news page, against plain trafilatura.

Data: ../shared/data/article-extraction/ (60 real news pages from the scrapinghub
article-extraction-benchmark, with the article body a person marked: ground-truth.json,
key `articleBody`).

Scoring, as in that benchmark's evaluate.py but on single tokens: text is lower-cased and
split into word tokens with the regex `\\w+` (Unicode); a page's true positives are the
size of the multiset intersection of extracted and marked tokens (a token counts as often
as it appears in both), precision = tp / extracted tokens, recall = tp / marked tokens,
F1 their harmonic mean. Figures are means over pages, so long pages weigh no more than
short ones. The benchmark's own 4-token shingle F1 is printed too, for comparison with
published tables. "ours" is `read_html(...).body` with Markdown's backslash escapes
removed (the text a reader sees: `a\\_b` shows as `a_b`); "plain" is
`trafilatura.extract(html, include_comments=False)`, the benchmark's own trafilatura run.

    python bench/article_extraction.py           # one line per figure
    python bench/article_extraction.py --pages   # and a per-page table
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefing_tui.extract.html import read_html  # noqa: E402
from briefing_tui.extract.result import ArticleError  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "article-extraction"
_TOKEN = re.compile(r"\w+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class PageResult:
    name: str
    url: str
    ours: Score
    plain: Score
    ours_shingle: Score
    plain_shingle: Score


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, as the benchmark splits text."""
    return _TOKEN.findall((text or "").lower())


def shingles(text: str, n: int = 4) -> list[tuple[str, ...]]:
    """The benchmark's own unit: runs of n consecutive tokens."""
    toks = tokens(text)
    return [tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n]]


def score(true: list, pred: list) -> Score:
    """Precision, recall and F1 over multisets of units (tokens or shingles)."""
    true_counts, pred_counts = Counter(true), Counter(pred)
    tp = sum((true_counts & pred_counts).values())
    if not true_counts and not pred_counts:
        return Score(1.0, 1.0, 1.0)
    precision = tp / sum(pred_counts.values()) if pred_counts else 0.0
    recall = tp / sum(true_counts.values()) if true_counts else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def pages() -> Iterator[tuple[str, str, str, str]]:
    """(name, url, html, marked body) for each page of the set."""
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    for name in sorted(truth):
        with gzip.open(DATA / "html" / f"{name}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        yield name, truth[name].get("url", ""), html, truth[name].get("articleBody", "")


def ours(html: str) -> str:
    try:
        return _ESCAPE.sub(r"\1", read_html(html).body)
    except ArticleError:
        return ""


def plain(html: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


def evaluate() -> list[PageResult]:
    results = []
    for name, url, html, truth in pages():
        a, b = ours(html), plain(html)
        results.append(
            PageResult(
                name=name,
                url=url,
                ours=score(tokens(truth), tokens(a)),
                plain=score(tokens(truth), tokens(b)),
                ours_shingle=score(shingles(truth), shingles(a)),
                plain_shingle=score(shingles(truth), shingles(b)),
            )
        )
    return results


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def figures(results: list[PageResult]) -> list[tuple[str, float, str]]:
    out: list[tuple[str, float, str]] = []
    for label, pick in (
        ("ours", lambda r: r.ours),
        ("plain trafilatura", lambda r: r.plain),
    ):
        scores = [pick(r) for r in results]
        out += [
            (f"article extraction {label}: mean precision", _mean([s.precision for s in scores]), ""),
            (f"article extraction {label}: mean recall", _mean([s.recall for s in scores]), ""),
            (f"article extraction {label}: mean F1", _mean([s.f1 for s in scores]), ""),
        ]
    deltas = [r.ours.f1 - r.plain.f1 for r in results]
    out.append(("article extraction: worst per-page F1 delta (ours - plain)", min(deltas), ""))
    out.append(
        (
            "article extraction: pages better than plain (F1 +0.005)",
            float(sum(d > 0.005 for d in deltas)),
            "pages",
        )
    )
    out.append(
        (
            "article extraction: pages worse than plain (F1 -0.005)",
            float(sum(d < -0.005 for d in deltas)),
            "pages",
        )
    )
    out.append(
        (
            "article extraction ours: mean 4-shingle F1 (benchmark's unit)",
            _mean([r.ours_shingle.f1 for r in results]),
            "",
        )
    )
    out.append(
        (
            "article extraction plain trafilatura: mean 4-shingle F1 (benchmark's unit)",
            _mean([r.plain_shingle.f1 for r in results]),
            "",
        )
    )
    return out


def measure() -> list[tuple[str, float, str]]:
    """(name, value, unit) figures for bench/run.py."""
    return figures(evaluate())


def _table(results: list[PageResult]) -> str:
    cols = f"{'ours P':>7} {'R':>6} {'F1':>6}   {'plain P':>7} {'R':>6} {'F1':>6}  {'dF1':>6}"
    head = f"{'page':<10} {cols}  url"
    rows = [head]
    for r in results:
        rows.append(
            f"{r.name[:10]:<10} {r.ours.precision:7.3f} {r.ours.recall:6.3f} {r.ours.f1:6.3f}   "
            f"{r.plain.precision:7.3f} {r.plain.recall:6.3f} {r.plain.f1:6.3f}  "
            f"{r.ours.f1 - r.plain.f1:+6.3f}  {r.url[:60]}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="print a per-page table too")
    args = parser.parse_args(argv)
    results = evaluate()
    if args.pages:
        print(_table(results))
        print()
    for name, value, unit in figures(results):
        shown = f"{value:.0f}" if unit == "pages" else f"{value:.4f}"
        print(f"{name}: {shown}{(' ' + unit) if unit else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
