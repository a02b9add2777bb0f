"""Last pass over every reader's output: no raw HTML, no control characters, tidy spacing.

Bodies are shown in a terminal and written into bundles, so whatever path an article took
(trafilatura's Markdown, a user's Markdown, plain text) it ends here.
"""

from __future__ import annotations

import datetime as dt
import re

from briefing_tui.sanitize import strip

__all__ = ["finish_body", "finish_field", "iso_date", "remove_raw_html"]

_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Only real HTML element names: "<The Palace>" in a review is text, not a tag.
_HTML_NAMES = (
    "a|abbr|address|article|aside|audio|b|bdi|bdo|big|blockquote|body|br|button|caption|"
    "center|cite|code|col|colgroup|dd|del|details|dfn|div|dl|dt|em|embed|figcaption|figure|"
    "font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|li|link|"
    "main|mark|meta|nav|noscript|object|ol|p|picture|pre|q|s|samp|script|section|small|"
    "source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|template|tfoot|th|"
    "thead|time|title|tr|tt|u|ul|var|video|wbr"
)
_TAG = re.compile(
    rf"</?(?:{_HTML_NAMES})(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>",
    re.IGNORECASE,
)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_BLANKS = re.compile(r"\n{3,}")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def remove_raw_html(markdown: str) -> str:
    """Drop HTML tags and comments, keeping their text; code blocks and spans are left alone."""
    markdown = _COMMENT.sub("", markdown)
    out: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence:
            out.append(line)
            continue
        parts = _CODE_SPAN.split(line)
        # split() with one group pair yields [text, ticks, code, text, ...]
        rebuilt: list[str] = []
        for k in range(0, len(parts), 3):
            rebuilt.append(_TAG.sub("", parts[k]))
            if k + 2 < len(parts):
                rebuilt.append(parts[k + 1] + parts[k + 2] + parts[k + 1])
        out.append("".join(rebuilt))
    return "\n".join(out)


def finish_body(markdown: str) -> str:
    """Raw HTML out, control characters out, trailing spaces and extra blank lines out."""
    text = strip(remove_raw_html(markdown))
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def finish_field(value: object) -> str:
    """A metadata value as one clean line of text."""
    if value is None:
        return ""
    return " ".join(strip(str(value)).split())


def iso_date(value: object) -> str:
    """YYYY-MM-DD from a date, datetime or string starting with one; otherwise ""."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    match = _ISO.match(str(value or ""))
    if not match:
        return ""
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return ""
