"""Names that are also people, places or words count as countries only on evidence (issue 10),
and an article naming Kosovo imports (XK)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_tui.bundle.reader import read_bundle
from briefing_tui.countries import country_name
from briefing_tui.extract.countries import country_codes, find_countries, person_names
from briefing_tui.extract.facts import extract
from briefing_tui.extract.importer import import_file

SENTENCES = Path(__file__).parent / "data" / "country_sentences.json"


def _cases(kind: str) -> list[dict]:
    cases = json.loads(SENTENCES.read_text(encoding="utf-8"))["sentences"]
    return [c for c in cases if c["kind"] == kind]


def test_the_sentence_set_is_big_enough() -> None:
    assert len(_cases("negative")) >= 40 and len(_cases("positive")) >= 40


@pytest.mark.parametrize("case", _cases("negative"), ids=lambda c: c["sentence"][:40])
def test_no_false_country(case: dict) -> None:
    """A person, a US state, a place or a thing is not the country of the same name."""
    assert country_codes(case["sentence"]) == case["codes"]


@pytest.mark.parametrize("case", _cases("positive"), ids=lambda c: c["sentence"][:40])
def test_true_country_still_found(case: dict) -> None:
    assert country_codes(case["sentence"]) == case["codes"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Georgia farms rely on workers from Mexico, the governor said.", ["MX"]),  # the state
        ("Kenya Airways resumed flights.", ["KE"]),  # an organisation, not a surname
        ("Israel Police arrested two men.", ["IL"]),
        ("Israel Katz, the foreign minister, spoke.", []),  # a person, whatever his job
        ("Northern Chad is a desert.", ["TD"]),  # a direction is no first name
        ("Iceland's Island airline", ["IS"]),  # the native name beside the English one
    ],
)
def test_name_positions(text: str, codes: list[str]) -> None:
    assert country_codes(text) == codes


def test_person_named_earlier_in_the_article() -> None:
    """After "Rep. Jim Jordan", a bare "Jordan said" is him, not the kingdom."""
    later = "Jordan said the government had hidden the emails."
    body = "Rep. Jim Jordan questioned the director for an hour. " + later
    assert person_names(body) == {"Jordan"}
    assert country_codes(later) == ["JO"]  # on its own, "the government" would do
    assert find_countries(later, person_names(body)) == []
    assert extract(body).countries == ()
    # Strong evidence still wins: the capital names the country.
    assert [m.code for m in find_countries("Jordan said Amman would host the talks.",
                                           frozenset({"Jordan"}))] == ["JO"]


def test_extraction_keeps_true_and_drops_false_countries() -> None:
    body = ("Chad Wolf met officials in Washington on Monday. "
            "Aid convoys reached eastern Chad from Sudan, the UN said.")
    codes = [c.code for c in extract(body, "2025-11-26").countries]
    assert codes == ["TD", "SD"]


def test_kosovo_code_is_known() -> None:
    assert country_name("XK") == "Kosovo"
    assert country_name("xk") == "Kosovo"
    assert country_name("XX") is None


def test_article_naming_kosovo_imports(tmp_path: Path) -> None:
    src = tmp_path / "kosovo.txt"
    src.write_text(
        "Kosovo and Serbia agree on border crossings\n\n"
        "Kosovo and Serbia agreed on Tuesday to reopen two border crossings, "
        "the European Union said.\n",
        encoding="utf-8",
    )
    import_file(str(src), tmp_path / "out", published="2025-11-26")
    (folder,) = (tmp_path / "out").iterdir()
    b = read_bundle(folder)  # raises BundleError if the validator rejects XK
    assert [(c.code, c.name) for c in b.countries][:2] == [("XK", "Kosovo"), ("RS", "Serbia")]
