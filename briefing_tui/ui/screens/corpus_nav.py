"""Opening the reader at a place found across briefings: a fact, a sentence, a note's target.

A large bundle opens on its article, its facts checked in the reader's worker (`reader_check`),
as from the library: the place is gone to once the article is laid out and the facts are in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen

from ...anchoring import make_anchor
from ...bundle.errors import BundleError
from ...bundle.reader import read_for_reader
from ...model import Briefing, Target
from ...reading_state import Position, save_position
from ...storage import StoreError
from ..typed_app import briefing_app
from ..widgets.article_view import ArticleView
from .reader import ReaderScreen

LOAD_POLL_S = 0.05
LOAD_POLLS = 200


def read_to_open(screen: Screen[Any], path: Path) -> tuple[Briefing, bool] | None:
    """The bundle at `path` as the reader opens it (`read_for_reader`: True when its facts are
    still to be checked), or None with the reason shown (it may have gone since it was indexed).
    The library opens its bundles through here too."""
    try:
        return read_for_reader(path)
    except BundleError as exc:
        screen.notify(exc.summary(), title="Cannot open this bundle", severity="error")
    except OSError as exc:
        screen.notify(f"{path}: {exc.strerror or exc}", title="Cannot open this bundle", severity="error")
    return None


def open_at(screen: Screen[Any], path: Path, *, fact_id: str = "", start: int = 0, end: int = 0,
            note_id: str = "", country: str = "") -> None:
    """Push the reader on the bundle at `path` and move it to the fact, the body range
    [start, end) (lit as a passage), the note's target, or the country filter."""
    read = read_to_open(screen, path)
    if read is None:
        return
    briefing, pending = read
    app = briefing_app(screen)
    target: Target | None = None
    if note_id:
        try:
            note = app.store.get(note_id)
        except (StoreError, OSError, ValueError) as exc:
            screen.notify(str(exc), title="Notes store", severity="error")
            note = None
        target = note.target if note is not None else None
    elif fact_id and (pending or briefing.fact(fact_id)):
        target = Target("fact", fact_id=fact_id)
    elif 0 <= start < end <= len(briefing.body):
        target = Target("passage", anchor=make_anchor(briefing.body, start, end))
    elif country:
        target = Target("country", country=country)
    if target is not None and target.kind == "fact":
        try:  # the reader opens at its remembered fact: remember this one
            save_position(briefing.id, Position(target.fact_id, 0))
        except OSError:
            pass
    reader = ReaderScreen(briefing, path if pending else None)
    app.push_screen(reader)
    if target is None or target.kind == "fact":
        return
    polls = [0]

    def when_loaded() -> None:
        if not reader.is_attached:
            return
        article = reader.query_one(ArticleView)
        if (article.loaded and reader.checking is None) or polls[0] >= LOAD_POLLS:
            assert target is not None
            reader.go_to_target(target)
            return
        polls[0] += 1
        reader.set_timer(LOAD_POLL_S, when_loaded)

    reader.call_after_refresh(when_loaded)


def timeline_of(reader: ReaderScreen) -> None:
    """The reader's briefing's dated facts in time order; choosing one selects it there."""
    from .timeline import TimelineScreen

    reader.app.push_screen(TimelineScreen(reader.briefing), lambda f: reader.go_to_fact(f) if f else None)


def dossier_of(screen: Screen[Any], code: str) -> None:
    """The country's facts across every briefing (nothing when no country is highlighted)."""
    from .dossier import DossierScreen

    if code:
        screen.app.push_screen(DossierScreen(code))
