"""Write a `Briefing` as a bundle folder that `read_bundle` reads back equal.

Used by `briefing import`; text is escaped so that Markdown in a source quote
or statement reads back as the same characters.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..countries import display_name
from ..model import Briefing, Fact
from .reader import BRIEFING_FILE, COUNTRIES_FILE, FACTS_FILE

_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~{}&])")
_LEADING = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def escape(text: str) -> str:
    """Backslash-escape what CommonMark would read as markup, on one line."""
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], text)


def render_briefing(b: Briefing) -> str:
    meta: dict[str, Any] = {"id": b.id, "title": b.title}
    for key in ("source", "published", "url", "summary"):
        if getattr(b, key):
            meta[key] = getattr(b, key)
    if b.tags:
        meta["tags"] = list(b.tags)
    if b.people:
        meta["people"] = [{"name": p.name, "title": p.title} for p in b.people]
    if b.organisations:
        meta["organisations"] = list(b.organisations)
    meta["schema"] = b.schema
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    body = b.body.strip("\n")
    return f"---\n{front}---\n\n{body}\n"


def render_fact(f: Fact) -> str:
    lines = [f"## {f.id}", f"- kind: {f.kind}"]
    if f.value is not None:
        lines.append(f"- value: {f.value.to_text()}")
    if f.countries:
        lines.append(f"- countries: {', '.join(f.countries)}")
    if f.speaker:
        lines.append(f"- speaker: {escape(f.speaker)}")
    lines.append(f"- origin: {f.origin}")
    lines += ["", f"> {escape(f.source)}", "", escape(f.statement), ""]
    return "\n".join(lines)


def render_facts(b: Briefing) -> str:
    return f"# Facts: {escape(b.title)}\n\n" + "\n".join(render_fact(f) for f in b.facts)


def render_countries(b: Briefing) -> str:
    parts = [f"# Countries: {escape(b.title)}\n"]
    for c in b.countries:
        name = display_name(c.code, c.name)
        parts.append(f"## {c.code} · {escape(name)}\n\n{escape(c.role)}\n")
    return "\n".join(parts)


def write_bundle(briefing: Briefing, folder: Path) -> None:
    """Write all three files into a temp folder beside `folder`, then rename it into place.

    A crash mid-write leaves at worst a hidden temp folder, never a half bundle.
    `folder` must not exist yet.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        raise FileExistsError(f"{folder} already exists")
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes 0700; a bundle is an ordinary folder
        for name, text in (
            (BRIEFING_FILE, render_briefing(briefing)),
            (FACTS_FILE, render_facts(briefing)),
            (COUNTRIES_FILE, render_countries(briefing)),
        ):
            with open(tmp / name, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
