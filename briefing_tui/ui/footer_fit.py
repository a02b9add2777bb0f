"""The footer shows what fits: the least used keys go first, a word is never cut in half, and
the app's own keys (`q`, `?`) always stay. Help (`?`) lists every key whatever the width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rich.cells import cell_len
from textual.app import App
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

# The command palette's hint at the footer's right end takes about this many cells.
PALETTE_CELLS = 14


def fit_footer(
    screen: Screen[Any], bindings: dict[str, ActiveBinding], drop_order: Sequence[str]
) -> dict[str, ActiveBinding]:
    """`bindings` with those that do not fit the screen's width marked `show=False`: first the
    ids in `drop_order`, then any other of the screen's from the end."""
    shown = [a for a in bindings.values() if a.binding.show]
    cost = {a.binding.id: _cells(screen, a.binding) for a in shown}
    total = sum(cost.values())
    budget = screen.size.width - PALETTE_CELLS
    droppable = [a.binding.id for a in shown if not isinstance(a.node, App)]
    order: list[str | None] = [i for i in drop_order if i in droppable]
    order += [i for i in reversed(droppable) if i not in order]
    hidden: set[str | None] = set()
    for binding_id in order:
        if total <= budget:
            break
        hidden.add(binding_id)
        total -= cost[binding_id]
    return {
        key: active._replace(binding=replace(active.binding, show=False))
        if active.binding.id in hidden else active
        for key, active in bindings.items()
    }


def _cells(screen: Screen[Any], binding: Binding) -> int:
    """Cells a binding takes in the compact footer: key, space, description, space."""
    key = binding.key_display or screen.app.get_key_display(binding)
    return cell_len(key) + cell_len(binding.description) + 2
