"""Speakers and stances on unseen text (series Y, helper ingstance4): a name with two
appositions, "a monitoring group" that is no party, a trailing "said NAME, a ROLE", and
a short name spelt by the initials of a name the article gave before ("the NPA"), a
surname alone after other speakers, and one incident proposed at two places."""

import datetime as dt
from types import SimpleNamespace

from ingest.actors import surnames
from ingest.incidents import oneincident
from ingest.proposal import ProposedStatement
from ingest.statements import fullnames, speakers, stances, voices


def _read(sentence: str) -> tuple[str, str]:
    statement = voices.reread(speakers.attribute(sentence))
    return statement.stance, statement.speaker


def test_a_name_with_two_appositions_speaks():
    assert _read(
        "Omar Saleh, a spokesman for the Truce Observer Mission, a group of foreign "
        "cease-fire monitors, said soldiers had laid mines in Kafr Ruma."
    ) == (
        "reports",
        "Omar Saleh, a spokesman for the Truce Observer Mission, a group of foreign "
        "cease-fire monitors",
    )


def test_a_monitoring_group_named_after_its_name_reports():
    assert (
        stances.stance_of(
            "said", "The Observatory, a UK-based war monitoring group", ""
        )
        == "reports"
    )


def test_an_apposition_is_one_speaker_not_a_list():
    # "a police official" says who Qader is: one party's voice, not a joint one
    assert stances.stance_of("said", "Karim Nouri, a police official", "") == "claims"
    # guard: a list of two kinds is still two voices
    assert stances.stance_of("said", "a resident, a medic and the army", "") == "claims"


def test_said_a_name_then_a_role_at_the_end():
    assert _read(
        "The blast in Tal Afar injured at least 16 people, including eight soldiers, "
        "said Karim Nouri, a police official."
    ) == ("claims", "Karim Nouri, a police official")


def test_a_short_name_spelt_by_initials_given_before():
    text = (
        "The army denied claims made by the communist Free Valley Front that six "
        "soldiers were killed. The FVF said its forces ambushed a convoy."
    )
    names = fullnames.acronyms(text)
    statement = fullnames.with_full_speaker(
        speakers.attribute("The FVF said its forces ambushed a convoy."), names
    )
    assert (statement.stance, statement.speaker) == (
        "claims",
        "Free Valley Front (FVF)",
    )


def test_no_initials_no_full_name():  # guard: an all-capital word is no name
    names = fullnames.acronyms(
        "KABUL - The UNAMA said five died. Taliban fighters fled."
    )
    assert names.full("UNAMA") is None
    assert names.full("KABUL") is None


def test_a_surname_alone_is_the_person_named_in_full_before():
    named: dict[str, str] = {}
    surnames.remember(named, "Samir Haddad, spokesman for the civil defence agency")
    surnames.remember(named, "Omar Nasser, a commander of the militia")
    statement = surnames.with_named_speaker(
        speakers.attribute("Haddad said five people were killed in the strike."), named
    )
    assert (statement.stance, statement.speaker) == (
        "reports",
        "Samir Haddad, spokesman for the civil defence agency",
    )


def test_said_a_name_then_a_bare_title_at_the_end():
    assert _read(
        "An air strike hit a school in Idlib, killing five people, said Samir Haddad, "
        "spokesman for the civil defence agency."
    ) == ("reports", "Samir Haddad, spokesman for the civil defence agency")


def _proposal(place: str, *statements: ProposedStatement) -> SimpleNamespace:
    return SimpleNamespace(
        place=SimpleNamespace(text=place),
        event_type="air-drone-strike",
        date_start=dt.date(2025, 5, 14),
        statements=list(statements),
    )


def test_a_voice_naming_the_place_of_a_second_proposal_speaks_of_it_too():
    sentences = [
        "A drone strike hit a car near Kafr Sijna in the Wadi Hasan area, Lebanese "
        "security sources said.",
        "The Israeli army said its aircraft struck a militant in Kafr Sijna.",
    ]
    lebanese = ProposedStatement("reports", "Lebanese security sources", "", 0)
    army = ProposedStatement("claims", "The Israeli army", "", 1)
    wadi, village = _proposal("Wadi Hasan", lebanese), _proposal("Kafr Sijna", army)
    oneincident.share_voices([wadi, village], sentences)
    assert {s.speaker for s in village.statements} == {
        "The Israeli army",
        "Lebanese security sources",
    }
    # the army's sentence names only the village: the wadi's proposal keeps its own
    assert [s.speaker for s in wadi.statements] == ["Lebanese security sources"]


def test_according_to_him_is_the_speaker_just_named():
    statement = speakers.attribute(
        "According to him, a man was killed in the town of Kurakhove.",
        previous_speaker="Oleh Hrytsenko, head of the regional military administration",
    )
    assert (statement.stance, statement.speaker) == (
        "claims",
        "Oleh Hrytsenko, head of the regional military administration",
    )
