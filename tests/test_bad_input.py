"""Bad input and failing disks: every command prints one clear line and exits non-zero.

Each case asserts the message itself, not just the exit code: exactly one line on
stderr, starting `briefing: error:`, naming what went wrong, and no traceback.
The tests run as root, where chmod stops nothing, so an unreadable or read-only
data dir and a full disk are simulated: a data dir under a regular file, or
monkeypatched OS calls raising EACCES / EROFS / ENOSPC.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_BUNDLE

from briefing_tui import atomic
from briefing_tui.cli import main

SEED_ID = SEED_BUNDLE.name
FACT_ID = "us-eight-allies"


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(code: int, err: str, *needles: str) -> str:
    assert code != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("briefing: error:"), line
    for needle in needles:
        assert needle in line, (needle, line)
    return line


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: bytes = b""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing_tui", *args],
        capture_output=True,
        text=True,
        input=stdin.decode(),
        env={**os.environ, **(env or {})},
        timeout=120,
    )


# --- missing files, unknown ids -----------------------------------------------------


@pytest.mark.parametrize("command", ["show", "open", "notes", "export"])
def test_missing_bundle_path(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    missing = str(tmp_path / "no-such-folder")
    code, out, err = run_main(capsys, command, missing)
    line = assert_one_error_line(code, err, "no-such-folder: no such folder")
    assert ":0:" not in line
    assert out == ""


@pytest.mark.parametrize("command", ["show", "open", "notes", "export"])
def test_unknown_bundle_id(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, _, err = run_main(capsys, command, "no-such-bundle")
    line = assert_one_error_line(code, err, "no-such-bundle: no bundle with this id")
    assert ":0:" not in line


def test_unknown_bundle_id_in_a_real_process() -> None:
    run = run_cli("show", "no-such-bundle")
    assert run.returncode == 2
    assert_one_error_line(run.returncode, run.stderr, "no bundle with this id")
    assert run.stdout == ""


def test_import_of_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "article.html"
    code, _, err = run_main(capsys, "import", str(missing), "--out", str(tmp_path / "out"))
    assert_one_error_line(code, err, "article.html: no such file")


def test_import_of_a_binary_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x00\x01\x02" * 100)
    code, _, err = run_main(capsys, "import", str(blob), "--out", str(tmp_path / "out"))
    assert_one_error_line(code, err, "blob.bin", "binary")


def test_import_of_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_main(capsys, "import", str(tmp_path), "--out", str(tmp_path / "out"))
    assert_one_error_line(code, err, "is a folder")


def test_unknown_fact_id_for_note_add(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "note", "add", SEED_ID, "no-such-fact", "text")
    assert_one_error_line(code, err, "no fact 'no-such-fact'", SEED_ID)
    assert out == ""


def test_unknown_country_for_note_add(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(capsys, "note", "add", SEED_ID, "country:ZZ", "text")
    assert_one_error_line(code, err, "country 'ZZ' is not in")


def test_unknown_note_id_for_note_rm(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(capsys, "note", "rm", f"{SEED_ID}:000000000000")
    assert_one_error_line(code, err, "no note with id")


def test_broken_bundle_names_file_and_line(capsys: pytest.CaptureFixture[str], seed_copy: Path) -> None:
    facts = seed_copy / "facts.md"
    facts.write_text(facts.read_text("utf-8").replace("- kind: figure", "- kind: nonsense", 1), "utf-8")
    code, _, err = run_main(capsys, "show", str(seed_copy))
    line = assert_one_error_line(code, err, "facts.md:", "unknown kind 'nonsense'")
    assert line.split("facts.md:")[1].split(":")[0].isdigit()


def test_bundle_over_the_size_cap_is_refused(capsys: pytest.CaptureFixture[str], seed_copy: Path) -> None:
    from briefing_tui.bundle.reader import MAX_BUNDLE_BYTES

    with (seed_copy / "briefing.md").open("a", encoding="utf-8") as fh:
        fh.truncate(MAX_BUNDLE_BYTES + 1)  # sparse: no 20 MB actually written
    code, _, err = run_main(capsys, "show", str(seed_copy))
    assert_one_error_line(code, err, "over the 20 MB cap")


def test_nesting_deeper_than_the_parser_allows_is_refused(
    capsys: pytest.CaptureFixture[str], seed_copy: Path
) -> None:
    """markdown-it silently drops text nested past its limit: the bundle is refused instead."""
    main_file = seed_copy / "briefing.md"
    text = main_file.read_text("utf-8")
    lines_before = text.count("\n")
    main_file.write_text(text + "\n" + "> " * 40 + "too deep\n", "utf-8")
    code, _, err = run_main(capsys, "show", str(seed_copy))
    assert_one_error_line(code, err, f"briefing.md:{lines_before + 2}:", "nested more than 20 levels")


def test_deep_list_in_facts_is_refused(capsys: pytest.CaptureFixture[str], seed_copy: Path) -> None:
    facts = seed_copy / "facts.md"
    deep = "\n".join("  " * i + f"- level {i}" for i in range(30))
    facts.write_text(facts.read_text("utf-8") + "\n" + deep + "\n", "utf-8")
    code, _, err = run_main(capsys, "show", str(seed_copy))
    assert_one_error_line(code, err, "facts.md:", "nested more than 20 levels")


def test_impossible_date_in_front_matter_is_a_problem_not_a_crash(
    capsys: pytest.CaptureFixture[str], seed_copy: Path
) -> None:
    main_file = seed_copy / "briefing.md"
    main_file.write_text(main_file.read_text("utf-8").replace("2025-11-26", "2025-13-45", 1), "utf-8")
    code, _, err = run_main(capsys, "show", str(seed_copy))
    assert_one_error_line(code, err, "briefing.md:5:", "published '2025-13-45' is not an ISO date")


def test_front_matter_nested_too_deeply(capsys: pytest.CaptureFixture[str], seed_copy: Path) -> None:
    main_file = seed_copy / "briefing.md"
    main_file.write_text(main_file.read_text("utf-8").replace("schema: 1", "x: " + "[" * 5000, 1), "utf-8")
    code, _, err = run_main(capsys, "show", str(seed_copy))
    assert_one_error_line(code, err, "briefing.md:2:", "front matter: nested too deeply")


def test_not_utf8_names_the_line(capsys: pytest.CaptureFixture[str], seed_copy: Path) -> None:
    (seed_copy / "countries.md").write_bytes(b"# C\n\n## US\n\nRole \xff here\n")
    code, _, err = run_main(capsys, "show", str(seed_copy))
    assert_one_error_line(code, err, "countries.md:5: not UTF-8 (byte 0xff)")


# --- the data dir -------------------------------------------------------------------


@pytest.fixture
def data_dir_under_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data dir nobody can create (root or not): its parent is a regular file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    path = blocker / "data"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(path))
    return path


def test_note_add_with_an_unusable_data_dir(
    capsys: pytest.CaptureFixture[str], data_dir_under_a_file: Path
) -> None:
    code, _, err = run_main(capsys, "note", "add", SEED_ID, FACT_ID, "text")
    assert code == 1
    assert_one_error_line(code, err, str(data_dir_under_a_file), "Not a directory")


def test_notes_list_with_an_unusable_data_dir(
    capsys: pytest.CaptureFixture[str], data_dir_under_a_file: Path
) -> None:
    code, _, err = run_main(capsys, "notes", SEED_ID)
    assert_one_error_line(code, err, "cannot read notes file", str(data_dir_under_a_file))


def test_unusable_data_dir_in_a_real_process(data_dir_under_a_file: Path) -> None:
    run = run_cli("note", "add", SEED_ID, FACT_ID, "text")
    assert run.returncode == 1
    assert_one_error_line(run.returncode, run.stderr, "cannot lock notes file", "Not a directory")


def test_unreadable_notes_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """EACCES on the notes file (chmod 000 does not stop root, so the read is made to fail)."""
    assert main(["note", "add", SEED_ID, FACT_ID, "first"]) == 0
    capsys.readouterr()
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.suffix == ".json" and data_dir in self.parents:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    for args in (["notes", SEED_ID], ["export", SEED_ID], ["note", "add", SEED_ID, FACT_ID, "second"]):
        code, _, err = run_main(capsys, *args)
        assert_one_error_line(code, err, "cannot read notes file", "permission denied")


def _fail_open_for_create(monkeypatch: pytest.MonkeyPatch, under: Path, err: int) -> None:
    """os.open raises `err` for any file created under `under` (locks and temp files alike)."""
    real = os.open

    def fake_open(path, flags, mode=0o777, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's shape
        if flags & os.O_CREAT and Path(os.fsdecode(path)).is_relative_to(under):
            raise OSError(err, os.strerror(err), os.fsdecode(path))
        return real(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def test_read_only_data_dir(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_open_for_create(monkeypatch, data_dir, errno.EROFS)
    code, _, err = run_main(capsys, "note", "add", SEED_ID, FACT_ID, "text")
    assert code == 1
    assert_one_error_line(code, err, "the file system is read-only", str(data_dir))


def test_read_only_export_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "exports"
    target.mkdir()
    _fail_open_for_create(monkeypatch, target, errno.EROFS)
    code, _, err = run_main(capsys, "export", SEED_ID, "-o", str(target / "notes.md"))
    assert_one_error_line(code, err, "cannot write", "notes.md: the file system is read-only")
    assert not list(target.iterdir())


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "_write_fully", full)


def test_full_disk_on_note_add(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["note", "add", SEED_ID, FACT_ID, "kept"]) == 0
    capsys.readouterr()
    notes_file = data_dir / "notes" / f"{SEED_ID}.json"
    before = notes_file.read_bytes()
    _disk_full(monkeypatch)
    code, out, err = run_main(capsys, "note", "add", SEED_ID, FACT_ID, "lost")
    assert code == 1 and out == ""
    assert_one_error_line(code, err, "cannot save notes", "the disk is full")
    # Nothing is lost: the old file is intact and no temp file is left behind.
    assert notes_file.read_bytes() == before
    assert sorted(p.name for p in notes_file.parent.iterdir() if not p.name.endswith(".lock")) == [
        notes_file.name
    ]


def test_full_disk_on_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _disk_full(monkeypatch)
    out_file = tmp_path / "notes.json"
    code, _, err = run_main(capsys, "export", SEED_ID, "--format", "json", "-o", str(out_file))
    assert_one_error_line(code, err, "cannot write", "notes.json: the disk is full")
    assert not out_file.exists()


def test_full_disk_on_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_tui.bundle import writer

    article = tmp_path / "a.md"
    article.write_text("# A title\n\nThe US and France met on 12 December 2025.\n", "utf-8")

    class FullFile:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writer, "open", FullFile, raising=False)
    code, _, err = run_main(capsys, "import", str(article), "--out", str(tmp_path / "out"))
    assert_one_error_line(code, err, "No space left on device")
    # No half-written bundle is left where the library would find it.
    assert [p.name for p in (tmp_path / "out").iterdir()] == []
