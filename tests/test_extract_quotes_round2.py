"""Quotes, round 2 (issue 10): capitalised pronouns before a quotation, descriptive
speakers as written, names that are also countries, and the PolNeAR figures."""

from __future__ import annotations

from briefing_tui.extract.facts import extract


def _speakers(body: str) -> list[tuple[str, str]]:
    """(first words of the quote, speaker) of every quote fact `extract` makes of `body`."""
    return [(" ".join(f.statement.split("“", 1)[1].split()[:3]), f.speaker or "")
            for f in extract(body).facts if f.kind == "quote"]


def test_he_before_the_quotation_is_a_pronoun_not_an_initial() -> None:
    body = (
        "Mayor Farid Osman opened the harbour on Monday.\n\n"
        "He said, “The ships will come back within a year.”\n\n"
        "He added: “Nobody will stop this project.”"
    )
    assert _speakers(body) == [("The ships will", "Farid Osman"),
                               ("Nobody will stop", "Farid Osman")]
