"""The seed article: its countries, figures, dates and quote, and agreement with the
hand-curated shipped bundle (content/us-allies-critical-minerals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.bundle.reader import read_bundle
from briefing_tui.extract.article import read_article
from briefing_tui.extract.facts import Extraction, extract, value_texts
from briefing_tui.extract.regenerate_seed import SEED_FILE, main, seed_briefing

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "content" / "us-allies-critical-minerals"
TEN = ["US", "CN", "AU", "KR", "IL", "JP", "NL", "SG", "GB", "AE"]


@pytest.fixture(scope="module")
def seed() -> Extraction:
    body = read_article(SEED_FILE.read_text(encoding="utf-8")).body
    return extract(body, "2025-11-26")


def test_seed_countries_are_the_ten_and_nothing_else(seed: Extraction) -> None:
    assert sorted(c.code for c in seed.countries) == sorted(TEN)
    assert all(c.role and c.name for c in seed.countries)


def test_seed_figures_and_dates(seed: Extraction) -> None:
    assert value_texts(seed.facts, ("money",)) == {
        "200000000000 USD", "1410000000000 CNY", "2200000000000 USD"
    }
    assert value_texts(seed.facts, ("percent",)) == {"90%"}
    assert value_texts(seed.facts, ("count",)) == {"8 countries", "2500 projects", "200 countries"}
    assert value_texts(seed.facts, ("date", "period")) == {
        "2025-12", "2025-12-12", "2025-08", "2025-10", "2000/2023"
    }


def test_seed_quote_and_people(seed: Extraction) -> None:
    quotes = [f for f in seed.facts if f.kind == "quote"]
    assert [q.speaker for q in quotes] == ["Jacob Helberg"]
    assert "two-horse race" in quotes[0].source
    assert [p.name for p in seed.people] == ["Jacob Helberg", "Donald Trump", "Xi Jinping"]
    for org in ("Bloomberg", "Reuters", "State Department", "International Energy Agency",
                "AidData", "Palantir Technologies"):
        assert org in seed.organisations


def test_seed_fact_shape(seed: Extraction) -> None:
    body = read_article(SEED_FILE.read_text(encoding="utf-8")).body
    ids = [f.id for f in seed.facts]
    assert len(ids) == len(set(ids))
    assert "figure-200000000000-usd" in ids and "date-2000-2023-2" in ids
    listed = {c.code for c in seed.countries}
    for f in seed.facts:
        assert f.origin == "extracted"
        assert f.source in body
        assert f.statement and "\n" not in f.statement
        assert set(f.countries) <= listed
    yuan = next(f for f in seed.facts if f.value and f.value.unit == "CNY")
    assert set(yuan.countries) == {"US", "CN"}


def test_generated_bundle_agrees_with_the_shipped_one(seed: Extraction) -> None:
    """Every money, percent and date value of the shipped bundle is extracted, and the
    countries match exactly: a regression in the extractor shows here."""
    shipped = read_bundle(SHIPPED)
    assert {c.code for c in shipped.countries} == {c.code for c in seed.countries}
    for kinds in (("money",), ("percent",), ("date", "period"), ("count",)):
        assert value_texts(shipped.facts, kinds) <= value_texts(seed.facts, kinds), kinds
    speakers = {f.speaker for f in shipped.facts if f.kind == "quote"}
    assert speakers <= {f.speaker for f in seed.facts if f.kind == "quote"}


def test_regenerate_seed_writes_a_valid_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 0
    folder = tmp_path / "us-allies-critical-minerals"
    assert capsys.readouterr().out.strip() == str(folder)
    assert read_bundle(folder) == seed_briefing()
    assert main([str(tmp_path)]) == 2  # refuses to overwrite without --force
    assert main([str(tmp_path), "--force"]) == 0
