"""The one quote matcher: every source quote the validator accepts is one the article view
finds and lights (issue 12), and the raw-body shortcut of the validator never accepts more
than the reader's text holds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.article.blocks import iter_block_batches, reader_text
from briefing_tui.article.matcher import find_quote, locate, normalise
from briefing_tui.article.readable import ReadableText
from briefing_tui.article.text_index import TextIndex

WORDS = st.sampled_from(
    ["the", "US", "deal", "minerals", "said", "“rare", "earths”", "it's", "allies", "2025", "$40", "Mr."]
)


@st.composite
def inline(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=4))
    text = " ".join(words)
    kind = draw(st.sampled_from(["plain", "em", "strong", "link", "image", "code", "hard", "soft", "entity"]))
    if kind == "em":
        return f"*{text}*"
    if kind == "strong":
        return f"**{text}**"
    if kind == "link":
        return f"[{text}](https://example.com/{words[0].strip('“”$.')} \"a title\")"
    if kind == "image":
        return f"![{text}](pic.png)"
    if kind == "code":
        return f"`{text}`"
    if kind == "hard":
        return f"{text}  \n{draw(WORDS)}"
    if kind == "soft":
        return f"{text}\\\n{draw(WORDS)}"
    if kind == "entity":
        return f"{text} &amp; {draw(WORDS)}"
    return text


@st.composite
def block(draw: st.DrawFn) -> str:
    line = " ".join(draw(st.lists(inline(), min_size=1, max_size=4)))
    kind = draw(st.sampled_from(["para", "list", "ordered", "quote", "heading", "fence", "indented"]))
    if kind == "list":
        return f"- {line}\n- {draw(inline())}"
    if kind == "ordered":
        return f"1. {line}\n2. {draw(inline())}"
    if kind == "quote":
        return f"> {line}"
    if kind == "heading":
        return f"## {line}"
    if kind == "fence":
        return f"```text\n{line}\n```"
    if kind == "indented":
        return f"    {line}"
    return line


bodies = st.lists(block(), min_size=1, max_size=6).map("\n\n".join)


def _view_text(body: str) -> str:
    index = TextIndex()
    for batch in iter_block_batches(body):
        index.append(batch)
    return index.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies, data=st.data())
def test_every_quote_the_validator_accepts_is_found_by_the_view(body: str, data: st.DataObject) -> None:
    shown = _view_text(body)
    assert shown == reader_text(body)
    words = body.split() + shown.split()
    # Quotes drawn from the rendered text, and from the Markdown source (which may not be shown).
    start = data.draw(st.integers(0, len(words) - 1))
    size = data.draw(st.integers(1, 6))
    quotes = [" ".join(words[start : start + size])]
    source = body.replace("\n", " ")
    a = data.draw(st.integers(0, len(source) - 1))
    quotes.append(source[a : a + data.draw(st.integers(1, 40))])
    rendered = shown
    b = data.draw(st.integers(0, max(len(rendered) - 1, 0)))
    quotes.append(rendered[b : b + data.draw(st.integers(1, 40))])
    accepted = ReadableText(body).locate(quotes)
    for quote in quotes:
        strict = find_quote(shown, quote, any_case=False)
        assert (accepted[quote] is True) == (strict is not None), (quote, shown)
        if accepted[quote]:
            assert find_quote(shown, quote) is not None


@settings(max_examples=200, deadline=None)
@given(body=bodies, data=st.data())
def test_text_from_the_rendered_article_is_always_accepted(body: str, data: st.DataObject) -> None:
    shown = reader_text(body)
    words = shown.split()
    if not words:
        return
    start = data.draw(st.integers(0, len(words) - 1))
    quote = " ".join(words[start : start + data.draw(st.integers(1, 8))])
    assert ReadableText(body).locate([quote])[quote] is True
    assert locate(normalise(shown), [quote])[quote] is True


def test_image_alt_text_and_links_are_matched_as_the_reader_sees_them() -> None:
    body = "See ![a chart of exports](chart.png) here.\n\nRead [the full deal](https://x.org/deal) now."
    text = ReadableText(body)
    found = text.locate(
        ["See a chart of exports here", "See [image: a chart of exports] here", "https://x.org/deal",
         "Read the full deal now."]
    )
    # The view shows "[image: a chart of exports]" and never the link's address.
    assert found == {
        "See a chart of exports here": False,
        "See [image: a chart of exports] here": True,
        "https://x.org/deal": False,
        "Read the full deal now.": True,
    }
    shown = reader_text(body)
    assert find_quote(shown, "See [image: a chart of exports] here") is not None
    assert find_quote(shown, "https://x.org/deal") is None


def test_hard_breaks_curly_quotes_and_markers_match_alike() -> None:
    body = "He said \u201cwe will\\\nsign it\u201d on **Friday**.\n"
    text = ReadableText(body)
    for quote in ['said "we will sign it" on Friday', "said \u201cwe will sign it\u201d on **Friday**."]:
        assert text.locate([quote])[quote] is True
        assert find_quote(reader_text(body), quote) is not None


def test_a_raw_hit_in_a_link_address_or_fence_info_is_not_trusted() -> None:
    body = "Intro line.\n\n```python\ncode here\n```\n\n[text](https://x.org/a-b \"title words\")\n"
    found = ReadableText(body).locate(["python code here", "title words", "code here", "text"])
    assert found == {"python code here": False, "title words": False, "code here": True, "text": True}


def test_control_characters_in_a_quote_match_their_placeholder() -> None:
    body = "The \x1b[2J screen was cleared.\n"
    quote = "The \x1b[2J screen"
    assert ReadableText(body).locate([quote])[quote] is True
    assert find_quote(reader_text(body), quote) is not None


def test_a_quote_at_the_start_of_a_plain_stretch_is_trusted_without_a_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import briefing_tui.article.readable as readable

    def no_parse(body: str) -> str:
        raise AssertionError("the body was parsed")

    monkeypatch.setattr(readable, "reader_text", no_parse)
    body = "## Part 1\n\nThe allies met in December. They signed.\n\nMore text here."
    found = ReadableText(body).locate(["The allies met in December.", "They signed. More text"])
    assert found == {"The allies met in December.": True, "They signed. More text": True}


def test_facts_found_only_in_the_readers_text_keep_their_place_in_article_order(tmp_path) -> None:
    """A quote with a control character (shown as U+FFFD) is found in the reader's text, not
    the raw body: it still orders by where it stands, not after every other fact."""
    from conftest import ROOT

    from briefing_tui.bundle.reader import read_bundle

    b = read_bundle(ROOT / "tests" / "data" / "hostile")
    order = [f.id for f in b.facts_in_article_order()]
    assert order.index("hostile-opening") < order.index("hostile-third")
    assert order.index("hostile-second") < order.index("hostile-third")
