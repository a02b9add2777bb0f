"""CLI subcommands, one module each.

Each module exposes `add_parser(subparsers)`, which registers its parser and
sets `func` to a `run(args) -> int`. `cli.py` only wires them together.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..bundle.errors import BundleError
    from ..model import Briefing

EXIT_USAGE = 2


class CommandError(Exception):
    """A failure to report as one line on stderr, with an exit code; never a traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def load_briefing(bundle: str) -> Briefing:
    """The bundle by id or path, or a one-line CommandError (exit 2)."""
    from ..bundle.errors import BundleError
    from ..bundle.reader import read_bundle

    folder = bundle_folder(bundle)
    try:
        return read_bundle(folder)
    except BundleError as exc:
        raise refused(exc) from None


def load_for_reader(bundle: str) -> tuple[Briefing, Path | None]:
    """As `load_briefing`, for the reader: a large bundle gives its article alone and its
    folder, whose facts the reader reads and checks in a worker (`read_for_reader`)."""
    from ..bundle.errors import BundleError
    from ..bundle.reader import read_for_reader

    folder = bundle_folder(bundle)
    try:
        briefing, pending = read_for_reader(folder)
    except BundleError as exc:
        raise refused(exc) from None
    return briefing, folder if pending else None


def refused(error: BundleError) -> CommandError:
    """A bundle that cannot be used, as the one line the CLI prints (exit 2)."""
    from ..sanitize import clean

    return CommandError(clean(error.summary()), EXIT_USAGE)


def bundle_folder(bundle: str) -> Path:
    """The folder of the bundle named by id or path, or a one-line CommandError (exit 2).

    An argument that can only be a path (it holds a `/`, or is `.`, `..` or `~...`:
    no bundle id does) is never looked up as an id: a missing one is "no such
    folder", an existing folder without `briefing.md` is "not a bundle folder".
    """
    from ..bundle.discover import find_bundle_folder
    from ..bundle.errors import BundleError
    from ..bundle.reader import BRIEFING_FILE
    from ..sanitize import clean

    target = bundle
    if looks_like_path(bundle):
        path = Path(bundle).expanduser()
        target = str(path)
        try:
            if not path.exists():
                raise CommandError(clean(f"{bundle}: no such folder"), EXIT_USAGE)
            if not path.is_dir():
                raise CommandError(clean(f"{bundle}: not a folder (a bundle is a folder)"), EXIT_USAGE)
            if not (path / BRIEFING_FILE).is_file():
                raise CommandError(clean(f"{bundle}: not a bundle folder (no {BRIEFING_FILE})"), EXIT_USAGE)
        except OSError as exc:  # a path too long, a loop of symlinks
            raise CommandError(clean(f"{bundle}: {exc.strerror or exc}"), EXIT_USAGE) from None
    try:
        return find_bundle_folder(target)
    except BundleError as exc:
        raise refused(exc) from None


def looks_like_path(arg: str) -> bool:
    """True for what cannot be a bundle id (ids are `[a-z0-9][a-z0-9_-]*`) but reads as a path."""
    return os.sep in arg or "/" in arg or arg in (".", "..") or arg.startswith("~")
