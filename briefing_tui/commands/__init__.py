"""CLI subcommands, one module each.

Each module exposes `add_parser(subparsers)`, which registers its parser and
sets `func` to a `run(args) -> int`. `cli.py` only wires them together.
"""

from __future__ import annotations


class CommandError(Exception):
    """A failure to report as one line on stderr, with an exit code; never a traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code
