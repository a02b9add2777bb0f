"""How long a note save and a notes load take as a bundle's notes grow: 100, 1,000, 10,000.

A save is one `AnnotationStore.add` (lock, re-read the file, write a temp file,
fsync, rename, fsync the folder); a load is `list(bundle)` from a fresh store
object (read, parse, decode every note). Each figure is the median of several
runs in a temp folder, in milliseconds. The store is pre-filled in one write so
the setup stays quick.

    python bench/store_bench.py      # one line per figure
Or import it and call `measure()` for (name, value, unit) tuples.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefing_tui.anchoring import make_anchor  # noqa: E402
from briefing_tui.atomic import atomic_write_bytes  # noqa: E402
from briefing_tui.model import LABELS, Annotation, Target  # noqa: E402
from briefing_tui.store import AnnotationStore, annotation_to_record, utc_now  # noqa: E402

SIZES = (100, 1_000, 10_000)
REPEATS = 7
BUNDLE = "bench"
BODY = "The US has received more than $200bn through nearly 2,500 projects, AidData said. " * 4


def _prefill(store: AnnotationStore, count: int) -> None:
    """`count` realistic notes (a third each on facts, countries, passages) in one write."""
    targets = [
        Target("fact", fact_id="us-received-200bn"),
        Target("country", country="JP"),
        Target("passage", anchor=make_anchor(BODY, 30, 60)),
    ]
    notes = {}
    for i in range(count):
        note = Annotation(
            id=f"{BUNDLE}:{i:012x}",
            bundle_id=BUNDLE,
            target=targets[i % 3],
            text=f"Note {i}: check this against the **AidData** report, page {i % 300}.",
            tags=("money", "check") if i % 2 else ("china",),
            label=LABELS[i % len(LABELS)],
            created=utc_now(),
            updated=utc_now(),
        )
        notes[note.id] = annotation_to_record(note)
    store.directory.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"notes": notes}, separators=(",", ":")).encode()
    atomic_write_bytes(store.path_for(BUNDLE), payload)


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure() -> list[tuple[str, float, str]]:
    figures: list[tuple[str, float, str]] = []
    for count in SIZES:
        with tempfile.TemporaryDirectory(prefix="briefing-store-bench-") as tmp:
            store = AnnotationStore(Path(tmp))
            _prefill(store, count)
            target = Target("fact", fact_id="us-received-200bn")
            saves = []
            for _ in range(REPEATS):
                saves.append(_ms(lambda s=store, t=target: s.add(BUNDLE, t, "One more note.")))
            loads = []
            for _ in range(REPEATS):
                fresh = AnnotationStore(Path(tmp))
                loads.append(_ms(lambda fresh=fresh: fresh.list(BUNDLE)))
            assert len(fresh.list(BUNDLE)) == count + REPEATS
        figures.append((f"store save (one add), {count:,} notes", statistics.median(saves), "ms"))
        figures.append((f"store load (list), {count:,} notes", statistics.median(loads), "ms"))
    return figures


def main() -> None:
    for name, value, unit in measure():
        print(f"{name}: {value:.1f} {unit}")


if __name__ == "__main__":
    main()
