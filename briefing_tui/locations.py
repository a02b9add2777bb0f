"""Every path the app reads or writes, in one place.

Tests and experiments point `BRIEFING_DATA_DIR` at a temporary folder so a
user's real notes are never touched.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "briefing"
REPO_CONTENT = Path(__file__).resolve().parent.parent / "content"


def data_dir() -> Path:
    """The user's data dir: `BRIEFING_DATA_DIR`, else the platform's user data dir."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    return Path(override).expanduser() if override else Path(user_data_dir(APP_NAME, False))


def cache_dir() -> Path:
    """Rebuildable caches (the search index): `BRIEFING_CACHE_DIR`, else the platform's user cache
    dir. Nothing here is a source of truth; deleting it costs a rebuild, never data."""
    override = os.environ.get("BRIEFING_CACHE_DIR")
    return Path(override).expanduser() if override else Path(user_cache_dir(APP_NAME, False))


def trash_dir() -> Path:
    """Briefings deleted from the library, restorable with `briefing restore`."""
    return data_dir() / "trash"


def store_dir() -> Path:
    """Annotation stores: one TinyDB file per bundle."""
    return data_dir() / "notes"


def bundles_dir() -> Path:
    """Where `briefing import` puts new bundles by default."""
    return data_dir() / "bundles"


def state_path() -> Path:
    """Reading positions and other UI state remembered between runs."""
    return data_dir() / "state.json"


def preferences_path() -> Path:
    """The user's choices that outlive a run (the theme)."""
    return data_dir() / "preferences.json"


def shipped_content_dir() -> Path:
    """The bundles that ship with the app: the repo's `content/`, installed as the data
    package `briefing_content` (a namespace package: no code, only bundles)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("briefing_content")
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    return REPO_CONTENT


def content_path() -> list[Path]:
    """Folders searched for bundles, in order: shipped, the user's, then `BRIEFING_CONTENT_PATH`."""
    paths = [shipped_content_dir(), bundles_dir()]
    extra = os.environ.get("BRIEFING_CONTENT_PATH", "")
    paths += [Path(p).expanduser() for p in extra.split(os.pathsep) if p]
    return paths
