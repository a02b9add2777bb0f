"""Where the reader was in each briefing (selected fact, scroll), kept between runs.

Losing this file costs a scroll position, never a note: a file that will not
load (unreadable, not a regular file, not JSON, nested too deeply, numbers out
of range, the wrong shape) reads as "no saved position" and is started afresh
by the next save.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from .atomic import write_text_atomic
from .locations import state_path
from .safe_json import BadJSONFile, load_json

MAX_SCROLL = 10_000_000  # lines; anything larger is not a position we saved


@dataclass(frozen=True)
class Position:
    fact_id: str = ""
    scroll_y: int = 0


def _check(data: Any) -> str | None:
    if not isinstance(data, dict) or not isinstance(data.get("positions", {}), dict):
        return "not a reading-state file"
    return None


def _load_all() -> dict[str, dict[str, object]]:
    try:
        data = load_json(state_path(), _check)
    except (OSError, BadJSONFile):
        return {}
    positions: dict[str, dict[str, object]] = data.get("positions", {})
    return positions


def load_position(bundle_id: str) -> Position:
    raw = _load_all().get(bundle_id)
    if not isinstance(raw, dict):
        return Position()
    fact_id = raw.get("fact_id")
    scroll_y = raw.get("scroll_y")
    return Position(
        fact_id if isinstance(fact_id, str) else "",
        scroll_y if isinstance(scroll_y, int) and 0 <= scroll_y <= MAX_SCROLL else 0,
    )


def save_position(bundle_id: str, position: Position) -> None:
    positions = _load_all()
    positions[bundle_id] = asdict(position)
    write_text_atomic(state_path(), json.dumps({"positions": positions}, indent=1))
