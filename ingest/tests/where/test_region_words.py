"""A bare city-or-governorate name beside a region word that is not its own
(ingest/where/regionwords.py). Made-up sentences."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _places(text: str) -> dict:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return {(p.text, p.feature_type): p for p in proposal.places}


def test_a_city_and_its_countryside_is_the_city():
    # The article treats Daraa as a region elsewhere; "Daraa and its countryside"
    # names the city beside the area around it.
    places = _places(
        "Government forces took over Daraa and its countryside on Friday, activists "
        "said. Clashes went on in the countryside of Daraa."
    )
    assert ("Daraa", "city") in places


def test_rural_before_a_common_noun_leaves_the_bare_name_the_city():
    places = _places(
        "Shelling hit Homs on Friday and the army stormed rural towns nearby, "
        "killing two, activists said."
    )
    assert ("Homs", "city") in places
    assert ("Homs", "governorate") not in places


def test_a_region_word_inside_another_place_leaves_the_bare_name_the_city():
    places = _places(
        "Rebels attacked army posts in the Hama countryside on Friday to push the "
        "army away from Homs, activists said."
    )
    assert ("Homs", "city") in places
    assert ("Homs", "governorate") not in places


def test_the_province_beside_no_name_still_makes_the_governorate():
    places = _places(
        "Warplanes struck Idlib on Friday, killing two, as fighting spread across "
        "the province, activists said."
    )
    assert ("Idlib", "governorate") in places
    assert ("Idlib", "city") not in places
