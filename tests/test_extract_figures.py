"""Figures as a reader expects them (issue 10): ranges, scales and units, names that are not
counts, one readable fact per claim, article order, display forms, unique ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.bundle.reader import read_bundle
from briefing_tui.bundle.writer import write_bundle
from briefing_tui.extract.facts import _Ids, extract
from briefing_tui.extract.numbers import find_counts, find_money
from briefing_tui.model import Briefing, Country, Fact, Value


def money(text: str) -> list[str]:
    return [m.value.to_text() for m in find_money(text)]


def counts(text: str) -> list[str]:
    return [m.value.to_text() for m in find_counts(text)]


# --- ranges -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The pipeline will cost $40-50 billion over ten years.", "40000000000/50000000000 USD"),
        ("Estimates run from a low of £3m to £5m a year, the bank said.", "3000000/5000000 GBP"),
        ("They raised between €2bn and €3bn.", "2000000000/3000000000 EUR"),
        ("A budget of 10 to 12 million yuan was set.", "10000000/12000000 CNY"),
    ],
)
def test_money_ranges_are_one_range(text: str, value: str) -> None:
    assert money(text) == [value]


def test_a_change_and_a_list_are_not_ranges() -> None:
    assert money("Sales rose from $40bn to $50bn.") == ["40000000000 USD", "50000000000 USD"]
    assert money("It costs $5 and $7 buys two.") == ["5 USD", "7 USD"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a new jet seating 180 to 220 passengers", "180/220 passengers"),
        ("between 30 and 40 volunteers came", "30/40 volunteers"),
        ("some 5-10 lorries a day", "5/10 lorries"),
    ],
)
def test_count_ranges(text: str, value: str) -> None:
    assert counts(text) == [value]


# --- scales and units ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Some 2.3 million migrants crossed.", "2300000 migrants"),
        ("about 450 personnel were flown out", "450 personnel"),
        ("nearly 3bn people lack it", "3000000000 people"),
        ("it ships 4.5 billion cubic metres of gas", "4500000000 cubic metres"),
        ("a harvest of 12 million tonnes", "12000000 tonnes"),
        ("pumping 600,000 barrels a day", "600000 barrels"),
    ],
)
def test_scales_and_units_on_any_quantity(text: str, value: str) -> None:
    assert counts(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "The fighters in sector 12 villagers call the old town",
        "Drivers on Highway 61 trucks share the lane",
        "The Gemini 7 crew members splashed down",
        "Under Article 50 members may leave",
    ],
)
def test_a_number_after_a_label_or_name_is_not_a_count(text: str) -> None:
    assert counts(text) == []


def test_a_sentence_opener_still_lets_a_count_follow() -> None:
    assert counts("Nearly 40 soldiers died.") == ["40 soldiers"]
    assert counts("Moscow's 300 diplomats left.") == ["300 diplomats"]


# --- facts that read well -------------------------------------------------------------------

BODY = (
    "Norway pledged $3bn to the fund; Canada gave $1bn, while Chile sent 400 engineers.\n\n"
    "Ministers met in Oslo.\n\n"
    "The plant near \\[Tromsø\\] processes 9 million tonnes a year, up 4% from 2023.\n\n"
    "Chile and Norway signed a mining accord last week, officials announced.\n"
)


@pytest.fixture(scope="module")
def facts() -> list[Fact]:
    return list(extract(BODY, "2025-11-26").facts)


def statement_of(facts: list[Fact], value: str) -> str:
    return next(f.statement for f in facts if f.value and f.value.to_text() == value)


def test_statement_is_the_clause_of_the_figure(facts: list[Fact]) -> None:
    assert statement_of(facts, "3000000000 USD") == "Norway pledged $3bn to the fund…"
    assert statement_of(facts, "1000000000 USD") == "…Canada gave $1bn…"
    assert statement_of(facts, "400 engineers") == "…while Chile sent 400 engineers."


def test_figures_sharing_a_clause_get_their_own_statements(facts: list[Fact]) -> None:
    tonnes = statement_of(facts, "9000000 tonnes")
    percent = statement_of(facts, "4%")
    assert tonnes != percent
    assert "9 million tonnes" in tonnes and "4%" not in tonnes
    assert "4%" in percent and "9 million" not in percent


def test_statements_never_show_markdown_escapes(facts: list[Fact]) -> None:
    assert all("\\" not in f.statement for f in facts)
    assert any("[Tromsø]" in f.statement for f in facts)


def test_facts_are_in_article_order(facts: list[Fact]) -> None:
    plain = BODY.replace("\\", "")
    positions = [plain.find(f.source) for f in facts]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_one_fact_per_value_in_a_sentence() -> None:
    found = extract("Peru lent $2bn, and the $2bn loan was repaid.", "2025-11-26").facts
    assert [f.value.to_text() for f in found if f.value] == ["2000000000 USD"]


def test_a_country_role_is_its_most_telling_sentence() -> None:
    body = (
        "Leaders of France, Germany, Italy, Spain and Poland met on Monday.\n\n"
        "Poland agreed to buy 96 helicopters for its army.\n\n"
        "Spain sent observers.\n"
    )
    roles = {c.code: c.role for c in extract(body, "2025-11-26").countries}
    assert roles["PL"] == "Poland agreed to buy 96 helicopters for its army."
    assert roles["FR"].startswith("Leaders of France")  # its only sentence


# --- unique ids ------------------------------------------------------------------------------


def test_ids_are_unique_whatever_the_bases() -> None:
    ids = _Ids()
    given = [ids("date-2025-10") for _ in range(12)] + [ids("date-2025-10-11"), ids("x-2"),
                                                        ids("x"), ids("x"), ids("x-2")]
    assert len(given) == len(set(given))


def test_ids_unique_under_adversarial_repetition() -> None:
    """Eleven "October 2025" dates, then "11 October 2025": ids used to collide."""
    body = "\n\n".join(
        [f"Talks in Lima number {i} were held in October 2025." for i in range(11)]
        + ["The accord was signed on 11 October 2025 in Lima."] * 3
    )
    ids = [f.id for f in extract(body, "2025-11-26").facts]
    assert ids and len(ids) == len(set(ids))


# --- values: display and the round trip -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("200000000000 USD", "$200bn"),
        ("1410000000000 CNY", "¥1.41tn"),
        ("3000000 EUR", "€3m"),
        ("40000000000/50000000000 USD", "$40-50bn"),
        ("75000000 CHF", "75m CHF"),
        ("13.45 USD", "$13.45"),
        ("2500 projects", "2,500 projects"),
        ("1400000 refugees", "1.4 million refugees"),
        ("242/330 passengers", "242-330 passengers"),
        ("24 countries (dozens)", "dozens of countries"),
        ("90%", "90%"),
        ("10/12.5%", "10-12.5%"),
        ("2025-12-12", "12 Dec 2025"),
        ("2025-08", "Aug 2025"),
        ("2000/2023", "2000–2023"),
    ],
)
def test_display(text: str, shown: str) -> None:
    value = Value.parse(text)
    assert value.display() == shown
    assert value.to_text() == text  # the file keeps the normalised form


@pytest.mark.parametrize("text", ["50/40 USD", "7/7%", "9/3 boats"])
def test_a_range_must_rise(text: str) -> None:
    with pytest.raises(ValueError, match="low/high"):
        Value.parse(text)


def test_ranges_round_trip_through_the_bundle(tmp_path: Path) -> None:
    body = "The deal is worth $40-50 billion and seats 242 to 330 passengers, up 10-12%."
    values = [Value.parse("40000000000/50000000000 USD"), Value.parse("242/330 passengers"),
              Value("percent", amount=10, high=12), Value.parse("1200000000 cubic metres")]
    briefing = Briefing(
        id="ranges", title="Ranges", body=body,
        facts=tuple(Fact(id=f"f{i}", kind="figure", statement="A range.", source=body, value=v,
                         countries=("US",), origin="extracted") for i, v in enumerate(values)),
        countries=(Country("US", "United States", "Buyer."),),
    )
    write_bundle(briefing, tmp_path / "ranges")
    back = read_bundle(tmp_path / "ranges")
    assert [f.value for f in back.facts] == values
    assert "- value: 40000000000/50000000000 USD" in (tmp_path / "ranges" / "facts.md").read_text()
