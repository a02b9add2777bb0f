"""The line-based reading of facts.md in the writer's own form (`writer.render_fact`): such a
section is read without markdown-it, with the same result; any other text is left to it.

A section read here must give what markdown-it gives, so only text that cannot be markup is
taken: ASCII punctuation escaped with a backslash, and otherwise no character that starts
inline markup (code, emphasis, strikethrough, links, images, autolinks, entities) and no
control character; no space at either end; and for a line that opens a block, no first
character that would open a heading, list, quote or break instead of a paragraph.
(Possessive runs: a line that is not plain fails at once, without backtracking.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .layout import FACT_FIELDS

_PLAIN = r"(?!\s)(?:[^\\`*_\[\]<>!&~\x00-\x1f\x7f]++|\\[!-/:-@\[-`{-~])++(?<!\s)"
_HEADING_TEXT = r"(?!\s)(?:[^\\`*_\[\]<>!&~\x00-\x1f\x7f#]++|\\[!\"$-/:-@\[-`{-~])++(?<!\s)"
_PARAGRAPH = rf"(?![-+#=]|\d{{1,9}}[.)](?:\s|$)){_PLAIN}"
_NEXT_SECTION = r"(?=##(?:[ \t\n]|\Z)|\Z)"
# heading; `- key: value` fields; a blank line; `> source`; a blank line and the statement
# (or none); blank lines up to the next `##` line or the end.
_SECTION = re.compile(
    rf"## (?P<heading>{_HEADING_TEXT})\n"
    rf"(?P<fields>(?:- [a-z]+: {_PLAIN}\n)*)"
    rf"\n> (?P<source>{_PARAGRAPH})\n"
    rf"(?:\Z|\n(?:\n*(?P<statement>{_PARAGRAPH})\n(?=\n|\Z))?\n*{_NEXT_SECTION})"
)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_UNESCAPED_BRACKET = re.compile(r"(?:^|[^\\])(?:\\\\)*\[", re.MULTILINE)
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})")

Canonical = tuple[str, dict[str, tuple[str, int]], str, str]


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def _canonical_fact(m: re.Match[str], line: int) -> Canonical | None:
    """The section `_SECTION` matched, whose heading is on `line`; None when a field is
    unknown or given twice (markdown-it's reading reports it)."""
    fields: dict[str, tuple[str, int]] = {}
    for k, field_line in enumerate(m["fields"].split("\n")[:-1], line + 1):
        key, _, value = field_line[2:].partition(": ")
        if key not in FACT_FIELDS or key in fields:
            return None
        fields[key] = (_unescape(value), k)
    statement = m["statement"]
    return (
        _unescape(m["heading"]),
        fields,
        _unescape(m["source"]),
        _unescape(statement) if statement else "",
    )


def fact_segments(text: str) -> Iterator[tuple[int, str, Canonical | None]]:
    """(first line, text, section) of facts.md, in order: a section in the writer's form
    (read here), or (None) a run of text for markdown-it, cut only before a `##` line outside
    a fence where a section in the writer's form starts. A file that may hold a link reference
    definition (an unescaped `[` and a `]:`, even inside a quote or list) is all read by
    markdown-it: a reference may be used in one section and defined in another."""
    if "]:" in text and _UNESCAPED_BRACKET.search(text):
        yield 1, text, None
        return
    n = len(text)
    pos = 0  # start of the current line
    line = 1
    region, region_line = 0, 1  # start of the text not yet yielded
    fence: str | None = None
    while pos < n:
        if fence is None and text.startswith("##", pos):
            m = _SECTION.match(text, pos)
            section = _canonical_fact(m, line) if m is not None else None
            if m is not None and section is not None:
                if region < pos:
                    yield region_line, text[region:pos], None
                yield line, text[pos : m.end()], section
                line += text.count("\n", pos, m.end())
                pos = region = m.end()
                region_line = line
                continue
        eol = text.find("\n", pos)
        end = n if eol == -1 else eol
        fence = _fence_after(text[pos:end], fence)
        pos = end + 1
        line += 1
    if region < n:
        yield region_line, text[region:], None


def _fence_after(line: str, fence: str | None) -> str | None:
    """The fence open after this line (as `markdown.split_sections` follows them)."""
    m = _FENCE_OPEN.match(line)
    if fence is None:
        return m.group(1) if m else None
    if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end() :].strip():
        return None
    return fence
