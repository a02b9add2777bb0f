"""The layout of a bundle: the names of its three files and the fields a fact may have
(see docs/bundle-format.md)."""

from __future__ import annotations

BRIEFING_FILE = "briefing.md"
FACTS_FILE = "facts.md"
COUNTRIES_FILE = "countries.md"
FACT_FIELDS = ("kind", "value", "countries", "speaker", "origin")
