"""Quotes, round 2 (issue 10): capitalised pronouns before a quotation, descriptive
speakers as written, names that are also countries, and the PolNeAR figures."""

from __future__ import annotations

from briefing_tui.extract.facts import extract
from briefing_tui.extract.people import find_organisations, find_people


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


def test_a_description_the_text_gives_is_the_speaker_as_written() -> None:
    body = (
        "The hearing ran late.\n\n"
        "The commission says on its website that “there were issues with the sound level in "
        "the hall.”\n\n"
        "The Oslo businessman says of his rival, “She will sell the harbour to the highest "
        "bidder.”\n\n"
        "In a letter, a Transport Ministry memo said the ferry was “not fit for the open sea.”"
    )
    assert _speakers(body) == [
        ("there were issues", "The commission"),
        ("She will sell", "The Oslo businessman"),
        ("not fit for", "A Transport Ministry memo"),
    ]


def test_a_title_alone_is_still_no_speaker() -> None:
    body = ("The hearing ran late.\n\n“We will not sign this treaty in its current form,” the "
            "president said.\n\n“Nobody asked us about it,” the former senator added.")
    assert _speakers(body) == []


def test_a_role_resolves_to_the_person_who_holds_it() -> None:
    body = ("Mayor Lena Fischer opened the library.\n\n“Books are not a luxury in this city,” "
            "the mayor said.")
    assert _speakers(body) == [("Books are not", "Lena Fischer")]


def test_the_name_after_a_place_and_before_its_appositive_speaks() -> None:
    body = ("At a panel in Oslo, Marta Lind, the head of the teachers' league, said that "
            "“this is not the first generation to give up on voting.”")
    assert _speakers(body) == [("this is not", "Marta Lind")]


def test_a_pronoun_stands_for_someone_named_before_it_not_after() -> None:
    body = ("Governor Alan Pryce met the press on Monday.\n\n"
            "He said Mr. Oskar Brandt has “been a leader far more than anyone in this state.”")
    assert _speakers(body) == [("been a leader", "Alan Pryce")]


def test_she_is_not_read_as_he() -> None:
    body = ("Mr. Alan Pryce met Ms. Lena Fischer on Monday. She spoke first.\n\n"
            "She says it shows that Pryce is “not fit to run this state.”")
    assert _speakers(body) == [("not fit to", "Lena Fischer")]


def test_according_to_stays_in_the_quotations_sentence() -> None:
    body = (
        "Ava Lund said the film was worth making because “most people never learn about it,” "
        "she said. “We have no context for the present without the past.”\n"
        "Prisons hold a quarter of the inmates, according to the Federal Bureau of Prisons."
    )
    assert _speakers(body) == [("most people never", "Ava Lund"),
                               ("We have no", "Ava Lund")]


def test_words_after_commission_on_are_no_person() -> None:
    body = (
        "Donald Trump said he has questions about his microphone.\n\n"
        "He notes that the Commission on Presidential Debates announced an audio issue.\n\n"
        "He says, “Working that microphone was harder than anything else that night.”"
    )
    assert "Presidential Debates" not in [p.name for p in extract(body).people]
    assert _speakers(body) == [("Working that microphone", "Donald Trump")]


def test_names_that_hold_a_country_name_are_people_on_evidence() -> None:
    text = ("“We are sure of it,” Rep. Jim Jordan said. Acting Secretary Chad Wolf said the "
            "border is safe. Kenya Airways said flights resume. Georgia Tech said it agreed.")
    assert [p.name for p in find_people(text)] == ["Jim Jordan", "Chad Wolf"]
    body = "“The border is safe and it will stay safe,” Chad Wolf told reporters."
    assert _speakers(body) == [("The border is", "Chad Wolf")]
    assert "Chad Wolf" in [p.name for p in extract(body).people]


def test_airlines_and_the_makers_of_what_they_order_are_organisations() -> None:
    text = (
        "Dubai's flagship carrier Skyline Airline finalized a deal to purchase 30 of Aerolux's "
        "900-9 jets. In addition, it announced an order of 50 Nordwing N350-900 jets on Monday."
    )
    orgs = find_organisations(text, find_people(text))
    assert {"Skyline Airline", "Aerolux", "Nordwing"} <= set(orgs)
    assert not any(any(c.isdigit() for c in o) for o in orgs)


def test_a_nearer_speaker_wins_over_a_description_before_it() -> None:
    body = ("In a Facebook message posted Friday, Ted Marsh said he has had “areas of "
            "significant disagreement” with the mayor.")
    assert _speakers(body) == [("areas of significant", "Ted Marsh")]


def test_an_adverb_is_no_speaker() -> None:
    body = ("Following a swiftly called, late-afternoon meeting, the council issued a "
            "statement calling the test “a clear violation of every rule.”")
    assert all(not speaker.startswith("A swiftly") for _, speaker in _speakers(body))


def test_a_description_is_no_antecedent_for_a_pronoun() -> None:
    body = (
        "The statement noted they would take “further significant measures” soon.\n\n"
        "In a palace statement, President Aldo Varga condemned the test. He said the allies "
        "will take measures “to show that there are consequences to this.”"
    )
    assert _speakers(body) == [("further significant measures”", "The statement"),
                               ("to show that", "Aldo Varga")]


def test_a_pronoun_follows_a_chain_of_sentences_opening_with_it() -> None:
    body = (
        "Mr. Farid Osman is raising questions about the harbour.\n\n"
        "He notes that the port authority announced a delay on Friday.\n\n"
        "The delay was longer than anyone expected at the time.\n\n"
        "The port is also asking its workers to stay at home.\n\n"
        "He says: “I wonder why it was so slow. Think of that.”"
    )
    assert _speakers(body) == [("I wonder why", "Farid Osman")]


def test_a_reporting_participle_takes_the_subject_of_the_sentence() -> None:
    body = (
        "Mayor Lena Fischer spoke on Monday.\n\n"
        "Oskar Brandt had mocked the complaint, saying anybody who complains about the "
        "library “is not having a good week.”\n\n"
        "Fischer is promising lower taxes and “jobs, jobs, jobs,” in the campaign.\n\n"
        "Country singer Ana Ortiz’s doctor is calling the singer “extremely physically fit.”"
    )
    assert _speakers(body)[:2] == [("is not having", "Oskar Brandt"),
                                   ("jobs, jobs, jobs”", "Lena Fischer")]
    assert all(speaker != "Country" for _, speaker in _speakers(body))
