"""A strike told through its weapon (issue 13; ingest/kinds/weaponcues.py): a drone or a
shell named as what hit is a strike of its type, where no other cue fired. Each clause
is written for the test after a shape of the development reports, never quoted."""

import pytest

from ingest.tests.articles import cue_types as _types


@pytest.mark.parametrize(
    "clause",
    [
        "Two houses were damaged in an attack by Russian UAVs in the city's east",
        "A bus driver was hurt when his bus was hit by a Russian drone near Sumy",
        "An Israeli drone attacked a motorbike at the entrance of the town",
        "The occupiers attacked a farmer by a drone near Beryslav",
        "Another drone had fallen on a farm in Oboyan district, damaging a barn",
    ],
)
def test_a_drone_named_as_what_hit_is_an_air_strike(clause):
    assert _types(clause) == ["air-drone-strike"]


@pytest.mark.parametrize(
    "clause",
    [
        "A shell fired by separatist forces hit a kindergarten in Avdiivka",
        "On Tuesday a tank shell struck a shop in the camp",
        "The clinic was hit by an artillery shell at dawn",
    ],
)
def test_one_shell_named_as_what_hit_is_shelling(clause):
    assert _types(clause) == ["shelling-artillery-missile-attack"]


@pytest.mark.parametrize(
    "clause",
    [
        "An Israeli drone crashed due to a technical malfunction near the border",
        "The drones will attack the city again, the spokesman warned",
        "A Ukrainian-made drone on display at the museum",
        "Two drones had been downed over the district overnight",
        "The company Shell hit its production target",
    ],
)
def test_a_drone_or_shell_that_hit_nothing_is_no_strike(clause):
    assert _types(clause) == []
