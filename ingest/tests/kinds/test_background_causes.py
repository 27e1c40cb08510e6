"""Background that is no event of its own (issue 13, helper ingprec4, see
bench/dupcauses.py): the places of what an act answers ("in retaliation for attacks
on B"); a war's running toll in thousands; a frequency ("on almost a daily basis");
violence named as one cause of a situation ("fighting ... have hindered the delivery of
aid"). The sentences are made up."""

import datetime as dt

import pytest

from ingest import propose
from ingest.kinds import background
from ingest.tests.articles import cue_kept, no_cue_kept

MONDAY = dt.datetime(2024, 3, 11, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "sentence",
    [
        "In its war on the region, the army has killed at least 37,900 people, the "
        "ministry said.",
        "Army artillery shelled the towns of the valley on almost a daily basis.",
        "The villages of the plain were shelled dozens of times, residents said.",
        "Restrictions, fighting and the breakdown of order have hindered the delivery "
        "of aid.",
        "The situation has worsened as deadly clashes and fresh displacement compound "
        "civilian suffering.",
    ],
)
def test_a_cause_a_frequency_or_a_situation_is_no_event(sentence):
    assert no_cue_kept(sentence)


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        (
            "Rebels shelled the village of A in response to the army's advance.",
            "shelling-artillery-missile-attack",
        ),
        (
            "Fighting on Monday hindered the delivery of aid to the town.",
            "armed-clash",
        ),
        ("Jets bombed the market in the town every hour.", "air-drone-strike"),
    ],
)
def test_the_act_itself_stays_an_event(sentence, slug):
    assert cue_kept(sentence, slug)


def test_the_places_of_a_retaliations_cause_are_an_aside():
    sentence = (
        "Rebels shelled the village of A in retaliation for government attacks on "
        "areas nearby and in the city of B, the group said."
    )
    (start, end), *_ = background.asides(sentence)
    assert "city of B" in sentence[start:end]
    assert "village of A" not in sentence[start:end]
    assert "the group said" not in sentence[start:end]


@pytest.mark.django_db
def test_a_shelling_in_retaliation_is_placed_at_its_target(actors_and_gazetteer):
    events = propose.article_propose(
        text_raw=(
            "Rebels shelled the town of Kafr Nabl on Sunday in retaliation for "
            "government attacks on the city of Saraqib."
        ),
        published_at=MONDAY,
    ).events
    names = [e.place.name for e in events if e.place is not None]
    assert len(names) == 1
    assert "Saraqib" not in names[0]
