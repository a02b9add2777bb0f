"""Dates and periods resolved against the published date (the seed: 2025-11-26)."""

from __future__ import annotations

from datetime import date

import pytest

from briefing_tui.extract.dates import find_dates, parse_published, unresolved_dates

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


# --- relative and year-less forms (issue 10) ----------------------------------------------

MARCH = date(2026, 3, 11)  # a Wednesday


def values(text: str, published: date | None = MARCH) -> list[str]:
    return [m.value.to_text() for m in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The mayor died on Sunday, his office said.", "2026-03-08"),
        ("The minister said on Tuesday that talks had failed.", "2026-03-10"),
        ("The minister resigned Monday.", "2026-03-09"),
        ("The committee will vote on Friday.", "2026-03-13"),
        ("The board will meet on Tuesday.", "2026-03-17"),
        ("She arrived last Friday.", "2026-03-06"),
        ("They meet again next Monday.", "2026-03-16"),
        ("Elections are due next year.", "2027"),
        ("Prices rose sharply last month.", "2026-02"),
        ("The plant closed four years ago.", "2022"),
        ("The law passed six months ago.", "2025-09"),
        ("Protests spread this week.", "2026-W11"),
        ("The ministry published a 2009 analysis of the scheme.", "2009"),
        ("Output fell in fiscal 1989.", "1989"),
        ("The treaty was signed in the summer of 2019.", "2019-SU"),
        ("Troops left last winter.", "2025-WI"),
        ("The bridge will reopen this summer.", "2026-SU"),
        ("Growth stalled in the early 2020s.", "2020s"),
        ("the '90s boom", "1990s"),
        ("Profits doubled in the third quarter of 2024.", "2024-Q3"),
        ("Third-quarter profit fell.", "2025-Q3"),
        ("Fourth-quarter sales will rise.", "2026-Q4"),
        ("Sales fell 4% in the first half of 2025.", "2025-H1"),
        ("The report came out yesterday.", "2026-03-10"),
        ("The results are due tomorrow.", "2026-03-12"),
        ("Unemployment fell this year.", "2026"),
    ],
)
def test_relative_forms(text: str, value: str) -> None:
    assert values(text) == [value]


def test_this_week_is_the_iso_week_of_publication() -> None:
    assert values("Talks resumed this week.", date(2013, 8, 7)) == ["2013-W32"]


def test_in_september_depends_on_tense() -> None:
    # Said in March 2026: a past September is the one before, a future one the next.
    assert values("The talks collapsed in September.") == ["2025-09"]
    assert values("Ministers will meet in September.") == ["2026-09"]


def test_through_june_is_the_coming_june() -> None:
    assert values("The consultation is to run through June.") == ["2026-06"]
    assert values("The scheme runs through June.") == ["2026-06"]


def test_a_passive_participle_is_not_the_past() -> None:
    assert values("She will be named commander for a mission in December.") == ["2026-12"]


def test_weekday_beside_a_date_is_one_fact() -> None:
    assert values("The vote is on Friday, March 13.") == ["2026-03-13"]


def test_a_year_ago_takes_the_quarter_of_its_sentence() -> None:
    assert values("Profit rose in the third quarter of 2025 from a year earlier.") == [
        "2025-Q3", "2024-Q3"]
    assert values("Sales were higher a year ago.") == ["2025"]


@pytest.mark.parametrize(
    "text",
    ["Prices will fall.", "the fall of the Berlin Wall", "in the winter of his life",
     "nearly 1990 soldiers and 2000 police", "The fourth estate met."],
)
def test_relative_words_that_are_no_dates(text: str) -> None:
    assert find_dates(text, MARCH) == []


@pytest.mark.parametrize(
    "text",
    ["The mayor died on Wednesday.", "In August, the plan was announced.", "Talks resume next year.",
     "The plant closed four years ago.", "Protests spread this week.", "the third quarter"],
)
def test_without_published_date_relative_dates_stay_unresolved(text: str) -> None:
    assert find_dates(text, None) == []
    assert unresolved_dates(text) != []


def test_unresolved_never_reads_against_today() -> None:
    # Absolute dates need no published date; nothing takes today's year.
    text = "In August the board met, and on 3 May 2024 it voted."
    assert values(text, None) == ["2024-05-03"]
    assert unresolved_dates(text) == ["In August"]
    assert str(date.today().year) not in " ".join(values("In August the board met.", None))


def test_today_in_a_name_is_not_a_date() -> None:
    from datetime import date

    from briefing_tui.extract.dates import find_dates

    pub = date(2019, 11, 18)
    assert find_dates("Richardson, via USA Today, said that Rudolph was at fault.", pub) == []
    for sentence in ("Today the league ruled on the fight.", "The league ruled today."):
        assert [d.value.to_text() for d in find_dates(sentence, pub)] == ["2019-11-18"]
