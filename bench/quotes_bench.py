"""Quote recall, precision and speaker accuracy of the extractor on PolNeAR (dev split).

Data: ../shared/data/polnear-dev/ (84 US political news articles, 2015-16, with every
attribution marked in brat standoff: Source, Cue, Content and character offsets).
Where an article has several annotators' files, the first by file name is used.

Scoring, as ../shared/data/README.md sets it:
- gold = attributions whose Content holds a quoted segment of at least three words (a
  stretch between quote marks, “…” or "…", of which three or more words lie inside the
  Content spans; a quote that runs on into the next paragraph counts per paragraph);
- a quote fact (from `extract(body, published)`) matches a gold quote when its source and
  the gold content share a run of 5 consecutive tokens (`\\w+`, lower-cased), or the whole
  content when it is shorter than that;
- recall over gold quotes, precision over quote facts;
- speaker accuracy = matched quote facts whose speaker contains the surname of the gold
  Source (its last capitalised word); for a pronoun source ("he", "she"), the surname of
  the nearest earlier annotated Source that names someone. Sources naming nobody ("a
  source", "officials") are left out of speaker accuracy.

To guard against tuning to the data, rules are developed on the first 60 articles (sorted
by file name, "dev") and the last 24 ("held-out") are reported separately; the targets
apply to all 84.

    python bench/quotes_bench.py            # one line per figure
    python bench/quotes_bench.py --misses   # and the misses and wrong speakers (dev only)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefing_tui.extract.facts import extract  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "polnear-dev"
DEV_COUNT = 60
TARGETS = {"recall": 0.75, "precision": 0.95, "speaker": 0.90}
RUN = 5
_TOKEN = re.compile(r"\w+")
_WORD = re.compile(r"[\w’'-]+")
_QUOTED = re.compile(r"“[^”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.M)
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
_PRONOUNS = {"he", "she", "they", "him", "her", "i", "we", "it", "his", "their", "who"}
_CAPWORD = re.compile(r"[A-Z][\w’'-]*")
_NOT_SURNAME = {
    "The", "A", "An", "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "President",
    "Senator", "Governor", "Secretary", "Former", "Republican", "Democratic", "Democrat",
}


@dataclass(frozen=True)
class GoldQuote:
    content: str
    source: str
    surname: str  # "" when the source names nobody


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    published: str
    gold: tuple[GoldQuote, ...]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0  # gold quotes matched by some fact
    facts: int = 0
    right_facts: int = 0  # facts matching some gold quote
    judged: int = 0  # matched facts whose gold source names someone
    right_speaker: int = 0

    def add(self, other: Tally) -> None:
        for field in ("gold", "found", "facts", "right_facts", "judged", "right_speaker"):
            setattr(self, field, getattr(self, field) + getattr(other, field))

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.right_facts / self.facts if self.facts else 1.0

    @property
    def speaker(self) -> float:
        return self.right_speaker / self.judged if self.judged else 1.0


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def surname(source: str) -> str:
    """The surname a source span names: the last capitalised word of its head, before any
    comma, bracket or relative clause ("longtime pollster Pat Caddell" -> "Caddell",
    "Rep. Jim Clyburn (D-S.C.), the assistant leader" -> "Clyburn"); "" for "a source" or
    "Few presidents" (a capitalised first word followed by lower-case words is no name)."""
    head = re.sub(r"\([^)]*\)", " ", source)
    head = re.split(r",|\s(?:who|whom|which|that)\s", head.strip())[0]
    before_of = head.split(" of ")[0]
    if before_of != head and surname(before_of):  # "Rep. Elijah Cummings of Maryland"
        return surname(before_of)
    words = head.split()
    if len(words) > 1 and words[1][:1].islower():
        words = words[1:]  # "Another critic", "Few presidents", "Clinton aides"
    names = [re.sub(r"[’']s$", "", w).strip(".,:;\"“”") for w in words]
    names = [w for w in names if _CAPWORD.fullmatch(w) and len(w) > 1 and w not in _NOT_SURNAME]
    return names[-1] if names else ""


def _spans(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field.split(";"))]


def _holds_quote(text: str, spans: list[tuple[int, int]]) -> bool:
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    region_lo = text.rfind("\n", 0, lo) + 1
    region_hi = text.find("\n", hi)
    region_hi = len(text) if region_hi < 0 else region_hi
    for m in _QUOTED.finditer(text, region_lo, region_hi):
        inside = sum(
            1 for w in _WORD.finditer(text, m.start(), m.end())
            if any(a <= w.start() and w.end() <= b for a, b in spans)
        )
        if inside >= 3:
            return True
    return False


def load(path_text: Path, path_ann: Path) -> Article:
    text = path_text.read_text(encoding="utf-8")
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in path_ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, field = parts[1].partition(" ")
            spans[parts[0]] = _spans(field)
    attributions: list[tuple[int, list[tuple[int, int]], str]] = []
    for line in path_ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("E"):
            continue
        roles = dict(r.split(":", 1) for r in line.split("\t")[1].split())
        content = spans.get(roles.get("Content", ""))
        if not content:
            continue
        source_spans = spans.get(roles.get("Source", ""), [])
        source = " ".join(text[a:b] for a, b in source_spans)
        attributions.append((min(a for a, _ in content), content, source))
    attributions.sort(key=lambda t: t[0])
    # Pronoun sources: the nearest earlier source that names someone.
    named: list[tuple[int, str]] = sorted(
        (start, surname(src)) for start, _, src in attributions if surname(src)
        and src.strip().lower() not in _PRONOUNS
    )
    gold: list[GoldQuote] = []
    for start, content, source in attributions:
        if not _holds_quote(text, content):
            continue
        name = surname(source)
        if source.strip().lower() in _PRONOUNS:
            earlier = [s for pos, s in named if pos < start]
            name = earlier[-1] if earlier else ""
        gold.append(GoldQuote(" ".join(text[a:b] for a, b in content), source, name))
    date = _DATE.search(path_text.name)
    return Article(path_text.stem, text, date.group(1) if date else "", tuple(gold))


def articles(data: Path = DATA) -> list[Article]:
    """Every article with its gold quotes, sorted by file name."""
    out = []
    for path in sorted((data / "text").glob("*.txt")):
        anns = sorted((data / "attributions").glob(path.stem + "_*.ann"))
        if anns:
            out.append(load(path, anns[0]))
    return out


def _shares_run(a: list[str], b: list[str]) -> bool:
    n = min(RUN, len(b))
    if n == 0 or len(a) < n:
        return False
    grams = {tuple(b[i : i + n]) for i in range(len(b) - n + 1)}
    return any(tuple(a[i : i + n]) in grams for i in range(len(a) - n + 1))


def score(article: Article, report: list[str] | None = None) -> Tally:
    """The tally of one article; misses and wrong speakers appended to `report`."""
    facts = [f for f in extract(article.text, article.published).facts if f.kind == "quote"]
    gold_tokens = [tokens(g.content) for g in article.gold]
    tally = Tally(gold=len(article.gold), facts=len(facts))
    found: set[int] = set()
    for fact in facts:
        src = tokens(fact.source)
        hits = [i for i, gt in enumerate(gold_tokens) if _shares_run(src, gt)]
        if not hits:
            if report is not None:
                report.append(f"  EXTRA [{fact.speaker}] {fact.source[:160]}")
            continue
        tally.right_facts += 1
        found.update(hits)
        names = [article.gold[i].surname for i in hits if article.gold[i].surname]
        if names:
            tally.judged += 1
            speaker = (fact.speaker or "").lower()
            if any(n.lower() in speaker for n in names):
                tally.right_speaker += 1
            elif report is not None:
                report.append(f"  SPEAKER got [{fact.speaker}] want {names}: {fact.source[:120]}")
    tally.found = len(found)
    if report is not None:
        for i, g in enumerate(article.gold):
            if i not in found:
                report.append(f"  MISS [{g.source}] {g.content[:160]}")
    return tally


def tally_of(items: Iterable[Article], report: list[str] | None = None) -> Tally:
    total = Tally()
    for article in items:
        lines: list[str] = []
        total.add(score(article, lines if report is not None else None))
        if report is not None and lines:
            report.append(article.name)
            report.extend(lines)
    return total


def _figures(label: str, t: Tally, check: bool) -> list[tuple[str, float, str, str, bool]]:
    out = []
    for key, value, name in (
        ("recall", t.recall, f"quote recall ({label}, {t.gold} gold quotes)"),
        ("precision", t.precision, f"quote precision ({label}, {t.facts} quote facts)"),
        ("speaker", t.speaker, f"speaker accuracy ({label}, {t.judged} matched facts)"),
    ):
        target = TARGETS[key]
        text = f">= {target:.2f}" if check else f"(>= {target:.2f} on all 84)"
        out.append((name, value, "", text, value >= target if check else True))
    return out


def measure(data: Path = DATA) -> list[tuple[str, float, str, str, bool]]:
    """(name, value, unit, target, passed) for all articles, the dev and the held-out part."""
    if not data.is_dir():
        return []
    items = articles(data)
    dev, held = tally_of(items[:DEV_COUNT]), tally_of(items[DEV_COUNT:])
    total = Tally()
    total.add(dev)
    total.add(held)
    return [
        *_figures(f"all {len(items)}", total, True),
        *_figures(f"dev, first {DEV_COUNT}", dev, False),
        *_figures(f"held-out, last {len(items) - DEV_COUNT}", held, False),
    ]


def main(argv: list[str]) -> int:
    if not DATA.is_dir():
        print(f"quotes bench: {DATA} is absent (public test data beside the repo); nothing measured")
        return 0
    if "--misses" in argv:
        report: list[str] = []
        tally_of(articles()[:DEV_COUNT], report)
        print("\n".join(report))
    for name, value, _unit, target, passed in measure():
        mark = "ok" if passed else "BELOW TARGET"
        print(f"{name}: {value:.3f} {target} {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
