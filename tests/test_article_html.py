"""HTML pages: the story in, the furniture out, metadata found (on shipped benchmark pages)."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from functools import cache

import pytest
from conftest import shared_data

from briefing_tui.extract.article import Article, ArticleError, detect_format, read_article
from briefing_tui.extract.html import read_html

_TOKEN = re.compile(r"\w+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@cache
def _truth() -> dict[str, dict[str, str]]:
    return json.loads(shared_data("article-extraction", "ground-truth.json").read_text(encoding="utf-8"))


def _page_id(prefix: str) -> str:
    (name,) = [k for k in _truth() if k.startswith(prefix)]
    return name


@cache
def _html(prefix: str) -> str:
    page = shared_data("article-extraction", "html", f"{_page_id(prefix)}.html.gz")
    with gzip.open(page, "rt", encoding="utf-8") as f:
        return f.read()


@cache
def _article(prefix: str) -> Article:
    return read_article(_html(prefix))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_ESCAPE.sub(r"\1", text).lower())


def _f1(truth: str, body: str) -> float:
    t, p = Counter(_tokens(truth)), Counter(_tokens(body))
    tp = sum((t & p).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(p.values()), tp / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def _contains(body: str, sentence: str) -> bool:
    """Sentence in body, ignoring Markdown emphasis, escapes and line breaks."""
    return " ".join(_tokens(sentence)) in " ".join(_tokens(body))


def _story_paragraphs(prefix: str) -> list[str]:
    body = _truth()[_page_id(prefix)]["articleBody"]
    return [p for p in body.split("\n") if len(_tokens(p)) >= 12]


# (page, lines the page shows that are not the story and must be gone)
PAGES = [
    (
        "08f79376",
        [
            "Pick Six Newsletter",
            "Thanks for signing up!",
            "Keep an eye on your inbox",
            "Gronk, Serena perform with Laker Girls",
            "Join our Free $1,000,000 Parlay Challenge",
        ],
    ),
    ("0dd13570", ["Click here to subscribe", "Comments"]),
    ("360c732d", ["Read more:", "Tencent profit falls"]),
    ("3c5bf8db", ["Related:", "15 Amazing Images of Stars", "Snapshots of Our Universe"]),
    ("51374560", ["GET FOX BUSINESS ON THE GO", "CO-FOUNDER 'PROUD'"]),
    ("57d46c9d", ["Reporting by Rodrigo Campos"]),
    ("35b15891", ["You may also like", "Dave Matthews Band takes over Rock Hall Fan Vote"]),
]


@pytest.mark.parametrize(("prefix", "gone"), PAGES, ids=[p for p, _ in PAGES])
def test_story_kept_furniture_removed(prefix: str, gone: list[str]) -> None:
    article = _article(prefix)
    assert article.format == "html"
    paragraphs = _story_paragraphs(prefix)
    for sentence in (paragraphs[0], paragraphs[len(paragraphs) // 2], paragraphs[-1]):
        assert _contains(article.body, sentence), sentence
    for line in gone:
        assert line.lower() not in article.body.lower()
    assert "<" not in re.sub(r"<(?=\s|\d|=)", "", article.body)  # no raw tags


@pytest.mark.parametrize(("prefix", "gone"), PAGES, ids=[p for p, _ in PAGES])
def test_f1_floor(prefix: str, gone: list[str]) -> None:
    truth = _truth()[_page_id(prefix)]["articleBody"]
    assert _f1(truth, _article(prefix).body) >= 0.9


@pytest.mark.parametrize(
    ("prefix", "gone"),
    [
        ("3f65af7b", ["Subscribe to NJ.com", "may be reached at"]),
        ("4a44ab3e", ["Like this story? Share it with a friend!", "Also on rt.com"]),
    ],
)
def test_furniture_removed_where_trafilatura_misses_story(prefix: str, gone: list[str]) -> None:
    """Pages whose lead trafilatura itself misses: we check only what we remove."""
    body = _article(prefix).body.lower()
    for line in gone:
        assert line.lower() not in body


def test_second_person_story_line_survives() -> None:
    """'you' in the story itself (not a call to action) stays."""
    body = _article("3f65af7b").body
    assert "if you haven’t yet noticed what might be wrong" in body


def test_metadata() -> None:
    article = _article("08f79376")
    assert article.title == (
        "Browns player on Mason Rudolph's role in fight with Myles Garrett: He asked for it"
    )
    assert article.published == "2019-11-19"
    assert article.author == "Bryan DeArdo"
    assert article.site
    assert article.url.startswith("https://www.cbssports.com/")
    # the title is metadata, not repeated as the body's first line
    assert not article.body.startswith("#")


def test_titles_found_on_sample() -> None:
    for prefix in ("360c732d", "3c5bf8db", "51374560", "57d46c9d"):
        article = _article(prefix)
        assert article.title
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published)


def test_headings_are_markdown() -> None:
    html = (
        "<html><head><title>Grid upgrade</title></head><body><article>"
        "<h1>Grid upgrade</h1>"
        "<p>The national grid operator will spend four billion on new lines over five years, "
        "its chief executive said on Tuesday in London.</p>"
        "<h3>Where the money goes</h3>"
        "<p>Most of the spending goes to links between offshore wind farms and the coast, "
        "with the rest on substations in the north of the country.</p>"
        "<p>Photo: Getty Images</p>"
        "<p>Sign up for our newsletter to get the best stories in your inbox.</p>"
        "<p>Analysts said the plan was overdue and would lower costs for households over time.</p>"
        "</article></body></html>"
    )
    assert detect_format(html) == "html"
    article = read_html(html)
    assert article.title == "Grid upgrade"
    assert "## Where the money goes" in article.body
    assert "Getty" not in article.body and "newsletter" not in article.body
    assert article.body.count("\n\n") >= 3


def test_empty_page_raises() -> None:
    with pytest.raises(ArticleError, match="no article text"):
        read_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
