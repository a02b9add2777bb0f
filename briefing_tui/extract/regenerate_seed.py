"""Regenerate the seed briefing from seeds/ with the extractor, into a folder you name.

    python -m briefing_tui.extract.regenerate_seed OUT_DIR [--force]

writes OUT_DIR/us-allies-critical-minerals/. The shipped bundle in content/ is
hand-curated on top of this; tests/test_extract_facts.py compares the two so an
extractor regression shows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..model import Briefing
from .article import read_article
from .importer import ImportFailure, build_briefing, write_new_bundle

REPO = Path(__file__).resolve().parents[2]
SEED_FILE = REPO / "seeds" / "000_2bdf84615b68684f.txt"
SEED_ID = "us-allies-critical-minerals"
SEED_TITLE = "US to seek critical minerals and AI supply chain deals with eight allies"
SEED_SOURCE = "GlobalData"
SEED_PUBLISHED = "2025-11-26"


def seed_briefing(seed_file: Path = SEED_FILE) -> Briefing:
    """The seed article as the extractor sees it, with the metadata the seed file lacks."""
    article = read_article(seed_file.read_text(encoding="utf-8"))
    return build_briefing(
        article, bundle_id=SEED_ID, title=SEED_TITLE, published=SEED_PUBLISHED, source=SEED_SOURCE
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing_tui.extract.regenerate_seed",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("out", metavar="OUT_DIR", help="folder to write the bundle folder in")
    parser.add_argument("--force", action="store_true", help="replace an existing bundle")
    args = parser.parse_args(argv)
    try:
        folder = write_new_bundle(seed_briefing(), Path(args.out), force=args.force)
    except ImportFailure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
