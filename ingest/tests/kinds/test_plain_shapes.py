"""Incidents told with no cue word of the type table (issue 13, held-out "missed:
nothing of its type"; ingest/kinds/plainshapes.py and the cue table's toll and village
cues). Each clause is written for the test after a shape of the development reports,
never quoted."""

import pytest

from ingest.tests.articles import cue_types as _types


@pytest.mark.parametrize(
    "clause",
    [
        "Overnight the Pokrovsk community came under attack",
        "Kherson and four villages of the district came under heavy fire of the enemy",
        "The Lebanese channel said the village of Aita al-Shaab was hit",
        "Several homes in the eastern quarter have been hit since the morning",
    ],
)
def test_a_place_that_came_under_fire_or_was_hit_was_struck_from_afar(clause):
    assert _types(clause) == ["explosions-remote-violence"]


@pytest.mark.parametrize(
    "clause",
    [
        "Army positions near the dam came under heavy fire on Monday",
        "A police patrol came under attack on the road to the border crossing",
    ],
)
def test_forces_that_came_under_fire_are_a_clash(clause):
    assert _types(clause) == ["armed-clash"]


@pytest.mark.parametrize(
    "clause",
    [
        "Unknown assailants opened a car door in the market, killing three traders",
        "Four farmers lost their lives on Sunday near the river",
    ],
)
def test_a_toll_told_as_a_participle_or_lost_lives_is_an_incident(clause):
    assert _types(clause) == ["explosions-remote-violence"]


@pytest.mark.parametrize(
    "clause",
    [
        "On Monday militants attacked Nangade village in the district",
        "Gunmen raided a village in the north, killing nine people",
        "The armed group attacked a remote village at dawn",
    ],
)
def test_a_village_attacked_or_raided_is_an_attack(clause):
    assert _types(clause) == ["attack"]


@pytest.mark.parametrize(
    "clause",
    [
        "A mortar shell struck a school in the camp, killing two pupils",
        "A Russian drone hit a minibus near the bridge, killing the driver",
    ],
)
def test_a_toll_keeps_the_weapon_named_as_what_hit(clause):
    assert _types(clause) != ["explosions-remote-violence"]
    assert len(_types(clause)) == 1


@pytest.mark.parametrize(
    "clause",
    [
        "The families demanded justice for the killing of their sons",
        "The town could come under fire again if the talks fail, the governor warned",
        "Villagers fear the bridge will be hit by the next storm",
        "The troops repelled three attacks near the village of Kamyanka",
    ],
)
def test_no_incident_from_these_shapes(clause):
    assert "explosions-remote-violence" not in _types(clause)
    assert "attack" not in _types(clause)
