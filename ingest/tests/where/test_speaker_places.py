"""A place named in the speaker's own words, the sentence's content read whole
around them (ingest/where/seats.in_speakers_words). Made-up sentences."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _event_places(text: str) -> list[str]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [e.place.text if e.place else "" for e in proposal.events]


def test_the_speakers_town_set_off_by_what_it_is_is_not_the_events_place():
    # As "Activists in Saraqib said that …" (the speaker read before its content).
    places = _event_places(
        "Activists in Saraqib, a rebel-held town, said that shelling killed two "
        "people on Friday."
    )
    assert "Saraqib" not in places
    assert places == _event_places(
        "Activists in Saraqib said that shelling killed two people on Friday."
    )


def test_a_body_in_a_town_is_not_the_events_place():
    places = _event_places(
        "A local council in Saraqib told reporters that warplanes struck a market "
        "on Friday, killing three people."
    )
    assert "Saraqib" not in places


def test_the_events_own_place_is_kept():
    places = _event_places(
        "Activists in Saraqib, a rebel-held town, said that government forces "
        "shelled Kafranbel on Friday, killing five people."
    )
    assert places == ["Kafranbel"]
