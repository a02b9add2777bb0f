"""HTML pages on the project's own fixture page: the same code as test_article_html, which
measures on the public benchmark pages, so a fresh clone without ../shared still covers it."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.bundle.reader import read_bundle
from briefing_tui.extract.article import detect_format, read_article
from briefing_tui.extract.importer import import_file

PAGE = Path(__file__).parent / "data" / "pages" / "harbour-deal.html"
FURNITURE = [
    "Advertisement", "Share on Facebook", "Related stories", "Sign up to our newsletter",
    "All rights reserved", "Privacy policy", "Photo: Ledger Images", "Home", "window.dataLayer",
]


def test_story_kept_and_furniture_removed() -> None:
    article = read_article(PAGE.read_text(encoding="utf-8"))
    assert article.format == "html" == detect_format(PAGE.read_text(encoding="utf-8"))
    assert article.body.startswith("Japan and Australia signed an agreement on Tuesday")
    assert "second door to Asia" in article.body
    assert article.body.rstrip().endswith("handed over by December 2026.")
    for line in FURNITURE:
        assert line not in article.body, line


def test_metadata_and_headings() -> None:
    article = read_article(PAGE.read_text(encoding="utf-8"))
    assert article.title == "Japan and Australia agree $4bn harbour deal"
    assert article.published == "2024-03-05"
    assert article.author == "Mira Okafor"
    assert article.site == "The Harbour Ledger"
    assert article.url == "https://ledger.example/world/harbour-deal"
    assert "\n## Why it matters\n" in article.body


def test_import_html_page_makes_a_valid_bundle(tmp_path: Path) -> None:
    result = import_file(str(PAGE), tmp_path / "out")
    b = read_bundle(result.folder)
    assert b.title == "Japan and Australia agree $4bn harbour deal"
    assert b.published == "2024-03-05"
    assert {"JP", "AU"} <= {c.code for c in b.countries}
    assert any(f.kind == "figure" for f in b.facts)
    assert "<" not in b.body
