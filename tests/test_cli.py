"""The CLI as a user runs it: list, show, check, --version, --help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_BUNDLE

from briefing_tui.cli import main

SEED_ID = "us-allies-critical-minerals"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("briefing ")


@pytest.mark.parametrize("command", [[], ["list"], ["show"], ["check"], ["open"]])
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([*command, "--help"])
    assert info.value.code == 0
    assert "usage: briefing" in capsys.readouterr().out


def test_list_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert SEED_ID in out and "2025-11-26" in out and "23 facts" in out and "10 countries" in out
    assert main(["list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    seed = next(r for r in rows if r["id"] == SEED_ID)
    assert seed["facts"] == 23 and seed["countries"] == 10 and seed["ok"] is True


def test_list_reports_a_broken_bundle_and_still_lists_the_others(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = seed_copy.parent / "broken"
    broken.mkdir()
    (broken / "briefing.md").write_text("---\nid: [oops\n---\nText\n", "utf-8")
    (broken / "facts.md").write_text("", "utf-8")
    (broken / "countries.md").write_text("", "utf-8")
    monkeypatch.setenv("BRIEFING_CONTENT_PATH", str(seed_copy.parent))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert SEED_ID in out
    line = next(ln for ln in out.splitlines() if ln.startswith("broken "))
    assert f"BROKEN  {broken / 'briefing.md'}:2: front matter" in line


def test_show_json_has_facts_and_countries(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", SEED_ID, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == SEED_ID and data["title"]
    fact = next(f for f in data["facts"] if f["id"] == "us-received-200bn")
    assert fact["kind"] == "figure"
    assert fact["value"] == {
        "type": "money", "text": "200000000000 USD", "display": "$200bn", "amount": 2e11, "currency": "USD",
    }
    assert fact["source"] == "The US has received more than $200bn"
    assert set(fact["countries"]) == {"US", "CN"}
    assert {"code": "JP", "name": "Japan", "role": fact and data["countries"][5]["role"]} in data["countries"]


def test_show_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", SEED_ID]) == 0
    out = capsys.readouterr().out
    assert "Facts (23)" in out and "Countries (10)" in out and "helberg-two-horse-race" in out


def test_show_unknown_bundle_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "no-such-thing"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefing: error: no-such-thing: no bundle with this id")
    assert len(err.strip().splitlines()) == 1


def test_check_passes_on_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert main(["check", str(SEED_BUNDLE)]) == 0


def test_check_malformed_front_matter(seed_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = seed_copy / "briefing.md"
    path.write_text(path.read_text("utf-8").replace("title: US", "title: [US", 1), "utf-8")
    assert main(["check", str(seed_copy)]) == 1
    assert f"{path}:3: front matter:" in capsys.readouterr().out


def test_check_source_quote_missing_from_article(seed_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = seed_copy / "facts.md"
    facts.write_text(
        facts.read_text("utf-8").replace("> The US has received", "> The UK has received"), "utf-8"
    )
    assert main(["check", str(seed_copy)]) == 1
    line = next(i + 1 for i, ln in enumerate(facts.read_text().split("\n")) if ln == "## us-received-200bn")
    out = capsys.readouterr().out
    assert f"{facts}:{line}: fact us-received-200bn: source quote not found in the article" in out


def test_check_a_folder_of_bundles_reports_only_the_broken(
    seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = seed_copy.parent / "broken"
    broken.mkdir()
    (broken / "briefing.md").write_text("no front matter\n", "utf-8")
    assert main(["check", str(seed_copy.parent)]) == 1
    out = capsys.readouterr().out
    assert f"{broken / 'briefing.md'}:1: no front matter" in out
    assert str(seed_copy) not in out


def test_check_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 1
    assert "no such file or folder" in capsys.readouterr().out


def test_console_script_runs_as_module() -> None:
    result = subprocess.run([sys.executable, "-m", "briefing_tui", "list"], capture_output=True, text=True)
    assert result.returncode == 0 and SEED_ID in result.stdout
