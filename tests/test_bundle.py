"""The bundle format: reading the shipped seed, round trips, and every validator error."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_BUNDLE

from briefing_tui.bundle.errors import BundleError
from briefing_tui.bundle.reader import read_bundle
from briefing_tui.bundle.writer import escape, write_bundle
from briefing_tui.model import Briefing, Country, Fact, Value

ALLIES = {"AU", "KR", "IL", "JP", "NL", "SG", "GB", "AE"}


def test_shipped_seed_validates_with_its_facts_and_countries() -> None:
    b = read_bundle(SEED_BUNDLE)
    assert b.id == "us-allies-critical-minerals"
    assert len(b.facts) >= 15
    assert {c.code for c in b.countries} == ALLIES | {"US", "CN"}
    values = {f.value.to_text() for f in b.facts if f.value}
    for expected in (
        "200000000000 USD",
        "1410000000000 CNY",
        "2200000000000 USD",
        "90%",
        "2500 projects",
        "200 countries",
        "2025-12-12",
        "2025-08",
        "2025-10",
        "2000/2023",
    ):
        assert expected in values
    helberg = [f for f in b.facts if f.kind == "quote"]
    assert helberg and all(f.speaker == "Jacob Helberg" for f in helberg)


def test_seed_article_has_no_advertising_or_glued_byline() -> None:
    body = read_bundle(SEED_BUNDLE).body
    for line in (
        "Discover B2B Marketing",
        "36 leading media platforms",
        "US Tariffs are shifting",
        "real-time data",
        "By GlobalData",
    ):
        assert line not in body
    assert "Helberg said: “It is clear" in body


def test_write_then_read_gives_an_equal_briefing(tmp_path: Path) -> None:
    original = read_bundle(SEED_BUNDLE)
    write_bundle(original, tmp_path / "copy")
    assert read_bundle(tmp_path / "copy") == original


def test_round_trip_keeps_markdown_special_characters(tmp_path: Path) -> None:
    body = "Costs rose *sharply*: 5 * 3 = 15 [sic] <b> & # not a heading_ x | y ~z~ \\ end."
    tricky = "5 * 3 = 15 [sic] <b> & # not a heading_ x | y"
    b = Briefing(
        id="tricky",
        title="A # title [x]",
        body=body,
        published="2024-01-02",
        facts=(Fact("f1", "claim", "- 1. starts like a list *", tricky, countries=("FR",)),),
        countries=(Country("FR", "France", "Role with *stars* and 1. numbers"),),
    )
    write_bundle(b, tmp_path / "t")
    assert read_bundle(tmp_path / "t") == b


def test_escape_neutralises_leading_list_markers() -> None:
    assert escape("1. one") == "1\\. one"
    assert escape("- dash") == "\\- dash"


def test_write_bundle_refuses_an_existing_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    with pytest.raises(FileExistsError):
        write_bundle(read_bundle(SEED_BUNDLE), tmp_path / "x")


@pytest.mark.parametrize(
    "text, parsed",
    [
        ("200000000000 USD", Value("money", 2e11, "USD")),
        ("90%", Value("percent", 90.0)),
        ("2500 projects", Value("count", 2500.0, "projects")),
        ("2025-12-12", Value("date", start="2025-12-12")),
        ("2000/2023", Value("period", start="2000", end="2023")),
    ],
)
def test_value_forms_parse_and_print_back(text: str, parsed: Value) -> None:
    assert Value.parse(text) == parsed
    assert parsed.to_text() == text


def test_bad_value_is_refused() -> None:
    with pytest.raises(ValueError):
        Value.parse("about two hundred")
    with pytest.raises(ValueError):
        Value.parse("2025-13-40")


# --- validator errors, each with its file and line --------------------------------------


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(BundleError) as info:
        read_bundle(folder)
    return [str(p) for p in info.value.problems]


def _line_of(folder: Path, name: str, needle: str) -> int:
    lines = (folder / name).read_text("utf-8").split("\n")
    return next(i + 1 for i, line in enumerate(lines) if needle in line)


CASES = [
    # (file, old, new, line needle, message fragment)
    ("briefing.md", "title: US to seek", "title: [US to seek", "title:", "front matter"),
    ("briefing.md", "id: us-allies-critical-minerals", "id: Not Valid!", "id:", "must match"),
    ("briefing.md", "published: 2025-11-26", "published: last week", "published:", "ISO date"),
    ("briefing.md", "source: GlobalData", "source: GlobalData\nurl: file:///etc/passwd", "url:", "http"),
    (
        "facts.md",
        "- kind: claim\n- countries: US, CN\n\n> This initiative",
        "- kind: rumour\n- countries: US, CN\n\n> This initiative",
        "## reduce-reliance-on-china",
        "unknown kind",
    ),
    (
        "facts.md",
        "> This initiative is intended",
        "> This initiative was never",
        "## reduce-reliance-on-china",
        "source quote not found",
    ),
    ("facts.md", "- value: 90%", "- value: ninety", "- value: ninety", "value"),
    ("facts.md", "- countries: CN\n\n> China remains", "- countries: XX\n\n> China remains", "", ""),
    (
        "facts.md",
        "## minerals-security-partnership",
        "## us-eight-allies",
        "## us-eight-allies\n",
        "duplicate",
    ),
    (
        "facts.md",
        "- kind: quote\n- speaker: Jacob Helberg\n- countries: US, CN\n\n> “It is",
        "- kind: quote\n- countries: US, CN\n\n> “It is",
        "## helberg-two-horse-race",
        "speaker",
    ),
    (
        "facts.md",
        "- kind: event\n- countries: US\n\n> Under",
        "- kind: event\n- colour: red\n\n> Under",
        "- colour: red",
        "unknown field",
    ),
    (
        "facts.md",
        "- countries: CN\n\n> The International",
        "- countries: FR\n\n> The International",
        "## china-refines-90-percent",
        "not listed in countries.md",
    ),
    ("countries.md", "## JP · Japan", "## ZZ · Nowhere", "## ZZ", "unknown country code"),
    (
        "countries.md",
        "## IL · Israel\n\nInvited ally; its delegates meet on 12 December.\n",
        "## IL · Israel\n",
        "## IL · Israel",
        "no role",
    ),
    (
        "facts.md",
        "- kind: event\n- countries: US\n\n> Under",
        "- kind: event\n- origin: guessed\n- countries: US\n\n> Under",
        "## minerals-security-partnership",
        "unknown origin",
    ),
    ("facts.md", "- value: 90%", "- value: 90%\n- value: 91%", "- value: 91%", "given twice"),
    (
        "facts.md",
        "- kind: claim\n- countries: CN\n\n> Despite",
        "- kind: claim\n- countries CN\n\n> Despite",
        "- countries CN",
        "'key: value'",
    ),
    (
        "facts.md",
        "The first Trump administration launched the Energy Resource Governance Initiative "
        "for cobalt and lithium supply chains.\n",
        "",
        "## energy-resource-governance-initiative",
        "no statement",
    ),
    (
        "facts.md",
        "> China’s global lending and grant activities reached $2.2tn\n",
        "",
        "## china-lending-2-2tn",
        "no source quote",
    ),
    (
        "briefing.md",
        "title: US to seek critical minerals and AI supply chain deals with eight allies\n",
        "",
        "",
        "",
    ),
    ("countries.md", "## SG · Singapore", "## JP · Japan again", "## JP · Japan again", "duplicate country"),
]


@pytest.mark.parametrize("name, old, new, needle, fragment", [c for c in CASES if c[3]])
def test_each_validator_error_names_file_and_line(
    seed_copy: Path, name: str, old: str, new: str, needle: str, fragment: str
) -> None:
    _edit(seed_copy, name, old, new)
    line = (
        _line_of(seed_copy, name, needle.rstrip("\n"))
        if not needle.endswith("\n")
        else (
            [
                i + 1
                for i, ln in enumerate((seed_copy / name).read_text().split("\n"))
                if ln == needle.rstrip("\n")
            ][-1]
        )
    )
    problems = _problems(seed_copy)
    expected_prefix = f"{seed_copy / name}:{line}: "
    assert any(p.startswith(expected_prefix) and fragment in p for p in problems), problems


def test_missing_title_is_reported(seed_copy: Path) -> None:
    _edit(
        seed_copy,
        "briefing.md",
        "title: US to seek critical minerals and AI supply chain deals with eight allies\n",
        "",
    )
    assert f"{seed_copy / 'briefing.md'}:2: front matter: 'title' is required" in _problems(seed_copy)


def test_unclosed_front_matter_is_reported_at_line_1(seed_copy: Path) -> None:
    text = (seed_copy / "briefing.md").read_text("utf-8").replace("schema: 1\n---\n", "schema: 1\n", 1)
    (seed_copy / "briefing.md").write_text(text, "utf-8")
    assert any(p.startswith(f"{seed_copy / 'briefing.md'}:1: ") for p in _problems(seed_copy))


def test_missing_facts_file_is_reported(seed_copy: Path) -> None:
    (seed_copy / "facts.md").unlink()
    assert any("facts.md" in p and "missing" in p for p in _problems(seed_copy))


def test_invalid_utf8_is_reported_with_its_line(seed_copy: Path) -> None:
    path = seed_copy / "countries.md"
    path.write_bytes(b"# Countries\n\n## JP \xff Japan\n")
    assert f"{path}:3: not UTF-8 (byte 0xff)" in _problems(seed_copy)


def test_oversized_bundle_is_refused(seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing_tui.bundle.reader as reader

    monkeypatch.setattr(reader, "MAX_BUNDLE_BYTES", 1000)
    assert any("cap" in p for p in _problems(seed_copy))


def test_heading_inside_code_block_is_not_a_fact(seed_copy: Path) -> None:
    _edit(seed_copy, "facts.md", "## us-eight-allies", "```\n## not-a-fact\n```\n\n## us-eight-allies")
    ids = [f.id for f in read_bundle(seed_copy).facts]
    assert "not-a-fact" not in ids
