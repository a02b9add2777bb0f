"""Dates and periods resolved against the published date (the seed: 2025-11-26)."""

from __future__ import annotations

from datetime import date

import pytest

from briefing_tui.extract.dates import find_dates, parse_published

PUB = date(2025, 11, 26)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Delegates are scheduled to meet on 12 December.", "2025-12-12"),
        ("the efforts will commence with a White House meeting in December.", "2025-12"),
        ("In August, Reuters reported that the US had announced plans to act.", "2025-08"),
        ("In October, China introduced stricter export controls.", "2025-10"),
        ("He met them on 3 December.", "2024-12-03"),  # past tense: the December before
        ("projects between 2000 and 2023.", "2000/2023"),
        ("from 2000 to 2023", "2000/2023"),
        ("the 2000-2023 period", "2000/2023"),
        ("in 2023", "2023"),
        ("On December 12, 2025 they met", "2025-12-12"),
        ("in October 2014", "2014-10"),
        ("Next March the vote", "2026-03"),
        ("on 2025-02-03", "2025-02-03"),
        ("between January 2020 and March 2021", "2020-01/2021-03"),
    ],
)
def test_dates(text: str, value: str) -> None:
    assert [m.value.to_text() for m in find_dates(text, PUB)] == [value]


@pytest.mark.parametrize("text", ["May I ask?", "1988 sales rose", "on 2025-02-30", "the 12th"])
def test_not_dates(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_without_published_date_no_guessing() -> None:
    assert find_dates("on 12 December", None) == []
    assert [m.value.to_text() for m in find_dates("on 12 December 2024", None)] == ["2024-12-12"]


def test_span_is_exact() -> None:
    text = "They meet on 12 December."
    m = find_dates(text, PUB)[0]
    assert text[m.start : m.end] == m.text == "on 12 December"


def test_parse_published() -> None:
    assert parse_published("2025-11-26T10:00:00Z") == PUB
    assert parse_published("yesterday") is None
    assert parse_published("") is None
