"""Notes as W3C Web Annotations (JSON-LD), out and back in.

Out: an `AnnotationCollection` with one `AnnotationPage`. Each note is an `Annotation`
whose body is a `TextualBody` (Markdown, purpose `commenting`) plus one `tagging` body a
tag, and whose target is a `SpecificResource`: the source is the briefing's URL, else the
stable URN `urn:briefing:bundle:<id>`; the selectors are a `TextQuoteSelector` (exact,
prefix, suffix) and a `TextPositionSelector` (offsets in the bundle's `briefing.md` body).
A note on a fact selects the fact's source quote; a note on a country selects nothing.
What the model has no word for (which fact or country, the label, the bundle) is said in
three extension properties under the `briefing:` prefix, so our own files round-trip.

In: `parse_annotations` reads our files and other tools' (an `AnnotationCollection`, an
`AnnotationPage`, one `Annotation` or a list of them) into `Incoming` records; anchoring
them to a briefing and storing them is the notes service's job.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import __version__
from ..anchoring import make_anchor
from ..article.matcher import find_quote
from ..model import Anchor, Annotation, Briefing, Target
from .common import DEFAULT, ExportOptions, items, locate_passage, source_iri

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "urn:briefing:ns:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"briefing": NAMESPACE}]
NOTE_URN = "urn:briefing:note:"
BUNDLE_URN = "urn:briefing:bundle:"
_OUR_NOTE = re.compile(re.escape(NOTE_URN) + r"([a-z0-9][a-z0-9_-]*):([0-9a-f]{12})")


# --- out ---------------------------------------------------------------------------


def export_w3c(
    pairs: Sequence[tuple[Briefing, Sequence[Annotation]]],
    exported_at: str,
    options: ExportOptions = DEFAULT,
) -> dict[str, Any]:
    """The notes of one or more briefings as one AnnotationCollection (a JSON-ready dict)."""
    annotations = [
        annotation(briefing, item.note, options.author)
        for briefing, notes in pairs
        for item in items(briefing, notes, options)
    ]
    if len(pairs) == 1:
        collection_id = f"{BUNDLE_URN}{pairs[0][0].id}:notes"
        label = f"Notes: {pairs[0][0].title}"
    else:
        collection_id = "urn:briefing:notes"
        label = f"Notes on {options.country}" if options.country else "Notes"
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(annotations),
        "generator": {"id": "urn:briefing:app", "type": "Software", "name": f"briefing {__version__}"},
        "generated": exported_at,
        "first": {
            "id": f"{collection_id}:page:1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": annotations,
        },
    }


def annotation(briefing: Briefing, note: Annotation, author: str = "") -> dict[str, Any]:
    """One note as a W3C Annotation (without `@context`: the collection carries it)."""
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "value": note.text, "format": "text/markdown", "purpose": "commenting"}
    ]
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in note.tags]
    out: dict[str, Any] = {
        "id": f"{NOTE_URN}{note.id}",
        "type": "Annotation",
        "motivation": "commenting",
        "created": note.created,
        "modified": note.updated or note.created,
        "creator": {"type": "Person", "name": author or "briefing user"},
        "body": bodies,
        "target": _target(briefing, note.target),
        "briefing:bundle": briefing.id,
    }
    if note.target.kind in ("fact", "country"):
        out["briefing:target"] = f"{note.target.kind}:{note.target.fact_id or note.target.country}"
    if note.label:
        out["briefing:label"] = note.label
    return out


@lru_cache(maxsize=4096)  # many notes on one fact
def _quote_in_body(body: str, quote: str) -> tuple[int, int] | None:
    return find_quote(body, quote, any_case=False)


def _target(briefing: Briefing, target: Target) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "SpecificResource", "source": source_iri(briefing)}
    anchor: Anchor | None = None
    if target.kind == "passage" and target.anchor is not None:
        span = locate_passage(briefing.body, target.anchor)
        anchor = make_anchor(briefing.body, *span) if span else target.anchor
    elif target.kind == "fact":
        fact = briefing.fact(target.fact_id)
        span = _quote_in_body(briefing.body, fact.source) if fact else None
        if span is not None:
            anchor = make_anchor(briefing.body, *span)
        elif fact is not None and fact.source:
            anchor = Anchor(fact.source, start=-1)
    if anchor is not None and anchor.exact:
        quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": anchor.exact}
        if anchor.prefix:
            quote["prefix"] = anchor.prefix
        if anchor.suffix:
            quote["suffix"] = anchor.suffix
        selectors = [quote]
        if anchor.start >= 0:
            end = anchor.start + len(anchor.exact)
            selectors.append({"type": "TextPositionSelector", "start": anchor.start, "end": end})
        out["selector"] = selectors
    return out


# --- in ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Incoming:
    """One annotation read from a file, not yet anchored to a briefing."""

    where: str  # `items[3]` or the annotation's id: for messages
    foreign_id: str
    sources: tuple[str, ...]
    bundle: str  # from our `briefing:bundle`, else ""
    kind: str  # fact | country | passage
    key: str  # fact id or country code
    anchor: Anchor | None
    text: str
    tags: tuple[str, ...]
    label: str
    created: str
    modified: str

    def note_id(self, bundle_id: str) -> str:
        """Ours keep their id; another tool's get a stable one from theirs (so a second import
        of the same file adds nothing)."""
        m = _OUR_NOTE.fullmatch(self.foreign_id)
        if m and m[1] == bundle_id:
            return f"{m[1]}:{m[2]}"
        digest = hashlib.sha1(self.foreign_id.encode("utf-8", "replace")).hexdigest()[:12]
        return f"{bundle_id}:{digest}"


class AnnotationFileError(ValueError):
    """The file is no Web Annotation document; the message says where and why."""


def parse_annotations(data: Any, name: str) -> tuple[list[Incoming], list[str]]:
    """The annotations in a decoded JSON-LD document, and one line per annotation skipped."""
    found = _annotation_dicts(data)
    if found is None:
        raise AnnotationFileError(
            f"{name}: not a Web Annotation document (no Annotation, AnnotationPage or AnnotationCollection)"
        )
    out: list[Incoming] = []
    skipped: list[str] = []
    for where, raw in found:
        given = raw.get("id", raw.get("@id"))
        if isinstance(given, str) and 0 < len(given) <= 80:
            where = given
        try:
            out.append(_incoming(where, raw))
        except (ValueError, TypeError, KeyError) as exc:
            skipped.append(f"{name}: {where}: {exc}")
    return out, skipped


def _types(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def _annotation_dicts(data: Any) -> list[tuple[str, dict[str, Any]]] | None:
    if isinstance(data, list):
        return [(f"[{n}]", a) for n, a in enumerate(data) if isinstance(a, dict)]
    if not isinstance(data, dict):
        return None
    kinds = _types(data.get("type")) | _types(data.get("@type"))
    if "Annotation" in kinds or "oa:Annotation" in kinds:
        return [("annotation", data)]
    page: Any = None
    if "AnnotationCollection" in kinds:
        page = data.get("first")
    elif "AnnotationPage" in kinds:
        page = data
    if page is None:
        return None
    out: list[tuple[str, dict[str, Any]]] = []
    while isinstance(page, dict):  # embedded pages only: a page given by its address is not fetched
        entries = page.get("items")
        for a in entries if isinstance(entries, list) else []:
            if isinstance(a, dict):
                out.append((f"items[{len(out)}]", a))
        page = page.get("next")
    return out


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} is not a string")
    return value


def _incoming(where: str, raw: dict[str, Any]) -> Incoming:
    foreign_id = raw.get("id", raw.get("@id"))
    if not isinstance(foreign_id, str) or not foreign_id:
        raise ValueError("the annotation has no id")
    texts: list[str] = []
    tags: list[str] = []
    for body in _as_list(raw.get("body")):
        if isinstance(body, str):
            continue  # a body by reference: nothing to keep as text
        if not isinstance(body, dict):
            continue
        value = body.get("value")
        if not isinstance(value, str):
            continue
        if "tagging" in _types(body.get("purpose")):
            tags.append(value)
        else:
            texts.append(value)
    if isinstance(raw.get("bodyValue"), str):
        texts.append(raw["bodyValue"])
    text = "\n\n".join(t for t in texts if t.strip())
    if not text:
        raise ValueError("the annotation has no note text (a highlight alone is not imported)")
    sources: list[str] = []
    anchor: Anchor | None = None
    for target in _as_list(raw.get("target")):
        if isinstance(target, str):
            sources.append(target)
            continue
        if not isinstance(target, dict):
            continue
        if isinstance(target.get("source"), str):
            sources.append(target["source"])
        anchor = anchor or _anchor(_as_list(target.get("selector")))
    kind, key = "passage", ""
    ours = raw.get("briefing:target")
    if isinstance(ours, str) and ours.partition(":")[0] in ("fact", "country") and ours.partition(":")[2]:
        kind, _, key = ours.partition(":")
    elif anchor is None:
        raise ValueError("the target has no TextQuoteSelector to anchor it by")
    label = raw.get("briefing:label", "")
    created = raw.get("created", "")
    modified = raw.get("modified", created)
    return Incoming(
        where=where,
        foreign_id=foreign_id,
        sources=tuple(sources),
        bundle=raw.get("briefing:bundle", "") if isinstance(raw.get("briefing:bundle"), str) else "",
        kind=kind,
        key=key,
        anchor=anchor,
        text=text,
        tags=tuple(tags),
        label=label if isinstance(label, str) else "",
        created=created if isinstance(created, str) else "",
        modified=modified if isinstance(modified, str) else "",
    )


def _anchor(selectors: Iterable[Any]) -> Anchor | None:
    quote: dict[str, Any] | None = None
    start = -1
    for sel in selectors:
        if not isinstance(sel, dict):
            continue
        kinds = _types(sel.get("type"))
        if "TextQuoteSelector" in kinds and quote is None:
            quote = sel
        elif "TextPositionSelector" in kinds and isinstance(sel.get("start"), int):
            start = sel["start"]
        refined = sel.get("refinedBy")
        if quote is None and refined is not None:
            inner = _anchor(_as_list(refined))
            if inner is not None:
                return inner
    if quote is None:
        return None
    exact = _text(quote.get("exact"), "TextQuoteSelector.exact")
    if not exact:
        return None
    prefix = quote.get("prefix", "")
    suffix = quote.get("suffix", "")
    return Anchor(
        exact,
        prefix if isinstance(prefix, str) else "",
        suffix if isinstance(suffix, str) else "",
        max(start, 0),
    )
