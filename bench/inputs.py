"""Benchmark inputs: the seed briefing repeated to 10 KB, 100 KB, 1 MB and 5 MB.

Each input is a valid bundle written with the project's own writer and read
back with `read_bundle` (which validates it), so a timing never runs on a
broken file. Every copy of the seed appends a marker, "(Copy k.)", to the
paragraphs whose last sentence is a seed fact's source; the facts of a big
bundle quote those sentences with their marker, so each source occurs once and
lighting a fact really scrolls to its copy. About 240 facts are spread evenly
through the document whatever its size (a real briefing does not have 16,000
facts), and a `## Part k` heading starts every fourth copy.

Each bundle sits alone in its own content folder: pointing
`BRIEFING_CONTENT_PATH` at it puts exactly that bundle (and the shipped seed)
on the library's path.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefing_tui.bundle.reader import read_bundle  # noqa: E402
from briefing_tui.bundle.writer import write_bundle  # noqa: E402
from briefing_tui.model import Briefing, Fact  # noqa: E402

SEED_DIR = ROOT / "content" / "us-allies-critical-minerals"
SIZES: tuple[tuple[str, int], ...] = (
    ("10KB", 10_000),
    ("100KB", 100_000),
    ("1MB", 1_000_000),
    ("5MB", 5_000_000),
)
TARGET_FACTS = 240
COPIES_PER_PART = 4
# Words only the article pane shows at the top of every input (the first
# sentence of the seed); the facts pane and the title never contain it.
FIRST_SCREEN_WORD = "reportedly"


@dataclass(frozen=True)
class Input:
    """One benchmark bundle: `content_dir` is what goes on BRIEFING_CONTENT_PATH."""

    label: str
    bundle_id: str
    content_dir: Path | None  # None: the shipped seed, already on the path
    body_bytes: int
    facts: int


def seed_input() -> Input:
    seed = read_bundle(SEED_DIR)
    return Input("seed", seed.id, None, len(seed.body.encode()), len(seed.facts))


def _marker(copy: int) -> str:
    return f"(Copy {copy}.)"


def build_briefing(seed: Briefing, label: str, size: int) -> Briefing:
    """The seed repeated to at least `size` bytes of body, with facts spread through it."""
    paragraphs = [p.strip() for p in seed.body.strip().split("\n\n") if p.strip()]
    # Seed facts whose source ends a paragraph can take that paragraph's marker.
    ending: dict[int, list[Fact]] = {}
    for fact in seed.facts:
        for i, para in enumerate(paragraphs):
            if para.endswith(fact.source.strip()):
                ending.setdefault(i, []).append(fact)
                break
    parts: list[str] = []
    total = 0
    copy = 0
    while total < size:
        copy += 1
        if (copy - 1) % COPIES_PER_PART == 0:
            parts.append(f"## Part {(copy - 1) // COPIES_PER_PART + 1}")
        for i, para in enumerate(paragraphs):
            parts.append(f"{para} {_marker(copy)}" if i in ending else para)
        total = sum(len(p.encode()) + 2 for p in parts)
    body = "\n\n".join(parts) + "\n"
    candidates = [(k, f) for k in range(1, copy + 1) for i in sorted(ending) for f in ending[i]]
    count = min(TARGET_FACTS, len(candidates))
    chosen = [candidates[i * len(candidates) // count] for i in range(count)]
    facts = tuple(
        dataclasses.replace(
            f,
            id=f"{f.id}-c{k}",
            source=f"{f.source.strip()} {_marker(k)}",
            statement=f"{f.statement} (copy {k})",
            line=0,
        )
        for k, f in chosen
    )
    return dataclasses.replace(
        seed,
        id=f"bench-{label.lower()}",
        title=f"Benchmark {label}: {seed.title}",
        body=body,
        facts=facts,
    )


def make_inputs(tmp: Path, sizes: tuple[tuple[str, int], ...] = SIZES) -> list[Input]:
    """Write and validate one bundle per size under `tmp`; the seed comes first."""
    seed = read_bundle(SEED_DIR)
    inputs = [seed_input()]
    for label, size in sizes:
        content = tmp / f"content-{label}"
        briefing = build_briefing(seed, label, size)
        folder = content / briefing.id
        write_bundle(briefing, folder)
        check = read_bundle(folder)  # raises BundleError, naming file and line, if broken
        if len(check.facts) != len(briefing.facts) or check.body.strip() != briefing.body.strip():
            raise RuntimeError(f"{folder}: the bundle did not read back as written")
        inputs.append(Input(label, briefing.id, content, len(check.body.encode()), len(check.facts)))
    return inputs


# --------------------------------------------------------------------------- DoS shapes

# Hostile shapes under the 20 MB cap (issue 16, items 6 and 7): each is a folder with
# the three bundle files, written as text (not through the writer, and not validated:
# reading them is what `dos_bench.py` measures).
DOS_SHAPES: tuple[str, ...] = ("quotes-at-end", "many-facts", "big-table", "huge-paragraph")
DOS_BYTES = 19_500_000
DOS_FACTS = 50_000
DOS_TABLE_ROWS = 200_000
DOS_PARAGRAPH_BYTES = 16_000_000
_DOS_COUNTRIES = "# Countries\n\n## US · United States\nThe country the article is about.\n"


def _seed_sentences(seed: Briefing) -> list[str]:
    paragraphs = [p.strip() for p in seed.body.split("\n\n") if p.strip() and not p.startswith("#")]
    return [" ".join(p.split()) for p in paragraphs]


def _fact(fid: str, quote: str) -> str:
    return f"## {fid}\n- kind: claim\n- countries: US\n\n> {quote}\n\nStatement of {fid}.\n\n"


def _write(folder: Path, bid: str, body: str, facts: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    head = f"---\nid: {bid}\ntitle: Hostile shape {bid}\nsource: bench\nschema: 1\n---\n"
    (folder / "briefing.md").write_text(head + body, "utf-8")
    (folder / "facts.md").write_text("# Facts\n\n" + "".join(facts), "utf-8")
    (folder / "countries.md").write_text(_DOS_COUNTRIES, "utf-8")


def write_dos_shape(shape: str, folder: Path, scale: float = 1.0) -> str:
    """Write one hostile shape at `scale` of its full size into `folder`; returns its id.

    - quotes-at-end: a 19 MB article whose 1,500 facts all quote its last paragraphs;
    - many-facts: 50,000 facts (about 11 MB of facts.md) over an 8 MB article;
    - big-table: one table of 200,000 rows;
    - huge-paragraph: one 16 MB paragraph on a single line.
    Every shape opens with the seed's first paragraph, so its first screen shows
    `FIRST_SCREEN_WORD`, and every fact's quote occurs in the article.
    """
    seed = read_bundle(SEED_DIR)
    sentences = _seed_sentences(seed)
    intro = sentences[0]
    bid = f"dos-{shape}"
    facts: list[str] = []
    parts = [intro]
    if shape == "quotes-at-end":
        closing = int(1_500 * scale) or 1
        size = int(DOS_BYTES * scale) - closing * 450
        total = len(intro)
        i = 1
        while total < size:
            parts.append(sentences[i % len(sentences)])
            total += len(parts[-1]) + 2
            i += 1
        for k in range(closing):
            quote = f"Closing remark {k}: {sentences[k % len(sentences)][:120]}"
            parts.append(quote)
            facts.append(_fact(f"end-{k}", quote))
    elif shape == "many-facts":
        count = int(DOS_FACTS * scale) or 1
        for k in range(count):
            quote = f"Item {k}: {sentences[k % len(sentences)][:100]}"
            parts.append(quote)
            facts.append(_fact(f"f{k}", quote))
    elif shape == "big-table":
        rows = int(DOS_TABLE_ROWS * scale) or 1
        table = ["| row | country | amount | note |", "|---:|---|---:|---|"]
        table += [f"| {k} | US | {k * 37 % 10_000} | minerals deal {k} |" for k in range(rows)]
        parts.append("\n".join(table))
        parts.append("After the table.")
        facts.append(_fact("intro", intro))
        facts.append(_fact("after", "After the table."))
    elif shape == "huge-paragraph":
        size = int(DOS_PARAGRAPH_BYTES * scale)
        words: list[str] = []
        total = 0
        i = 0
        while total < size:
            words.append(sentences[i % len(sentences)])
            total += len(words[-1]) + 1
            i += 1
        parts.append(" ".join(words))
        parts.append("After the paragraph.")
        facts.append(_fact("intro", intro))
        facts.append(_fact("after", "After the paragraph."))
    else:
        raise ValueError(f"unknown shape {shape!r} (expected one of {', '.join(DOS_SHAPES)})")
    _write(folder, bid, "\n\n".join(parts) + "\n", facts)
    return bid


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp_dir:
        for item in make_inputs(Path(tmp_dir)):
            print(f"{item.label}: {item.bundle_id}, {item.body_bytes} bytes, {item.facts} facts")
