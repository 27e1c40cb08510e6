"""Issue 13 (series AH): villagers killed by hand (machetes, knives, beheadings) are an
attack on people (ACLED's violence against civilians), not the generic toll of a remote
strike that "killed" alone gives."""

import pytest

from ingest.tests.articles import cue_types as _slugs


@pytest.mark.parametrize(
    "clause",
    [
        "The victims were hacked to death with machetes in their fields.",
        "Nine people were killed with machetes in the village on Sunday night.",
        "Insurgents beheaded three fishermen on the road to the coast.",
        "Two farmers were stabbed to death near the market.",
    ],
)
def test_a_killing_by_hand_is_an_attack(clause):
    assert _slugs(clause) == ["attack"]


def test_a_toll_without_a_means_stays_generic():
    # guard: the bare toll is unchanged
    assert _slugs("At least 16 people were killed in the area.") == [
        "explosions-remote-violence"
    ]
