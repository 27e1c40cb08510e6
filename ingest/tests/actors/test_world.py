"""Actors of wars the demo list does not cover (issue 13): the shipped, sourced lexicon
(`events/fixtures/actors_world.csv`), states' forces by their adjective, and a generic
word after a name the list does not know. Each case failed before (guards marked)."""

import datetime as dt

import pytest

from events import demo
from events.models import Actor
from ingest import propose
from ingest.actors import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def matcher() -> actors.ActorMatcher:
    demo._actors()
    return actors.ActorMatcher(Actor.objects.all())


@pytest.mark.parametrize(
    ("phrase", "actor"),
    [
        ("M23 rebels", "March 23 Movement"),
        ("ISWAP", "Islamic State West Africa Province"),
        ("the Taliban", "Taliban"),
        ("the Tatmadaw", "Myanmar military"),
        ("Akhmat battalion", "Akhmat special forces"),
        ("the PFLP", "Popular Front for the Liberation of Palestine"),
        ("African Union troops", "African Union mission in Somalia"),
        ("the IRGC", "Islamic Revolutionary Guard Corps"),
        # a state's forces by its adjective or name, with their arms
        ("Congolese forces", "Congolese armed forces"),
        ("Cameroon army", "Cameroonian armed forces"),
        ("Somali troops", "Somali armed forces"),
        ("Nigerian warplanes", "Nigerian armed forces"),
        ("U.S. military", "United States armed forces"),
        ("American drones", "United States armed forces"),
        ("Burmese fighter jets", "Myanmar military"),
    ],
)
def test_the_shipped_lexicon_names_sides_of_other_wars(matcher, phrase, actor):
    assert [m.name for m in matcher.find(f"They said {phrase} were there.")] == [actor]


@pytest.mark.parametrize(
    "sentence",
    [
        "FRPI rebels seized the base on Monday.",
        "Ambazonian rebels seized the base on Monday.",
        "Fulani gunmen attacked the village.",
        "Congolese rebels seized the town.",  # another country's adjective
    ],
)
def test_a_generic_word_after_an_unknown_name_is_not_a_listed_party(matcher, sentence):
    assert matcher.find(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [  # guards: the list's own words still read
        ("Syrian rebels seized the town.", "Syrian armed opposition"),
        ("Armed rebels seized the town.", "Syrian armed opposition"),
        ("On Monday rebels seized the town.", "Syrian armed opposition"),
        ("Unknown gunmen attacked the village.", "Unidentified armed group"),
        ("They attacked Damascus government forces.", "Syrian government forces"),
        ("Idlib rebels shelled the town.", "Syrian armed opposition"),
        ("Troops killed 17 armed rebels.", "Syrian armed opposition"),
    ],
)
def test_a_generic_word_after_a_common_word_still_names_the_party(
    matcher, sentence, actor
):
    assert [m.name for m in matcher.find(sentence)] == [actor]


def test_an_unknown_groups_fighters_are_proposed_as_a_new_actor():
    demo._actors()
    proposal = propose.article_propose(
        text_raw="Ambazonian rebels seized the town of Bhamo on Monday, residents said.",
        published_at=dt.datetime(2024, 1, 9, tzinfo=dt.UTC),
    )
    [event] = proposal.events
    assert not [a for a in event.actors if a.role == "initiator"]
    assert [a.text for a in event.new_actors] == ["Ambazonian rebels"]


def test_every_lexicon_row_names_its_source():
    from events import actor_lexicon

    rows = actor_lexicon.lexicon_rows()
    kinds = set(Actor.Kind.values)
    assert rows
    for row in rows:
        assert row["source"].startswith("https://"), row["name"]
        assert row["kind"] in kinds, row["name"]
        assert len(row["country"]) in (0, 2), row["name"]


def test_the_generic_word_beside_another_countrys_group_is_that_group():
    demo._actors()
    proposal = propose.article_propose(
        text_raw="M23 rebels have seized the border town of Bunagana, residents said on "
        "Monday. Two activists confirmed that Bunagana had fallen to the rebels.",
        published_at=dt.datetime(2022, 6, 13, tzinfo=dt.UTC),
    )
    names = {a.name for e in proposal.events for a in e.actors}
    assert "March 23 Movement" in names
    assert "Syrian armed opposition" not in names
