"""briefing.md: its YAML front matter, its body with the readable text source quotes are
found in, and the `Briefing` built from them, each wrong field reported at its line.

Only the front matter goes through the parser up front, never regexes over the Markdown.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..model import Briefing, Country, Fact, Person
from .layout import BRIEFING_FILE
from .markdown import CHUNK, ReadableText, make_parser, may_nest_deeply, plain_text, split_source
from .problems import Collector
from .sections import check_nesting


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


def parse_briefing(text: str, out: Collector) -> tuple[dict[str, Any], str, ReadableText]:
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


def _readable(body: str, offset: int, out: Collector) -> ReadableText:
    """The body's readable text; parsed here (and checked for nesting) only when it might
    nest too deeply. `offset` is the number of lines of briefing.md above the body.
    The parse goes chunk by chunk, so the tokens of only one chunk are alive at a time."""
    if not may_nest_deeply(body):
        return ReadableText(body)
    parser = make_parser()
    parts: list[str] = []
    for chunk in split_source(body, size=CHUNK):
        tokens = parser.parse(chunk)
        check_nesting(BRIEFING_FILE, tokens, out, offset)
        parts.append(plain_text(tokens))
        offset += chunk.count("\n")
    return ReadableText(body, "\n".join(parts))


def _key_lines(yaml_text: str) -> dict[str, int]:
    """Line of each top-level key in briefing.md, so field errors point at it."""
    found: dict[str, int] = {}
    for i, raw in enumerate(yaml_text.split("\n")):
        if raw and not raw[0].isspace() and ":" in raw:
            found.setdefault(raw.split(":", 1)[0].strip(), i + 2)
    return found


def assemble(
    meta: dict[str, Any],
    lines: dict[str, int],
    body: str,
    facts: list[Fact],
    countries: list[Country],
    out: Collector,
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
