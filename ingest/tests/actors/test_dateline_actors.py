"""A dateline names where a story was filed, never who acted: "MOSCOW, May 31
(Reuters) -" is not Russia in the events of the sentence it opens (an actor alias such
as "Moscow" for Russia stays an actor elsewhere in the text). Sentences are made up,
shaped like wire copy."""

import datetime as dt

import pytest

from ingest import propose

FRIDAY = dt.datetime(2024, 5, 31, 14, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.django_db


def _actors(text: str) -> set[str]:
    events = propose.article_propose(text_raw=text, published_at=FRIDAY).events
    assert events, "an event is proposed"
    return {a.name for e in events for a in e.actors}


@pytest.mark.parametrize(
    "dateline",
    ["MOSCOW, May 31 (Reuters) -", "MOSCOW May 31", "Moscow, Russia —", "MOSCOW --"],
)
def test_the_filing_city_is_no_actor(actors_and_gazetteer, dateline):
    found = _actors(
        f"{dateline} Syrian government forces shelled the town of Saraqib in "
        "Idlib on Thursday, killing three civilians."
    )
    assert "Russia" not in found
    assert "Syrian government forces" in found


def test_the_alias_still_names_the_actor_outside_a_dateline(actors_and_gazetteer):
    found = _actors(
        "BEIRUT (Reuters) - Warplanes sent by Moscow struck the town of Saraqib in "
        "Idlib on Thursday, killing three civilians."
    )
    # "Moscow" names Russia; a state that strikes is proposed as its armed forces
    # (ingstance6: ActorMatcher.as_forces)
    assert "Russian armed forces" in found
