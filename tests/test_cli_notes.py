"""`briefing notes`, `briefing note add|rm` and `briefing export` as a user runs them.

Uses a small bundle written in the test (found through BRIEFING_CONTENT_PATH),
so the tests do not depend on the shipped content.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from briefing_tui.commands import CommandError
from briefing_tui.commands import export as export_cmd
from briefing_tui.commands import notes as notes_cmd
from briefing_tui.store import AnnotationStore

BUNDLE = "tiny-bundle"
BRIEFING_MD = """---
id: tiny-bundle
title: Tiny test briefing
source: Test Desk
published: 2025-11-26
schema: 1
---
Japan and the US will meet on 12 December to discuss critical minerals.

China refines more than 90% of rare earths.
"""
FACTS_MD = """# Facts

## meet-12-december
- kind: date
- value: 2025-12-12
- countries: JP, US

> Japan and the US will meet on 12 December

Japan and the US meet on 12 December 2025.

## china-90
- kind: figure
- value: 90%
- countries: CN

> China refines more than 90% of rare earths

China refines over 90% of rare earths.
"""
COUNTRIES_MD = """# Countries

## JP · Japan
Meets the US.

## US · United States
Host.

## CN · China
Refiner.
"""


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "content"
    folder = root / BUNDLE
    folder.mkdir(parents=True)
    (folder / "briefing.md").write_text(BRIEFING_MD, "utf-8")
    (folder / "facts.md").write_text(FACTS_MD, "utf-8")
    (folder / "countries.md").write_text(COUNTRIES_MD, "utf-8")
    monkeypatch.setenv("BRIEFING_CONTENT_PATH", str(root))
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    return folder


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Parse with just our two modules, run, and report (exit code, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog="briefing")
    sub = parser.add_subparsers()
    notes_cmd.add_parser(sub)
    export_cmd.add_parser(sub)
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except CommandError as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_and_remove(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(
        [
            "note",
            "add",
            BUNDLE,
            "china-90",
            "Check the **IEA** figure",
            "--tag",
            "iea",
            "--tag",
            "check",
            "--label",
            "question",
        ],
        capsys,
    )
    assert code == 0
    fact_note = out.strip()
    assert fact_note.startswith(f"{BUNDLE}:")
    code, out, _ = cli(["note", "add", BUNDLE, "country:jp", "Japan note"], capsys)
    assert code == 0
    country_note = out.strip()
    code, out, _ = cli(["note", "add", BUNDLE, "passage:critical minerals", "A passage"], capsys)
    assert code == 0

    code, out, _ = cli(["notes", BUNDLE], capsys)
    assert code == 0
    assert fact_note in out and "fact china-90" in out and "[question]" in out
    assert "#iea" in out and "Check the **IEA** figure" in out
    assert "country:JP" in out and "passage “critical minerals”" in out

    code, out, _ = cli(["notes", BUNDLE, "--format", "json"], capsys)
    records = json.loads(out)
    assert [r["id"] for r in records][:2] == [fact_note, country_note]
    assert records[0]["tags"] == ["iea", "check"] and records[0]["schema"] == 1
    assert records[2]["target"]["anchor"]["exact"] == "critical minerals"

    code, out, _ = cli(["note", "rm", fact_note], capsys)
    assert code == 0
    short = country_note.split(":", 1)[1]
    code, _, _ = cli(["note", "rm", short], capsys)  # the id alone finds its bundle
    assert code == 0
    assert len(AnnotationStore().list(BUNDLE)) == 1


def test_empty_listing(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["notes", BUNDLE], capsys)
    assert code == 0 and "No notes" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["note", "add", "no-such-bundle", "china-90", "x"], "no-such-bundle"),
        (["notes", "no-such-bundle"], "no-such-bundle"),
        (["export", "no-such-bundle"], "no-such-bundle"),
        (["note", "add", BUNDLE, "no-such-fact", "x"], "no fact 'no-such-fact'"),
        (["note", "add", BUNDLE, "country:FR", "x"], "country 'FR' is not in"),
        (["note", "add", BUNDLE, "passage:not in the text", "x"], "does not occur"),
        (["note", "rm", "tiny-bundle:000000000000"], "no note with id"),
        (["note", "rm", "ghost"], "no note with id"),
    ],
)
def test_unknown_things_exit_2_with_one_line(
    bundle: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = cli(argv, capsys)
    assert code == 2
    assert out == ""
    assert message in err and err.count("\n") == 1


def test_moved_aside_store_is_reported_and_work_goes_on(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = AnnotationStore()
    path = store.path_for(BUNDLE)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"notes": {"tiny')
    code, out, err = cli(["note", "add", BUNDLE, "china-90", "after"], capsys)
    assert code == 0 and out.startswith(f"{BUNDLE}:")
    assert "warning" in err and str(path) in err and ".corrupt-" in err
    [aside] = path.parent.glob(f"{BUNDLE}.json.corrupt-*")
    assert aside.read_bytes() == b'{"notes": {"tiny'
    assert len(AnnotationStore().list(BUNDLE)) == 1


def test_store_error_exits_1(
    bundle: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(blocker))
    code, _, err = cli(["note", "add", BUNDLE, "china-90", "x"], capsys)
    assert code == 1 and str(blocker) in err


def test_export_to_stdout_and_file(bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli(["note", "add", BUNDLE, "china-90", "IEA says so", "--label", "verified"], capsys)
    code, out, _ = cli(["export", BUNDLE], capsys)
    assert code == 0
    assert out.startswith("---\ntitle: Tiny test briefing\n")
    assert "### China refines over 90% of rare earths." in out and "IEA says so" in out

    code, out, _ = cli(["export", BUNDLE, "--format", "json"], capsys)
    assert json.loads(out)["facts"][0]["notes"][0]["label"] == "verified"

    target = tmp_path / "out.md"
    code, out, err = cli(["export", BUNDLE, "-o", str(target)], capsys)
    assert code == 0 and out == "" and "1 note" in err
    assert "IEA says so" in target.read_text("utf-8")
    code, _, err = cli(["export", BUNDLE, "-o", str(target)], capsys)
    assert code == 1 and "--force" in err
    code, _, _ = cli(["export", BUNDLE, "-o", str(target), "--format", "json", "--force"], capsys)
    assert code == 0 and json.loads(target.read_text("utf-8"))["briefing"]["id"] == BUNDLE


def test_wired_into_the_real_cli(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_tui.cli import main

    assert main(["note", "add", BUNDLE, "country:CN", "via main"]) == 0
    note_id = capsys.readouterr().out.strip()
    assert main(["notes", BUNDLE]) == 0
    assert note_id in capsys.readouterr().out
    assert main(["note", "add", BUNDLE, "nope", "x"]) == 2
    assert "no fact 'nope'" in capsys.readouterr().err
