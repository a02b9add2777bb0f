"""facts.md into `Fact`s: sections in the writer's own form line by line (`facts_canonical`),
any other text through markdown-it, with the same results and the same errors."""

from __future__ import annotations

from markdown_it.token import Token

from ..model import Fact, Value
from .facts_canonical import fact_segments
from .layout import FACT_FIELDS, FACTS_FILE
from .markdown import CHUNK, inline_text
from .problems import Collector
from .sections import blocks_of, chunked_sections


def parse_facts(text: str, out: Collector, *, fast: bool = True, size: int = CHUNK) -> list[Fact]:
    """The facts of facts.md. Sections in exactly the form `writer.render_fact` gives are read
    line by line (`facts_canonical`); any other text goes through markdown-it, a run of
    sections at a time, with the same results and the same `path:line: message` errors."""
    text = _normalise_source(text)
    facts: list[Fact] = []
    if not fast:
        for heading, line, toks in chunked_sections(FACTS_FILE, text, out, size=size):
            facts.append(_fact_from_tokens(heading, line, toks, out))
        return facts
    for line, region, canonical in fact_segments(text):
        if canonical is not None:
            heading, fields, source, statement = canonical
            facts.append(_make_fact(heading, line, fields, source, statement, out))
            continue
        for heading, hline, toks in chunked_sections(FACTS_FILE, region, out, line - 1, size):
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


def _fact_from_tokens(heading: str, line: int, toks: list[Token], out: Collector) -> Fact:
    fields: dict[str, tuple[str, int]] = {}
    source: list[str] = []
    statement: list[str] = []
    for kind, bline, btoks in blocks_of(toks):
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
    heading: str, line: int, fields: dict[str, tuple[str, int]], source: str, statement: str, out: Collector
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

