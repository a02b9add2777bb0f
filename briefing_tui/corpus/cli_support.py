"""What the corpus commands share: an up-to-date index, its messages on stderr, and errors
turned into one line (`CommandError`), never a traceback."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from ..commands import CommandError
from ..sanitize import clean
from .index import Index, IndexUnavailable


@contextmanager
def index_errors(ix: Index) -> Iterator[None]:
    """An unusable or failing index as one line (exit 1) naming it, never a traceback."""
    try:
        yield
    except IndexUnavailable as exc:
        raise CommandError(clean(str(exc)), 1) from None
    except sqlite3.Error as exc:
        raise CommandError(clean(f"search index {ix.path}: {exc}"), 1) from None


def ready_index(*, refresh: bool = True) -> Index:
    """The index, brought up to date; its repair messages go to stderr."""
    ix = Index()
    if refresh:
        with index_errors(ix):
            ix.refresh()
    say(ix)
    return ix


class Report(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def print_report(report: Report, render_text: Callable[[Any], str], fmt: str) -> None:
    """A dossier or a timeline on stdout: cleaned JSON, or its text cleaned line by line."""
    if fmt == "json":
        print(json.dumps(clean_tree(report.to_dict()), indent=2, ensure_ascii=False))
    else:
        print("\n".join(clean(line) for line in render_text(report).split("\n")))


def say(ix: Index) -> None:
    for message in ix.take_messages():
        print(f"briefing: {clean(message)}", file=sys.stderr)


def clean_tree(value: Any) -> Any:
    """Every string in a JSON-ready tree cleaned (controls, bidi overrides) for the terminal."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: clean_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_tree(v) for v in value]
    return value
