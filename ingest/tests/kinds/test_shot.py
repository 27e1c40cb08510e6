"""A person shot is an attack, whoever tells it (issue 13; "died after being shot by a
settler days ago in Ras Karkar" gave no proposal, read in an unseen wire story).
Clauses are written for the test."""

import pytest

from ingest.tests.articles import cue_types as _types


@pytest.mark.parametrize(
    "clause",
    [
        "A man died after being shot by a settler in the village",
        "A youth was shot in the stomach during the raid",
        "A farmer died of gunshot wounds near the fence",
    ],
)
def test_a_person_shot_is_an_attack(clause):
    assert _types(clause) == ["attack"]


def test_a_drone_shot_down_is_no_attack_on_a_person():  # guard
    assert "attack" not in _types("The drone was shot down over the town")


@pytest.mark.parametrize(
    "clause",
    [
        "two soldiers were shot dead at a checkpoint near the town",
        "Two soldiers were shot in an ambush near the base",
    ],
)
def test_soldiers_shot_are_a_clash(clause):
    assert set(_types(clause)) == {"armed-clash"}
