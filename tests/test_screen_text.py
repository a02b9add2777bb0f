"""One route from untrusted text to the screen: `briefing_tui/ui/screen_text.py`.

This test reads the UI code and fails on any other route: a module that cleans text itself,
anything that parses markup, or screen text built from a plain string expression (an f-string,
a name, a concatenation) where Textual would read it as markup. The pty walk in
test_hostile_walk.py checks the same at run time, byte by byte."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rich.text import Text
from textual.content import Content

from briefing_tui.ui import screen_text

UI = Path(screen_text.__file__).parent
# The headless layout engine (briefing_tui/article/) cleans block text itself, outside ui/.
OWN_CLEANERS = {"screen_text.py"}
# Calls whose positional arguments become screen text.
SINKS = {"Static", "Label", "Button", "Option", "add_row", "add_column", "add_columns", "Hit",
         "DiscoveryHit", "Text", "Content"}
TITLE_ATTRS = {"border_title", "border_subtitle", "title", "sub_title"}
MARKUP_CALLS = {"from_markup", "from_ansi", "render_markup", "escape"}


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _safe(node: ast.expr, *, literal_only: bool = False) -> bool:
    """Not a plain string built from data: an f-string, a concatenation, an attribute of some
    object, or a call of a plain-string maker. (`Text()`/`Content()` take literals only.)"""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call):
        return _name(node.func) not in {"str", "format", "join", "clean", "strip", "repr"}
    if literal_only:
        return False
    return not isinstance(node, ast.JoinedStr | ast.BinOp | ast.Attribute)


# Which positional argument of a sink is the text shown (None: every one).
SHOWN_ARG = {"Hit": 1, "DiscoveryHit": 0, "Option": 0, "Button": 0, "Static": 0, "Label": 0,
             "Text": 0, "Content": 0}


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    where = f"{path.relative_to(UI.parent.parent)}"
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names = {a.name for a in node.names}
            if (node.module or "").endswith("sanitize") and names & {"clean", "strip"} \
                    and path.name not in OWN_CLEANERS:
                out.append(f"{where}:{node.lineno}: cleans text itself; use screen_text")
            if (node.module or "").endswith("markup"):
                out.append(f"{where}:{node.lineno}: imports a markup module")
        elif isinstance(node, ast.Call):
            name = _name(node.func)
            if name in MARKUP_CALLS and isinstance(node.func, ast.Attribute | ast.Name) \
                    and not (isinstance(node.func, ast.Attribute) and _name(node.func.value) == "re"):
                out.append(f"{where}:{node.lineno}: {name}() reads markup")
            for kw in node.keywords:
                off = isinstance(kw.value, ast.Constant) and kw.value.value is False
                if kw.arg == "markup" and not off:
                    out.append(f"{where}:{node.lineno}: markup= must be False")
            if name in SINKS and path.name != "screen_text.py":
                index = SHOWN_ARG.get(name)
                args = node.args if index is None else node.args[index : index + 1]
                for arg in args:
                    if not _safe(arg, literal_only=name in {"Text", "Content"}):
                        out.append(f"{where}:{node.lineno}: {name}() gets a plain string expression")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in TITLE_ATTRS \
                        and not _safe(node.value):
                    out.append(f"{where}:{node.lineno}: .{target.attr} = a plain string expression")
    return out


def test_ui_code_has_one_route_to_the_screen() -> None:
    problems = [p for path in sorted(UI.rglob("*.py")) for p in _problems(path)]
    assert problems == []


def test_the_scan_catches_the_old_routes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from ..sanitize import clean\n"
        "from textual.markup import escape\n"
        "def f(screen, fact, matcher, table):\n"
        "    screen.border_title = f'Facts {fact.statement}'\n"
        "    yield Hit(1, matcher.highlight(escape(fact.statement)), None)\n"
        "    Static(fact.statement)\n"
        "    Text(clean(fact.statement))\n"
        "    table.add_row(fact.statement)\n"
        "    screen.notify(fact.statement, markup=True)\n",
        encoding="utf-8",
    )
    bad_in_ui = UI / "_scan_probe.py"
    bad_in_ui.write_text(bad.read_text("utf-8"), "utf-8")
    try:
        found = _problems(bad_in_ui)
    finally:
        bad_in_ui.unlink()
    assert len(found) == 8, found


@pytest.mark.parametrize("payload", [
    "[@click=app.quit]x", "[ @click=app.quit]x", "[ link='file:///etc/passwd']x", "[Link=https://e.com]x",
    "\x1b]52;c;UFdORUQ=\x07", "\u009b2J", "\u202egnp.exe", "\udcff",
])
def test_screen_text_keeps_content_inert(payload: str) -> None:
    for made in (screen_text.text(payload), screen_text.text(("v", "bold"), payload),
                 screen_text.content(payload), screen_text.content(("v", "bold"), payload)):
        assert isinstance(made, Text | Content)
        plain = made.plain
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E
                       or 0xD800 <= ord(c) <= 0xDFFF for c in plain), repr(plain)
        spans = made.spans
        assert all("@click" not in str(s.style) and "link" not in str(s.style).lower() for s in spans)
    if payload.startswith("["):
        assert screen_text.content(payload).plain == payload  # shown as typed, not parsed


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert screen_text.shorten("counts guarantees as credit support", 26) == "counts guarantees as…"
    assert screen_text.shorten("short", 26) == "short"
