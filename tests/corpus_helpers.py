"""A small library of the project's own for the corpus tests: three bundles written with the
project's writer into a temp folder on BRIEFING_CONTENT_PATH; the shipped seed left out unless
asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui import locations
from briefing_tui.bundle.writer import write_bundle
from briefing_tui.model import Briefing, Country, Fact, Value

HARBOUR = Briefing(
    id="harbour-deal", title="Harbour deal opens a second door to Asia", source="Wire",
    published="2026-03-02",
    body="Australia and Japan signed a harbour agreement on Monday.\n\n"
         "The deal covers container traffic until 2030. Officials expect the first ships in the second "
         "quarter of 2026.\n\nThe ministers met in Perth, where a cyclone had delayed the signing.",
    facts=(
        Fact("harbour-signed", "event", "Australia and Japan signed a harbour agreement.",
             "Australia and Japan signed a harbour agreement on Monday.", Value.parse("2026-03-02"),
             ("AU", "JP")),
        Fact("harbour-until", "date", "The deal runs until 2030.",
             "The deal covers container traffic until 2030.",
             Value.parse("2026/2030"), ("AU", "JP")),
        Fact("first-ships", "date", "First ships arrive in Q2 2026.",
             "Officials expect the first ships in the second quarter of 2026.",
             Value.parse("2026-Q2"), ("JP",)),
        Fact("cyclone-delay", "date", "A cyclone delayed the signing.",
             "a cyclone had delayed the signing", None, ("AU",)),
    ),
    countries=(Country("AU", "Australia", "Host of the signing; co-signatory."),
               Country("JP", "Japan", "Co-signatory; its ships use the harbour.")),
)
LITHIUM = Briefing(
    id="lithium-talks", title="Lithium talks stall in Santiago", source="Daily", published="2025-07-15",
    body="Chile paused lithium talks with Japan in July.\n\nNegotiators will return in the autumn of 2025.",
    facts=(
        Fact("talks-paused", "event", "Chile paused lithium talks with Japan.",
             "Chile paused lithium talks with Japan in July.", Value.parse("2025-07"), ("CL", "JP")),
        Fact("return-autumn", "date", "Talks resume in autumn 2025.",
             "Negotiators will return in the autumn of 2025.", Value.parse("2025-FA"), ("CL",)),
    ),
    countries=(Country("CL", "Chile", "Holds the lithium."), Country("JP", "Japan", "The buyer.")),
)
GRAIN = Briefing(
    id="grain-corridor", title="Grain corridor reopens", source="Review", published="2024-11-20",
    body="Ukraine reopened the grain corridor in week 47 of 2024.",
    facts=(Fact("corridor-open", "event", "The corridor reopened.",
                "Ukraine reopened the grain corridor in week 47 of 2024.",
                Value.parse("2024-W47"), ("UA",)),),
    countries=(Country("UA", "Ukraine", "Runs the corridor."),),
)
LIBRARY = (HARBOUR, LITHIUM, GRAIN)


def make_library(root: Path, monkeypatch: pytest.MonkeyPatch, briefings: tuple[Briefing, ...] = LIBRARY,
                 with_seed: bool = False) -> Path:
    folder = root / "library"
    for b in briefings:
        write_bundle(b, folder / b.id)
    monkeypatch.setenv("BRIEFING_CONTENT_PATH", str(folder))
    if not with_seed:  # the shipped folder, empty: figures and orders are these three bundles'
        empty = root / "shipped"
        empty.mkdir(exist_ok=True)
        monkeypatch.setattr(locations, "shipped_content_dir", lambda: empty)
    return folder
