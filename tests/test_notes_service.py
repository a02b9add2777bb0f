"""The notes service (add, edit, delete, export, import) and `briefing notes import`.

Import: our own W3C export round-trips into an empty store; a hand-written file from
"another tool" (tests/data/foreign_annotations.jsonld) is anchored by its quotes alone,
its dead passage kept as an orphan, its highlight without text reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_BUNDLE

from briefing_tui.anchoring import locate
from briefing_tui.bundle.reader import read_bundle
from briefing_tui.cli import main
from briefing_tui.exports.common import ExportOptions
from briefing_tui.model import Anchor, Target
from briefing_tui.notes import (
    ExportChoice,
    NoteError,
    NotesService,
    load_export_choice,
    parse_target,
    save_export_choice,
)
from briefing_tui.store import AnnotationStore

FOREIGN = Path(__file__).parent / "data" / "foreign_annotations.jsonld"
SEED = read_bundle(SEED_BUNDLE)


def service(tmp_path: Path, name: str = "store") -> NotesService:
    return NotesService(AnnotationStore(tmp_path / name))


def some_notes(s: NotesService) -> None:
    fact = SEED.facts[2]
    s.add(SEED, Target("fact", fact_id=fact.id), "On the fact.", ("money", "check"), "question")
    s.add(SEED, Target("country", country=SEED.countries[0].code), "On a country.")
    s.add(SEED, parse_target(SEED, "passage:rare earths market"), "On a passage.", (), "disputed")


# --- validation in one place ---------------------------------------------------------------


def test_add_checks_the_target_exists(tmp_path: Path) -> None:
    s = service(tmp_path)
    with pytest.raises(NoteError, match="no fact 'nope'"):
        s.add(SEED, Target("fact", fact_id="nope"), "x")
    with pytest.raises(NoteError, match="country 'ZZ' is not in"):
        s.add(SEED, Target("country", country="ZZ"), "x")
    with pytest.raises(NoteError, match="needs some text"):
        s.add(SEED, Target("fact", fact_id=SEED.facts[0].id), "   ")
    with pytest.raises(NoteError, match="unknown label"):
        s.add(SEED, Target("fact", fact_id=SEED.facts[0].id), "x", label="urgent")
    with pytest.raises(NoteError, match="does not occur"):
        parse_target(SEED, "passage:words that are not there")
    assert s.list(SEED.id) == []


def test_edit_and_delete_by_id(tmp_path: Path) -> None:
    s = service(tmp_path)
    note = s.add(SEED, Target("fact", fact_id=SEED.facts[0].id), "first")
    edited = s.edit(note.id, text="second", tags=["a"], label="verified")
    assert (edited.text, edited.tags, edited.label) == ("second", ("a",), "verified")
    s.delete(note.id)
    assert s.list(SEED.id) == []
    with pytest.raises(NoteError, match="no note with id"):
        s.delete(note.id)
    with pytest.raises(NoteError, match="no note with id"):
        s.edit(note.id, text="again")


# --- import ----------------------------------------------------------------------------------


def test_w3c_round_trip_into_an_empty_store(tmp_path: Path) -> None:
    first = service(tmp_path, "first")
    some_notes(first)
    text, count = first.export("w3c", [SEED])
    assert count == 3
    path = tmp_path / "notes.jsonld"
    path.write_text(text, "utf-8")
    second = service(tmp_path, "second")
    report = second.import_file(path, [SEED])
    assert (len(report.added), report.duplicates, report.orphans, report.skipped) == (3, 0, [], [])
    assert second.list(SEED.id) == first.list(SEED.id)
    again = second.import_file(path, [SEED])  # merged by annotation id: nothing twice
    assert (len(again.added), again.duplicates) == (0, 3)
    assert len(second.list(SEED.id)) == 3


def test_a_foreign_file_is_anchored_by_its_quotes(tmp_path: Path) -> None:
    s = service(tmp_path)
    report = s.import_file(FOREIGN, [SEED], bundle=SEED)
    assert len(report.added) == 3 and report.duplicates == 0
    assert len(report.skipped) == 1 and "anno/3" in report.skipped[0] and "no note text" in report.skipped[0]
    assert len(report.orphans) == 1 and "anno/2" in report.orphans[0]
    notes = {n.text: n for n in s.list(SEED.id)}
    meet = notes["Eight delegations: count them in the readout."]
    assert meet.tags == ("delegations",) and meet.created == "2025-12-01T09:00:00Z"
    anchor = meet.target.anchor
    assert anchor is not None
    # Prefix, suffix and position were all wrong: the quote alone placed it, and the
    # anchor now has the article's own context.
    found = SEED.body[anchor.start : anchor.start + len(anchor.exact)]
    assert found == "are scheduled to meet on 12 December"
    assert SEED.body[: anchor.start].endswith(anchor.prefix) and "Emirates" in anchor.prefix
    earths = notes["Refined in China, mined elsewhere."].target.anchor
    assert earths is not None and earths.exact == "rare earths"
    orphan = notes["A sentence the bundle never had."].target.anchor
    assert orphan is not None and locate(SEED.body, orphan) is None  # kept, not dropped
    md, _ = s.export("markdown", [SEED])
    assert "(passage no longer found)" in md and "A sentence the bundle never had." in md
    assert s.import_file(FOREIGN, [SEED], bundle=SEED).duplicates == 3


def test_foreign_notes_need_a_briefing(tmp_path: Path) -> None:
    report = service(tmp_path).import_file(FOREIGN, [SEED])
    assert report.added == [] and len(report.skipped) == 4
    assert sum("use --bundle" in line for line in report.skipped) == 3


def test_not_an_annotation_file(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"hello": 1}), "utf-8")
    with pytest.raises(ValueError, match="not a Web Annotation document"):
        service(tmp_path).import_file(path, [SEED])
    path.write_text("{broken", "utf-8")
    with pytest.raises(ValueError, match="invalid JSON at line 1"):
        service(tmp_path).import_file(path, [SEED])


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_export_import_round_trip(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    some_notes(NotesService())
    out = tmp_path / "notes.jsonld"
    assert main(["export", SEED.id, "--format", "w3c", "-o", str(out)]) == 0
    before = NotesService().list(SEED.id)
    for n in before:
        NotesService().delete(n.id)
    capsys.readouterr()
    assert main(["notes", "import", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "imported 3 notes"
    assert NotesService().list(SEED.id) == before
    assert main(["note", "import", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "imported 0 notes, 3 already here"


def test_cli_import_reports_orphans_and_skips(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes", "import", str(FOREIGN), "--bundle", SEED.id]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "imported 3 notes, 1 not anchored (kept as orphans), 1 skipped"
    assert "orphaned:" in captured.err and "not imported:" in captured.err
    assert main(["notes", "import", str(FOREIGN)]) == 1  # no bundle for another tool's URL
    assert main(["notes", "import", "/no/such/file.jsonld"]) == 2


def test_cli_export_filters_and_all(capsys: pytest.CaptureFixture[str]) -> None:
    some_notes(NotesService())
    capsys.readouterr()
    assert main(["export", SEED.id, "--label", "question"]) == 0
    out = capsys.readouterr().out
    assert "On the fact." in out and "On a country." not in out
    code = SEED.countries[0].code
    assert main(["export", "--country", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"---\ntitle: Notes on {code}\n") and "On a country." in out
    assert main(["export", "--all", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\r\n") == 4
    assert main(["export"]) == 2
    assert "give a BUNDLE, --all, or --country XX" in capsys.readouterr().err
    assert main(["export", SEED.id, "--country", "USA"]) == 2


def test_cli_note_edit(capsys: pytest.CaptureFixture[str]) -> None:
    note = NotesService().add(SEED, Target("fact", fact_id=SEED.facts[0].id), "old")
    assert main(["note", "edit", note.id, "new", "--label", "important"]) == 0
    assert NotesService().get(note.id).text == "new"
    assert main(["note", "edit", "nope:000000000000", "x"]) == 2


# --- the export dialog's memory -------------------------------------------------------------


def test_export_choice_is_remembered_and_bad_files_are_ignored(data_dir: Path) -> None:
    assert load_export_choice() == ExportChoice()
    choice = ExportChoice(format="w3c", group="label", tag="money", with_ids=True)
    save_export_choice(choice)
    assert load_export_choice() == choice
    assert choice.options().tag == "money"
    (data_dir / "export.json").write_text('{"format": "pdf"}', "utf-8")
    assert load_export_choice() == ExportChoice()
    (data_dir / "export.json").write_text("not json", "utf-8")
    assert load_export_choice() == ExportChoice()


def test_export_counts_only_what_passes(tmp_path: Path) -> None:
    s = service(tmp_path)
    some_notes(s)
    _, count = s.export("markdown", [SEED], options=ExportOptions(label="disputed"))
    assert count == 1
    with pytest.raises(NoteError, match="unknown export format"):
        s.export("pdf", [SEED])
    anchor = s.list(SEED.id)[2].target.anchor
    assert isinstance(anchor, Anchor)
