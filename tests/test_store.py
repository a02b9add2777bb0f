"""The annotation store: CRUD, ids, the on-disk record, sharing between store objects."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_tui.locations import store_dir
from briefing_tui.model import SCHEMA_VERSION, Anchor, Target
from briefing_tui.store import AnnotationStore, annotation_from_record

FACT = Target("fact", fact_id="us-received-200bn")
COUNTRY = Target("country", country="JP")
PASSAGE = Target("passage", anchor=Anchor("critical minerals", "seek ", " deals", 12))


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def clock(*stamps: str) -> Callable[[], str]:
    """A fake clock returning the given stamps in turn."""
    it = iter(stamps)
    return lambda: next(it)


def test_add_then_list_get(data: Path) -> None:
    store = AnnotationStore(now=clock("2026-01-01T10:00:00Z", "2026-01-01T10:00:01Z"))
    a = store.add("seed", FACT, "Check this", tags=["money", " money ", "", "china"], label="question")
    b = store.add("seed", PASSAGE, "A passage note")
    assert a.bundle_id == "seed" and a.text == "Check this"
    assert a.tags == ("money", "china")
    assert a.label == "question"
    assert a.created == a.updated == "2026-01-01T10:00:00Z"
    assert a.schema == SCHEMA_VERSION
    assert store.list("seed") == [a, b]
    assert store.get(a.id) == a
    assert store.get(b.id) is not None and store.get(b.id).target == PASSAGE
    assert store.list("other") == []


def test_store_lives_in_store_dir_one_file_per_bundle(data: Path) -> None:
    store = AnnotationStore()
    store.add("seed", FACT, "one")
    store.add("other-bundle", COUNTRY, "two")
    assert store.directory == store_dir() == data / "notes"
    assert sorted(p.name for p in store_dir().glob("*.json")) == ["other-bundle.json", "seed.json"]
    assert store.bundles() == ["other-bundle", "seed"]


def test_record_on_disk_has_every_field_and_schema(data: Path) -> None:
    store = AnnotationStore(now=clock("2026-01-01T10:00:00Z"))
    note = store.add("seed", PASSAGE, "text", tags=["t"], label="disputed")
    raw = json.loads((store_dir() / "seed.json").read_text("utf-8"))
    record = raw["notes"][note.id]
    assert record == {
        "id": note.id,
        "bundle_id": "seed",
        "target": {
            "kind": "passage",
            "anchor": {"exact": "critical minerals", "prefix": "seek ", "suffix": " deals", "start": 12},
        },
        "text": "text",
        "tags": ["t"],
        "label": "disputed",
        "created": "2026-01-01T10:00:00Z",
        "updated": "2026-01-01T10:00:00Z",
        "schema": SCHEMA_VERSION,
    }
    assert annotation_from_record(record) == note


def test_ids_are_unique_and_name_their_bundle(data: Path) -> None:
    store = AnnotationStore()
    ids = [store.add("seed", FACT, str(i)).id for i in range(50)]
    assert len(set(ids)) == 50
    assert all(i.startswith("seed:") for i in ids)


def test_update_changes_fields_and_updated_time_only(data: Path) -> None:
    store = AnnotationStore(now=clock("2026-01-01T10:00:00Z", "2026-01-02T09:00:00Z", "2026-01-03T09:00:00Z"))
    note = store.add("seed", FACT, "old", tags=["a"], label="important")
    changed = store.update(note.id, text="new", tags=["b", "c"])
    assert changed.text == "new" and changed.tags == ("b", "c")
    assert changed.label == "important"
    assert changed.created == "2026-01-01T10:00:00Z"
    assert changed.updated == "2026-01-02T09:00:00Z"
    assert store.get(note.id) == changed
    assert store.update(note.id, label="").label == ""


def test_remove(data: Path) -> None:
    store = AnnotationStore()
    keep = store.add("seed", FACT, "keep")
    gone = store.add("seed", COUNTRY, "gone")
    store.remove(gone.id)
    assert store.list("seed") == [keep]
    assert store.get(gone.id) is None
    with pytest.raises(KeyError):
        store.remove(gone.id)
    with pytest.raises(KeyError):
        store.update(gone.id, text="x")


def test_a_note_is_found_by_its_short_id_too(data: Path) -> None:
    store = AnnotationStore()
    store.add("alpha", FACT, "a")
    note = store.add("beta", COUNTRY, "b")
    short = note.id.split(":", 1)[1]
    assert store.get(short) == note
    store.remove(short)
    assert store.list("beta") == []
    assert store.get("nope") is None and store.get("beta:nope") is None


def test_bad_input_is_refused(data: Path) -> None:
    store = AnnotationStore()
    with pytest.raises(ValueError, match="label"):
        store.add("seed", FACT, "x", label="urgent")
    with pytest.raises(ValueError, match="bundle id"):
        store.add("../escape", FACT, "x")
    with pytest.raises(ValueError):
        store.add("seed", Target("passage", anchor=None), "x")
    with pytest.raises(ValueError):
        store.add("seed", Target("fact"), "x")
    assert store.list("seed") == []


def test_control_characters_are_stripped_from_notes(data: Path) -> None:
    store = AnnotationStore()
    note = store.add("seed", FACT, "red \x1b[31malert\x07", tags=["\x1bbad"])
    assert note.text == "red [31malert"
    assert note.tags == ("bad",)


def test_two_store_objects_see_each_others_writes(data: Path) -> None:
    one, two = AnnotationStore(), AnnotationStore()
    a = one.add("seed", FACT, "from one")
    assert two.list("seed") == [a]
    b = two.add("seed", COUNTRY, "from two")
    assert [n.id for n in one.list("seed")] == [a.id, b.id]
    one.update(b.id, text="edited by one")
    assert two.get(b.id).text == "edited by one"
    two.remove(a.id)
    assert [n.id for n in one.list("seed")] == [b.id]


def test_unreadable_records_are_skipped_but_kept(data: Path) -> None:
    store = AnnotationStore()
    note = store.add("seed", FACT, "good")
    path = store.path_for("seed")
    raw = json.loads(path.read_text("utf-8"))
    raw["notes"]["seed:future"] = {"id": "seed:future", "target": {"kind": "hologram"}}
    path.write_text(json.dumps(raw), "utf-8")
    assert store.list("seed") == [note]
    store.add("seed", COUNTRY, "another")
    assert "seed:future" in json.loads(path.read_text("utf-8"))["notes"]


def test_store_is_recreated_after_being_deleted_and_says_so(data: Path) -> None:
    store = AnnotationStore()
    store.add("seed", FACT, "first")
    store.path_for("seed").unlink()
    assert store.list("seed") == []
    note = store.add("seed", FACT, "second")
    assert store.list("seed") == [note]
    assert store.recreated == [store.path_for("seed")]
    [message] = store.take_messages()
    assert str(store.path_for("seed")) in message and "created it again" in message
    assert store.take_messages() == []


def test_whole_notes_folder_deleted_while_open(data: Path) -> None:
    import shutil

    store = AnnotationStore()
    store.add("seed", FACT, "first")
    shutil.rmtree(store.directory)
    note = store.add("seed", FACT, "second")
    assert store.list("seed") == [note]
    assert store.recreated == [store.path_for("seed")]
