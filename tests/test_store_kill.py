"""SIGKILL a writer at random moments: the file always parses and no acknowledged note is lost.

The writer prints each note id only after `add` returned, so a printed id is a
promise the note is on disk. The store is pre-filled so each save takes long
enough for kills to land mid-write (temp file half written, before or after
the rename).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from briefing_tui import storage
from briefing_tui.model import Target
from briefing_tui.store import AnnotationStore, annotation_to_record

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 30

WRITER = """
import sys
from pathlib import Path
from briefing_tui.model import Target
from briefing_tui.store import AnnotationStore

store = AnnotationStore(Path(sys.argv[1]))
target = Target("fact", fact_id="f1")
n = 0
while True:
    note = store.add("seed", target, f"note {n} " + "x" * 200, tags=["kill"])
    print(note.id, flush=True)
    n += 1
"""


def prefill(directory: Path, count: int) -> None:
    """Many notes at once, written in one save, so the kill rounds start from a big file."""
    store = AnnotationStore(directory)
    seedling = store.add("seed", Target("fact", fact_id="f0"), "seed note")
    record = annotation_to_record(seedling)
    notes = {f"seed:pre{i:09d}": {**record, "id": f"seed:pre{i:09d}"} for i in range(count)}
    notes[seedling.id] = record
    path = store.path_for("seed")
    storage.atomic_write_bytes(path, json.dumps({"notes": notes}).encode())


def test_sigkill_never_loses_an_acknowledged_note(tmp_path: Path) -> None:
    directory = tmp_path / "notes"
    prefill(directory, 2000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(20261126)
    acknowledged: list[str] = []
    for rounds in range(1, ROUNDS + 1):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(directory)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the writer is now in its loop
        time.sleep(rng.uniform(0, 0.08))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        rest = proc.stdout.read()
        proc.stdout.close()
        lines = (first + rest).decode().split("\n")
        acknowledged += [line for line in lines[:-1] if line]  # the last piece may be partial
        # After every kill, the file parses and holds everything acknowledged so far.
        data = json.loads((directory / "seed.json").read_text("utf-8"))
        missing = set(acknowledged) - set(data["notes"])
        assert not missing, f"round {rounds}: lost {sorted(missing)[:5]}"

    assert len(acknowledged) >= ROUNDS
    store = AnnotationStore(directory)
    notes = {n.id for n in store.list("seed")}
    assert set(acknowledged) <= notes
    assert store.moved_aside == []
    assert storage.temp_files_of(directory / "seed.json") == []  # cleaned on open
