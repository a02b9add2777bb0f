"""Read a bundle folder into a `Briefing`, collecting every problem with its file and line.

Structure comes from markdown-it tokens (their `map` gives line numbers), never
from regexes over the Markdown, so headings inside code blocks or quotes cannot
be mistaken for facts.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

from ..model import Briefing, Country, Fact, Person, Problem, Value
from .errors import BundleError
from .markdown import (
    CHUNK,
    MAX_NESTING,
    ReadableText,
    inline_text,
    make_parser,
    may_nest_deeply,
    nesting_overflow,
    plain_text,
    split_sections,
    split_source,
)
from .validator import validate

BRIEFING_FILE = "briefing.md"
FACTS_FILE = "facts.md"
COUNTRIES_FILE = "countries.md"
MAX_BUNDLE_BYTES = 20 * 1024 * 1024
FACT_FIELDS = ("kind", "value", "countries", "speaker", "origin")


@dataclass
class _Collector:
    """Problems found so far, each located in one of the bundle's files."""

    folder: Path
    problems: list[Problem] = field(default_factory=list)

    def add(self, filename: str, line: int, message: str) -> None:
        # One problem, one line: a value quoted in the message may hold line breaks.
        message = message.replace("\r", "\\r").replace("\n", "\\n")
        self.problems.append(Problem(str(self.folder / filename), line, message))


def read_bundle(folder: Path) -> Briefing:
    """Parse and validate a bundle; raise `BundleError` naming every problem."""
    with _no_cycle_collection():
        return _read_bundle(Path(folder))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Reading builds a few objects per line and no reference cycles: the cycle collector
    would only walk them again and again (50,000 facts: 1.0 s to read, 0.5 s without it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_bundle(folder: Path) -> Briefing:
    out = _Collector(folder)
    texts = _read_texts(folder, out)
    if texts is None:
        raise BundleError(out.problems)
    briefing_text, facts_text, countries_text = texts
    meta, body, article = _parse_briefing(briefing_text, out)
    facts = _parse_facts(facts_text, out) if facts_text is not None else []
    countries = _parse_countries(countries_text, out) if countries_text is not None else []
    key_lines: dict[str, int] = meta.pop("_lines", {})
    briefing = _assemble(meta, key_lines, body, facts, countries, out)
    validate(briefing, key_lines, article, out.add)
    if out.problems:
        raise BundleError(out.problems)
    # The validator located every quote: the reader's fact order comes free.
    briefing.prime_article_order(article.raw_offsets)
    return briefing


def _read_texts(folder: Path, out: _Collector) -> tuple[str, str | None, str | None] | None:
    if not folder.is_dir():
        out.add("", 0, "not a bundle folder")
        return None
    main = folder / BRIEFING_FILE
    if not main.is_file():
        out.add(BRIEFING_FILE, 0, "missing: every bundle needs a briefing.md")
        return None
    names = (BRIEFING_FILE, FACTS_FILE, COUNTRIES_FILE)
    try:
        total = sum((folder / n).stat().st_size for n in names if (folder / n).is_file())
    except OSError as exc:
        out.add("", 0, f"cannot read: {exc.strerror or exc}")
        return None
    if total > MAX_BUNDLE_BYTES:
        out.add("", 0, f"bundle is {total / 1e6:.1f} MB, over the {MAX_BUNDLE_BYTES >> 20} MB cap")
        return None
    texts: list[str | None] = []
    for name in names:
        path = folder / name
        if not path.is_file():
            texts.append(None)
            continue
        try:
            data = path.read_bytes()
            texts.append(data.decode("utf-8").removeprefix("\ufeff"))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            out.add(name, line, f"not UTF-8 (byte 0x{data[exc.start]:02x})")
            return None
        except OSError as exc:
            out.add(name, 0, f"cannot read: {exc.strerror or exc}")
            return None
    if texts[1] is None:
        out.add(FACTS_FILE, 0, "missing: every bundle needs a facts.md (it may hold no facts)")
    if texts[2] is None:
        out.add(COUNTRIES_FILE, 0, "missing: every bundle needs a countries.md")
    return texts[0] or "", texts[1], texts[2]


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader whose impossible dates (`2025-13-45`) stay text for the validator to report,
    and which refuses anchors and aliases: nested aliases ("billion laughs") expand a few
    hundred bytes into gigabytes, and front matter has no use for them."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            name = ("*" if isinstance(event, yaml.AliasEvent) else "&") + str(anchor)
            raise yaml.composer.ComposerError(
                None,
                None,
                f"anchors and aliases ({name}) are not allowed; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)


def _parse_briefing(text: str, out: _Collector) -> tuple[dict[str, Any], str, ReadableText]:
    """Front matter, body, and the body's readable text for source quotes.

    Only the front matter goes through the parser up front: a long body is parsed
    only if a quote spans markup or its prefix could nest containers too deeply.
    """
    lines = text.split("\n")
    close = next((i for i, ln in enumerate(lines) if i and ln.rstrip() == "---"), None)
    head = "\n".join(lines[: close + 1]) if lines[0].rstrip() == "---" and close else ""
    tokens = make_parser(front_matter=True).parse(head) if head else []
    fm = next((t for t in tokens if t.type == "front_matter"), None)
    if fm is None or fm.map is None:
        message = (
            "front matter is not closed with '---'"
            if text.startswith("---")
            else "no front matter: the file must start with '---' and a YAML block"
        )
        out.add(BRIEFING_FILE, 1, message)
        return {}, text, _readable(text, 0, out)
    end = fm.map[1]
    rest = lines[end:]
    lead = next((i for i, ln in enumerate(rest) if ln), len(rest))
    body = "\n".join(rest).strip("\n")
    article = _readable(body, end + lead, out)
    try:
        meta = yaml.load(fm.content, Loader=_FrontMatterLoader)  # a SafeLoader subclass
    except RecursionError:
        out.add(BRIEFING_FILE, 2, "front matter: nested too deeply")
        return {}, body, article
    except yaml.YAMLError as exc:
        # The construct's start (context) is where the author must look, not where it broke.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = 2 + (mark.line if mark is not None else 0)
        reason = getattr(exc, "problem", None) or "invalid YAML"
        out.add(BRIEFING_FILE, line, f"front matter: {reason}")
        return {}, body, article
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        out.add(BRIEFING_FILE, 2, "front matter must be a mapping of keys to values")
        return {}, body, article
    meta["_lines"] = _key_lines(fm.content)
    return meta, body, article


def _readable(body: str, offset: int, out: _Collector) -> ReadableText:
    """The body's readable text; parsed here (and checked for nesting) only when it might
    nest too deeply. `offset` is the number of lines of briefing.md above the body.
    The parse goes chunk by chunk, so the tokens of only one chunk are alive at a time."""
    if not may_nest_deeply(body):
        return ReadableText(body)
    parser = make_parser()
    parts: list[str] = []
    for chunk in split_source(body, size=CHUNK):
        tokens = parser.parse(chunk)
        _check_nesting(BRIEFING_FILE, tokens, out, offset)
        parts.append(plain_text(tokens))
        offset += chunk.count("\n")
    return ReadableText(body, "\n".join(parts))


def _check_nesting(filename: str, tokens: list[Token], out: _Collector, offset: int = 0) -> None:
    """Quotes and lists nested past the parser's limit lose their text: refuse, saying where."""
    line = nesting_overflow(tokens)
    if line is not None:
        out.add(
            filename,
            line + offset,
            f"quotes and lists nested more than {MAX_NESTING} levels deep: "
            "the text from here on would be lost; flatten it",
        )


def _key_lines(yaml_text: str) -> dict[str, int]:
    """Line of each top-level key in briefing.md, so field errors point at it."""
    found: dict[str, int] = {}
    for i, raw in enumerate(yaml_text.split("\n")):
        if raw and not raw[0].isspace() and ":" in raw:
            found.setdefault(raw.split(":", 1)[0].strip(), i + 2)
    return found


def _sections(tokens: list[Token]) -> list[tuple[str, int, list[Token]]]:
    """Split a token stream at each `##` heading: (heading text, line, tokens under it)."""
    sections: list[tuple[str, int, list[Token]]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.tag == "h2":
            line = (tok.map[0] + 1) if tok.map else 0
            sections.append((inline_text(tokens[i + 1]).strip(), line, []))
            i += 3
            continue
        if sections:
            sections[-1][2].append(tok)
        i += 1
    return sections


def _chunked_sections(
    filename: str, text: str, out: _Collector, offset: int = 0, size: int = CHUNK
) -> Iterator[tuple[str, int, list[Token]]]:
    """`_sections` of a long file, parsed a chunk of whole sections at a time; the tokens'
    lines are those of the file (`offset` lines of the file come before `text`)."""
    parser = make_parser()
    for before, chunk in split_sections(text, size):
        tokens = parser.parse(chunk)
        before += offset
        if before:
            for tok in tokens:
                if tok.map:
                    tok.map = [tok.map[0] + before, tok.map[1] + before]
        _check_nesting(filename, tokens, out)
        yield from _sections(tokens)


def _blocks(tokens: list[Token]) -> list[tuple[str, int, list[Token]]]:
    """Top-level blocks of a section: (open token type, line, tokens of the block)."""
    blocks: list[tuple[str, int, list[Token]]] = []
    depth = 0
    for tok in tokens:
        if depth == 0:
            line = (tok.map[0] + 1) if tok.map else 0
            blocks.append((tok.type, line, []))
        blocks[-1][2].append(tok)
        depth += tok.nesting
    return blocks


def _parse_facts(text: str, out: _Collector, *, fast: bool = True, size: int = CHUNK) -> list[Fact]:
    """The facts of facts.md. Sections in exactly the form `writer.render_fact` gives are read
    line by line (`_canonical_fact`); any other text goes through markdown-it, a run of
    sections at a time, with the same results and the same `path:line: message` errors."""
    text = _normalise_source(text)
    facts: list[Fact] = []
    if not fast:
        for heading, line, toks in _chunked_sections(FACTS_FILE, text, out, size=size):
            facts.append(_fact_from_tokens(heading, line, toks, out))
        return facts
    for line, region, canonical in _fact_segments(text):
        if canonical is not None:
            heading, fields, source, statement = canonical
            facts.append(_make_fact(heading, line, fields, source, statement, out))
            continue
        for heading, hline, toks in _chunked_sections(FACTS_FILE, region, out, line - 1, size):
            facts.append(_fact_from_tokens(heading, hline, toks, out))
    return facts


def _normalise_source(text: str) -> str:
    """Line breaks and NULs as markdown-it reads them, so line numbers and text agree
    whichever way a section is read."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    return text


def _fact_from_tokens(heading: str, line: int, toks: list[Token], out: _Collector) -> Fact:
    fields: dict[str, tuple[str, int]] = {}
    source: list[str] = []
    statement: list[str] = []
    for kind, bline, btoks in _blocks(toks):
        if kind == "bullet_list_open":
            for tok in btoks:
                if tok.type != "inline":
                    continue
                fline = (tok.map[0] + 1) if tok.map else bline
                key, sep, raw = inline_text(tok).partition(":")
                key = key.strip().lower()
                if not sep:
                    out.add(FACTS_FILE, fline, f"fact {heading}: field must be 'key: value'")
                elif key not in FACT_FIELDS:
                    out.add(
                        FACTS_FILE,
                        fline,
                        f"fact {heading}: unknown field '{key}' "
                        f"(expected one of {', '.join(FACT_FIELDS)})",
                    )
                elif key in fields:
                    out.add(FACTS_FILE, fline, f"fact {heading}: field '{key}' given twice")
                else:
                    fields[key] = (raw.strip(), fline)
        elif kind == "blockquote_open":
            source += [inline_text(t) for t in btoks if t.type == "inline"]
        elif kind == "paragraph_open":
            statement += [inline_text(t) for t in btoks if t.type == "inline"]
        else:
            out.add(FACTS_FILE, bline, f"fact {heading}: unexpected {kind.removesuffix('_open')}")
    return _make_fact(heading, line, fields, " ".join(source), " ".join(statement), out)


def _make_fact(
    heading: str, line: int, fields: dict[str, tuple[str, int]], source: str, statement: str, out: _Collector
) -> Fact:
    value: Value | None = None
    if "value" in fields and fields["value"][0]:
        try:
            value = Value.parse(fields["value"][0])
        except ValueError as exc:
            out.add(FACTS_FILE, fields["value"][1], f"fact {heading}: {exc}")
    codes = fields.get("countries", ("", line))[0]
    return Fact(
        id=heading,
        kind=fields.get("kind", ("", line))[0],
        statement=statement.strip(),
        source=source.strip(),
        value=value,
        countries=tuple(c.strip().upper() for c in codes.split(",") if c.strip()),
        speaker=fields.get("speaker", ("", line))[0],
        origin=fields.get("origin", ("authored", line))[0],
        line=line,
    )


# --- the line-based reading of facts.md in the writer's own form ------------------------------
#
# A section read here must give what markdown-it gives, so only text that cannot be markup is
# taken: ASCII punctuation escaped with a backslash, and otherwise no character that starts
# inline markup (code, emphasis, strikethrough, links, images, autolinks, entities) and no
# control character; no space at either end; and for a line that opens a block, no first
# character that would open a heading, list, quote or break instead of a paragraph.
# (Possessive runs: a line that is not plain fails at once, without backtracking.)
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

_Canonical = tuple[str, dict[str, tuple[str, int]], str, str]


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def _canonical_fact(m: re.Match[str], line: int) -> _Canonical | None:
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


def _fact_segments(text: str) -> Iterator[tuple[int, str, _Canonical | None]]:
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


def _parse_countries(text: str, out: _Collector) -> list[Country]:
    countries: list[Country] = []
    for heading, line, toks in _chunked_sections(COUNTRIES_FILE, text, out):
        code, _, name = heading.partition("·")
        role = " ".join(inline_text(t) for t in toks if t.type == "inline").strip()
        countries.append(Country(code.strip(), name.strip(), role, line=line))
    return countries


def _assemble(
    meta: dict[str, Any],
    lines: dict[str, int],
    body: str,
    facts: list[Fact],
    countries: list[Country],
    out: _Collector,
) -> Briefing:
    """Build the Briefing from front matter, reporting fields of the wrong type."""

    def text(key: str) -> str:
        value = meta.get(key, "")
        if value is None:
            return ""
        if hasattr(value, "isoformat"):  # YAML reads 2025-11-26 as a date
            return value.isoformat()
        if isinstance(value, (dict, list)):
            out.add(BRIEFING_FILE, lines.get(key, 2), f"front matter: '{key}' must be text")
            return ""
        return str(value)

    def str_list(key: str) -> tuple[str, ...]:
        value = meta.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            out.add(BRIEFING_FILE, lines.get(key, 2), f"front matter: '{key}' must be a list of text")
            return ()
        return tuple(str(v) for v in value)

    people: list[Person] = []
    raw_people = meta.get("people") or []
    if isinstance(raw_people, list) and all(isinstance(p, dict) for p in raw_people):
        people = [Person(str(p.get("name", "")), str(p.get("title", "") or "")) for p in raw_people]
    else:
        out.add(
            BRIEFING_FILE, lines.get("people", 2), "front matter: 'people' must be a list of {name, title}"
        )
    schema = meta.get("schema", 1)
    if not isinstance(schema, int):
        out.add(BRIEFING_FILE, lines.get("schema", 2), "front matter: 'schema' must be a whole number")
        schema = 1
    return Briefing(
        id=text("id"),
        title=text("title"),
        body=body,
        source=text("source"),
        published=text("published"),
        url=text("url"),
        summary=text("summary"),
        tags=str_list("tags"),
        people=tuple(people),
        organisations=str_list("organisations"),
        facts=tuple(facts),
        countries=tuple(countries),
        schema=schema,
    )


__all__ = ["BundleError", "read_bundle", "MAX_BUNDLE_BYTES"]
