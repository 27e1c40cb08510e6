"""A town named before an event's cue is not its target when the cue names one after it
(issue 13, helper ingwhere): "rebels who had withdrawn from A shelled B" is one event at
B, not a second one at A; "A and B were shelled" still gives both."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _places(text: str) -> list[str]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return sorted(e.place.text for e in proposal.events if e.place)


def test_where_the_shelling_rebels_came_from_is_no_second_event():
    text = "Rebels who had withdrawn from Saraqib shelled Kafr Nabl on Tuesday."
    assert _places(text) == ["Kafr Nabl"]


def test_the_town_opening_the_sentence_yields_to_the_one_the_strike_hit():
    text = "In Saraqib, regime warplanes struck a convoy near Kafr Nabl on Tuesday."
    assert _places(text) == ["Kafr Nabl"]


def test_towns_that_were_shelled_stay_events_before_the_cue():
    text = "Saraqib and Kafr Nabl were shelled on Tuesday, killing five in Ariha."
    assert _places(text) == ["Ariha", "Kafr Nabl", "Saraqib"]
