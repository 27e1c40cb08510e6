"""Speakers, second round (helper ingspeak2): "the source" after a source, an
outlet's credit ("Outlet/ ") before the lead, civil
groups and village notables with a party's word, officials of a state with no forces
in the story."""

import datetime as dt
from types import SimpleNamespace

import pytest

from ingest import propose
from ingest.proposal import ProposedActor, ProposedStatement
from ingest.statements import bystanders, speakers, stances


def test_the_source_after_a_security_source_is_that_source():
    statement = speakers.attribute(
        'The source told the agency, "the body of a shepherd was found in Tal Afar."',
        previous_speaker="a security source",
    )
    assert (statement.stance, statement.speaker) == ("claims", "a security source")


def test_an_outlets_credit_before_the_lead_keeps_its_speaker():
    sentence = (
        "Tigris News/ On Tuesday, a security source said gunmen killed a shepherd "
        "near Tal Afar."
    )
    statement = speakers.attribute(sentence)
    assert (statement.stance, statement.speaker) == ("claims", "a security source")
    assert sentence[statement.content_start :].startswith("gunmen killed")


def test_the_source_after_a_named_monitor_stays_the_source():  # guard
    statement = speakers.attribute(
        "The source said another strike hit a house in Khiam.",
        previous_speaker="the Observatory",
    )
    assert statement.speaker == "The source"


@pytest.mark.parametrize(
    "speaker",
    [
        "A local youth representative",
        "Amadou Diallo, president of the regional youth organisation",
        "Omar Haddad, head of the eastern Kafr Zeita local council",
        "A local leader in the village",
        "An unnamed tribal chief",
    ],
)
def test_civil_groups_and_notables_report(speaker):
    assert stances.stance_of("said", speaker, "") == "reports"


def test_a_local_official_still_claims():  # guard: the guide lists officials
    assert stances.stance_of("said", "local officials", "") == "claims"


def _event(speakers_stances, actors=()):
    return SimpleNamespace(
        statements=[ProposedStatement(st, sp, "", 0) for sp, st in speakers_stances],
        actors=[ProposedActor(1, name, "initiator", name) for name in actors],
    )


_STRIKE = (
    "An Israeli drone struck a car near Kfar Kila on Wednesday, Lebanon's "
    "state-run National News Agency said. A Lebanese security source said one man "
    "was killed. The Israeli military said it struck a Hezbollah operative."
)


def test_officials_of_a_state_not_in_the_fight_report():
    event = _event(
        [
            ("Lebanon's state-run National News Agency", "claims"),
            ("A Lebanese security source", "confirms"),
            ("The Israeli military", "confirms"),
        ],
        actors=["Israeli drone"],
    )
    bystanders.report_bystanders([event], _STRIKE)
    assert [s.stance for s in event.statements] == ["reports", "reports", "confirms"]


def test_another_states_forces_told_in_the_story_make_a_bystander():
    event = _event([("a Lebanese security official", "claims")])
    bystanders.report_bystanders([event], _STRIKE)
    assert event.statements[0].stance == "reports"


def test_the_state_at_home_against_an_armed_group_still_claims():  # guard
    event = _event([("Somalia's state news agency", "claims")], actors=["al-Shabab"])
    bystanders.report_bystanders([event], "Al-Shabab fighters stormed a hotel.")
    assert event.statements[0].stance == "claims"


def test_a_state_whose_forces_fight_in_the_story_still_claims():  # guard
    text = _STRIKE + " The Lebanese army said it returned fire."
    event = _event([("A Lebanese security source", "claims")], actors=["drone"])
    bystanders.report_bystanders([event], text)
    assert event.statements[0].stance == "claims"


def test_a_party_named_agency_still_claims():  # guard: SANA, as the guide's table
    event = _event([("the Syrian Arab News Agency (SANA)", "claims")])
    bystanders.report_bystanders([event], "Israeli forces entered a village.")
    assert event.statements[0].stance == "claims"


@pytest.mark.django_db
def test_a_voice_naming_no_event_speaks_of_the_sentence_before(actors_and_gazetteer):
    events = propose.article_propose(
        text_raw=(
            "A rebel commander was killed in an air strike, a rebel-run TV channel "
            "says. Abu Omar was 'martyred' in Idlib province last Thursday, Al-Masirah "
            "reported."
        ),
        published_at=dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC),
    ).events
    (event,) = events
    assert "Al-Masirah" in {s.speaker for s in event.statements}


def test_a_second_voice_joined_by_and_speaks():
    statement = speakers.second_voice(
        "A suicide bomber struck a base in Afgooye on Tuesday, and extremist group "
        "al-Shabab claimed responsibility for the attack."
    )
    assert (statement.stance, statement.speaker) == (
        "claims",
        "extremist group al-Shabab",
    )


def test_forces_said_to_be_loyal_are_no_second_voice():  # guard
    assert (
        speakers.second_voice(
            "Gunmen attacked a checkpoint in Afgooye, and forces said to be loyal to "
            "the governor fled."
        )
        is None
    )


@pytest.mark.django_db
def test_the_second_voice_joins_the_leads_event(actors_and_gazetteer):
    events = propose.article_propose(
        text_raw=(
            "Warplanes struck a market in Saraqib on Sunday, killing 12 people, "
            "and the Observatory said most of the dead were children. Rescuers "
            "said the toll could rise."
        ),
        published_at=dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC),
    ).events
    statements = {(s.stance, s.speaker) for e in events for s in e.statements}
    assert ("reports", "the Observatory") in statements
