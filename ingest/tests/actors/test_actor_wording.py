"""Actors from the sentence's structure and the lexicon (issue 13, helper
ingstance2): "an attack by X" names who attacked however far the cue; "X arrested"
is who arrested; the Kurdish security forces and the Sudanese air force are known
actors. Sentences are made up, shaped like wire copy."""

import datetime as dt

import pytest

from events.models import Actor
from ingest import propose
from ingest.actors import actors

MONDAY = dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.django_db


def _roles(text: str) -> set[tuple[str, str, str]]:
    events = propose.article_propose(text_raw=text, published_at=MONDAY).events
    return {(e.event_type, a.name, a.role) for e in events for a in e.actors}


def test_an_attack_by_x_names_the_attacker_far_from_the_cue(actors_and_gazetteer):
    roles = _roles(
        "Five members of the Syrian National Army were killed and six others "
        "injured in an attack by the YPG/PKK terror group in Afrin on Monday."
    )
    assert ("armed-clash", "People's Protection Units", "initiator") in roles


def test_who_arrested_is_the_doer(actors_and_gazetteer):
    roles = _roles("On Monday, the SDF also arrested 13 people in Raqqa.")
    assert ("arrests", "Syrian Democratic Forces", "initiator") in roles


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Kurdish security forces clashed with the attackers.",
            "Kurdish security forces",
        ),
        ("Asayish forces arrested two men.", "Kurdish security forces"),
        ("The Sudanese Air Forces bombed RSF targets.", "Sudanese Armed Forces"),
    ],
)
def test_lexicon_phrasings_map_onto_the_actor_list(actors_and_gazetteer, text, actor):
    matcher = actors.ActorMatcher(Actor.objects.all())
    assert actor in {m.name for m in matcher.find(text)}
