"""Country mentions: names, aliases and demonyms on word boundaries, and alias coverage."""

from __future__ import annotations

import json

import pytest
from conftest import shared_data

from briefing_tui.countries import country_name, display_name
from briefing_tui.extract.countries import country_codes, lookup


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("The US and the U.S.A. and America and the United States", ["US"]),
        ("UK, Britain, Great Britain", ["GB"]),
        ("the UAE, the Emirates and an Emirati official", ["AE"]),
        ("South Korea and Korea (South) and Korean firms", ["KR"]),
        ("Chinese, Japanese and Dutch firms", ["CN", "JP", "NL"]),
        ("the Netherlands, Holland", ["NL"]),
        ("an Israeli delegation", ["IL"]),
        ("US-China talks", ["US", "CN"]),
        ("China’s exports", ["CN"]),
        ("Papua New Guinea", ["PG"]),
        ("North Korea", ["KP"]),
    ],
)
def test_aliases_and_demonyms(text: str, codes: list[str]) -> None:
    assert country_codes(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "let us go, all of us",  # "us" is never the US
        "Perugia is a city",  # no Peru inside Perugia
        "the EU and the European Commission",  # the EU is not a country
        "she paid US$5 for it",  # a currency, not a mention
        "New Jersey and New Mexico",
        "trade with Latin America",
        "a turkey for dinner",
    ],
)
def test_no_false_mentions(text: str) -> None:
    assert country_codes(text) == []


def test_niger_not_inside_nigeria() -> None:
    assert country_codes("Nigeria") == ["NG"]
    assert country_codes("Nigeria and Niger") == ["NG", "NE"]


def test_display_names() -> None:
    assert country_name("KR") == "South Korea"
    assert country_name("GB") == "United Kingdom"
    assert country_name("US") == "United States"
    assert country_name("CD") == "DR Congo"  # one name everywhere (it was two)
    assert country_name("xk") == "Kosovo"
    assert country_name("ZZ") is None and display_name("ZZ") == "ZZ"
    assert display_name("KR", "Republic of Korea") == "Republic of Korea"


def test_alias_coverage_against_mledoze_countries() -> None:
    """Every common name, 3+ letter alternative spelling and English demonym maps to its
    country (forms several countries share map to one of them; "Mann" is left out)."""
    data = json.loads(shared_data("countries", "countries.json").read_text(encoding="utf-8"))
    owners: dict[str, set[str]] = {}
    for entry in data:
        forms = {entry["name"]["common"]}
        forms |= {a for a in entry["altSpellings"] if len(a) >= 3}
        forms |= {d for d in entry.get("demonyms", {}).get("eng", {}).values() if d}
        for form in forms:
            owners.setdefault(form, set()).add(entry["cca2"])
    missing = sorted(f for f, codes in owners.items() if lookup(f) not in codes)
    assert missing == ["Mann"]
    total = sum(len(c) for c in owners.values())
    own = sum(lookup(f) == c for f, codes in owners.items() for c in codes)
    assert own / total > 0.98


def test_every_iso_code_has_a_name_without_pycountry() -> None:
    """The one name table covers every ISO 3166-1 alpha-2 code pycountry knows."""
    import pycountry

    from briefing_tui.countries import country_name

    missing = [c.alpha_2 for c in pycountry.countries if not country_name(c.alpha_2)]
    assert missing == []
