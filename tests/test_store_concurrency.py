"""Two `briefing` processes writing the same bundle's notes at once lose none of them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefing_tui.store import AnnotationStore

ROOT = Path(__file__).resolve().parents[1]
PER_WRITER = 100

WRITER = """
import sys, time
from pathlib import Path
from briefing_tui.model import Target
from briefing_tui.store import AnnotationStore

directory, name, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store = AnnotationStore(directory)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
for i in range(count):
    note = store.add("seed", Target("country", country="JP"), f"{name} {i}")
    if i % 10 == 0:  # edits and deletes interleave with the other writer's adds
        store.update(note.id, tags=[name])
    if i % 25 == 0:
        store.remove(store.add("seed", Target("fact", fact_id="f1"), "temporary").id)
    print(note.id, flush=True)
"""


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "notes"
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(directory), name, str(PER_WRITER), str(go)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("alpha", "beta")
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    go.touch()  # both start together
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), outputs

    ids = [line for out in outputs for line in out.splitlines()]
    assert len(ids) == 2 * PER_WRITER == len(set(ids))
    notes = AnnotationStore(directory).list("seed")
    assert sorted(n.id for n in notes) == sorted(ids)
    texts = {n.text for n in notes}
    assert texts == {f"{name} {i}" for name in ("alpha", "beta") for i in range(PER_WRITER)}
    tagged = [n for n in notes if n.tags]
    assert len(tagged) == 2 * len(range(0, PER_WRITER, 10))
