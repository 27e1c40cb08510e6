"""Actor phrasings the starting lexicon maps onto the actor list (issue 13): armed men
nobody names, tribes and Druze factions, the neighbouring states' forces."""

import datetime as dt

import pytest

from events import demo
from events.models import Actor
from ingest import propose
from ingest.actors import actors
from places import gazetteer

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2023, 1, 9, tzinfo=dt.UTC)


@pytest.fixture
def demo_data() -> None:
    demo._actors()
    assert len(gazetteer.gazetteer_index()) > 0


@pytest.mark.parametrize(
    ("phrase", "actor"),
    [
        ("unknown gunmen", "Unidentified armed group"),
        ("non-state armed groups", "Unidentified armed group"),
        ("Arab tribal fighters", "Tribal militias"),
        ("Druze factions", "Druze militias"),
        ("the Israeli military", "Israeli armed forces"),
        ("Israeli warplanes", "Israeli armed forces"),
        ("the Iraqi army", "Iraqi security forces"),
        ("Palestinian Islamic Jihad", "Palestinian Islamic Jihad"),
    ],
)
def test_demo_lexicon_names_the_side(phrase, actor):
    demo._actors()
    matcher = actors.ActorMatcher(Actor.objects.all())
    assert [m.name for m in matcher.find(f"They said {phrase} were there.")] == [actor]


def test_a_named_groups_gunmen_are_that_group():
    demo._actors()
    matcher = actors.ActorMatcher(Actor.objects.all())
    assert [m.name for m in matcher.find("ISIS gunmen attacked a checkpoint.")] == [
        "Islamic State"
    ]


def test_unknown_gunmen_are_who_did_the_killing(demo_data):
    proposal = propose.article_propose(
        text_raw=(
            "On Jan. 2, unknown gunmen shot dead a woman in the town of Tafas in the "
            "western countryside of Daraa, local sources said."
        ),
        published_at=MONDAY,
    )
    doers = {
        a.name
        for e in proposal.events
        for a in e.actors
        if a.role in ("initiator", "supporting")
    }
    assert "Unidentified armed group" in doers


def test_clashes_between_druze_factions_and_tribal_fighters_name_both(demo_data):
    proposal = propose.article_propose(
        text_raw=(
            "On Friday, clashes broke out between Druze factions and Arab tribal "
            "fighters on the outskirts of Suwayda city, a local source said."
        ),
        published_at=dt.datetime(2025, 7, 18, tzinfo=dt.UTC),
    )
    named = {a.name for e in proposal.events for a in e.actors}
    assert {"Druze militias", "Tribal militias"} <= named


def test_an_opening_sentences_perpetrators_did_the_shelling_it_details(demo_data):
    proposal = propose.article_propose(
        text_raw=(
            "ERBIL (Kurdistan 24) – Turkish-backed forces continue to bombard areas "
            "near Ain Issa and Tal Tamr with heavy artillery, the Syria-based Rojava "
            "Information Centre (RIC) reported on Friday.\n\n"
            "“Near Ayn Issa, the villages of Hoshan, Fatsa and Mushairfa were shelled "
            "from Turkish-occupied territory,” the RIC said in a tweet."
        ),
        published_at=dt.datetime(2022, 4, 16, tzinfo=dt.UTC),
    )
    shelled = [
        e
        for e in proposal.events
        if e.event_type == "shelling-artillery-missile-attack"
    ]
    assert shelled
    for event in shelled:
        assert ("Syrian National Army", "initiator") in {
            (a.name, a.role) for a in event.actors
        }
        assert "opening sentence" in event.rule


def test_no_framing_actor_for_a_story_that_opens_with_an_event(demo_data):
    proposal = propose.article_propose(
        text_raw=(
            "Turkish-backed forces shelled Ain Issa on Friday, the RIC reported.\n\n"
            "The villages of Hoshan and Fatsa were shelled, activists said."
        ),
        published_at=dt.datetime(2022, 4, 16, tzinfo=dt.UTC),
    )
    assert all("opening sentence" not in e.rule for e in proposal.events)
