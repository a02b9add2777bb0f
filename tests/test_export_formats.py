"""Memo-ready Markdown (filters, grouping, ids), W3C Web Annotations and the Readwise CSV,
against golden files; the W3C conformance schemas; the sentence a note is shown with.

Regenerate the golden files after a deliberate format change with
`UPDATE_GOLDEN=1 pytest tests/test_export_formats.py` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_data
from jsonschema import Draft4Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from test_export import BRIEFING, EXPORTED_AT, NOTES, check_golden

from briefing_tui.export import render, render_many
from briefing_tui.exports.common import ExportOptions, fact_sentence, sentence_around
from briefing_tui.exports.readwise import COLUMNS
from briefing_tui.model import Annotation, Briefing, Fact, Target

OWN_SCHEMA = Path(__file__).parent / "data" / "w3c_annotation_musts.json"


def md(**options: Any) -> str:
    return render("markdown", BRIEFING, NOTES, EXPORTED_AT, ExportOptions(**options))


# --- memo-ready Markdown --------------------------------------------------------------


def test_memo_has_a_citation_header_and_a_line_under_each_quote() -> None:
    text = md()
    assert "**US seeks minerals deals ]52;c;ZXZpbA==with allies**. GlobalData, 26 Nov 2025. " \
           "<https://example.com/minerals>" in text
    cite = "— GlobalData, 26 Nov 2025, <https://example.com/minerals>"
    quote = "> The US is planning to seek agreements with eight allied countries.\n\n" + cite
    assert quote in text


def test_memo_has_no_ids_or_timestamps_unless_asked() -> None:
    plain, with_ids = md(), md(with_ids=True)
    for noise in ("minerals:000000000002", "2026-11-22T10:00:00Z", "`us-200bn`"):
        assert noise not in plain
        assert noise in with_ids
    assert "edited 2026-11-29T08:00:00Z" in with_ids


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("memo-with-ids.md", {"with_ids": True}),
        ("memo-label-question.md", {"label": "question"}),
        ("memo-tag-policy.md", {"tag": "policy"}),
        ("memo-country-us.md", {"country": "us"}),
        ("memo-group-country.md", {"group": "country"}),
        ("memo-group-label.md", {"group": "label"}),
    ],
)
def test_memo_golden(name: str, options: dict[str, Any]) -> None:
    check_golden(name, md(**options))


def test_filters_keep_only_what_matches() -> None:
    question = md(label="question")
    assert "Check the yuan figure." in question and "Which eight?" not in question
    assert "filters: label question" in question
    tagged = md(tag="#POLICY")  # a tag as typed: case and a leading # do not matter
    assert "Export controls paused" in tagged and "Check the yuan" not in tagged
    us = md(country="US")
    assert "Which eight?" in us and "Host of the December meeting." in us
    assert "Source is the *IEA*." not in us and "Export controls" not in us
    assert "No notes match (label disputed, tag nothing)." in md(label="disputed", tag="nothing")


def test_group_by_label_puts_each_label_under_its_heading() -> None:
    text = md(group="label")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Important", "## Question", "## Disputed", "## Verified", "## No label"]
    assert text.index("Which eight?") < text.index("## Question") < text.index("Check the yuan")


def test_group_by_country_follows_the_briefing_and_ends_with_no_country() -> None:
    headings = [line for line in md(group="country").splitlines() if line.startswith("## ")]
    assert headings == ["## US · United States", "## CN · China", "## FR", "## No country"]


def test_bad_options_are_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="unknown label"):
        ExportOptions(label="urgent")
    with pytest.raises(ValueError, match="grouping"):
        ExportOptions(group="speaker")
    with pytest.raises(ValueError, match="country code"):
        ExportOptions(country="USA")


OTHER = Briefing(
    id="second",
    title="A second briefing",
    body="Japan will host the talks in Tokyo. Nobody else was invited.\n",
    source="Desk",
    published="2025-12-01",
    facts=(
        Fact("tokyo", "event", "Japan hosts the talks.", "Japan will host the talks", countries=("JP", "US")),
    ),
)
OTHER_NOTES = [
    Annotation("second:00000000000a", "second", Target("fact", fact_id="tokyo"), "Tokyo again.",
               created="2026-11-20T10:00:00Z", updated="2026-11-20T10:00:00Z"),
]


def test_across_briefings_one_document_grouped_by_briefing() -> None:
    pairs = [(BRIEFING, NOTES), (OTHER, OTHER_NOTES)]
    text = render_many("markdown", pairs, EXPORTED_AT, ExportOptions(country="US"))
    check_golden("memo-all-country-us.md", text)
    assert text.startswith("---\ntitle: Notes on US\n")
    assert text.index("## US seeks minerals") < text.index("## A second briefing")
    assert "Tokyo again." in text and "Export controls" not in text
    only_jp = render_many("markdown", pairs, EXPORTED_AT, ExportOptions(country="JP"))
    assert "## A second briefing" in only_jp and "## US seeks" not in only_jp


# --- the sentence a note is about -------------------------------------------------------


def test_the_full_sentence_around_a_quote() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. on Monday. They agreed. “It is done,” he said. Next."
    start = text.index("met")
    assert text[slice(*sentence_around(text, start, start + 3))] == (
        "Mr. Smith met Dr. Jones in the U.S. on Monday."
    )
    start = text.index("It is")
    assert text[slice(*sentence_around(text, start, start + 5))] == "“It is done,” he said."


def test_a_sentence_never_crosses_a_paragraph() -> None:
    text = "A heading without a stop\n\nThe figure rose 5% in 2024 and the rest"
    start = text.index("rose")
    assert text[slice(*sentence_around(text, start, start + 4))] == "The figure rose 5% in 2024 and the rest"


def test_fact_sentence_reads_as_the_reader_sees_it() -> None:
    body = "Intro.\n\nThe **US** has received more than [$200bn](https://x.example) so far. End.\n"
    b = Briefing("b", "T", body)
    fact = Fact("f", "figure", "s", "The US has received more than $200bn")
    assert fact_sentence(b, fact) == "The US has received more than $200bn so far."


def test_an_overlong_sentence_falls_back_to_the_quote() -> None:
    b = Briefing("b", "T", "word " * 400 + "the quoted bit " + "word " * 400)
    assert fact_sentence(b, Fact("f", "claim", "s", "the quoted bit")) == "the quoted bit"


# --- W3C Web Annotations ------------------------------------------------------------------


def w3c(pairs: list[tuple[Briefing, list[Annotation]]] | None = None) -> dict[str, Any]:
    text = render_many("w3c", pairs or [(BRIEFING, NOTES)], EXPORTED_AT, ExportOptions(author="A. Analyst"))
    doc: dict[str, Any] = json.loads(text)
    return doc


def test_w3c_golden() -> None:
    text = render("w3c", BRIEFING, NOTES, EXPORTED_AT, ExportOptions(author="A. Analyst"))
    check_golden("export.jsonld", text)


def test_w3c_collection_of_annotations_with_quote_and_position() -> None:
    doc = w3c()
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 11
    items = doc["first"]["items"]
    assert len(items) == 11 and all(a["type"] == "Annotation" for a in items)
    by_id = {a["id"]: a for a in items}
    passage = by_id["urn:briefing:note:minerals:000000000000"]
    quote, position = passage["target"]["selector"]
    assert passage["target"]["source"] == "https://example.com/minerals"
    assert quote["exact"] == "nearly 2,500 projects"
    assert BRIEFING.body[position["start"] : position["end"]] == quote["exact"]
    assert quote["prefix"] == BRIEFING.body[position["start"] - 32 : position["start"]]
    tagged = by_id["urn:briefing:note:minerals:000000000002"]
    assert [b["value"] for b in tagged["body"] if b["purpose"] == "tagging"] == ["money", "china"]
    assert tagged["modified"] == "2026-11-29T08:00:00Z" and tagged["creator"]["name"] == "A. Analyst"


def test_w3c_source_is_a_stable_urn_without_a_url() -> None:
    doc = w3c([(OTHER, OTHER_NOTES)])
    assert doc["first"]["items"][0]["target"]["source"] == "urn:briefing:bundle:second"


def _musts_validators() -> list[tuple[str, Draft4Validator]]:
    root = shared_data("web-annotation-tests")
    resources = []
    for path in [*root.glob("definitions/*.json"), *root.glob("annotations/**/*.json")]:
        schema = json.loads(path.read_text("utf-8"))
        resources.append((schema.get("id", path.name), Resource.from_contents(schema, DRAFT4)))
    registry: Registry = Registry().with_resources(resources)
    musts = json.loads((root / "annotations" / "annotationMusts.test").read_text("utf-8"))
    out = []
    for name in musts["assertions"]:
        schema = json.loads((root / name).read_text("utf-8"))
        checker = Draft4Validator.FORMAT_CHECKER
        out.append((name, Draft4Validator(schema, registry=registry, format_checker=checker)))
    return out


def _standalone(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Each annotation as a document of its own (with the collection's @context)."""
    return [{"@context": doc["@context"], **a} for a in doc["first"]["items"]]


def test_every_exported_annotation_passes_the_w3c_musts() -> None:
    validators = _musts_validators()
    assert len(validators) > 40
    annotations = _standalone(w3c([(BRIEFING, NOTES), (OTHER, OTHER_NOTES)]))
    failures = [
        f"{a['id']}: {name}: {err.message}"
        for a in annotations
        for name, v in validators
        for err in v.iter_errors(a)
    ]
    assert failures == []


def test_the_w3c_musts_catch_a_broken_annotation() -> None:
    validators = _musts_validators()
    broken = _standalone(w3c())[0]
    broken["bodyValue"] = "both body and bodyValue"
    broken["target"]["selector"][0].pop("exact")
    assert sum(1 for _, v in validators if not v.is_valid(broken)) >= 2


def test_exported_annotations_pass_our_own_subset_of_the_musts() -> None:
    """Runs without ../shared: the project's own schema of the MUSTs this export relies on."""
    validator = Draft4Validator(json.loads(OWN_SCHEMA.read_text("utf-8")))
    for annotation in _standalone(w3c([(BRIEFING, NOTES), (OTHER, OTHER_NOTES)])):
        assert list(validator.iter_errors(annotation)) == []
    broken = _standalone(w3c())[0]
    broken["bodyValue"] = "x"
    broken["target"]["selector"][1]["start"] = -1
    assert not validator.is_valid(broken)


# --- Readwise CSV -------------------------------------------------------------------------


def test_csv_golden_and_columns() -> None:
    text = render("csv", BRIEFING, NOTES, EXPORTED_AT)
    golden = Path(__file__).parent / "golden" / "export.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(text.encode("utf-8"))
    assert text == golden.read_bytes().decode("utf-8")  # CRLF rows, as CSV has them
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    assert [r["Location"] for r in rows] == [str(n) for n in range(1, 12)]
    second = rows[1]
    sentence = "The US has received more than $200bn through nearly 2,500 projects, AidData said."
    assert second["Highlight"] == sentence
    assert second["Title"].startswith("US seeks minerals") and second["Author"] == "GlobalData"
    assert second["URL"] == "https://example.com/minerals"
    assert second["Note"].startswith(".question .money .china\nCheck the yuan figure.")
    assert second["Date"] == "2026-11-22 10:00:00"


def test_csv_cells_never_run_as_formulas() -> None:
    note = Annotation("minerals:0000000000ff", "minerals", Target("fact", fact_id="china-90"),
                      "=HYPERLINK(\"http://evil\")", created="2026-11-21T10:00:00Z")
    rows = list(csv.DictReader(io.StringIO(render("csv", BRIEFING, [note], EXPORTED_AT))))
    assert rows[0]["Note"] == "'=HYPERLINK(\"http://evil\")"


def test_json_export_takes_the_same_filters() -> None:
    doc = json.loads(render("json", BRIEFING, NOTES, EXPORTED_AT, ExportOptions(label="question")))
    assert [f["id"] for f in doc["facts"]] == ["us-200bn"] and doc["countries"] == doc["passages"] == []
