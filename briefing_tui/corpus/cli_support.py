"""What the corpus commands share: an up-to-date index, its messages on stderr, and errors
turned into one line (`CommandError`), never a traceback."""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

from ..commands import CommandError
from ..sanitize import clean
from .index import Index, IndexUnavailable


def ready_index(*, refresh: bool = True) -> Index:
    """The index, brought up to date; its repair messages go to stderr."""
    ix = Index()
    try:
        if refresh:
            ix.refresh()
    except IndexUnavailable as exc:
        raise CommandError(clean(str(exc)), 1) from None
    except sqlite3.Error as exc:
        raise CommandError(clean(f"search index {ix.path}: {exc}"), 1) from None
    say(ix)
    return ix


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
