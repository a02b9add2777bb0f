"""facts.md in the writer's own form is read line by line, without markdown-it (issue 16, item 6).

The line-based reading must give exactly what markdown-it gives: the same facts, the same
heading lines, the same problems at the same `path:line`. These tests compare the two on the
writer's output (any text the writer may be given) and on hand-edited variants of it, whose
sections the fast path must either read the same or leave to markdown-it.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing_tui.bundle.facts_md import parse_facts
from briefing_tui.bundle.problems import Collector
from briefing_tui.bundle.writer import render_facts
from briefing_tui.model import Briefing, Fact, Value

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(text: str, *, fast: bool) -> tuple[list[tuple[Fact, int]], list[str]]:
    """Facts with their heading lines, and problems, as the fast path or as one markdown-it parse."""
    out = Collector(Path("b"))
    facts = parse_facts(text, out, fast=fast, size=len(text) + 1)
    return [(f, f.line) for f in facts], [str(p) for p in out.problems]


def _agree(text: str) -> None:
    assert _read(text, fast=True) == _read(text, fast=False), text


# Text with everything Markdown, a terminal or Unicode may make of it.
_WORDS = st.sampled_from(
    list("#>-*+_`~|[]()!:\\<>&;'\"=@/.,{}^$%0123456789 \t")
    + ["a", "US", "said", "1.", "2)", "- x", "## h", "> q", "```", "~~~", "---", "===", "[x]: /u"]
    + [
        "&amp;",
        "<b>",
        "**b**",
        "_i_",
        "`c`",
        "\\",
        "\\*",
        "é",
        "日",
        "\u00a0",
        "\u2028",
        "\x00",
        "\r",
        "\x1b",
    ]
)
_TEXT = st.lists(_WORDS, max_size=12).map("".join)
_VALUES = st.sampled_from(
    [
        None,
        Value("money", amount=200e9, unit="USD"),
        Value("percent", amount=3.5),
        Value("date", start="2025-11-26"),
    ]
)
_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def _briefings(draw: st.DrawFn) -> Briefing:
    ids = draw(st.lists(_IDS, min_size=1, max_size=6, unique=True))
    facts = tuple(
        Fact(
            id=fid,
            kind=draw(st.sampled_from(["claim", "figure", "quote", "date", "event"])),
            statement=draw(_TEXT),
            source=draw(_TEXT),
            value=draw(_VALUES),
            countries=tuple(draw(st.lists(st.sampled_from(["US", "JP", "GB"]), max_size=2, unique=True))),
            speaker=draw(st.sampled_from(["", "Jane Doe", "O'Brien", "A *B*"])),
        )
        for fid in ids
    )
    return Briefing("b", draw(_TEXT), "Body.", facts=facts)


@FUZZ
@given(_briefings())
def test_the_writers_output_reads_the_same_line_by_line(briefing: Briefing) -> None:
    _agree(render_facts(briefing))


# Edits a person makes to facts.md by hand, and some a hostile file makes.
_EDITS = st.sampled_from(
    [
        "",
        " ",
        "  ",
        "\t",
        "```",
        "~~~",
        "---",
        "===",
        "> more",
        "- kind: claim",
        "- Kind: claim",
        "- kind:claim",
        "- nonsense: x",
        "* kind: claim",
        "1. item",
        "## ",
        "##",
        "### sub",
        "#heading",
        "## f9",
        "## a ##",
        "    code",
        "plain words",
        "[ref]: /url",
        "[ref]",
        "| a | b |",
        "|---|---|",
        "<div>",
        "\r",
        "\x00",
        "\\",
    ]
)


@st.composite
def _edited(draw: st.DrawFn) -> str:
    lines = render_facts(draw(_briefings())).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines)))
        how = draw(st.sampled_from(["insert", "replace", "append", "prepend", "delete"]))
        edit = draw(_EDITS)
        if how == "insert" or at == len(lines):
            lines.insert(at, edit)
        elif how == "replace":
            lines[at] = edit
        elif how == "append":
            lines[at] += edit
        elif how == "prepend":
            lines[at] = edit + lines[at]
        else:
            del lines[at]
    return "\n".join(lines)


@FUZZ
@given(_edited())
def test_hand_edited_facts_read_the_same_line_by_line(text: str) -> None:
    _agree(text)


# --------------------------------------------------------------------------- examples


def _facts(*sections: str) -> str:
    return "# Facts: T\n\n" + "\n".join(sections)


CANONICAL = "## f{k}\n- kind: claim\n- countries: US\n- origin: authored\n\n> Quote {k}.\n\nStatement {k}.\n"


def test_writer_output_is_read_without_markdown_it(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _facts(*(CANONICAL.format(k=k) for k in range(50)))
    parses: list[str] = []
    real = MarkdownIt.parse

    def counted(self: MarkdownIt, src: str, env: MutableMapping[str, Any] | None = None) -> list[Token]:
        parses.append(src)
        return real(self, src, env)

    monkeypatch.setattr(MarkdownIt, "parse", counted)
    facts, problems = _read(text, fast=True)
    assert problems == []
    assert [(f.id, f.source, f.statement, f.countries, line) for f, line in facts][:2] == [
        ("f0", "Quote 0.", "Statement 0.", ("US",), 3),
        ("f1", "Quote 1.", "Statement 1.", ("US",), 12),
    ]
    assert len(facts) == 50
    # Only the title before the first fact goes through markdown-it.
    assert parses == ["# Facts: T\n\n"]


def test_a_hand_edited_section_among_canonical_ones_is_reported_at_its_line() -> None:
    broken = "## bad\n- kind: claim\n- colour: red\n\n> Quote.\n\n```\n## not a fact\n```\n"
    text = _facts(CANONICAL.format(k=0), broken, CANONICAL.format(k=2))
    facts, problems = _read(text, fast=True)
    assert [(f.id, line) for f, line in facts] == [("f0", 3), ("bad", 12), ("f2", 22)]
    assert problems == [
        "b/facts.md:14: fact bad: unknown field 'colour' "
        "(expected one of kind, value, countries, speaker, origin)",
        "b/facts.md:18: fact bad: unexpected fence",
    ]
    _agree(text)


def test_escaped_markdown_reads_back_as_the_writers_text() -> None:
    fact = Fact("f", "quote", "- 1. *not* a list", "He said [this] & `that` #1", speaker="A_B")
    text = render_facts(Briefing("b", "T", "Body.", facts=(fact,)))
    facts, problems = _read(text, fast=True)
    assert problems == [] and facts[0][0] == fact


def test_a_value_error_in_a_canonical_section_names_the_value_line() -> None:
    text = _facts(
        CANONICAL.format(k=0), "## v\n- kind: figure\n- value: lots\n- origin: authored\n\n> Q.\n\nS.\n"
    )
    _, problems = _read(text, fast=True)
    assert len(problems) == 1 and problems[0].startswith("b/facts.md:14: fact v: value 'lots' is none of")
    _agree(text)


def test_a_reference_definition_anywhere_sends_the_whole_file_to_markdown_it() -> None:
    text = _facts(
        "## a\n- kind: claim\n\n> Q.\n\nSee [the law].\n",
        "## b\n- kind: claim\n\n> [the law]: https://example.org\n\nS.\n",
    )
    facts, _ = _read(text, fast=True)
    assert facts[0][0].statement == "See the law."
    _agree(text)


def test_windows_line_ends_and_nul_read_as_markdown_it_reads_them() -> None:
    text = _facts(CANONICAL.format(k=0), CANONICAL.format(k=1).replace("Quote", "Q\x00uote")).replace(
        "\n", "\r\n"
    )
    facts, problems = _read(text, fast=True)
    assert problems == [] and [line for _, line in facts] == [3, 12]
    assert facts[1][0].source == "Q\ufffduote 1."
    _agree(text)
