"""The layout of a bundle: the names of its three files, the fields a fact may have and the
form of a bundle id (see docs/bundle-format.md)."""

from __future__ import annotations

import re

BRIEFING_FILE = "briefing.md"
FACTS_FILE = "facts.md"
COUNTRIES_FILE = "countries.md"
FACT_FIELDS = ("kind", "value", "countries", "speaker", "origin")
# A bundle id: the validator, the importer and the notes store (its table names) hold to it.
BUNDLE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
