"""No class of ours defines a name that a Textual base class already has, unless it is an
override we mean (listed below). A clash is silent: `ArticleView.query` (a property) once
hid `DOMNode.query()`, which Textual calls on a double click, and `_layout_cache` replaced
Textual's own cache, which every refresh emptied."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from functools import cache

import briefing_tui.ui

# Names our classes override on purpose: Textual's documented hooks and class settings.
INTENDED = {
    # class settings
    "BINDINGS", "COMMANDS", "COMPONENT_CLASSES", "CSS", "CSS_PATH", "DEFAULT_CSS", "TITLE",
    "SUB_TITLE", "AUTO_FOCUS", "ALLOW_IN_MAXIMIZED_VIEW", "BORDER_TITLE",
    # hooks and overridable methods
    "compose", "render", "render_line", "render_lines", "on_mount", "on_unmount", "on_resize",
    "on_click", "on_key", "on_show", "on_hide", "on_focus", "on_blur", "on_descendant_focus",
    "notify_style_update", "get_content_height", "get_content_width", "watch_scroll_y",
    "notify", "action_help", "action_back", "action_first", "action_last", "action_cursor_down",
    "action_cursor_up", "action_select", "action_page_up", "action_page_down", "discover", "search",
    "startup", "shutdown",
    # Message conventions (Textual's own messages define `control`)
    "control",
    # the reader decides which keys apply (n/p while searching) and which the footer shows
    "check_action", "active_bindings",
    # widget constructor arguments stored under Textual's names
    "title", "sub_title",
}


def _our_classes() -> list[type]:
    found: list[type] = []
    for info in pkgutil.walk_packages(briefing_tui.ui.__path__, "briefing_tui.ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and _textual_bases(cls):
                found.append(cls)
    return found


def _textual_bases(cls: type) -> list[type]:
    return [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] == "textual"]


def _class_node(cls: type) -> ast.ClassDef | None:
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return None
    node = ast.parse(source).body[0]
    return node if isinstance(node, ast.ClassDef) else None


def _self_assignments(node: ast.ClassDef) -> set[str]:
    """Names a class assigns on `self` in its own methods (its instance attributes)."""
    names: set[str] = set()
    for sub in ast.walk(node):
        targets: list[ast.expr] = []
        if isinstance(sub, ast.Assign):
            targets = sub.targets
        elif isinstance(sub, ast.AnnAssign | ast.AugAssign):
            targets = [sub.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                    and target.value.id == "self":
                names.add(target.attr)
    return names


def _body_names(node: ast.ClassDef) -> set[str]:
    """Names the class body itself defines: methods, properties, class attributes."""
    names: set[str] = set()
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            names |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            names.add(stmt.target.id)
    return names


@cache
def _base_names(base: type) -> frozenset[str]:
    node = _class_node(base)
    own = _self_assignments(node) if node is not None else set()
    return frozenset(set(vars(base)) | own)


def _clashes(cls: type) -> set[str]:
    """Names our class defines (in its body, or as private state on `self`) that a Textual
    base already has. Public attributes we only assign (`highlighted`, `border_title`) are
    Textual's API in use, not definitions."""
    node = _class_node(cls)
    if node is None:
        return set()
    body = _body_names(node)
    private = {n for n in _self_assignments(node) if n.startswith("_")}
    own = {n for n in (body | private) - INTENDED if not (n.startswith("__") and n.endswith("__"))}
    textual = set().union(*(_base_names(b) for b in _textual_bases(cls)))
    return own & textual


def test_our_widgets_are_found() -> None:
    names = {c.__name__ for c in _our_classes()}
    assert {"ArticleView", "ReaderScreen", "FactList", "BriefingApp"} <= names


def test_no_class_of_ours_shadows_a_textual_name() -> None:
    found = {c.__qualname__: sorted(_clashes(c)) for c in _our_classes() if _clashes(c)}
    assert found == {}


def test_the_check_catches_the_old_clashes() -> None:
    from textual.scroll_view import ScrollView

    class Shadowing(ScrollView):
        def __init__(self) -> None:
            super().__init__()
            self._layout_cache = {}

        @property
        def query(self) -> str:  # type: ignore[override]
            return ""

    assert _clashes(Shadowing) == {"_layout_cache", "query"}
