"""A bare "Idlib" or "Daraa": the city or its governorate, as its own sentence says
(ingest/cityorregion.py). Made-up sentences."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _event_places(text: str) -> list:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [e.place for e in proposal.events]


def test_a_neighbourhood_of_the_city_is_the_city_though_the_article_says_province():
    # The article treats Daraa as a region elsewhere ("Daraa province"); the
    # sentence's "neighbourhood" still makes its bare Daraa the city.
    places = _event_places(
        "Government shelling killed three civilians in a residential neighbourhood of "
        "Daraa on Thursday. Clashes erupted in Nawa in western Daraa province on "
        "Friday, activists said."
    )
    first = places[0]
    assert first.feature_type == "city"
    assert not first.is_region


def test_a_town_of_the_governorate_beside_it_makes_the_governorate():
    places = _event_places(
        "Warplanes struck Maarat al-Numan in Idlib on Friday, killing two, "
        "activists said. On Thursday a car bomb exploded in the streets of Idlib, "
        "killing four civilians."
    )
    # The strike is at the town; the car bomb in the city, not the governorate.
    assert any(p is not None and p.feature_type == "city" for p in places)
    assert not any(p is not None and p.feature_type == "governorate" for p in places)


def test_a_sentence_saying_nothing_leaves_the_article_to_decide():
    places = _event_places(
        "Warplanes struck Idlib on Friday, killing two, activists said. Fighting "
        "continued across Idlib province."
    )
    assert places[0].feature_type == "governorate"
    assert places[0].precision == 3
