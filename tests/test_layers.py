"""The layer rules are import-linter contracts (pyproject.toml, run by `lint-imports` in CI);
this test runs them with the suite and checks that no module slips past them."""

from __future__ import annotations

import pkgutil
import tomllib

from conftest import ROOT
from importlinter.cli import lint_imports

import briefing_tui

# Where Textual may be imported: the UI, and the CLI pieces that start it.
UI_SIDE = {"briefing_tui.ui", "briefing_tui.cli", "briefing_tui.__main__", "briefing_tui.commands.open_cmd"}


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_contracts_hold() -> None:
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_every_domain_module_is_under_the_textual_contract() -> None:
    (domain,) = [c for c in _contracts() if "textual" in c["forbidden_modules"]]
    covered = set(domain["source_modules"])
    missing = []
    for info in pkgutil.walk_packages(briefing_tui.__path__, "briefing_tui."):
        parts = info.name.split(".")
        prefixes = {".".join(parts[:i]) for i in range(2, len(parts) + 1)}
        if prefixes & (covered | UI_SIDE) or info.name == "briefing_tui.commands":
            continue
        missing.append(info.name)
    assert missing == [], "add these to the domain contract in pyproject.toml"


def test_ui_never_imports_extraction() -> None:
    names = {c["name"]: c for c in _contracts()}
    contract = names["The UI never imports extraction (nor its HTML libraries)"]
    assert contract["source_modules"] == ["briefing_tui.ui"]
    assert {"briefing_tui.extract", "trafilatura", "lxml"} <= set(contract["forbidden_modules"])
