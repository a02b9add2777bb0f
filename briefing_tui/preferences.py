"""The user's choices kept between runs: today the theme picked in the command palette.

Like the reading state, losing this file costs a preference, never a note: a file that will
not load (see `safe_json`) reads as "no preference", and the next save starts it afresh.
"""

from __future__ import annotations

import json
from typing import Any

from .atomic import write_text_atomic
from .locations import preferences_path
from .safe_json import BadJSONFile, load_json

MAX_NAME = 64


def _check(data: Any) -> str | None:
    return None if isinstance(data, dict) else "not a preferences file"


def _load() -> dict[str, Any]:
    try:
        data: dict[str, Any] = load_json(preferences_path(), _check)
    except (OSError, BadJSONFile):
        return {}
    return data


def load_theme() -> str:
    """The theme the user chose last, or "" (the app's default)."""
    theme = _load().get("theme")
    return theme if isinstance(theme, str) and 0 < len(theme) <= MAX_NAME else ""


def save_theme(name: str) -> None:
    data = _load()
    data["theme"] = name
    write_text_atomic(preferences_path(), json.dumps(data, indent=1))
