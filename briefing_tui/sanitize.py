"""Untrusted text -> text that is inert on a terminal.

Bundles and imported articles come from anywhere. Rich and Textual strip only
a few control characters, so ESC (CSI / OSC sequences: clipboard writes, screen
redraws), C1 controls and bidi overrides would otherwise reach the terminal.
Every piece of bundle text passes through `clean` before a widget sees it, and
through `clean` again before it is exported.
"""

from __future__ import annotations

import re

# C0 except \t and \n, DEL, C1 (U+0080-U+009F), bidi embeddings/overrides/isolates,
# and lone surrogates (a non-UTF-8 file name, a `\udcff` escape): no UTF-8 stream can carry them.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The visible stand-in for a removed character: U+FFFD, so a reader sees that
# something was there without the terminal acting on it.
PLACEHOLDER = "\ufffd"

SAFE_LINK_SCHEMES: tuple[str, ...] = ("http", "https")


def clean(text: str) -> str:
    """Replace every unsafe character with a visible placeholder; \\r\\n becomes \\n."""
    if not text:
        return text
    text = text.replace("\r\n", "\n")
    return _UNSAFE.sub(PLACEHOLDER, text)


def strip(text: str) -> str:
    """Remove unsafe characters outright: for ids, file names and exported data."""
    if not text:
        return text
    return _UNSAFE.sub("", text.replace("\r\n", "\n"))


def has_unsafe(text: str) -> bool:
    return bool(_UNSAFE.search(text))


def is_safe_link(url: str) -> bool:
    """Only http(s) links may be opened; `file:`, `javascript:` and the rest are refused."""
    scheme, sep, _ = url.strip().partition(":")
    return bool(sep) and scheme.lower() in SAFE_LINK_SCHEMES and not has_unsafe(url)
