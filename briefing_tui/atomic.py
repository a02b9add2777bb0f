"""Replace a file so that a crash leaves either the old content or the new, never a mix.

Used by the notes store, exports and the reading-position file alike.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def describe_os_error(exc: OSError) -> str:
    """A short human reason for an OSError, without the errno soup (`[Errno 30] ...`)."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)


def fsync_dir(directory: Path) -> None:
    """Make a rename durable. Some file systems refuse fsync on folders; that is not an error."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _write_fully(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one.

    `mode` is filtered by the umask as usual: notes default to private (0600), an
    export passes 0666. Raises OSError; on any failure the temp file is removed
    and `path` is untouched.
    """
    directory = path.parent
    tmp = directory / f".{path.name}.{uuid.uuid4().hex}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    try:
        try:
            _write_fully(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(directory)


def write_text_atomic(path: Path, text: str, mode: int = 0o666) -> None:
    """`atomic_write_bytes` for UTF-8 text, creating the folder first."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode)
