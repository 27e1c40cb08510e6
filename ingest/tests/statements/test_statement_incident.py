"""A statement belongs to its incident (helper ingstance5, issue 13): one incident
proposed twice, at one place or at a town and the region holding it, and a statement
that names several places, each proposal carrying every voice that told it. The
snippets are written for these tests (the places are the gazetteer's)."""

import datetime as dt

import pytest

from ingest import propose
from ingest.incidents import sameincident
from ingest.proposal import ProposedEvent, ProposedStatement
from ingest.reading import wire
from ingest.statements import speakers, stances
from ingest.where.mention import PlaceMention

SUNDAY = dt.date(2024, 3, 10)
FAMILIES = {
    "air-drone-strike": "explosions-remote-violence",
    "shelling-artillery-missile-attack": "explosions-remote-violence",
    "armed-clash": "battles",
    "peaceful-protest": "protests",
}


def _family(slug: str) -> str:
    return FAMILIES.get(slug, slug)


def _place(text, admin1, kind="village", lat=None, lon=None) -> PlaceMention:
    return PlaceMention(
        text, 0, len(text), text, admin1, kind, "SY", lat, lon, 1, 0.9, None, "place"
    )


def _event(kind, place, *statements, day=SUNDAY, precision="day") -> ProposedEvent:
    return ProposedEvent(
        key=f"{kind}-{place.text}", title="", event_type=kind, date_start=day,
        date_end=None, date_precision=precision, date_note="", place=place,
        places_mentioned=[place], actors=[], statements=list(statements),
    )  # fmt: skip


def _said(speaker: str, sentence: int, stance: str = "reports") -> ProposedStatement:
    return ProposedStatement(stance, speaker, "", sentence)


def _speakers(event: ProposedEvent) -> set[str]:
    return {s.speaker for s in event.statements}


VILLAGE = _place("Kafr Zita", "Hama", lat=35.373, lon=36.600)
OTHER_VILLAGE = _place("Latamneh", "Hama", lat=35.322, lon=36.622)  # 6 km away
HAMA = _place("Hama province", "Hama", kind="governorate", lat=35.1, lon=36.8)


def test_two_kinds_of_strike_at_one_place_that_day_share_their_voices():
    jets = _event("air-drone-strike", VILLAGE, _said("the Observatory", 0))
    guns = _event("shelling-artillery-missile-attack", VILLAGE, _said("residents", 3))
    sameincident.share([jets, guns], {}, _family)
    assert _speakers(jets) == _speakers(guns) == {"the Observatory", "residents"}


def test_a_region_proposal_and_a_village_in_it_are_one_incident():
    region = _event("shelling-artillery-missile-attack", HAMA, _said("the governor", 1))
    village = _event("shelling-artillery-missile-attack", VILLAGE)
    sameincident.share([region, village], {}, _family)
    assert _speakers(village) == {"the governor"}


def test_two_villages_of_one_province_stay_two_incidents():
    here = _event("air-drone-strike", VILLAGE, _said("the Observatory", 0))
    there = _event("air-drone-strike", OTHER_VILLAGE, _said("residents", 2))
    sameincident.share([here, there], {}, _family)
    assert _speakers(here) == {"the Observatory"}
    assert _speakers(there) == {"residents"}


def test_a_week_at_one_place_may_hold_a_capture_and_the_strikes_on_it():
    strike = _event(
        "air-drone-strike", VILLAGE, _said("a rebel spokesman", 5), precision="week"
    )
    capture = _event(
        "armed-clash", VILLAGE, _said("senior commanders", 3), precision="week"
    )
    sameincident.share([strike, capture], {}, _family)
    assert _speakers(strike) == {"a rebel spokesman"}


def test_another_day_or_another_kind_of_event_keeps_its_own_voices():
    strike = _event("air-drone-strike", VILLAGE, _said("the Observatory", 0))
    protest = _event("peaceful-protest", VILLAGE, _said("activists", 2))
    earlier = _event(
        "air-drone-strike", VILLAGE, _said("medics", 4), day=SUNDAY - dt.timedelta(1)
    )
    sameincident.share([strike, protest, earlier], {}, _family)
    assert _speakers(strike) == {"the Observatory"}


def test_a_statement_naming_several_places_speaks_of_each():
    # "The Observatory reported shelling on Kafr Zita and Latamneh": sentence 4 names
    # both villages, though the statement was kept on one proposal only
    here = _event(
        "shelling-artillery-missile-attack", VILLAGE, _said("the Observatory", 4)
    )
    there = _event("shelling-artillery-missile-attack", OTHER_VILLAGE)
    sameincident.share([here, there], {4: [VILLAGE, OTHER_VILLAGE]}, _family)
    assert _speakers(there) == {"the Observatory"}


def test_a_statement_naming_the_province_speaks_of_its_villages_that_day():
    # "today's shelling of Hama province killed two, the governor wrote"
    here = _event(
        "shelling-artillery-missile-attack", VILLAGE, _said("the governor", 1)
    )
    there = _event("shelling-artillery-missile-attack", OTHER_VILLAGE)
    sameincident.share([here, there], {1: [HAMA]}, _family)
    assert _speakers(there) == {"the governor"}


@pytest.mark.django_db
@pytest.mark.usefixtures("actors_and_gazetteer")
def test_an_article_telling_one_strike_twice_gives_both_proposals_both_voices():
    proposal = propose.article_propose(
        text_raw="Warplanes bombed the village of Kafr Nabudah on Sunday, killing "
        "three civilians, the Syrian Observatory for Human Rights said. "
        "Government forces also shelled Kafr Nabudah on Sunday, a rebel commander "
        "told reporters.",
        published_at=dt.datetime(2024, 3, 11, 9, 0, tzinfo=dt.UTC),
    )
    at_village = [
        e for e in proposal.events if e.place and e.place.text == "Kafr Nabudah"
    ]
    assert len(at_village) == 2
    for event in at_village:
        voices = " / ".join(s.speaker for s in event.statements)
        assert "Observatory" in voices
        assert "rebel commander" in voices


# ------------------------------------------- the lead's voice, named again, runs on
def test_the_lead_voice_named_again_runs_on_to_the_sentences_after():
    voice = wire.LeadVoice()
    lead = speakers.attribute(
        "Troops killed 17 rebels in Daraa, the state-run SANA news agency reported."
    )
    again = speakers.attribute("The army destroyed their weapons in Jisa, said SANA.")
    plain = speakers.attribute("Also in Daraa, the army repelled an attack on a post.")
    voice.carry(0, lead, True)
    voice.carry(1, again, True)
    assert voice.carry(2, plain, True).speaker == "SANA"


def test_another_voice_still_ends_the_lead_voice():
    voice = wire.LeadVoice()
    voice.carry(0, speakers.attribute("Jets struck Jisa, SANA reported."), True)
    voice.carry(1, speakers.attribute("Rebels shelled Tafas, activists said."), True)
    plain = speakers.attribute("Also in Daraa, the army repelled an attack on a post.")
    assert voice.carry(2, plain, True).speaker == ""


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("the state-run SANA news agency", "SANA", True),
        ("Local residents", "The residents", True),
        ("the state news agency", "a news agency", False),
        ("Lebanon's state-run agency", "the state-run SANA agency", False),
    ],
)
def test_one_voice_named_twice(one, other, same):
    assert stances.same_voice(one, other) is same
