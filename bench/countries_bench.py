"""Country mentions: false positives and recall on the project's own sentence set
(tests/data/country_sentences.json: people, US states, places and words that share a
country's name, and true mentions of those names), alias coverage on mledoze/countries,
extraction speed, and what the evidence rules change on real news (PolNeAR dev texts and
the 60 article-extraction pages).

Run alone (`python bench/countries_bench.py`) to print each figure against its target and
the corpus changes with a sample; `measure()` returns the figures. Data beside the repo
comes from ../shared/data (test data, never read by the app).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extraction_bench import DATA, country_coverage, entry_forms, page_texts, pages_article, speed  # noqa: E402

from briefing_tui.extract.countries import country_codes, find_countries, person_names  # noqa: E402
from briefing_tui.extract.sentences import split_sentences  # noqa: E402

SENTENCES = ROOT / "tests" / "data" / "country_sentences.json"
POLNEAR = DATA / "polnear-dev" / "text"
COVERAGE_BEFORE = 100 * 1023 / 1033  # own-country coverage before the evidence rules (issue 10)


def sentence_scores(path: Path = SENTENCES) -> tuple[list[str], int, int]:
    """(false positives as "CODE in sentence", true codes found, true codes expected).

    A false positive is a code the extractor gives that the sentence does not name; recall
    counts the expected codes of the positive sentences."""
    cases = json.loads(path.read_text(encoding="utf-8"))["sentences"]
    false: list[str] = []
    found = expected = 0
    for case in cases:
        got = country_codes(case["sentence"])
        false += [f"{code} in {case['sentence']!r}" for code in got if code not in case["codes"]]
        if case["kind"] == "positive":
            expected += len(case["codes"])
            found += sum(code in got for code in case["codes"])
    return false, found, expected


def bare_forms() -> tuple[int, int]:
    """(mledoze names and demonyms found as their country when written alone, all of them):
    the ambiguous ones now need context, so fewer are found bare than `lookup` maps."""
    data = json.loads((DATA / "countries" / "countries.json").read_text(encoding="utf-8"))
    total = found = 0
    for entry in data:
        for form in entry_forms(entry):
            total += 1
            found += any(m.text == form for m in find_countries(form))
    return found, total


def corpus_texts() -> list[tuple[str, str]]:
    """(name, text) of the 84 PolNeAR dev articles and the 60 article-extraction pages."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(POLNEAR.glob("*.txt"))]
    texts += [(f"page {i}", t) for i, t in enumerate(page_texts())]
    return texts


def corpus_changes() -> tuple[int, int, list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(mentions before, after, removed, added) over the corpus, sentence by sentence as
    `extract` reads it; removed/added as (text name, words, sentence)."""
    before = after = 0
    removed: list[tuple[str, str, str]] = []
    added: list[tuple[str, str, str]] = []
    for name, text in corpus_texts():
        named = person_names(text)
        for s in split_sentences(text):
            old = {(m.start, m.text) for m in find_countries(s.text, weigh=False)}
            new = {(m.start, m.text) for m in find_countries(s.text, named)}
            before += len(old)
            after += len(new)
            removed += [(name, words, s.text) for _, words in sorted(old - new)]
            added += [(name, words, s.text) for _, words in sorted(new - old)]
    return before, after, removed, added


def country_speed(body: str, runs: int = 3) -> float:
    """MB/s of the country finding alone, as `extract` runs it (person names over the body,
    then every sentence), best of `runs`: the whole extraction's speed also moves with the
    other finders."""
    sentences = [s.text for s in split_sentences(body)]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        named = person_names(body)
        for text in sentences:
            find_countries(text, named)
        best = min(best, time.perf_counter() - start)
    return len(body.encode("utf-8")) / 1e6 / best


def measure() -> list[tuple[str, float, str, str, bool]]:
    """Every figure as (name, value, unit, target, passed)."""
    cases = json.loads(SENTENCES.read_text(encoding="utf-8"))["sentences"]
    negatives = sum(c["kind"] == "negative" for c in cases)
    positives = len(cases) - negatives
    false, found, expected = sentence_scores()
    recall = 100 * found / expected
    own, _, total = country_coverage()
    coverage = 100 * own / total
    bare, forms = bare_forms()
    body = pages_article()
    mbps = speed(body)
    own_mbps = country_speed(body)
    return [
        (f"false country mentions ({negatives} trap + {positives} true sentences)",
         len(false), "", "0", not false),
        (f"recall of true countries ({positives} sentences, {expected} codes)",
         recall, "%", "100 %", found == expected),
        ("country alias coverage (own country, lookup)", coverage, "%",
         f">= {COVERAGE_BEFORE - 0.5:.1f} % (was {COVERAGE_BEFORE:.1f})",
         coverage >= COVERAGE_BEFORE - 0.5),
        ("names and demonyms found written alone (no context)", 100 * bare / forms, "%",
         ">= 98 % (ambiguous names need context)", bare / forms >= 0.98),
        ("extraction speed, 1 MB of the 60 pages' text", mbps, "MB/s", ">= 1 MB/s", mbps >= 1.0),
        ("country finding alone, same 1 MB (about 14 before the evidence rules)", own_mbps, "MB/s",
         ">= 5 MB/s", own_mbps >= 5.0),
    ]


def main() -> None:
    for name, value, unit, target, passed in measure():
        print(f"{'ok  ' if passed else 'FAIL'} {name}: {value:.1f} {unit} (target {target})")
    false, _, _ = sentence_scores()
    for line in false:
        print("  false:", line)
    before, after, removed, added = corpus_changes()
    print(f"PolNeAR dev (84) + 60 pages: {before} country mentions before the evidence rules, "
          f"{after} after: {len(removed)} removed, {len(added)} added")
    counts: dict[str, int] = {}
    for _, words, _ in removed:
        counts[words] = counts.get(words, 0) + 1
    print("  removed by name:", ", ".join(f"{w} {n}" for w, n in sorted(counts.items())))
    sample = random.Random(10).sample(removed, min(15, len(removed)))
    for name, words, sentence in sample:
        at = sentence.find(words)
        print(f"  - {words!r} [{name[:30]}] …{sentence[max(0, at - 50):at + 50]}…")


if __name__ == "__main__":
    main()
