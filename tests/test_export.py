"""Export to Markdown and JSON against golden files; safe writing of the result.

Regenerate the golden files after a deliberate format change with
`UPDATE_GOLDEN=1 pytest tests/test_export.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from briefing_tui import storage
from briefing_tui.anchoring import make_anchor
from briefing_tui.export import (
    ORPHANED,
    ExportError,
    export_json,
    export_markdown,
    render,
    write_export,
)
from briefing_tui.model import Anchor, Annotation, Briefing, Country, Fact, Target

GOLDEN = Path(__file__).parent / "golden"
EXPORTED_AT = "2026-11-26T23:15:00Z"

BODY = (
    "The US is planning to seek agreements with eight allied countries.\n\n"
    "The US has received more than $200bn through nearly 2,500 projects, AidData said.\n\n"
    "China refines more than 90% of the world's rare earths.\n"
)
BRIEFING = Briefing(
    id="minerals",
    title="US seeks minerals deals \x1b]52;c;ZXZpbA==\x07with allies",
    body=BODY,
    source="GlobalData",
    published="2025-11-26",
    url="https://example.com/minerals",
    # Deliberately not in article order: the export must sort them.
    facts=(
        Fact(
            "china-90",
            "figure",
            "China refines over 90% of rare earths.",
            "China refines more than 90% of the world's rare earths",
            countries=("CN",),
        ),
        Fact(
            "us-200bn",
            "figure",
            "The US received more than $200bn.",
            "The US has received more than $200bn",
            countries=("US",),
        ),
        Fact(
            "eight-allies",
            "claim",
            "The US seeks deals with eight allies.",
            "seek agreements with eight allied countries",
            countries=("US",),
        ),
        Fact("un-noted", "claim", "Nobody wrote about this.", "AidData said"),
    ),
    countries=(Country("US", "United States", "Convenes."), Country("CN", "China", "Rival.")),
)


def note(
    n: int, target: Target, text: str, tags: tuple[str, ...] = (), label: str = "", updated: str = ""
) -> Annotation:
    created = f"2026-11-2{n % 10}T10:00:00Z"
    return Annotation(
        id=f"minerals:{n:012x}",
        bundle_id="minerals",
        target=target,
        text=text,
        tags=tags,
        label=label,
        created=created,
        updated=updated or created,
    )


FOUND = make_anchor(
    BODY,
    BODY.index("nearly 2,500 projects"),
    BODY.index("nearly 2,500 projects") + len("nearly 2,500 projects"),
)
MOVED = Anchor("the world's rare  earths", prefix="China refines more than 90% of ", suffix=".\n", start=3)
GONE = Anchor("a sentence the editor deleted", prefix="Before it ", suffix=" after it.", start=40)

NOTES = [
    note(1, Target("fact", fact_id="china-90"), "Source is the *IEA*.", ("iea",), "verified"),
    note(
        2,
        Target("fact", fact_id="us-200bn"),
        "Check the yuan figure.\n\nSecond paragraph \x1b[31mred\x1b[0m.",
        ("money", "china"),
        "question",
        updated="2026-11-29T08:00:00Z",
    ),
    note(3, Target("fact", fact_id="us-200bn"), "Also in the AidData report."),
    note(4, Target("fact", fact_id="eight-allies"), "Which eight?", (), "important"),
    note(5, Target("fact", fact_id="removed-fact"), "This fact was deleted from the bundle."),
    note(6, Target("country", country="CN"), "Export controls paused in November.", ("policy",)),
    note(7, Target("country", country="US"), "Host of the December meeting."),
    note(8, Target("country", country="FR"), "Not in this briefing any more."),
    note(9, Target("passage", anchor=GONE), "Orphaned passage note.", (), "disputed"),
    note(0, Target("passage", anchor=FOUND), "Projects count is approximate."),
    note(1, Target("passage", anchor=MOVED), "Whitespace changed; still found."),
    Annotation("other:000000000001", "other", Target("fact", fact_id="us-200bn"), "Other bundle"),
]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8")


def test_markdown_matches_golden() -> None:
    check_golden("export.md", export_markdown(BRIEFING, NOTES, EXPORTED_AT))


def test_json_matches_golden() -> None:
    check_golden("export.json", export_json(BRIEFING, NOTES, EXPORTED_AT))


def test_markdown_front_matter_and_order() -> None:
    md = export_markdown(BRIEFING, NOTES, EXPORTED_AT)
    _, front, rest = md.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta == {
        "title": "US seeks minerals deals ]52;c;ZXZpbA==with allies",
        "source": "GlobalData",
        "published": "2025-11-26",
        "url": "https://example.com/minerals",
        "exported": EXPORTED_AT,
    }
    headings = [line for line in rest.splitlines() if line.startswith("#")]
    assert headings == [
        "# Notes: US seeks minerals deals ]52;c;ZXZpbA==with allies",
        "## Facts",
        "### The US seeks deals with eight allies.",
        "### The US received more than $200bn.",
        "### China refines over 90% of rare earths.",
        "### removed-fact (fact no longer in the briefing)",
        "## Countries",
        "### US · United States",
        "### CN · China",
        "### FR",
        "## Passages",
    ]
    assert "Nobody wrote about this" not in md
    assert "Other bundle" not in md
    # The whole sentence, not the fragment the fact quotes or the words a passage note holds.
    full = "> The US has received more than $200bn through nearly 2,500 projects, AidData said."
    assert md.count(full) == 2  # the fact's, and the passage's on "nearly 2,500 projects"
    assert "> nearly 2,500 projects\n" not in md
    assert f"> a sentence the editor deleted\n\n{ORPHANED}" in md
    assert md.index("Projects count") < md.index("Whitespace changed") < md.index("Orphaned")


def test_no_control_bytes_are_exported() -> None:
    for text in (export_markdown(BRIEFING, NOTES, EXPORTED_AT), export_json(BRIEFING, NOTES, EXPORTED_AT)):
        assert "\x1b" not in text and "\x07" not in text
    assert "Second paragraph [31mred[0m." in export_markdown(BRIEFING, NOTES, EXPORTED_AT)


def test_json_is_machine_readable_with_anchors() -> None:
    doc = json.loads(export_json(BRIEFING, NOTES, EXPORTED_AT))
    assert doc["format"] == "briefing-notes" and doc["exported"] == EXPORTED_AT
    assert doc["briefing"]["id"] == "minerals"
    assert [f["id"] for f in doc["facts"]] == ["eight-allies", "us-200bn", "china-90", "removed-fact"]
    assert [len(f["notes"]) for f in doc["facts"]] == [1, 2, 1, 1]
    assert doc["facts"][-1]["found"] is False
    assert [c["code"] for c in doc["countries"]] == ["US", "CN", "FR"]
    passages = doc["passages"]
    assert [p["found"] for p in passages] == [True, True, False]
    first = passages[0]
    assert BODY[first["start"] : first["end"]] == first["text"] == "nearly 2,500 projects"
    assert first["anchor"] == {
        "exact": FOUND.exact,
        "prefix": FOUND.prefix,
        "suffix": FOUND.suffix,
        "start": FOUND.start,
    }
    assert passages[2]["start"] is None and passages[2]["text"] == GONE.exact
    us = doc["facts"][1]["notes"][0]
    assert us["tags"] == ["money", "china"] and us["label"] == "question"
    assert us["updated"] == "2026-11-29T08:00:00Z"


def test_nothing_to_export() -> None:
    md = export_markdown(BRIEFING, [], EXPORTED_AT)
    assert "No notes yet." in md and "## Facts" not in md
    doc = json.loads(export_json(BRIEFING, [], EXPORTED_AT))
    assert doc["facts"] == doc["countries"] == doc["passages"] == []


def test_render_names_the_format() -> None:
    assert render("json", BRIEFING, NOTES, EXPORTED_AT) == export_json(BRIEFING, NOTES, EXPORTED_AT)
    with pytest.raises(ValueError, match="markdown"):
        render("pdf", BRIEFING, NOTES, EXPORTED_AT)


def test_write_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    write_export("first\n", out)
    assert out.read_text("utf-8") == "first\n"
    with pytest.raises(ExportError, match="already exists.*--force"):
        write_export("second\n", out, force=False)
    assert out.read_text("utf-8") == "first\n"
    write_export("second\n", out, force=True)
    assert out.read_text("utf-8") == "second\n"
    assert storage.temp_files_of(out) == []
    assert out.stat().st_mode & 0o644 == 0o644  # a normal, shareable file


def test_write_export_failure_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "notes.md"
    out.write_text("old\n", "utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "replace", broken_replace)
        with pytest.raises(ExportError, match="the disk is full"):
            write_export("new\n", out, force=True)
    assert out.read_text("utf-8") == "old\n"
    assert storage.temp_files_of(out) == []


def test_write_export_to_a_folder_or_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="folder"):
        write_export("x", tmp_path, force=True)
    with pytest.raises(ExportError, match="cannot write"):
        write_export("x", tmp_path / "missing" / "notes.md")
