"""Quotes with speakers, people with titles, organisations, and sentence splitting."""

from __future__ import annotations

import pytest

from briefing_tui.extract.quotes import (
    find_organisations,
    find_people,
    find_quotes,
    resolve_speaker,
)
from briefing_tui.extract.sentences import split_sentences
from briefing_tui.model import Person

SEED_PEOPLE_TEXT = (
    "Jacob Helberg, Undersecretary of State for Economic Affairs, said in an interview "
    "that the efforts will commence.\n\nHelberg said: “It is clear that right now in AI, "
    "it is a two-horse race – it is the US and China.”\n\nThe talks followed discussions "
    "between US President Donald Trump and China’s President Xi Jinping."
)


def test_people_with_titles() -> None:
    assert find_people(SEED_PEOPLE_TEXT) == [
        Person("Jacob Helberg", "Undersecretary of State for Economic Affairs"),
        Person("Donald Trump", "US President"),
        Person("Xi Jinping", "China’s President"),
    ]


def test_quote_speaker_linked_to_full_name() -> None:
    people = find_people(SEED_PEOPLE_TEXT)
    sentence = SEED_PEOPLE_TEXT.split("\n\n")[1]
    [quote] = find_quotes(sentence)
    assert quote.speaker == "Helberg"
    assert quote.quote.startswith("It is clear")
    assert resolve_speaker(quote.speaker, people) == "Jacob Helberg"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will not back down from this fight,” said Jane Smith.", "Jane Smith"),
        ('"We will not back down from this fight," Smith said.', "Smith"),
        ("Smith said “we will not back down from this fight”.", "Smith"),
        ('John Doe, chief executive of Acme Corp, said "we are winning this fight now".',
         "John Doe"),
    ],
)
def test_quote_forms(text: str, speaker: str) -> None:
    assert [q.speaker for q in find_quotes(text)] == [speaker]


def test_scare_quotes_and_unattributed_quotes_are_not_quotes() -> None:
    assert find_quotes("it is a so-called “two-horse race” now") == []
    assert find_quotes("“This is a long quote with nobody saying it.”") == []


def test_pronoun_speaker_resolves_to_last_person() -> None:
    assert resolve_speaker("He", [], last_person="Jacob Helberg") == "Jacob Helberg"


def test_organisations() -> None:
    text = (
        "Bloomberg reported, citing the State Department. Helberg, formerly an adviser at "
        "Palantir Technologies, spoke. The International Energy Agency (IEA) reports. A report "
        "from AidData, a research laboratory at William & Mary University in the US, stated."
    )
    orgs = find_organisations(text)
    for org in ("Bloomberg", "State Department", "Palantir Technologies",
                "International Energy Agency", "AidData", "William & Mary University"):
        assert org in orgs
    assert "US" not in orgs and "IEA" not in orgs


def test_sentences_keep_offsets_and_abbreviations() -> None:
    body = (
        "# Title\n\nMr. Smith went to the U.S. President's office. He said “Hi. Bye.” Then "
        "left! Dr. J. Doe arrived on Dec. 12.\n\n- item one. Item two\n- item three\n"
    )
    sentences = split_sentences(body)
    assert [s.text for s in sentences] == [
        "Title",
        "Mr. Smith went to the U.S. President's office.",
        "He said “Hi. Bye.”",
        "Then left!",
        "Dr. J. Doe arrived on Dec. 12.",
        "item one.",
        "Item two",
        "item three",
    ]
    assert all(body[s.start : s.end] == s.text for s in sentences)


def test_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    sentences = split_sentences("He said “this never closes. Next sentence here. And more.")
    assert len(sentences) == 3
