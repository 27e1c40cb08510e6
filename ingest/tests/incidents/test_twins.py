"""One incident proposed twice (ingest/incidents/twins.py) and days counted from the story's
day (ingest/when/days_apart.py), issue 13, helper ingdup3. The sentences are made up; each
follows a shape seen in the development reports."""

import datetime as dt

import pytest

from ingest.tests.articles import dated_events as _events

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


THURSDAY, WEDNESDAY = dt.date(2019, 11, 14), dt.date(2019, 11, 13)


def test_missiles_and_air_strikes_told_by_one_sentence_are_one_event():
    text = (
        "Air defences intercepted government missiles fired at Ariha early on "
        "Thursday, the army said. The army said in a statement the air strikes came "
        "from the south, causing “some material losses”. On Wednesday, its air "
        "defences downed two drones near the town."
    )
    assert _events(text) == [("shelling-artillery-missile-attack", "Ariha", THURSDAY)]


def test_an_air_strike_and_shelling_told_apart_stay_two():
    text = (
        "Warplanes struck Ariha on Thursday. Government artillery also shelled Ariha "
        "on Thursday, activists said."
    )
    assert _events(text) == [
        ("air-drone-strike", "Ariha", THURSDAY),
        ("shelling-artillery-missile-attack", "Ariha", THURSDAY),
    ]


def test_harm_to_civilians_after_an_attack_there_is_the_attack():
    text = (
        "Gunmen attacked the village of Kafr Nabl on Wednesday night. A woman was "
        "kidnapped and 22 houses were burnt down in Kafr Nabl."
    )
    assert _events(text) == [("attack", "Kafr Nabl", WEDNESDAY)]


def test_an_overnight_strike_told_again_by_its_named_night_is_one_event():
    text = (
        "An overnight missile attack on Ariha killed 13 people, an official said on "
        "Friday. The missiles hit a residential building in Ariha late on Thursday "
        "night, the official said."
    )
    assert _events(text) == [("shelling-artillery-missile-attack", "Ariha", THURSDAY)]


def test_an_overnight_strike_and_one_two_days_before_stay_two():
    text = (
        "An overnight missile attack on Ariha killed 13 people, an official said on "
        "Friday. Missiles had hit Ariha on Wednesday too, the official said."
    )
    assert sorted(_events(text)) == [
        ("shelling-artillery-missile-attack", "Ariha", WEDNESDAY),
        ("shelling-artillery-missile-attack", "Ariha", dt.date(2019, 11, 15)),
    ]


def test_a_capture_and_a_recapture_told_together_stay_two():
    text = (
        "Rebels seized Saraqib on Thursday, and government forces recaptured "
        "Saraqib hours later on Thursday, activists said."
    )
    kinds = {kind for kind, _, _ in _events(text)}
    assert kinds == {
        "non-state-actor-overtakes-territory",
        "government-regains-territory",
    }


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("Just one day earlier", dt.date(2019, 11, 12)),
        ("Two days earlier", dt.date(2019, 11, 11)),
        ("A day earlier", dt.date(2019, 11, 12)),
    ],
)
def test_days_earlier_count_from_the_day_before_it(phrase, day):
    text = (
        f"A Turkish drone struck a car in Saraqib on Wednesday. {phrase}, a drone "
        "strike targeted a car in Ariha, activists reported."
    )
    assert ("air-drone-strike", "Ariha", day) in _events(text)


def test_a_bombing_told_one_day_after_is_the_day_before_the_leads_day():
    text = (
        "The defence minister met the president in Idlib on Thursday. The meeting "
        "took place one day after militants carried out a car bomb attack in Ariha, "
        "killing 20 people."
    )
    found = [e for e in _events(text) if e[1] == "Ariha"]
    assert [day for _, _, day in found] == [WEDNESDAY]
