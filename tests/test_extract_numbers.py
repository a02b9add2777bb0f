"""Money, percentages and counts, normalised."""

from __future__ import annotations

import pytest

from briefing_tui.extract.numbers import find_counts, find_money, find_percents, word_number


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("received more than $200bn in credit", "$200bn", "200000000000 USD"),
        ("(1.41tn yuan)", "1.41tn yuan", "1410000000000 CNY"),
        ("reached $2.2tn across", "$2.2tn", "2200000000000 USD"),
        ("a grant of €3 million", "€3 million", "3000000 EUR"),
        ("it cost £45m", "£45m", "45000000 GBP"),
        ("worth US$1.2 billion", "US$1.2 billion", "1200000000 USD"),
        ("for 500 million euros", "500 million euros", "500000000 EUR"),
        ("a Rs 20 crore fund", "Rs 20 crore", "200000000 INR"),
        ("five million yen", "five million yen", "5000000 JPY"),
        ("c $ 16.4 million", "c $ 16.4 million", "16400000 CAD"),
        ("down 34 cents", "34 cents", "0.34 USD"),
        ("thirteen dollars and forty-five cents", "thirteen dollars and forty-five cents",
         "13.45 USD"),
        ("$48.2 million army contract", "$48.2 million", "48200000 USD"),
    ],
)
def test_money(text: str, span: str, value: str) -> None:
    found = find_money(text)
    assert [(m.text, m.value.to_text()) for m in found] == [(span, value)]
    assert text[found[0].start : found[0].end] == span


@pytest.mark.parametrize("text", ["All 70 of us.", "ALL 5 solutions are wrong.", "I tried 3 times"])
def test_no_money(text: str) -> None:
    assert find_money(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("more than 90% of", "90%"), ("12 per cent", "12%"), ("5.5 percent", "5.5%"),
     ("twenty percent", "20%"), ("minus five percent", "-5%"), ("27 % in the quarter", "27%")],
)
def test_percent(text: str, value: str) -> None:
    assert [m.value.to_text() for m in find_percents(text)] == [value]


def test_percent_ignores_urls_and_points() -> None:
    assert find_percents("see https://x.com/a?q=30%25%2020%") == []
    assert find_percents("up 3 percentage points") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("with eight allied countries to", "8 countries"),
        ("nearly 2,500 projects and initiatives", "2500 projects"),
        ("across 200 countries between", "200 countries"),
        ("dozens of countries", "24 countries (dozens)"),
    ],
)
def test_counts(text: str, value: str) -> None:
    assert [m.value.to_text() for m in find_counts(text)] == [value]


@pytest.mark.parametrize("text", ["in 2023 companies grew", "a one-year suspension", "four years"])
def test_not_counts(text: str) -> None:
    assert find_counts(text) == []


def test_counts_skip_taken_spans() -> None:
    text = "$200bn went to 300 firms"
    assert [m.value.to_text() for m in find_counts(text, [(0, 6)])] == ["300 firms"]


def test_word_numbers() -> None:
    assert word_number("forty-five") == 45
    assert word_number("two hundred and ten") == 210
    assert word_number("a dozen") == 12
    assert word_number("several") is None
