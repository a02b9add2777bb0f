"""Plain text and Markdown articles: promotion out, story in, structure kept, format detected."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.extract.article import Article, ArticleError, detect_format, read_article
from briefing_tui.extract.boilerplate import promo_score, repair_glued_byline

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_2bdf84615b68684f.txt"

SEED_PROMOS = [
    "Discover B2B Marketing That Performs",
    "Combine business intelligence and editorial excellence to reach engaged professionals "
    "across 36 leading media platforms.",
    "US Tariffs are shifting - will you react or anticipate?",
    "Don’t let policy changes catch you off guard. Stay proactive with real-time data and expert analysis.",
]


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p.strip()]


# --- the seed -----------------------------------------------------------------------------


def test_seed_exact_output() -> None:
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert all(p in lines for p in SEED_PROMOS)
    expected = [
        line.replace("By GlobalDataHelberg said:", "Helberg said:")
        for line in lines
        if line not in SEED_PROMOS
    ]
    article = read_article(SEED.read_text(encoding="utf-8"))
    assert article.format == "text"
    assert _paragraphs(article.body) == expected
    assert article.body == "\n\n".join(expected)


def test_seed_keeps_every_story_line_and_repairs_byline() -> None:
    body = read_article(SEED.read_text(encoding="utf-8")).body
    for promo in SEED_PROMOS:
        assert promo not in body
    assert "GlobalData" not in body
    assert "\n\nHelberg said: “It is clear that right now in AI" in body
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.strip() and line not in SEED_PROMOS and not line.startswith("By GlobalData"):
            assert line in body


# --- non-seed plain text ------------------------------------------------------------------

STORY = """\
Port operators in Rotterdam reported record container volumes in the third quarter, led by Asia trade.
The harbour authority said throughput rose 8% compared with a year earlier, the fastest pace since 2021.
Unlock Smarter Procurement Today
Join thousands of supply-chain leaders who get our weekly insights delivered to your inbox.
The minister told reporters: “If you look at the numbers, you will see that the investment is paying off.”
If you live near the port, your commute may get longer next year, local planners warn in a new report.
What happens next
By YouTube standards, the harbour’s live webcam is a modest hit, with about 40,000 viewers a month.
By 2030, the authority expects volumes to double as new quays open on the Maasvlakte.
By ReutersVan Dijk told the council the expansion would be funded without new taxes.
Critics, including two environmental groups, argue that dredging will damage the estuary.
"""


def test_promotion_between_story_paragraphs_is_dropped() -> None:
    body = read_article(STORY).body
    assert "Unlock Smarter Procurement Today" not in body
    assert "Join thousands of supply-chain leaders" not in body


def test_quotes_second_person_and_subheads_survive() -> None:
    paragraphs = _paragraphs(read_article(STORY).body)
    for kept in (
        "The minister told reporters: “If you look at the numbers, you will see that the "
        "investment is paying off.”",
        "If you live near the port, your commute may get longer next year, local planners warn "
        "in a new report.",
        "What happens next",
        "By YouTube standards, the harbour’s live webcam is a modest hit, with about 40,000 viewers a month.",
        "By 2030, the authority expects volumes to double as new quays open on the Maasvlakte.",
        "Critics, including two environmental groups, argue that dredging will damage the estuary.",
    ):
        assert kept in paragraphs


def test_glued_credit_is_cut_off() -> None:
    body = read_article(STORY).body
    assert "Van Dijk told the council the expansion would be funded without new taxes." in body
    assert "ReutersVan" not in body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By AcmeDataSmith said: “Yes.”", "Smith said: “Yes.”"),
        ("By ReutersJones told the board it would wait.", "Jones told the board it would wait."),
        ("By McDonald's count, sales rose.", "By McDonald's count, sales rose."),
        ("By LinkedIn standards the post did well.", "By LinkedIn standards the post did well."),
        ("By Jane Smith", "By Jane Smith"),
    ],
)
def test_repair_glued_byline(text: str, expected: str) -> None:
    assert repair_glued_byline(text) == expected


def test_blank_line_paragraphs_bylines_and_furniture() -> None:
    text = """\
Drought Hits Spanish Olive Harvest

By Jane Smith

Published 10:42 AM, Nov 18, 2024

Olive growers in Andalusia expect the smallest harvest in a decade,
after a second summer with almost no rain.

Photo: Getty Images

Prices for extra virgin oil have already doubled, the growers' association said.

Sign up for our daily newsletter to get the latest news in your inbox.
"""
    article = read_article(text)
    assert article.title == "Drought Hits Spanish Olive Harvest"
    assert article.author == "Jane Smith"
    assert _paragraphs(article.body) == [
        "Olive growers in Andalusia expect the smallest harvest in a decade, after a second "
        "summer with almost no rain.",
        "Prices for extra virgin oil have already doubled, the growers' association said.",
    ]


def test_closing_appeal_by_the_author_is_kept() -> None:
    """A pitch is dropped only between story paragraphs; at the end it is the author's voice."""
    text = (
        "The theatre reopened on Friday after a two-year renovation costing £4m, its director said.\n"
        "The new season opens with a revival of a 1950s comedy that sold out within hours.\n"
        "Don't miss it: book your seats early, you will not regret it!\n"
    )
    assert "book your seats early" in read_article(text).body


def test_promo_score_signals() -> None:
    assert promo_score("Stay ahead of the curve with expert analysis delivered to your desk.") >= 3
    assert promo_score("Power and Performance") == 0
    assert promo_score("“You should stay calm,” the mayor said.") == 0


def test_control_characters_are_removed() -> None:
    article = read_article("Markets fell \x1b[31msharply\x1b[0m on Monday.\u202e\nBonds rallied.")
    assert "\x1b" not in article.body and "\u202e" not in article.body
    assert "sharply" in article.body


def test_plain_text_that_looks_like_markdown_is_escaped() -> None:
    body = read_article("Net profit was flat.\n- 5% on the year was the worst result.\n").body
    assert "\\- 5% on the year" in body


# --- Markdown -----------------------------------------------------------------------------

MARKDOWN = """\
---
title: Chip alliance takes shape
date: 2024-11-30
author: Ana Ruiz
source: Example Wire
url: https://example.com/chips
---
# Chip alliance takes shape

Eight countries will meet in Washington to coordinate **semiconductor** supply chains.

## Who is coming

- Japan and South Korea, the largest *memory* makers
- The Netherlands, home of the lithography leader

Subscribe to our newsletter for the best stories in your inbox.

<div class="ad">Buy now</div>

> “You cannot build this alone,” an official said.

Talks start in December, officials said, with a <b>first</b> report due in March.
"""


def test_markdown_keeps_structure_and_front_matter() -> None:
    article = read_article(MARKDOWN)
    assert article.format == "markdown"
    assert article.title == "Chip alliance takes shape"
    assert article.published == "2024-11-30"
    assert article.author == "Ana Ruiz"
    assert article.site == "Example Wire"
    assert article.url == "https://example.com/chips"
    body = article.body
    assert body.startswith("Eight countries will meet in Washington")
    assert "# Chip alliance" not in body and "title:" not in body
    assert "## Who is coming" in body
    assert "- Japan and South Korea, the largest *memory* makers" in body
    assert "**semiconductor**" in body
    assert "> “You cannot build this alone,” an official said." in body


def test_markdown_drops_furniture_and_raw_html() -> None:
    body = read_article(MARKDOWN).body
    assert "Subscribe to our newsletter" not in body
    assert "<" not in body and "Buy now" not in body
    assert "with a first report due in March." in body


def test_markdown_related_link_list_is_dropped() -> None:
    text = (
        "# Storm closes ports\n\n"
        "Ports along the coast closed on Tuesday as the storm approached, officials said.\n\n"
        "Read more:\n\n- [Storm tracker](https://example.com/a)\n- [Past storms](https://example.com/b)\n\n"
        "The coastguard said all ships had reached shelter before the winds peaked.\n"
    )
    article = read_article(text)
    assert article.title == "Storm closes ports"
    assert _paragraphs(article.body) == [
        "Ports along the coast closed on Tuesday as the storm approached, officials said.",
        "The coastguard said all ships had reached shelter before the winds peaked.",
    ]


# --- detection and errors -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("  <div><p>One</p><p>Two</p></div>", "html"),
        ("---\ntitle: x\n---\nBody text.", "markdown"),
        ("# Heading\n\nSome text.", "markdown"),
        ("Intro with a [link](https://example.com) and **bold** words.", "markdown"),
        ("Plain words.\nMore words - and a dash.\n", "text"),
        ("Prices rose 5% in 2024 <b> and fell later.", "text"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_seed_is_detected_as_text() -> None:
    assert detect_format(SEED.read_text(encoding="utf-8")) == "text"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  ",
        "<html><body><nav>Home</nav></body></html>",
        "Subscribe to our newsletter to get the best stories in your inbox.",
    ],
)
def test_no_article_raises(text: str) -> None:
    with pytest.raises(ArticleError):
        read_article(text)


def test_article_is_frozen() -> None:
    article = Article(body="x")
    with pytest.raises(AttributeError):
        article.body = "y"  # type: ignore[misc]
