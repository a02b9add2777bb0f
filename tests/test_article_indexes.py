"""The article view's headless indexes: its text (search, highlight, block offsets) and its
geometry (heights, tops, exact or estimated)."""

from __future__ import annotations

from briefing_tui.article.blocks import parse_blocks
from briefing_tui.article.height_index import HeightIndex
from briefing_tui.article.text_index import TextIndex


def _index(*sources: str) -> TextIndex:
    index = TextIndex()
    for source in sources:
        index.append(parse_blocks(source))
    return index


def test_text_grows_by_batches_with_block_offsets() -> None:
    index = _index("# Title\n\nFirst *para*.", "Second para.")
    assert index.text == "Title\n\nFirst para.\n\nSecond para."
    assert [index.block_start(i) for i in range(index.block_count)] == [0, 7, 20]
    assert index.block_of(22) == (2, 2)
    index.append(parse_blocks("Third."))
    assert index.text.endswith("Second para.\n\nThird.")


def test_search_is_case_insensitive_starts_from_an_offset_and_wraps() -> None:
    index = _index("Deal one.\n\nA deal two.\n\nThe DEAL three.")
    assert index.search("deal", from_offset=12) == 3
    assert index.match_index == 1
    assert index.step(1) == 2 and index.step(1) == 0 and index.step(-1) == 2
    text, before, after = index.current_match() or ("", "", "")
    assert text == "DEAL" and before.endswith("The ") and after == " three."
    index.clear_search()
    assert index.step(1) is None and index.current_match_offset() is None


def test_overlays_are_block_local_and_the_highlight_comes_first() -> None:
    index = _index("alpha beta\n\ngamma beta")
    index.search("beta")
    index.highlight = index.find_quote("beta gamma")
    assert index.highlight == (6, 17)
    assert index.overlays(0, 10) == [(6, 10, "highlight"), (6, 10, "match-current")]
    assert index.overlays(1, 10) == [(0, 5, "highlight"), (6, 10, "match")]


def test_passage_prefers_the_occurrence_whose_context_agrees() -> None:
    index = _index("The 787 flew.\n\nLater the second 787 landed.")
    start, end = index.find_passage("787", "Later the second", "landed")
    assert index.text[start - 7 : end] == "second 787"


def test_height_index_tops_estimates_and_exact_heights() -> None:
    geo = HeightIndex()
    geo.extend([2, 3], exact=True)
    geo.extend([4], exact=False)
    assert geo.tops == [0, 2, 5, 9] and geo.total == 9 and geo.inexact == 1
    assert [geo.block_at(y) for y in (0, 1, 2, 8, 99, -5)] == [0, 0, 1, 2, 2, 0]
    assert geo.inexact_indices() == [2]
    assert geo.set_height(2, 4) is False and geo.inexact == 0
    assert geo.set_height(0, 1) is True
    geo.recompute()
    assert geo.tops == [0, 1, 4, 8]
    geo.reset([1, 1, 1], exact=False)
    assert geo.inexact == 3 and geo.total == 3 and not geo.is_exact(0)
    assert HeightIndex().block_at(0) == -1
