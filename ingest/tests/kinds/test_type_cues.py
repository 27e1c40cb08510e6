"""The event type of a clause on unseen reports (issue 13; bench/typecauses.py): cues
that mean another type, or none, where they stand. Each clause is written for the
test after a shape of the development reports, never quoted from them."""

import pytest

from ingest.tests.articles import cue_types as _types


@pytest.mark.parametrize(
    "clause",
    [
        "A man left a bag near the gate of the market and fled the scene, police said",
        "The second shell landed as worshippers fled the building",
        "The school now shelters families displaced by the war",
        "Most of the district's population have fled their homes since 2019",
    ],
)
def test_leaving_a_spot_or_a_population_described_is_no_displacement(
    clause,
):
    assert "displacement" not in _types(clause)


def test_families_fleeing_their_village_are_still_displaced():
    assert _types("Hundreds of families fled their villages on Sunday") == [
        "displacement"
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "At least 40 were killed and 60 injured in the militia raid on the village",
        "Nine people were killed, and the village's granary torched",
    ],
)
def test_a_toll_of_a_ground_assault_on_people_is_an_attack(clause):
    assert _types(clause) == ["attack"]


@pytest.mark.parametrize(
    "clause",
    [
        "At least 40 were killed in the air raid on the village",
        "Nine soldiers were killed in the raid on the outpost",
    ],
)
def test_a_toll_of_an_air_raid_or_of_troops_stays_what_it_was(clause):
    assert "attack" not in _types(clause)


def test_a_town_attacked_leaving_people_dead_is_an_attack():
    assert _types(
        "On Friday, the armed group attacked the town of Dalo, leaving more than "
        "20 people dead"
    ) == ["attack"]


def test_what_a_retaliation_answers_is_not_the_act():
    assert "violence-against-civilians" not in _types(
        'The spokesman said the bombing was in retaliation for "massacres" in the south'
    )


def test_gunmen_who_assassinate_a_police_officer_clash_with_security_forces():
    assert _types("Gunmen on Monday assassinated a police colonel near the bank") == [
        "armed-clash"
    ]
    assert _types("Gunmen on Monday assassinated a local judge near the bank") == [
        "attack"
    ]


def test_an_arrest_told_as_apprehended_and_an_explosive_buried_in_a_road():
    assert "arrests" in _types("Police apprehended two suspects in the market")
    assert "remote-explosive-landmine-ied" in _types(
        "The truck struck an explosive buried in the road, killing four"
    )


def test_a_weapons_attack_on_a_village_is_that_weapons_type():
    assert _types(
        "Troops launched a heavy mortar attack on the border village of Lypky"
    ) == ["shelling-artillery-missile-attack"]
