"""Denial of service under the 20 MB bundle cap (issue 16, items 5-7).

Each hostile shape here is small or scaled down; the full-size shapes are in
`bench/dos_bench.py`. Timing tests compare two sizes of the same shape (10x the
input must not cost 10x more than 10x the time, with room to spare) rather than
absolute seconds, so a slow machine does not make them flake.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED_BUNDLE

from briefing_tui.article.blocks import Block, iter_block_batches
from briefing_tui.article.quote_index import first_offsets, normalise_space
from briefing_tui.article.wrap import layout_block
from briefing_tui.bundle.discover import discover
from briefing_tui.bundle.errors import BundleError
from briefing_tui.bundle.markdown import MAX_CHUNK, MAX_CHUNK_LINES, ReadableText
from briefing_tui.bundle.reader import read_bundle
from briefing_tui.bundle.validator import validate
from briefing_tui.model import Briefing, Fact

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


# --------------------------------------------------------------------------- item 6: quotes


def _quotes_at_end(size: int) -> Briefing:
    """An article of `size` characters whose facts (one per KB) quote its last paragraphs."""
    filler = "The US is reportedly planning to seek agreements with allied countries on minerals."
    closing = size // 1000
    paragraphs = [f"{filler} Part {i}." for i in range(size // (len(filler) + 12))]
    facts = []
    for k in range(closing):
        quote = f"Closing remark {k} says the allies met in December"
        paragraphs.append(quote + ".")
        facts.append(Fact(f"f{k}", "claim", "Statement.", quote))
    return Briefing("x", "T", "\n\n".join(paragraphs), facts=tuple(facts))


def _validate_quotes(b: Briefing) -> list[str]:
    problems: list[str] = []
    validate(b, {}, ReadableText(b.body), lambda f, line, m: problems.append(m))
    return [p for p in problems if "source quote" in p]


def test_checking_quotes_at_the_end_of_a_long_article_is_not_quadratic() -> None:
    small, big = _quotes_at_end(200_000), _quotes_at_end(2_000_000)
    assert _validate_quotes(big) == []
    t_small = _timed(lambda: _validate_quotes(small))
    t_big = _timed(lambda: _validate_quotes(big))
    # 10x the text and 10x the quotes: a search per quote costs 100x, one pass about 10x.
    assert t_big < 40 * t_small + 0.05, (t_small, t_big)


def test_ordering_facts_of_a_long_article_is_not_quadratic() -> None:
    small, big = _quotes_at_end(200_000), _quotes_at_end(2_000_000)
    order = big.facts_in_article_order()
    assert [f.id for f in order] == [f"f{k}" for k in range(2000)]
    t_small = _timed(lambda: dataclasses.replace(small).facts_in_article_order())
    t_big = _timed(lambda: dataclasses.replace(big).facts_in_article_order())
    assert t_big < 40 * t_small + 0.05, (t_small, t_big)


def test_facts_are_ordered_by_their_quote_whatever_its_line_breaks() -> None:
    body = "First paragraph, with the\nsecond fact.\n\nThen the first\nfact here."
    facts = (
        Fact("a", "claim", "S.", "Then the first fact here."),
        Fact("b", "claim", "S.", "with the second fact"),
        Fact("c", "claim", "S.", "not in the article"),
    )
    assert [f.id for f in Briefing("x", "T", body, facts=facts).facts_in_article_order()] == ["b", "a", "c"]


@pytest.mark.parametrize(
    "quote",
    [
        "with the",
        "ith the sec",
        "the",
        "d fact",
        "Then the first fact here.",
        "no such words at all",
        "fact here. X",
        "Then",
        "first paragraph",
    ],
)
def test_first_offsets_agrees_with_find(quote: str) -> None:
    text = normalise_space("First paragraph, with the\nsecond fact.\n\nThen the first\nfact here.")
    assert first_offsets(text, [quote])[quote] == text.find(quote)


def test_a_quote_whose_words_repeat_endlessly_is_reported_as_not_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import briefing_tui.article.quote_index as qi

    monkeypatch.setattr(qi, "MAX_CANDIDATES", 100)
    monkeypatch.setattr(qi, "DIRECT_PASSES", 0)
    monkeypatch.setattr(qi, "DIRECT_MIN", 0)
    text = " ".join(["a"] * 300)
    assert qi.first_offsets(text, ["x a a a y"]) == {"x a a a y": None}
    b = Briefing("x", "T", text, facts=(Fact("f", "claim", "S.", "x a a a y"),))
    assert _validate_quotes(b) == [
        "fact f: source quote not checked: its words occur too often in the article: “x a a a y”"
    ]


# --------------------------------------------------------------------------- item 7: odd shapes


def _largest_block(markdown: str) -> Block:
    return max((b for batch in iter_block_batches(markdown) for b in batch), key=lambda b: len(b.text))


def test_a_huge_table_is_laid_out_in_parts_each_under_its_header() -> None:
    rows = [f"| {k} | US | minerals deal {k} |" for k in range(20_000)]
    source = "Intro.\n\n| row | country | note |\n|---:|---|---|\n" + "\n".join(rows) + "\n\nAfter.\n"
    blocks = [b for batch in iter_block_batches(source) for b in batch]
    tables = [b for b in blocks if b.kind == "table"]
    assert len(tables) >= 10
    assert all(t.table is not None and len(t.table.rows) <= MAX_CHUNK_LINES + 1 for t in tables)
    assert all(t.text.startswith("row\tcountry\tnote\n") for t in tables)
    text = "\n".join(t.text for t in tables)
    assert all(f"{k}\tUS\tminerals deal {k}" in text for k in (0, 9_999, 19_999))
    assert blocks[-1].text == "After."


def test_a_huge_paragraph_is_cut_at_spaces_and_loses_no_word() -> None:
    words = [f"w{k}" for k in range(400_000)]
    blocks = [b for batch in iter_block_batches(" ".join(words)) for b in batch]
    assert len(blocks) > 1
    assert all(len(b.text) <= MAX_CHUNK for b in blocks)
    assert " ".join(b.text for b in blocks).split() == words


def test_a_block_costs_the_same_in_a_2_mb_input_as_in_a_200_kb_one() -> None:
    line = "The US is reportedly planning to seek agreements with allied countries on minerals. "
    small = line * (200_000 // len(line))
    big = line * (2_000_000 // len(line))
    block_small, block_big = _largest_block(small), _largest_block(big)
    assert len(block_big.text) <= MAX_CHUNK
    t_small = _timed(lambda: layout_block(block_small, 100))
    t_big = _timed(lambda: layout_block(block_big, 100))
    assert t_big < 3 * t_small + 0.02, (t_small, t_big)
