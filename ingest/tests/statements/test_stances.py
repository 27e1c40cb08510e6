"""Speakers and stances on real sentence shapes (issue 13): who is speaking, and
whether that source reports, claims, confirms or denies (LABELLING_GUIDE: stances
by who speaks). Each sentence is shaped like one met in the corpus's dev part."""

import pytest

from ingest.statements import speakers


def _said(sentence: str, previous: str = "") -> tuple[str, str]:
    statement = speakers.attribute(sentence, previous_speaker=previous)
    return statement.stance, statement.speaker


def test_speaker_with_its_acronym_after_a_trailing_reported():
    stance, speaker = _said(
        "ERBIL (Kurdistan 24) – Turkish-backed forces continue to bombard areas near "
        "Ain Issa with heavy artillery, the Syria-based Rojava Information Centre "
        "(RIC) reported on Friday."
    )
    assert (stance, speaker) == (
        "reports",
        "Syria-based Rojava Information Centre (RIC)",
    )


def test_speaker_with_its_bracketed_short_name_before_said():
    stance, speaker = _said(
        "Five civilians were killed in Ariha, the Syrian Civil Defence (White "
        "Helmets) said on Monday."
    )
    assert (stance, speaker) == ("reports", "Syrian Civil Defence (White Helmets)")


def test_speaker_set_off_by_commas_before_reported():
    stance, speaker = _said(
        "The incident took place in Shorek village, east of the city of Qamishli, "
        "Arabic sister service, Al-Araby Al-Jadeed, reported."
    )
    assert (stance, speaker) == ("reports", "Al-Araby Al-Jadeed")


def test_a_but_clause_after_the_speaker_keeps_the_speaker():
    stance, speaker = _said(
        "The Saudi-led coalition also launched air raids on military bases in the "
        "city during the fighting, residents said, but no casualties were reported."
    )
    assert (stance, speaker) == ("reports", "residents")


def test_quote_then_speaker_reported():
    statement = speakers.attribute(
        "“Several rockets hit the city center and the waterfront,” media activist "
        "Salloum al-Shekh reported."
    )
    assert (statement.stance, statement.speaker) == (
        "reports",
        "media activist Salloum al-Shekh",
    )
    assert statement.content == "Several rockets hit the city center and the waterfront"


def test_who_said_names_the_speaker_and_what_follows_is_said():
    statement = speakers.attribute(
        "The victim was also named by Euphrates Post, who said that he was killed in "
        "air strikes targeting the town of Al-Shuhail."
    )
    assert (statement.stance, statement.speaker) == ("reports", "Euphrates Post")
    assert statement.content.startswith("he was killed in air strikes")


@pytest.mark.parametrize(
    "sentence",
    [
        "The victims were agricultural workers, a civil defence official told Reuters.",
        "Ten civilians were killed when rebels shelled a residential area of Taiz "
        "city, a volunteer rescuer said on Thursday.",
    ],
)
def test_rescue_services_report_even_through_an_official(sentence):
    assert _said(sentence)[0] == "reports"


def test_a_monitor_confirming_casualties_reports_them():
    assert _said("SOHR confirmed casualties from the morning’s fighting.") == (
        "reports",
        "SOHR",
    )


def test_a_party_confirming_still_confirms():
    assert _said(
        "The Israeli military confirmed it had struck the building on Thursday."
    )[0] == ("confirms")


def test_no_military_targets_is_no_denial_of_the_shelling():
    stance, speaker = _said(
        "“There are no military targets in Al Noor area, and most of the residents "
        "there are poor people,” Mr Azazi told The National.",
        previous="rescuer Mohammed Azazi",
    )
    assert stance != "denies"
    # "Mr Azazi" is the rescuer named just before.
    assert (stance, speaker) == ("reports", "rescuer Mohammed Azazi")


def test_there_was_no_attack_still_denies():
    assert (
        _said("“There was no attack on the village,” the military spokesman said.")[0]
        == "denies"
    )


def test_a_partys_own_page_claims():
    stance, speaker = _said(
        "As of publishing, rebels had already taken control of several targets in "
        "Quneitra, according to the battalions’ Facebook page."
    )
    assert (stance, speaker) == ("claims", "the battalions’ Facebook page")


def test_a_news_sites_page_still_reports():
    assert _said(
        "Rebels took the village of Tel Mheed, according to Smart News' Facebook page."
    )[0] == ("reports")
