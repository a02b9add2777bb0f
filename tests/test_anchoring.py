"""Re-finding a noted passage after the article changed."""

from __future__ import annotations

import pytest

from briefing_tui.anchoring import CONTEXT, locate, make_anchor
from briefing_tui.model import Anchor

BODY = (
    "The US is reportedly planning to seek agreements with eight allied countries to "
    "enhance the critical minerals supply chain. The US has received more than $200bn "
    "through nearly 2,500 projects, AidData said. China dominates rare earth refining, "
    "with more than 90% of the world's capacity."
)
PASSAGE = "more than $200bn through nearly 2,500 projects"


def anchor_of(body: str, text: str) -> Anchor:
    start = body.index(text)
    return make_anchor(body, start, start + len(text))


def found(body: str, anchor: Anchor) -> str | None:
    span = locate(body, anchor)
    return body[span[0] : span[1]] if span else None


def test_make_anchor_keeps_context_either_side() -> None:
    a = anchor_of(BODY, PASSAGE)
    assert a.exact == PASSAGE
    assert a.start == BODY.index(PASSAGE)
    assert len(a.prefix) == len(a.suffix) == CONTEXT
    assert BODY[a.start - CONTEXT : a.start] == a.prefix
    assert a.suffix == BODY[a.start + len(PASSAGE) :][:CONTEXT]


def test_make_anchor_at_the_edges_of_the_body() -> None:
    a = make_anchor(BODY, 0, 6)
    assert (a.prefix, a.exact) == ("", "The US")
    end = make_anchor(BODY, len(BODY) - 9, len(BODY))
    assert (end.exact, end.suffix) == ("capacity.", "")


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 3), (3, 10_000), (9, 4)])
def test_make_anchor_refuses_bad_ranges(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        make_anchor(BODY, start, end)


def test_unchanged_body_gives_the_same_span() -> None:
    a = anchor_of(BODY, PASSAGE)
    assert locate(BODY, a) == (a.start, a.start + len(PASSAGE))


def test_text_inserted_above_shifts_the_span() -> None:
    a = anchor_of(BODY, PASSAGE)
    edited = "EDITOR'S NOTE: updated on Friday.\n\n" + BODY
    assert found(edited, a) == PASSAGE
    assert locate(edited, a)[0] == a.start + len("EDITOR'S NOTE: updated on Friday.\n\n")


def test_repeated_text_is_told_apart_by_its_context() -> None:
    body = "Japan said yes. Korea said no. Later, Japan said yes. Then it rained."
    second = body.index("Japan said yes", 5)
    a = make_anchor(body, second, second + len("Japan said yes"))
    assert locate(body, a) == (second, second + 14)
    # Even when the old offset now points at the first occurrence.
    shifted = Anchor(a.exact, a.prefix, a.suffix, start=0)
    assert locate(body, shifted) == (second, second + 14)


def test_repeated_text_without_context_prefers_the_old_offset() -> None:
    body = "yes yes yes yes"
    assert locate(body, Anchor("yes", start=8)) == (8, 11)
    assert locate(body, Anchor("yes", start=7)) == (8, 11)
    assert locate(body, Anchor("yes", start=0)) == (0, 3)


def test_a_small_edit_inside_the_passage_is_found_fuzzily() -> None:
    a = anchor_of(BODY, PASSAGE)
    edited = BODY.replace("$200bn", "$250bn").replace("nearly", "almost")
    assert found(edited, a) == "more than $250bn through almost 2,500 projects"


def test_rewrapped_whitespace_is_found_fuzzily() -> None:
    a = anchor_of(BODY, PASSAGE)
    edited = BODY.replace("$200bn through nearly", "$200bn\nthrough  nearly")
    assert found(edited, a) == "more than $200bn\nthrough  nearly 2,500 projects"


def test_fuzzy_match_far_from_the_old_offset() -> None:
    a = anchor_of(BODY, PASSAGE)
    edited = "Background paragraph. " * 40 + BODY.replace("nearly", "about")
    assert found(edited, a) == "more than $200bn through about 2,500 projects"


def test_a_deleted_passage_is_orphaned() -> None:
    a = anchor_of(BODY, PASSAGE)
    edited = BODY.replace(PASSAGE, "a great deal of money")
    assert locate(edited, a) is None
    assert locate("An entirely different article about weather.", a) is None
    assert locate("", a) is None


def test_an_empty_anchor_finds_nothing() -> None:
    assert locate(BODY, Anchor("")) is None
