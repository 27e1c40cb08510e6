"""Speakers relayed, unnamed or set off by a long description (ingest/statements/relays.py, issue
13): sentences written for these tests, in the shapes of corpus series AC."""

import pytest

from ingest.statements import relays, speakers, stances, voices


def _read(sentence: str, previous_speaker: str = "") -> speakers.Statement:
    statement = voices.reread(
        speakers.attribute(sentence, previous_speaker=previous_speaker)
    )
    return relays.reread(statement, sentence, previous_speaker=previous_speaker)


def test_an_outlets_trailing_report_is_the_inner_speakers_statement():
    statement = _read(
        "The army said on Monday it had shelled rebel positions near the village, "
        "the Lebanese channel reported."
    )
    assert statement.speaker.startswith("The army (via ")
    assert statement.stance == "claims"
    assert "it had shelled" in statement.content


def test_an_outlets_own_report_keeps_the_outlet():
    statement = _read(
        "Five people were killed when shells hit the market, the state news agency "
        "reported."
    )
    assert statement.speaker == "state news agency"


def test_the_one_quoted_as_saying_speaks():
    statement = _read(
        "“Forty fighters were killed in the raid,” it quoted the defence ministry "
        "spokesman as saying.",
        previous_speaker="Radio Sawa",
    )
    assert statement.speaker == "the defence ministry spokesman (via Radio Sawa)"
    assert statement.stance == "claims"
    assert statement.quote == "Forty fighters were killed in the raid,"


def test_officials_quoted_by_media_speak():
    statement = _read(
        "Local media quoted security officials who said the convoy was ambushed "
        "near the town."
    )
    assert statement.speaker == "security officials (via Local media)"
    assert statement.stance == "claims"


@pytest.mark.parametrize(
    "sentence",
    [
        "The reports stated that gunmen attacked a checkpoint in the town.",
        "According to reports, gunmen burned two houses in the village.",
    ],
)
def test_unnamed_reports_report(sentence):
    statement = _read(sentence)
    assert (statement.stance, statement.speaker) == ("reports", "reports")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Samir Haddad, secretary to the district's Gov. Omar Nasser, said two "
            "shells hit the market.",
            "Samir Haddad",
        ),
        (
            "Karim Jawad, commander of the border police in Tanf, just north of the "
            "crossing, said gunmen fired on a patrol.",
            "Karim Jawad",
        ),
    ],
)
def test_a_name_set_off_by_a_title_speaks(sentence, name):
    statement = _read(sentence)
    assert statement.speaker.startswith(f"{name}, ")
    assert statement.stance == "claims"
    assert statement.quote.startswith(("two shells", "gunmen fired"))
    # the title's places ("in Tanf") are read with what was said
    assert statement.content.startswith(("secretary", "commander"))


@pytest.mark.parametrize(
    "sentence",
    [
        "The spokesman told reporters that the rebels' claims of seizing the airport "
        "were exaggerated.",
        "The governor said he was in the town, describing reports of its fall as "
        "“lies” and propaganda.",
    ],
)
def test_calling_the_other_sides_claims_exaggerated_or_lies_denies(sentence):
    assert _read(sentence).stance == "denies"


def test_a_place_that_lies_somewhere_is_no_denial():
    assert (
        stances.stance_of("said", "the mayor", "The village lies 10 km north of it")
        == "claims"
    )


def test_a_party_run_tv_station_is_a_speaker_and_claims():
    statement = _read(
        "The Hezbollah-run al-Nour TV station said two drones struck a car near the "
        "border."
    )
    assert statement.speaker == "The Hezbollah-run al-Nour TV station"
    assert statement.stance == "claims"


def test_a_dateline_may_open_the_relayed_statement():
    statement = _read(
        "ADEN (Yemen) • The coalition said it had struck rebel camps outside the "
        "city, the Saudi news channel reported."
    )
    assert statement.speaker.startswith("The coalition (via ")


def test_a_denial_closing_the_sentence_is_a_second_voice():
    second = relays.denial_after(
        "Local officials said a drone struck a wedding in the village, killing four, "
        "but the army denied the report."
    )
    assert (second.stance, second.speaker) == ("denies", "the army")


def test_a_contrast_that_denies_nothing_else_is_no_second_voice():
    assert (
        relays.denial_after(
            "Officials said the strike hit a depot, but the army denied entering the "
            "town."
        )
        is None
    )
