"""Date value precision, recall and F1 on TempEval-3 (TimeBank + AQUAINT, 256 articles).

Convention (../shared/data/README.md): the TimeML tags are stripped to plain text and the
article is run through the real extractor (`extract(body, published)`) with the document
creation time as the published date; the date facts are what it finds. Gold = TIMEX3 of
type DATE whose value holds neither `REF` nor `X`. A gold expression is found when some
date fact has the same value at the gold's granularity (`2013-03` is matched by `2013-03`
or `2013-03-22`; `1998-Q3` by `1998-Q3`, `1998-08` or `1998-08-14`; `199` by `1990s` or
any year 1990-1999). Recall is over gold expressions; precision over date facts, a fact
being right when it matches some gold expression of its article. A period counts through
its start and its end: either may match.

To keep the rules honest the files are split (sorted by name): the first 190 are where
the rules were developed, the last 66 are a held-out check. The target applies to all.

Run alone (`python bench/dates_bench.py`) to print one line per figure.
"""

from __future__ import annotations

import html
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_tui.extract.facts import extract  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "tempeval3-train"
DEV_FILES = 190
TARGET_F1 = 0.85

_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_SEASONS = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
            9: "FA", 10: "FA", 11: "FA"}


@dataclass(frozen=True)
class Article:
    name: str
    body: str
    published: str
    gold: tuple[str, ...]  # gold DATE values, one per expression


def files(data: Path = DATA) -> list[Path]:
    """The 256 articles (testpipeline/ holds a copy of one of them)."""
    paths = [*data.glob("AQUAINT/*.tml"), *data.glob("TimeBank/*.tml")]
    return sorted(paths, key=lambda p: p.name)


def read_tml(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>(.*?)</DCT>", raw, re.DOTALL)
    published = ""
    if dct and (m := _TIMEX.search(dct.group(1))):
        published = dict(_ATTR.findall(m.group(1))).get("value", "")[:10]
    text_m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    text = text_m.group(1) if text_m else ""
    gold = []
    for m in _TIMEX.finditer(text):
        attrs = dict(_ATTR.findall(m.group(1)))
        value = attrs.get("value", "")
        if attrs.get("type") == "DATE" and "REF" not in value and "X" not in value:
            gold.append(value)
    body = html.unescape(_TAG.sub("", text)).strip()
    return Article(path.name, body, published, tuple(gold))


def _at(value: str, gold: str) -> str | None:
    """`value` (one fact's date) written at the granularity of `gold`, or None if it can't be."""
    if value.endswith("s") and re.fullmatch(r"\d{3}0s", value):  # a decade, "1990s"
        return value[:3] if re.fullmatch(r"\d{2,3}", gold) else None
    if re.fullmatch(r"\d{3}", gold) or re.fullmatch(r"\d{2}", gold):  # decade, century
        return value[: len(gold)] if re.match(r"\d{4}", value) else None
    if re.fullmatch(r"\d{4}", gold):
        return value[:4]
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if m is None:  # week, quarter, season, half: only its own form at its own granularity
        return value if len(value) <= len(gold) and gold.startswith(value[:5]) else None
    y, mo, d = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    if re.fullmatch(r"\d{4}-Q\d", gold):
        return f"{y}-Q{(mo - 1) // 3 + 1}" if mo else None
    if re.fullmatch(r"\d{4}-H\d", gold):
        return f"{y}-H{(mo - 1) // 6 + 1}" if mo else None
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", gold):
        return f"{y}-{_SEASONS[mo]}" if mo and mo != 12 else None
    if re.fullmatch(r"\d{4}-W\d\d", gold):
        if d is None or mo is None:
            return None
        iy, iw, _ = date(y, mo, d).isocalendar()
        return f"{iy}-W{iw:02d}"
    if re.fullmatch(r"\d{4}-W\d\d-WE", gold):
        if d is None or mo is None:
            return None
        iy, iw, wd = date(y, mo, d).isocalendar()
        return f"{iy}-W{iw:02d}-WE" if wd >= 6 else None
    return value[: len(gold)] if len(value) >= len(gold) else None


def matches(fact_values: tuple[str, ...], gold: str) -> bool:
    gold = gold.split("T")[0]  # 1998-08-07TNI: the date part
    gold = re.sub(r"-W(\d)(?!\d)", r"-W0\1", gold)  # some files write 2000-W2 for 2000-W02
    return any(_at(v, gold) == gold for v in fact_values)


def fact_values(body: str, published: str) -> list[tuple[str, ...]]:
    """The date facts the extractor finds: each as its date, or a period's (start, end)."""
    out: list[tuple[str, ...]] = []
    for f in extract(body, published).facts:
        if f.kind != "date" or f.value is None:
            continue
        v = f.value
        out.append((v.start, v.end) if v.type == "period" else (v.start,))
    return out


def score(articles: list[Article]) -> tuple[float, float, float, int, int]:
    """(precision, recall, F1, gold expressions, date facts)."""
    gold_n = found = facts_n = right = 0
    for a in articles:
        facts = fact_values(a.body, a.published)
        gold_n += len(a.gold)
        facts_n += len(facts)
        found += sum(any(matches(f, g) for f in facts) for g in a.gold)
        right += sum(any(matches(f, g) for g in a.gold) for f in facts)
    p = right / facts_n if facts_n else 0.0
    r = found / gold_n if gold_n else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, gold_n, facts_n


def misses(articles: list[Article]) -> list[tuple[str, str, str]]:
    """(file, kind, detail) for every gold not found and every wrong fact: for development."""
    out = []
    for a in articles:
        facts = fact_values(a.body, a.published)
        for g in a.gold:
            if not any(matches(f, g) for f in facts):
                out.append((a.name, "missed", g))
        for f in facts:
            if not any(matches(f, g) for g in a.gold):
                out.append((a.name, "wrong", "/".join(f)))
    return out


def measure() -> list[tuple[str, float, str, str, bool]]:
    """(name, value, unit, target text, passed) per figure; [] when the data is absent."""
    paths = files()
    if not paths:
        return []
    articles = [read_tml(p) for p in paths]
    rows: list[tuple[str, float, str, str, bool]] = []
    t0 = time.perf_counter()
    p, r, f1, n_gold, n_facts = score(articles)
    elapsed = time.perf_counter() - t0
    rows += [
        (f"TempEval-3 date F1 (all {len(articles)} files)", f1, "", f">= {TARGET_F1}",
         f1 >= TARGET_F1),
        (f"  precision ({n_facts} date facts)", p, "", "", True),
        (f"  recall ({n_gold} gold dates)", r, "", "", True),
    ]
    for label, part in (("dev, first", articles[:DEV_FILES]), ("held-out, last", articles[DEV_FILES:])):
        pp, rr, ff, _, _ = score(part)
        rows.append((f"  {label} {len(part)} files: F1 (P {pp:.2f}, R {rr:.2f})", ff, "",
                     f">= {TARGET_F1}", ff >= TARGET_F1))
    size = sum(len(a.body.encode()) for a in articles) / 1e6
    rows.append(("  extraction over the corpus (twice: all, then the split)", size / elapsed * 2,
                 "MB/s", "", True))
    return rows


def main() -> int:
    if not files():
        print(f"dates bench: no TempEval-3 data at {DATA}; nothing measured")
        return 0
    if "--misses" in sys.argv:
        for name, kind, detail in misses([read_tml(p) for p in files()[:DEV_FILES]]):
            print(name, kind, detail)
        return 0
    for name, value, unit, target, passed in measure():
        mark = "" if not target else ("  ok" if passed else "  MISSED")
        print(f"{name:<62} {value:7.3f} {unit:<5} {target}{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
