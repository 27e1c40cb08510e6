"""A name read with the landform it heads ("the Sinjar mountains", "the Latakia
mountains") is the landform, never the village or city of that name
(ingest/where/parts.py, ingest/where/cityorregion.py). Made-up sentences."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _places(text: str) -> dict:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return {p.text: p for p in proposal.places}


def test_a_village_read_with_its_mountains_word_loses_its_point():
    # Idlib's village Sinjar is not the mountains the text names.
    places = _places("Warplanes struck the Sinjar mountains on Thursday.")
    mountains = places["Sinjar mountains"]
    assert mountains.lat is None
    assert mountains.origin == "unresolved"


def test_a_governorate_named_mountain_range_is_the_governorate():
    places = _places(
        "Regime forces shelled the Latakia mountains on Thursday, activists said."
    )
    mountains = places["Latakia mountains"]
    assert mountains.feature_type == "governorate"
    assert mountains.precision == 3


def test_the_city_named_plainly_stays_the_city():
    places = _places(
        "A car bomb exploded in the streets of Latakia on Thursday, killing four."
    )
    assert places["Latakia"].feature_type == "city"
