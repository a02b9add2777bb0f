"""Files we did not write ourselves: notes and state files that will not load, FIFOs and
device files where a file should be, names that are not UTF-8, text with lone surrogates.

Each case asserts what a user sees: one clear line (or a warning naming the file), the
damaged file kept aside, the app or command carrying on, never a traceback or a hang.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import SEED_BUNDLE

from briefing_tui import reading_state
from briefing_tui.cli import main
from briefing_tui.export import ExportError, write_export
from briefing_tui.model import Target
from briefing_tui.reading_state import Position, load_position, save_position
from briefing_tui.safe_json import MAX_DEPTH, BadJSONFile, load_json, parse_json
from briefing_tui.store import AnnotationStore

T = TypeVar("T")
SEED_ID = SEED_BUNDLE.name
FACT_ID = "us-eight-allies"
FACT = Target("fact", fact_id=FACT_ID)

DEEP = b"[" * 100_000 + b"]" * 100_000  # past the parser's recursion limit
NOT_SO_DEEP = b'{"notes": ' + b"[" * (MAX_DEPTH + 10) + b"]" * (MAX_DEPTH + 10) + b"}"


def record(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": f"{SEED_ID}:aaaaaaaaaaaa",
        "bundle_id": SEED_ID,
        "target": {"kind": "fact", "fact_id": FACT_ID},
        "text": "kept",
        "tags": [],
        "label": "",
        "created": "2025-11-26T10:00:00Z",
        "updated": "2025-11-26T10:00:00Z",
        "schema": 1,
    }
    return base | fields


def notes_file_with(raw_record: str) -> bytes:
    """A notes file holding one record, given as JSON text (so it can say `1e400`)."""
    return f'{{"notes": {{"{SEED_ID}:aaaaaaaaaaaa": {raw_record}}}}}'.encode()


def notes_path(data_dir: Path) -> Path:
    path = data_dir / "notes" / f"{SEED_ID}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def run_cli(*args: str | bytes, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "briefing_tui", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


STRICT = {"PYTHONIOENCODING": "utf-8:strict"}


def without_blocking_on(fifo: Path, call: Callable[[], T]) -> T:
    """`call()`, failing (not hanging) if it blocks reading `fifo`: after a timeout the
    FIFO gets a writer that closes at once, so the blocked read sees end-of-file."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # re-raised in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(10)
        pytest.fail(f"blocked reading the FIFO {fifo}")
    if errors:
        raise errors[0]
    return result[0]


# --- the guarded loader ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (DEEP, "nested too deeply"),
        (NOT_SO_DEEP, f"nested more than {MAX_DEPTH} levels deep"),
        (b'{"schema": 1e400}', "number out of range: 1e400"),
        (b'{"schema": -1e400}', "number out of range: -1e400"),
        (b'{"schema": NaN}', "NaN is not a JSON number"),
        (b'{"schema": Infinity}', "Infinity is not a JSON number"),
        (b'{"schema": ' + b"9" * 5000 + b"}", "a number too long to read"),
        (b"\xff\xfe{}", "not UTF-8 (byte 0xff at offset 0)"),
        (b'{"a": ', "invalid JSON at line 1 column 7"),
    ],
)
def test_loader_turns_every_failure_into_one_error_naming_the_file(raw: bytes, reason: str) -> None:
    with pytest.raises(BadJSONFile) as exc:
        parse_json(raw, Path("/data/x.json"))
    assert str(exc.value) == f"/data/x.json: {reason}"
    assert exc.value.reason == reason


def test_loader_checks_the_shape_and_turns_a_crashing_check_into_the_same_error() -> None:
    with pytest.raises(BadJSONFile, match="x.json: not a list"):
        parse_json(b"{}", "x.json", lambda d: None if isinstance(d, list) else "not a list")
    with pytest.raises(BadJSONFile, match="x.json: unexpected content"):
        parse_json(b"[]", "x.json", lambda d: d["key"])


def test_loader_replaces_lone_surrogates_and_keeps_real_characters() -> None:
    data = parse_json(b'{"k\\udcff": ["a\\udcffb", {"c": "\\ud83d\\ude00 \\ud800"}]}', "x.json")
    assert data == {"k\ufffd": ["a\ufffdb", {"c": "\U0001f600 \ufffd"}]}


def test_loader_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)
    with pytest.raises(BadJSONFile, match="not a regular file"):
        without_blocking_on(fifo, lambda: load_json(fifo))


# --- the notes file --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (DEEP, "nested too deeply"),
        (NOT_SO_DEEP, "nested more than"),
        (notes_file_with(json.dumps(record())[:-1] + ', "schema": 1e400}'), "number out of range"),
        (notes_file_with(json.dumps(record())[:-1] + ', "start": ' + "1" * 5000 + "}"), "number too long"),
    ],
)
def test_notes_file_that_will_not_load_is_moved_aside_and_said(
    data_dir: Path, damage: bytes, reason: str
) -> None:
    path = notes_path(data_dir)
    path.write_bytes(damage)
    store = AnnotationStore()
    assert store.list(SEED_ID) == []
    [(original, moved_to)] = store.moved_aside
    assert original == path and moved_to.read_bytes() == damage
    [message] = store.take_messages()
    assert str(path) in message and str(moved_to) in message and reason in message
    note = store.add(SEED_ID, FACT, "after")
    assert AnnotationStore().list(SEED_ID) == [note]


def test_notes_file_that_is_a_fifo_is_moved_aside_not_read(data_dir: Path) -> None:
    path = notes_path(data_dir)
    os.mkfifo(path)
    store = AnnotationStore()
    assert without_blocking_on(path, lambda: store.list(SEED_ID)) == []
    [(_, moved_to)] = store.moved_aside
    assert stat.S_ISFIFO(moved_to.lstat().st_mode)
    assert "not a regular file" in store.take_messages()[0]
    store.add(SEED_ID, FACT, "saved")
    assert [n.text for n in store.list(SEED_ID)] == ["saved"]


def test_deeply_nested_notes_file_in_the_cli_is_a_warning_then_notes_save(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = notes_path(data_dir)
    path.write_bytes(DEEP)
    assert main(["notes", SEED_ID]) == 0
    out, err = capsys.readouterr()
    assert out == f"No notes on {SEED_ID}.\n"
    [line] = err.splitlines()
    assert line.startswith("briefing: warning: notes file") and "nested too deeply" in line
    assert main(["note", "add", SEED_ID, FACT_ID, "saved at last"]) == 0
    assert [n.text for n in AnnotationStore().list(SEED_ID)] == ["saved at last"]
    assert any(p.read_bytes() == DEEP for p in path.parent.glob("*.corrupt-*"))


# --- the reading state -----------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [DEEP, b'{"positions": {"b": {"scroll_y": 1e400}}}', b'{"positions": [1]}', b"\xff", b"[]"],
)
def test_state_file_that_will_not_load_is_no_saved_position(data_dir: Path, damage: bytes) -> None:
    state = reading_state.state_path()
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(damage)
    assert load_position("b") == Position()
    save_position("b", Position("f1", 12))  # started afresh
    assert load_position("b") == Position("f1", 12)


def test_state_file_that_is_a_fifo_does_not_hang(data_dir: Path) -> None:
    state = reading_state.state_path()
    state.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(state)
    assert without_blocking_on(state, lambda: load_position("b")) == Position()


def test_absurd_scroll_position_is_ignored(data_dir: Path) -> None:
    state = reading_state.state_path()
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"positions": {"b": {"fact_id": "f", "scroll_y": 10**300}}}))
    assert load_position("b") == Position("f", 0)


def test_app_opens_and_saves_with_a_deep_state_file_and_a_deep_notes_file(data_dir: Path) -> None:
    """Before: the state file crashed the app at open (exit code 0), the notes file was never
    moved aside so no note could ever be saved."""
    state = data_dir / "state.json"
    notes = notes_path(data_dir)
    state.write_bytes(DEEP)
    notes.write_bytes(DEEP)
    script = (
        "import asyncio\n"
        "from briefing_tui.bundle.reader import read_bundle\n"
        "from briefing_tui.ui.app import BriefingApp\n"
        f"app = BriefingApp(open_bundle=read_bundle({str(SEED_BUNDLE)!r}))\n"
        "async def go():\n"
        "    async with app.run_test(size=(120, 36)) as pilot:\n"
        "        await pilot.pause(0.5)\n"
        "        await pilot.press('a')\n"
        "        await pilot.pause()\n"
        "        await pilot.press(*'typed in the app', 'ctrl+s')\n"
        "        await pilot.pause()\n"
        "        print([n.message for n in app._notifications])\n"
        "        await pilot.press('q')\n"
        "asyncio.run(go())\n"
        "print('exit', app.return_code)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "BRIEFING_DATA_DIR": str(data_dir)},
        timeout=120,
    )
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode == 0 and "exit 0" in run.stdout, run.stdout + run.stderr[-2000:]
    assert "nested too deeply" in run.stdout
    assert [n.text for n in AnnotationStore().list(SEED_ID)] == ["typed in the app"]


# --- text that is not UTF-8 -------------------------------------------------------------


def test_note_with_a_lone_surrogate_exports_and_lists(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes_path(data_dir).write_bytes(notes_file_with(json.dumps(record(text="bad \udcff here"))))
    out_file = tmp_path / "notes.md"
    assert main(["export", SEED_ID, "-o", str(out_file)]) == 0
    assert "bad \ufffd here" in out_file.read_text("utf-8")
    assert main(["notes", SEED_ID]) == 0
    assert "bad \ufffd here" in capsys.readouterr().out


def test_note_with_a_lone_surrogate_under_a_strict_utf8_stdout(data_dir: Path) -> None:
    notes_path(data_dir).write_bytes(notes_file_with(json.dumps(record(text="bad \udcff here"))))
    env = {**STRICT, "BRIEFING_DATA_DIR": str(data_dir)}
    for args in (["notes", SEED_ID], ["export", SEED_ID], ["export", SEED_ID, "--format", "json"]):
        run = run_cli(*args, env=env)
        assert run.returncode == 0, run.stderr.decode()
        assert "bad \ufffd here" in run.stdout.decode("utf-8")


def test_note_text_from_a_non_utf8_argument_is_stored_as_replacement_characters(data_dir: Path) -> None:
    run = run_cli("note", "add", SEED_ID, FACT_ID, b"caf\xe9 \xff", env={"BRIEFING_DATA_DIR": str(data_dir)})
    assert run.returncode == 0, run.stderr.decode()
    [note] = AnnotationStore().list(SEED_ID)
    assert note.text == "caf\ufffd \ufffd"
    json.loads(notes_path(data_dir).read_text("utf-8"))


@pytest.fixture
def non_utf8_content(tmp_path: Path) -> Path:
    """A content folder with a good bundle and a broken one, both named in invalid UTF-8."""
    root = tmp_path / "content"
    root.mkdir()
    good = Path(os.fsdecode(bytes(root) + b"/good-\xff"))
    good.mkdir()
    for name in ("briefing.md", "facts.md", "countries.md"):
        text = (SEED_BUNDLE / name).read_text("utf-8")
        (good / name).write_text(text.replace(f"id: {SEED_ID}", "id: odd-folder", 1), "utf-8")
    broken = Path(os.fsdecode(bytes(root) + b"/broken-\xfe"))
    broken.mkdir()
    (broken / "briefing.md").write_text("no front matter\n", "utf-8")
    return root


@pytest.mark.parametrize("args", [["list", "--format", "json"], ["list"], ["check"]])
def test_folder_names_that_are_not_utf8_under_a_strict_stdout(
    non_utf8_content: Path, data_dir: Path, args: list[str]
) -> None:
    env = {**STRICT, "BRIEFING_CONTENT_PATH": str(non_utf8_content), "BRIEFING_DATA_DIR": str(data_dir)}
    run = run_cli(*args, env=env)
    err = run.stderr.decode()
    assert "Traceback" not in err, err
    assert run.returncode == (1 if args == ["check"] else 0)
    out = run.stdout.decode("utf-8")
    assert "broken-\ufffd" in out
    if args[-1] == "json":
        rows = {r["id"]: r for r in json.loads(out)}
        assert rows["odd-folder"]["path"].endswith("good-\ufffd") and rows["odd-folder"]["ok"]
    assert ":0:" not in out


# --- FIFOs, devices and symlinks ----------------------------------------------------------


def test_import_of_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "article.md"
    os.mkfifo(fifo)
    run = run_cli("import", str(fifo), "--out", str(tmp_path / "out"))  # before: hung forever
    err = run.stderr.decode()
    assert run.returncode == 2
    assert err.startswith(f"briefing: error: {fifo}: not a regular file") and len(err.splitlines()) == 1


def test_import_of_a_device_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["import", "/dev/zero", "--out", str(tmp_path / "out")]) == 2
    assert "/dev/zero: not a regular file" in capsys.readouterr().err


def _special_files(tmp_path: Path) -> dict[str, Path]:
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n")
    fifo, link, dangling, device = (tmp_path / n for n in ("fifo", "link", "dangling", "device"))
    os.mkfifo(fifo)
    link.symlink_to(victim)
    dangling.symlink_to(tmp_path / "nowhere")
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # the same device as /dev/full
    return {"FIFO": fifo, "symbolic link": link, "symbolic link ": dangling, "device file": device}


@pytest.mark.parametrize("force", [True, False])
def test_export_never_replaces_anything_but_a_regular_file(tmp_path: Path, force: bool) -> None:
    for kind, path in _special_files(tmp_path).items():
        before = path.lstat()
        with pytest.raises(ExportError) as exc:
            write_export("text\n", path, force=force)
        assert str(exc.value).startswith(f"{path} is a") and kind.strip() in str(exc.value)
        after = path.lstat()
        assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert (tmp_path / "victim.txt").read_text() == "someone else's file\n"
    assert not (tmp_path / "nowhere").exists()


def test_export_force_over_a_fifo_in_the_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "notes.md"
    os.mkfifo(fifo)
    assert main(["export", SEED_ID, "-o", str(fifo), "--force"]) == 1
    assert "not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_force_still_replaces_a_regular_file(tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    out.write_text("old\n")
    write_export("new\n", out, force=True)
    assert out.read_text() == "new\n"


def test_export_folder_that_cannot_be_made_is_one_plain_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    target = tmp_path / "exports" / "n.md"
    with pytest.raises(ExportError) as exc:
        write_export("x", target, make_parents=True)
    assert str(exc.value) == f"cannot write {target}: the file system is read-only"


# --- notes need text ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x1b\x07"])
def test_note_add_refuses_empty_text(capsys: pytest.CaptureFixture[str], data_dir: Path, text: str) -> None:
    assert main(["note", "add", SEED_ID, FACT_ID, text]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "briefing: error: a note needs some text\n"
    assert not (data_dir / "notes" / f"{SEED_ID}.json").exists()


def test_store_refuses_to_empty_a_note() -> None:
    store = AnnotationStore()
    note = store.add(SEED_ID, FACT, "something")
    with pytest.raises(ValueError, match="a note needs some text"):
        store.add(SEED_ID, FACT, "  ")
    with pytest.raises(ValueError, match="a note needs some text"):
        store.update(note.id, text="")
    assert [n.text for n in store.list(SEED_ID)] == ["something"]


# --- paths in messages -------------------------------------------------------------------


@pytest.mark.parametrize("command", ["open", "show", "notes", "export"])
def test_a_path_that_does_not_exist_is_no_such_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([command, "./no/such/dir"]) == 2
    assert capsys.readouterr().err == "briefing: error: ./no/such/dir: no such folder\n"


def test_a_folder_that_is_no_bundle_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["show", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"briefing: error: {tmp_path}: not a bundle folder (no briefing.md)\n"


def test_no_error_says_line_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    half = tmp_path / "half"
    half.mkdir()
    (half / "briefing.md").write_text((SEED_BUNDLE / "briefing.md").read_text("utf-8"), "utf-8")
    assert main(["check", str(tmp_path / "missing"), str(half), str(tmp_path / "half" / "briefing.md")]) == 1
    assert main(["show", "no-such-bundle"]) == 2
    out, err = capsys.readouterr()
    assert f"{tmp_path / 'missing'}: no such file or folder" in out
    assert f"{half / 'facts.md'}: missing" in out
    assert ":0:" not in out + err


@pytest.mark.parametrize("args", [["open", SEED_ID], []])
def test_an_app_that_crashed_does_not_exit_0(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    """Before: `briefing open` returned 0 after the app died on a traceback."""
    from briefing_tui.ui import app as app_module

    class Crashed:
        return_code = 1
        refused = None

        def __init__(self, **kwargs: object) -> None:
            pass

        def run(self) -> None:
            return None

    monkeypatch.setattr(app_module, "BriefingApp", Crashed)
    assert main(args) == 1
