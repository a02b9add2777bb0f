"""Long and real documents import into bundles that validate (issue 10): 1 MB and 5 MB
articles, from the project's own text with variations and from real news when
../shared/data is there; every benchmark page imports."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import shared_data

from briefing_tui.bundle.reader import read_bundle
from briefing_tui.extract.importer import import_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2bdf84615b68684f.txt"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def varied_seed(size: int) -> str:
    """The seed article repeated to `size` characters, each copy with other days, months,
    amounts and counts, so ids are drawn from many colliding bases ("date-2025-10" many
    times next to "date-2025-10-11")."""
    seed = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    parts: list[str] = []
    total = i = 0
    while total < size:
        day, month = i % 28 + 1, MONTHS[i % 12]
        copy = (seed.replace("12 December", f"{day} {month}")
                .replace("December", month).replace("$200bn", f"${200 + i % 50}bn")
                .replace("2,500", f"{2500 + i:,}").replace("eight allied", f"{i % 9 + 2} allied"))
        extra = (f"\n\nIn {month} 2025 the talks went on. On {i % 12 + 1} {month} 2025, "
                 f"officials met in Area {i % 60} with {i % 40 + 5} engineers.\n\n")
        parts.append(copy + extra)
        total += len(copy) + len(extra)
        i += 1
    return "".join(parts)[:size]


def import_and_read(tmp_path: Path, body: str) -> int:
    path = tmp_path / "long.md"
    path.write_text("# A long article\n\n" + body, encoding="utf-8")
    # import_file validates the bundle it wrote (read_bundle on the staged folder) and
    # raises ImportFailure when it does not; reading it again would only double the time.
    result = import_file(str(path), tmp_path / "out", bundle_id="long", published="2025-11-26")
    assert (result.folder / "facts.md").is_file()
    ids = [f.id for f in result.briefing.facts]
    assert len(ids) == len(set(ids))
    return len(ids)


@pytest.mark.parametrize("size", [1_000_000, 5_000_000])
def test_long_own_text_imports_and_validates(tmp_path: Path, size: int) -> None:
    assert import_and_read(tmp_path, varied_seed(size)) > 100


def _real_news(size: int) -> str:
    pages = json.loads(shared_data("article-extraction", "ground-truth.json").read_text("utf-8"))
    body = "\n\n".join(page["articleBody"] for page in pages.values())
    return ("\n\n".join([body] * (size // (len(body) + 2) + 1)))[:size]


@pytest.mark.parametrize("size", [1_000_000, 5_000_000])
def test_long_real_news_imports_and_validates(tmp_path: Path, size: int) -> None:
    assert import_and_read(tmp_path, _real_news(size)) > 100


def test_every_benchmark_page_imports_and_validates(tmp_path: Path) -> None:
    pages = sorted(shared_data("article-extraction", "html").glob("*.html.gz"))
    assert len(pages) == 60
    for i, page in enumerate(pages):
        path = tmp_path / f"page-{i}.html"
        path.write_bytes(gzip.decompress(page.read_bytes()))
        result = import_file(str(path), tmp_path / "out", bundle_id=f"page-{i}",
                             published="2025-11-26")
        read_bundle(result.folder)
