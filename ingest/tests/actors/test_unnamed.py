"""Armed men nobody names, in the lexicon's wordings (`events/fixtures/actors_common.py`):
ACLED codes an unclaimed attack, bombing or kidnapping to an unidentified armed group."""

import pytest

from events import demo
from events.models import Actor
from ingest.actors import actors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "phrase",
    ["unidentified men", "unknown persons", "an unidentified bomber", "kidnappers"],
)
def test_unnamed_attackers_are_the_unidentified_armed_group(phrase):
    demo._actors()
    matcher = actors.ActorMatcher(Actor.objects.all())
    found = matcher.find(f"In the village, {phrase} attacked a convoy.")
    assert [m.name for m in found] == ["Unidentified armed group"]
