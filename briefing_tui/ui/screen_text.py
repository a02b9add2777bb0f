"""The one route from untrusted text to the screen.

Every string that comes from a bundle, a notes file, a state file, a folder name or (soon) a
feed reaches a widget through this module, and only as `Text` or `Content` objects: Textual
parses a plain `str` as markup in many places (`Static`, border titles, palette prompts and
help), where `[@click=...]` would become a live action and `[link=file:...]` a hyperlink. Each
piece is first cleaned by `sanitize.clean` (controls, C1, bidi and lone surrogates become a
visible U+FFFD), so no escape sequence from content reaches the terminal.

`tests/test_screen_text.py` scans the UI code for any other route: no other module of `ui/`
imports `sanitize.clean`, parses markup or builds screen text from an f-string of content.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.content import Content

from ..sanitize import clean

Part = str | tuple[str, str]
"""A piece of screen text: plain untrusted text, or (text, Rich style)."""


def plain(value: object) -> str:
    """Untrusted text as inert characters, for code that draws Segments itself (never markup)."""
    return clean(str(value))


def text(*parts: Part, style: str = "", end: str = "") -> Text:
    """Rich `Text` from untrusted pieces, each cleaned and none read as markup."""
    out = Text(style=style, end=end)
    for part in parts:
        if isinstance(part, tuple):
            out.append(plain(part[0]), style=part[1] or None)
        else:
            out.append(plain(part))
    return out


def content(*parts: Part) -> Content:
    """Textual `Content` from untrusted pieces (for titles, palette entries, border titles)."""
    pieces = [Content.styled(plain(p[0]), p[1]) if isinstance(p, tuple) else Content(plain(p))
              for p in parts]
    return Content("").join(pieces)


def number(n: int) -> Text:
    """A count, right-aligned for a table column."""
    return Text(str(n), justify="right")


def joined(values: Iterable[object], sep: str = ", ") -> str:
    """Several untrusted values as one cleaned string, ready for `text()` or `content()`."""
    return sep.join(plain(v) for v in values)


def shorten(value: object, limit: int) -> str:
    """At most `limit` characters, cut at a word and ended with an ellipsis when cut."""
    s = " ".join(plain(value).split())
    if len(s) <= limit:
        return s
    cut = s[: max(limit - 1, 1)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"
