"""CLI subcommands, one module each.

Each module exposes `add_parser(subparsers)`, which registers its parser and
sets `func` to a `run(args) -> int`. `cli.py` only wires them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Briefing

EXIT_USAGE = 2


class CommandError(Exception):
    """A failure to report as one line on stderr, with an exit code; never a traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def load_briefing(bundle: str) -> Briefing:
    """The bundle by id or path, or a one-line CommandError (exit 2)."""
    from ..bundle.discover import find_bundle
    from ..bundle.errors import BundleError
    from ..sanitize import clean

    try:
        return find_bundle(bundle)
    except BundleError as exc:
        first = exc.problems[0] if exc.problems else exc
        more = len(exc.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        raise CommandError(clean(f"{first}{suffix}"), EXIT_USAGE) from None
