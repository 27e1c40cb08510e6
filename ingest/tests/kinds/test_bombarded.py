""" "Bombarded" is the fire of the side named, as "shelled" is (issue 13; read in
unseen monitor reports: "regime forces bombarded Khirbat al-Naqus village" gave no
proposal). Clauses are written for the test, never quoted."""

import pytest

from ingest.tests.articles import cue_types as _types


@pytest.mark.parametrize(
    "clause",
    [
        "Regime forces bombarded the village of Kandar with heavy artillery",
        "Government troops bombarded the outskirts of Kandar overnight",
        "Regime forces bombarded positions near the dam at dawn",
    ],
)
def test_ground_forces_that_bombarded_a_place_shelled_it(clause):
    assert _types(clause) == ["shelling-artillery-missile-attack"]


def test_warplanes_that_bombarded_a_place_struck_from_the_air():  # guard
    assert _types("Russian warplanes bombarded the village of Kandar") == [
        "air-drone-strike"
    ]
