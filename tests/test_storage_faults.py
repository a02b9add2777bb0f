"""Failures while saving leave the old notes file intact; damaged files are moved aside."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from filelock import FileLock

from briefing_tui import storage
from briefing_tui.model import Target
from briefing_tui.store import AnnotationStore, StoreError

FACT = Target("fact", fact_id="f1")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AnnotationStore:
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    s = AnnotationStore()
    s.add("seed", FACT, "first")
    s.add("seed", FACT, "second")
    return s


def leftovers(store: AnnotationStore) -> list[Path]:
    return storage.temp_files_of(store.path_for("seed"))


def assert_failed_save_left_file_alone(
    store: AnnotationStore, before: bytes, exc: pytest.ExceptionInfo[BaseException]
) -> None:
    path = store.path_for("seed")
    assert path.read_bytes() == before
    assert leftovers(store) == []
    assert "\n" not in str(exc.value)
    assert str(path) in str(exc.value)
    assert len(store.list("seed")) == 2


def test_error_before_replace_keeps_old_file(store: AnnotationStore, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.path_for("seed").read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "replace", broken_replace)
        with pytest.raises(StoreError) as exc:
            store.add("seed", FACT, "third")
    assert_failed_save_left_file_alone(store, before, exc)


def test_crash_during_fsync_keeps_old_file(store: AnnotationStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not an OSError at all (a bug, a KeyboardInterrupt): still no damage, no litter."""
    before = store.path_for("seed").read_bytes()

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "fsync", interrupted)
        with pytest.raises(KeyboardInterrupt):
            store.add("seed", FACT, "third")
    assert store.path_for("seed").read_bytes() == before
    assert leftovers(store) == []


def test_full_disk_keeps_old_file(store: AnnotationStore, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.path_for("seed").read_bytes()
    real_write = os.write

    def enospc_after_first(fd: int, data: bytes) -> int:
        target = os.readlink(f"/proc/self/fd/{fd}")
        if not target.endswith(storage.TEMP_SUFFIX):
            return real_write(fd, data)
        if not calls:
            calls.append(fd)
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    calls: list[int] = []
    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "write", enospc_after_first)
        with pytest.raises(StoreError, match="disk is full") as exc:
            store.add("seed", FACT, "third")
    assert calls, "the write was never attempted"
    assert_failed_save_left_file_alone(store, before, exc)


def test_read_only_folder_keeps_old_file(store: AnnotationStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, so chmod would not stop the write: fail the temp file's creation."""
    before = store.path_for("seed").read_bytes()
    real_open = os.open

    def read_only_open(path: object, flags: int, mode: int = 0o777, **kw: object) -> int:
        if flags & os.O_CREAT and str(path).endswith(storage.TEMP_SUFFIX):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, mode, **kw)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "open", read_only_open)
        with pytest.raises(StoreError, match="read-only") as exc:
            store.add("seed", FACT, "third")
    assert_failed_save_left_file_alone(store, before, exc)


def test_permission_denied_is_a_store_error(store: AnnotationStore, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.path_for("seed").read_bytes()
    real_open = os.open

    def denied(path: object, flags: int, mode: int = 0o777, **kw: object) -> int:
        if flags & os.O_CREAT and str(path).endswith(storage.TEMP_SUFFIX):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode, **kw)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "open", denied)
        with pytest.raises(StoreError, match="permission denied") as exc:
            store.update(store.list("seed")[0].id, text="changed")
    assert_failed_save_left_file_alone(store, before, exc)


def test_unreadable_store_file_is_a_store_error(
    store: AnnotationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.path_for("seed")
    before = path.read_bytes()
    real_read = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read(self)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", denied)
        with pytest.raises(StoreError, match="cannot read") as exc:
            store.list("seed")
        with pytest.raises(StoreError):
            store.add("seed", FACT, "third")
    assert str(path) in str(exc.value)
    assert path.read_bytes() == before


def test_data_dir_that_is_a_file_is_a_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(blocker))
    with pytest.raises(StoreError) as exc:
        AnnotationStore().add("seed", FACT, "x")
    assert str(blocker) in str(exc.value) and "\n" not in str(exc.value)
    assert blocker.read_text() == "not a folder"


def test_lock_held_elsewhere_times_out_with_a_store_error(store: AnnotationStore) -> None:
    path = store.path_for("seed")
    before = path.read_bytes()
    impatient = AnnotationStore(lock_timeout=0.05)
    with FileLock(str(path) + ".lock"), pytest.raises(StoreError, match="locked"):
        impatient.add("seed", FACT, "third")
    assert path.read_bytes() == before


def test_stale_temp_files_are_cleaned_on_open(store: AnnotationStore) -> None:
    path = store.path_for("seed")
    stale = [path.parent / f".seed.json.{n}{storage.TEMP_SUFFIX}" for n in ("dead1", "dead2")]
    for p in stale:
        p.write_text('{"notes": {"half')
    unrelated = path.parent / "keep-me.txt"
    unrelated.write_text("x")
    fresh = AnnotationStore()
    assert len(fresh.list("seed")) == 2
    assert not any(p.exists() for p in stale)
    assert unrelated.exists()


GOOD = b'{"notes": {"seed:aaaaaaaaaaaa": {"id": "seed:aaaaaaaaaaaa"'


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (GOOD, "invalid JSON"),  # truncated mid-write
        (b"\x00\x17garbage\x8f{{{", "not UTF-8"),
        (b"\xff\xfe{\x00}\x00", "not UTF-8"),
        ('{"notes": {"x": 1} caf\u00e9'.encode(), "invalid JSON"),
        (b'["a", "list"]', "not a TinyDB notes file"),
        (b'{"notes": [1, 2]}', "not a TinyDB notes file"),
    ],
)
def test_damaged_store_is_moved_aside_never_overwritten(
    store: AnnotationStore, damage: bytes, reason: str
) -> None:
    path = store.path_for("seed")
    path.write_bytes(damage)
    fresh = AnnotationStore()
    assert fresh.list("seed") == []
    [(original, moved_to)] = fresh.moved_aside
    assert original == path
    assert moved_to.parent == path.parent
    assert moved_to.name.startswith("seed.json.corrupt-") and moved_to.name.endswith("Z")
    assert moved_to.read_bytes() == damage
    [message] = fresh.take_messages()
    assert str(path) in message and str(moved_to) in message and reason in message
    note = fresh.add("seed", FACT, "after the damage")
    assert fresh.list("seed") == [note]
    assert json.loads(path.read_text("utf-8"))["notes"][note.id]["text"] == "after the damage"
    assert moved_to.read_bytes() == damage
    assert fresh.recreated == []


def test_two_damaged_files_in_one_second_get_distinct_names(store: AnnotationStore) -> None:
    path = store.path_for("seed")
    for junk in (b"{", b"[["):
        path.write_bytes(junk)
        store.list("seed")
    moved = [m for _, m in store.moved_aside]
    assert len(set(moved)) == 2
    assert sorted(m.read_bytes() for m in moved) == [b"[[", b"{"]


def test_empty_file_is_an_empty_store(store: AnnotationStore) -> None:
    store.path_for("seed").write_bytes(b"")
    assert store.list("seed") == []
    assert store.moved_aside == []
    store.add("seed", FACT, "x")
    assert len(store.list("seed")) == 1
