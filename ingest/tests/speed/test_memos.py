"""What one article's reading keeps for itself (places.geocoding.memo scopes), for
speed (bench/README.md, "Speed on reports about other wars"): the same answers as
asked afresh, and nothing kept past the article when its source changes."""

import pytest
from django.contrib.gis.geos import Point

from ingest.where import matching, windows
from places import gazetteer
from places.geocoding import memo
from places.models import Place

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]

SENTENCE = (
    "Warplanes struck Maarat al-Numan and the western countryside of Idlib, "
    "Shafaq News said, as fighting spread to Aden and Taiz in Yemen."
)


def _spans(country: str) -> list[tuple[int, int]]:
    return matching.PlaceMatcher(country=country)._name_spans(SENTENCE, [])


def test_the_name_windows_are_read_once_per_article_with_the_same_answers():
    alone = {c: _spans(c) for c in ("SY", "YE")}  # each asked afresh (no scope)
    assert alone["SY"]
    assert alone["SY"] != alone["YE"]
    with memo.scope():  # one article read in both countries' gazetteers, by turns
        shared = {c: _spans(c) for c in ("SY", "YE", "SY")}
        words = windows._sentence_words(SENTENCE)
        assert windows._sentence_words(SENTENCE) is words  # kept for the article
    assert shared == alone


def test_the_gazetteer_index_is_asked_for_its_version_once_per_article():
    """An edit (a place fixed by hand in the admin) reaches the next article, never
    half of one: the index is the same throughout an article."""
    before = gazetteer.gazetteer_index()
    with memo.scope():
        first = gazetteer.gazetteer_index()
        Place.objects.create(
            name="Qaryat Speedtest", country_code="SY", location=Point(36.6, 35.9),
            provenance=Place.Provenance.MANUAL,
        )  # fmt: skip
        assert gazetteer.gazetteer_index() is first
    after = gazetteer.gazetteer_index()  # the next article: rebuilt with the edit
    assert after is not before
    assert after.resolve("Qaryat Speedtest", country="SY") is not None
    assert before.resolve("Qaryat Speedtest", country="SY") is None
