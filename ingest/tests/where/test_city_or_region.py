"""A bare "Idlib" or "Daraa": the city or its governorate, as its own sentence says
(ingest/where/cityorregion.py). Made-up sentences."""

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


def test_a_governorate_seat_after_a_village_and_a_comma_is_the_governorate():
    # "the X village, Deir ez-Zor": where the village lies, not the city of Deir ez-Zor.
    places = {
        p.text: p
        for p in propose.article_propose(
            text_raw="Gunmen killed two council members in the Hawayij village, "
            "Deir ez-Zor on Friday, activists said.",
            published_at=FRIDAY,
        ).places
    }
    seat = places["Deir ez-Zor"]
    assert seat.feature_type == "governorate"
    assert seat.precision == 3


def test_a_city_west_of_which_a_village_lies_stays_the_city():
    places = {
        p.text: p
        for p in propose.article_propose(
            text_raw="Shelling hit homes in Qastoun village, west of Hama, on "
            "Friday, killing two. All victims in Qastoun in Hama province were "
            "from one family.",
            published_at=FRIDAY,
        ).places
    }
    assert places["west of Hama"].feature_type == "city"


def test_the_area_of_a_governorate_city_is_the_governorate():
    [place] = [
        p
        for p in propose.article_propose(
            text_raw="Gunmen killed two fighters in the Deir ez-Zor area on Friday, "
            "activists said.",
            published_at=FRIDAY,
        ).places
        if p.text.startswith("Deir")
    ]
    assert (place.feature_type, place.precision) == ("governorate", 3)
