"""The CLI on the hostile bundle, its notes and hostile folder names: stdout stays inert.

Issue 16: a fact's value went out raw in `briefing show` (text) and as raw U+009B and
U+202E in `--format json`; `briefing list --format json` printed a bundle's path
uncleaned. Here the hostile bundle sits in the data dir under a folder name holding
OSC 52, C1 and RLO bytes, a broken copy sits on BRIEFING_CONTENT_PATH under another such
name (a broken bundle is listed by its folder name and its problem quotes its path), and
the notes file carries payloads. No output may hold a raw control character: C0 other
than newline and tab, DEL, C1, bidi controls. JSON may carry them only as `\\u` escapes
(or replaced), never raw.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_data import HOSTILE, make_bundle

# C0 but \t and \n, DEL, C1, bidi embeddings, overrides and isolates, lone surrogates.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

BROKEN_FOLDER = make_bundle.HOSTILE_FOLDER + "-broken"


def controls_in(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(text)})


@pytest.fixture
def hostile_env(tmp_path: Path, data_dir: Path) -> dict[str, str]:
    """The hostile bundle and its notes in the data dir, a broken copy on the content path."""
    ignore = shutil.ignore_patterns("*.py", "__pycache__")
    shutil.copytree(HOSTILE, data_dir / "bundles" / make_bundle.HOSTILE_FOLDER, ignore=ignore)
    make_bundle.write_notes(data_dir)
    content = tmp_path / "content"
    broken = content / BROKEN_FOLDER
    shutil.copytree(HOSTILE, broken, ignore=ignore)
    (broken / "facts.md").write_text("## broken\n- kind: nonsense\n\n> Last paragraph\n\nS\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    return env | {"BRIEFING_DATA_DIR": str(data_dir), "BRIEFING_CONTENT_PATH": str(content)}


def _run(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    cwd = Path(env["BRIEFING_DATA_DIR"]).parent  # the test's own tmp dir
    run = subprocess.run(
        [sys.executable, "-m", "briefing_tui", *args], capture_output=True, env=env, timeout=60, cwd=cwd
    )
    # Strict: a lone surrogate or a stray byte would not decode.
    return run.returncode, run.stdout.decode("utf-8"), run.stderr.decode("utf-8")


def _hostile_path(env: dict[str, str]) -> str:
    return str(Path(env["BRIEFING_DATA_DIR"]) / "bundles" / make_bundle.HOSTILE_FOLDER)


@pytest.mark.parametrize("how", ["path", "id"])
def test_show_text_holds_no_control_characters(hostile_env: dict[str, str], how: str) -> None:
    target = _hostile_path(hostile_env) if how == "path" else "hostile"
    code, out, err = _run(["show", target], hostile_env)
    assert code == 0, err
    assert "hostile-value" in out and "Gopher" in out  # the facts with the payloads
    assert not controls_in(out), controls_in(out)
    assert not controls_in(err), controls_in(err)


def test_show_json_holds_no_raw_control_characters(hostile_env: dict[str, str]) -> None:
    code, out, err = _run(["show", _hostile_path(hostile_env), "--format", "json"], hostile_env)
    assert code == 0, err
    assert not controls_in(out), f"raw in the JSON text: {controls_in(out)}"
    assert not controls_in(err)
    data = json.loads(out)
    facts = {f["id"]: f for f in data["facts"]}
    value = facts["hostile-value"]["value"]
    assert value["type"] == "count" and value["amount"] == 1
    assert "[ @click=app.quit]" in facts["hostile-markup"]["statement"]  # text, kept as text


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_list_holds_no_control_characters_from_folder_names(hostile_env: dict[str, str], fmt: str) -> None:
    code, out, err = _run(["list", "--format", fmt], hostile_env)
    assert code == 0, err
    assert not controls_in(out), f"raw in the {fmt} listing: {controls_in(out)}"
    assert not controls_in(err)
    if fmt == "json":
        rows = json.loads(out)
        paths = [r["path"] for r in rows]
        # Both hostile folders are listed: the good bundle and the broken one.
        assert sum("redlof" in p for p in paths) == 2, paths
        broken = next(r for r in rows if not r["ok"])
        assert "redlof" in broken["id"] and broken["problems"]
    else:
        assert "hostile" in out and "BROKEN" in out and "redlof" in out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_notes_from_a_hostile_notes_file_hold_no_control_characters(
    hostile_env: dict[str, str], fmt: str
) -> None:
    code, out, err = _run(["notes", "hostile", "--format", fmt], hostile_env)
    assert code == 0, err
    assert not controls_in(out), f"raw in the {fmt} notes: {controls_in(out)}"
    assert not controls_in(err)
    assert "ghost-fact" in out  # the note on a fact the bundle lacks is listed too
    if fmt == "json":
        assert len(json.loads(out)) == len(make_bundle.notes_records())


def test_check_of_a_hostile_folder_names_it_cleanly(hostile_env: dict[str, str], tmp_path: Path) -> None:
    code, out, err = _run(["check", str(tmp_path / "content" / BROKEN_FOLDER)], hostile_env)
    assert code == 1
    assert "redlof" in out + err and "nonsense" in out + err
    assert not controls_in(out) and not controls_in(err), controls_in(out + err)


def test_the_hostile_value_carries_its_payloads() -> None:
    """Guards the test data: the fact value holds OSC 52, CSI, OSC 0, OSC 8, DCS, C1, bidi."""
    facts = (HOSTILE / "facts.md").read_text("utf-8")
    assert f"- value: 1 {make_bundle.VALUE_PAYLOADS}\n" in facts
    for payload in (make_bundle.OSC52_ST, make_bundle.OSC0_TITLE, make_bundle.DCS, "\u009b", "\u202e"):
        assert payload in make_bundle.VALUE_PAYLOADS
