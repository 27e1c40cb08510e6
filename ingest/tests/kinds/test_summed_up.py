"""False positives on reports the rules were not written for (issue 13, series L):
violence summed up over several places or days, a country's displacement count, a
region's standing displacement, "displaced" naming a group, "no reports of any
casualties", and one strike read twice. The sentences are made up."""

import datetime as dt

import pytest

from ingest import propose
from ingest.kinds import rules
from ingest.tests.articles import cue_kept, no_cue_kept

WEDNESDAY = dt.datetime(2023, 6, 28, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        (
            "Four people were killed in army raids in several villages of the "
            "district, residents said on Monday.",
            "air-drone-strike",
        ),
        (
            "Twenty people were arrested in Alpha, Beta and Gamma during three days of "
            "military operations on Monday and Tuesday.",
            "arrests",
        ),
        (
            "At least nine people were killed in multiple rebel attacks on two villages "
            "and a market on Sunday, officials said.",
            "explosions-remote-violence",
        ),
        (
            "The war has displaced more than 4 million people, the agency said.",
            "displacement",
        ),
        (
            "The crisis is grave, with some 2.1 million people displaced inside the "
            "country.",
            "displacement",
        ),
        (
            "The raid came in a province already marred by hunger and mass "
            "displacement.",
            "displacement",
        ),
    ],
)
def test_violence_summed_up_is_no_event(sentence, slug):
    assert not cue_kept(sentence, slug)


@pytest.mark.parametrize(
    "sentence",
    [
        "There were no reports of any casualties in the raid, the mayor said.",
        "No casualties were reported in the raid on the village.",
    ],
)
def test_no_casualties_in_a_raid_is_no_event(sentence):
    # a toll said not to exist is no toll, so no ground assault on people either
    assert no_cue_kept(sentence)


def test_displaced_naming_a_group_is_no_displacement():
    sentence = (
        "The violence goes on, making it ever harder for displaced populations to "
        "find safety."
    )
    assert "displacement" not in {m.slug for m in rules.classify(sentence, [])}


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        (
            "Two days of fighting in the town killed 32 people on Saturday.",
            "armed-clash",
        ),
        (
            "About 3,000 people were displaced from the village on Monday.",
            "displacement",
        ),
        (
            "The shelling of the town displaced 300 families on Sunday.",
            "shelling-artillery-missile-attack",
        ),
        ("Gunmen killed four soldiers in the town on Monday.", "armed-clash"),
    ],
)
def test_one_incident_is_still_an_event(sentence, slug):
    assert cue_kept(sentence, slug)


@pytest.mark.django_db
def test_a_strike_told_again_by_other_media_is_one_event(actors_and_gazetteer):
    events = propose.article_propose(
        text_raw=(
            "BEIRUT: A military airstrike on a village killed ten civilians, locals and "
            "media reports said on Wednesday.\n\n"
            "A military jet dropped three bombs on Kafr Nabl village in the southern "
            "Idlib countryside on Tuesday afternoon, according to a fighter from the "
            "village.\n\n"
            "Ten people were killed and eight wounded, he said.\n\n"
            "A resident of Kafr Nabl also said that ten people had been killed in the "
            "strike.\n\n"
            "Local media also reported the air strikes, with some outlets saying nine "
            "people had been killed."
        ),
        published_at=WEDNESDAY,
    ).events
    strikes = [e for e in events if e.event_type == "air-drone-strike"]
    assert len(strikes) == 1, [(e.place and e.place.name, e.sentences) for e in strikes]


@pytest.mark.django_db
def test_an_outlets_name_is_no_place(actors_and_gazetteer):
    proposal = propose.article_propose(
        text_raw=(
            "Shafaq News / On Friday, the Syrian Democratic Forces said they had killed "
            "five Turkish soldiers, and Turkish drones struck a village near Qamishli."
        ),
        published_at=WEDNESDAY,
    )
    assert "Ash Shafaq" not in [p.name for p in proposal.places]
    assert "Ash Shafaq" not in [e.place.name for e in proposal.events if e.place]
