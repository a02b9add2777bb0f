"""Argument parsing and wiring; each subcommand lives in `commands/`.

Only argparse is imported up front: `briefing --help` must stay fast, so the
domain and Textual load inside the command that needs them.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from . import __version__
from .commands import CommandError

COMMANDS = ("open_cmd", "list_cmd", "show", "check", "import_cmd", "feed_cmd", "notes", "export",
            "search_cmd", "index_cmd", "country_cmd", "timeline_cmd", "restore_cmd")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Read news briefings in the terminal: the article, its facts, its countries "
        "and your notes. With no command, opens the library.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.commands.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        from .commands.open_cmd import run_library

        func = run_library
    try:
        return int(func(args) or 0)
    except CommandError as exc:
        from .sanitize import clean  # messages quote paths and ids: one line, no surrogates

        print(f"briefing: error: {clean(str(exc))}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        from .atomic import describe_os_error
        from .sanitize import clean

        where = f" {clean(str(exc.filename))}:" if exc.filename else ""
        print(f"briefing: error:{where} {describe_os_error(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
