"""Where the reader was in each briefing (selected fact, scroll), kept between runs.

Losing this file costs a scroll position, never a note: a file that will not
parse is simply started afresh.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .atomic import write_text_atomic
from .locations import state_path


@dataclass(frozen=True)
class Position:
    fact_id: str = ""
    scroll_y: int = 0


def _load_all() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(state_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    positions = data.get("positions") if isinstance(data, dict) else None
    return positions if isinstance(positions, dict) else {}


def load_position(bundle_id: str) -> Position:
    raw = _load_all().get(bundle_id)
    if not isinstance(raw, dict):
        return Position()
    fact_id = raw.get("fact_id")
    scroll_y = raw.get("scroll_y")
    return Position(
        fact_id if isinstance(fact_id, str) else "",
        scroll_y if isinstance(scroll_y, int) and scroll_y >= 0 else 0,
    )


def save_position(bundle_id: str, position: Position) -> None:
    positions = _load_all()
    positions[bundle_id] = asdict(position)
    write_text_atomic(state_path(), json.dumps({"positions": positions}, indent=1))
