"""The hostile bundle of `tests/data/hostile/` and its generator, for the tests that attack
the app with it (its payloads, the payload-carrying folder name, the hostile notes writer)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from conftest import ROOT

HOSTILE = ROOT / "tests" / "data" / "hostile"


def _load_generator() -> ModuleType:
    """tests/data/hostile/make_bundle.py: the payloads, the folder name and the notes writer."""
    spec = importlib.util.spec_from_file_location("hostile_make_bundle", HOSTILE / "make_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_bundle = _load_generator()
