"""The extractor's blocks come from markdown-it's token map: code is never prose."""

from __future__ import annotations

from briefing_tui.extract.sentences import split_blocks, split_sentences

BODY = (
    "# The deal\n\n"
    "He said it. She agreed.\n"
    "> A quoted line.\n\n"
    "```\nx = 1. Not a sentence of the article.\n```\n\n"
    "    indented = 2. Not prose either.\n\n"
    "- First item. Second one.\n- Last item\n\n"
    "Setext title\n============\n\n"
    "| a | b |\n|---|---|\n| c. | d. |\n"
)


def test_code_and_tables_are_never_prose() -> None:
    texts = [s.text for s in split_sentences(BODY)]
    assert texts == [
        "The deal", "He said it.", "She agreed.", "A quoted line.", "First item.", "Second one.",
        "Last item", "Setext title",
    ]


def test_sentences_are_exact_slices_with_offsets() -> None:
    for s in split_sentences(BODY):
        assert BODY[s.start : s.end] == s.text


def test_a_long_body_is_split_in_chunks_with_offsets_kept() -> None:
    paragraph = "The allies met in December. They signed a deal on minerals."
    body = "\n\n".join([paragraph] * 3000) + "\n\n```\nnot prose.\n```\n"
    blocks = split_blocks(body)
    assert len(blocks) == 3000
    assert all(body[s:e] == paragraph for s, e in blocks)


def test_a_blockquote_paragraph_keeps_one_block_per_marked_line() -> None:
    body = "> First line here.\n> Second line.\nlazy end.\n"
    assert [body[s:e] for s, e in split_blocks(body)] == ["First line here.", "Second line.\nlazy end."]
