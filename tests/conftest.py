"""Shared fixtures: every test runs with its own data dir, never the user's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_BUNDLE = ROOT / "content" / "us-allies-critical-minerals"
SHARED_DATA = ROOT.parent / "shared" / "data"
SHARED_REASON = "needs ../shared/data (public test data beside the repo; a fresh clone has none)"


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the calling test (with the reason) where it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{SHARED_REASON}: {path.relative_to(SHARED_DATA.parent)} is missing")
    return path


requires_shared = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=SHARED_REASON)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(path))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))  # the search index
    monkeypatch.delenv("BRIEFING_CONTENT_PATH", raising=False)
    monkeypatch.setenv("BRIEFING_FLAGS", "0")  # screens must not depend on the terminal's fonts
    return path


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped seed bundle, to break in tests."""
    dest = tmp_path / "bundles" / SEED_BUNDLE.name
    shutil.copytree(SEED_BUNDLE, dest)
    return dest
